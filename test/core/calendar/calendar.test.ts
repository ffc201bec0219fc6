import fc from "fast-check";
import {
  addDays,
  cellDayReader,
  civilFromDay,
  dateKeyOfDay,
  dayFromCivil,
  dayOfCell,
  dayOfDateKey,
  daysBetween,
  monthIndexOfDay,
  monthKey,
  monthsEnding,
  parseDate,
  parseDayText,
  quarterIndexOfMonth,
  quarterKey,
  weekStart,
  zoneDayFunction,
} from "../../../src/core/calendar";

describe("day numbers and date keys", () => {
  it("agree with UTC Date arithmetic on every day of four centuries", () => {
    fc.assert(
      fc.property(fc.integer({ min: -150000, max: 150000 }), (n) => {
        const key = dateKeyOfDay(n);
        expect(key).toBe(new Date(n * 86400000).toISOString().slice(0, 10));
        expect(dayOfDateKey(key)).toBe(n);
        const c = civilFromDay(n);
        expect(dayFromCivil(c.year, c.month, c.day)).toBe(n);
      }),
    );
  });

  it("cross month, year and leap-day boundaries", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(daysBetween("2025-12-31", "2026-01-01")).toBe(1);
    expect(() => dayOfDateKey("2023-02-30")).toThrow();
  });

  it("name weeks from Monday, months and quarters", () => {
    const thursday = dayOfDateKey("2026-11-26");
    expect(dateKeyOfDay(weekStart(thursday))).toBe("2026-11-23");
    expect(weekStart(dayOfDateKey("2026-11-23"))).toBe(dayOfDateKey("2026-11-23"));
    expect(dateKeyOfDay(weekStart(dayOfDateKey("2026-11-29")))).toBe("2026-11-23");
    const month = monthIndexOfDay(thursday);
    expect(monthKey(month)).toBe("2026-11");
    expect(quarterKey(quarterIndexOfMonth(month))).toBe("2026-Q4");
    expect(monthsEnding("2026-02-10", 3)).toEqual(["2025-12", "2026-01", "2026-02"]);
    expect(monthsEnding("2026-11-23", 12)[0]).toBe("2025-12");
  });

  it("read typed arguments, with or without a time, and refuse impossible days", () => {
    const day = dayOfDateKey("2024-03-05");
    for (const text of ["2024-03-05", "2024/3/5", "20240305", " 2024-03-05 10:30", "2024-03-05T10:30Z"])
      expect(parseDayText(text)).toBe(day);
    expect(parseDayText("2024-02-30")).toBeUndefined();
    expect(parseDayText("05/03/2024")).toBeUndefined();
  });
});

describe("date cells", () => {
  const zoneDay = zoneDayFunction("Asia/Shanghai");
  const day = dayOfDateKey("2024-03-05");

  it("read every form people type, serials and Date cells in the sheet's zone", () => {
    expect(dayOfCell("2024-03-05", zoneDay)).toBe(day);
    expect(dayOfCell("20240305", zoneDay)).toBe(day);
    expect(dayOfCell(20240305, zoneDay)).toBe(day);
    expect(dayOfCell("2024年3月5日", zoneDay)).toBe(day);
    // 16:00 UTC on the 4th is midnight of the 5th in Shanghai.
    expect(dayOfCell(new Date("2024-03-04T16:00:00Z"), zoneDay)).toBe(day);
    expect(dayOfCell(45356, zoneDay)).toBe(day);
    expect(dayOfCell("2024-02-30", zoneDay)).toBeNaN();
    expect(dayOfCell("03/05/2024", zoneDay, "en")).toBe(day);
    expect(dayOfCell("05/03/2024", zoneDay, "zh-CN")).toBe(day);
    expect(dayOfCell("", zoneDay)).toBeNaN();
  });

  it("give the cached column reader the same day as parseDate, cell by cell", () => {
    const samples: unknown[] = [
      "2024-03-05",
      "2024/3/5 10:30",
      "5 March 2024",
      "Mar 5, 2024",
      "１２/０１/２０２４",
      45356,
      45356.75,
      20240305,
      "45356",
      "2024-03-05T23:30:00Z",
      new Date("2024-03-04T16:00:00Z"),
      new Date(NaN),
      "",
      null,
      true,
      "not a date",
      "2024-02-30",
    ];
    for (const lang of ["en", "zh-CN"] as const) {
      const read = cellDayReader("Asia/Shanghai", lang);
      for (const value of [...samples, ...samples]) {
        const parsed = parseDate(value, { locale: lang, timeZone: "Asia/Shanghai" });
        const expected = parsed.ok
          ? dayFromCivil(parsed.value.year, parsed.value.month, parsed.value.day)
          : NaN;
        expect([value, read(value)]).toEqual([value, expected]);
      }
    }
  });

  it("count a Date cell in the spreadsheet's zone across a DST change, in any order of instants", () => {
    const read = cellDayReader("America/New_York");
    const format = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" });
    const start = Date.UTC(2026, 2, 7);
    const instants = Array.from({ length: 200 }, (_, i) => start + ((i * 7919) % 200) * 1_800_000);
    for (const ms of instants) expect(dateKeyOfDay(read(new Date(ms)))).toBe(format.format(ms));
  });
});
