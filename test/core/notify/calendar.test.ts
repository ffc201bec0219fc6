import fc from "fast-check";
import {
  addDays,
  daysBetween,
  fromDayNumber,
  monthsEnding,
  toDayNumber,
} from "../../../src/core/notify/calendar";

describe("calendar keys", () => {
  it("agrees with UTC Date arithmetic on every day of four centuries", () => {
    fc.assert(
      fc.property(fc.integer({ min: -150000, max: 150000 }), (n) => {
        const key = fromDayNumber(n);
        expect(key).toBe(new Date(n * 86400000).toISOString().slice(0, 10));
        expect(toDayNumber(key)).toBe(n);
      }),
    );
  });

  it("crosses month, year and leap-day boundaries", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(daysBetween("2025-12-31", "2026-01-01")).toBe(1);
  });

  it("lists the twelve months ending with a month, across a year end", () => {
    expect(monthsEnding("2026-02-10", 3)).toEqual(["2025-12", "2026-01", "2026-02"]);
    expect(monthsEnding("2026-11-23", 12)[0]).toBe("2025-12");
  });
});
