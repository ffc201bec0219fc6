import { daysBefore, isDue, latestSlot, type LocalTime } from "../../../src/gas/platform/schedule";

const at = (date: string, hour: number, weekday: number): LocalTime => ({ date, hour, weekday });
const daily = { kind: "daily", hour: 2 } as const;
// ISO weekday 1 = Monday; 2026-11-23 is a Monday.
const mondays9 = { kind: "weekly", weekday: 1, hour: 9 } as const;

describe("slots", () => {
  it("counts calendar days across month and year ends", () => {
    expect(daysBefore("2026-03-01", 1)).toBe("2026-02-28");
    expect(daysBefore("2027-01-01", 7)).toBe("2026-12-25");
  });

  it("the latest daily slot is today's once its hour has come, else yesterday's", () => {
    expect(latestSlot(daily, at("2026-11-24", 1, 2))).toBe("2026-11-23 02");
    expect(latestSlot(daily, at("2026-11-24", 2, 2))).toBe("2026-11-24 02");
    expect(latestSlot(daily, at("2026-11-24", 23, 2))).toBe("2026-11-24 02");
  });

  it("the latest weekly slot is the last weekday at that hour", () => {
    expect(latestSlot(mondays9, at("2026-11-23", 8, 1))).toBe("2026-11-16 09");
    expect(latestSlot(mondays9, at("2026-11-23", 9, 1))).toBe("2026-11-23 09");
    expect(latestSlot(mondays9, at("2026-11-29", 0, 7))).toBe("2026-11-23 09");
    expect(latestSlot({ kind: "weekly", weekday: 7, hour: 20 }, at("2026-11-23", 9, 1))).toBe(
      "2026-11-22 20",
    );
  });
});

describe("due", () => {
  it("is due once per slot: not again after running for it", () => {
    const now = at("2026-11-24", 2, 2);
    expect(isDue(daily, now, "2026-11-23 02", null)).toBe(true);
    expect(isDue(daily, now, "2026-11-24 02", null)).toBe(false);
  });

  it("a missed or late hour still runs once, however many slots were missed", () => {
    const late = at("2026-11-27", 15, 5);
    expect(isDue(daily, late, "2026-11-23 02", null)).toBe(true);
    expect(latestSlot(daily, late)).toBe("2026-11-27 02");
    expect(isDue(daily, late, "2026-11-27 02", null)).toBe(false);
  });

  it("owes no slot from before the feature was turned on", () => {
    // Turned on at 17:00 on the 23rd: nothing is owed until 02:00 on the 24th.
    expect(isDue(daily, at("2026-11-23", 18, 1), null, "2026-11-23 17")).toBe(false);
    expect(isDue(daily, at("2026-11-24", 2, 2), null, "2026-11-23 17")).toBe(true);
    // Turned on at 01:30: that night's 02:00 is owed.
    expect(isDue(daily, at("2026-11-24", 2, 2), null, "2026-11-24 01")).toBe(true);
    // Turned on during the slot's own hour: the next slot.
    expect(isDue(daily, at("2026-11-24", 2, 2), null, "2026-11-24 02")).toBe(false);
  });

  it("a skipped daylight-saving hour still runs in the next hour that exists", () => {
    // Clocks jump from 01:59 to 03:00: the 02:00 slot is owed at 03:00.
    expect(isDue(daily, at("2027-03-14", 3, 7), "2027-03-13 02", null)).toBe(true);
    // A repeated 02:00 hour (clocks go back) is the same slot: it does not run twice.
    expect(isDue(daily, at("2026-11-01", 2, 7), "2026-11-01 02", null)).toBe(false);
  });
});
