import {
  columnDateOrder,
  columnDayReaders,
  dateOrderProof,
  dayOfDateKey,
  parseDate,
} from "../../../src/core/calendar";

const column = (...cells: unknown[]) => cells.map((c) => [c]);
const keyDay = dayOfDateKey;

describe("a date text's own order", () => {
  it("is proved by a number over 12 in either place, with any separator", () => {
    expect(dateOrderProof("31/08/2023")).toBe("day-first");
    expect(dateOrderProof("31.08.2023")).toBe("day-first");
    expect(dateOrderProof("31-8-23")).toBe("day-first");
    expect(dateOrderProof("12/25/2010 9:03")).toBe("month-first");
    expect(dateOrderProof("１２/２５/２０１０")).toBe("month-first");
  });

  it("is not proved by ambiguous, ISO, named, impossible or non-text dates", () => {
    for (const v of ["01/03/2025", "2025-03-13", "Mar 13, 2025", "31/02/2025", 45356, new Date(0), ""])
      expect([v, dateOrderProof(v)]).toEqual([v, undefined]);
  });
});

describe("a column's order", () => {
  it("follows the only order its cells prove, else the language", () => {
    const uk = column("02/05/2023", "31/08/2023", "06/10/2023");
    expect(columnDateOrder(uk, 0, "en")).toEqual({ dayFirst: true, dayFirstCells: 1, monthFirstCells: 0 });
    const us = column("12/1/2010", "12/13/2010", "1/5/2011");
    expect(columnDateOrder(us, 0, "zh-CN")).toEqual({
      dayFirst: false,
      dayFirstCells: 0,
      monthFirstCells: 1,
    });
    const none = column("01/02/2023", "2023-10-31", 45356);
    expect(columnDateOrder(none, 0, "en").dayFirst).toBe(false);
    expect(columnDateOrder(none, 0, "zh-CN").dayFirst).toBe(true);
  });

  it("counts every occurrence, lets the majority win and names the minority as conflicting", () => {
    const mixed = column("13/01/2023", "13/01/2023", "01/14/2023", "05/06/2023");
    expect(columnDateOrder(mixed, 0, "en")).toEqual({
      dayFirst: true,
      conflicting: "month-first",
      dayFirstCells: 2,
      monthFirstCells: 1,
    });
    // A tie goes to the language.
    const tie = column("13/01/2023", "01/14/2023");
    expect(columnDateOrder(tie, 0, "zh-CN")).toMatchObject({ dayFirst: true, conflicting: "month-first" });
    expect(columnDateOrder(tie, 0, "en")).toMatchObject({ dayFirst: false, conflicting: "day-first" });
  });
});

describe("a column reader", () => {
  const readers = columnDayReaders("Asia/Shanghai", "en");

  it("reads every ambiguous dd/mm cell day first when some cells prove it (en and zh-CN)", () => {
    const rows = column("02/05/2023", "12/01/2010", "31/08/2023", "06/10/2023");
    for (const lang of ["en", "zh-CN"] as const) {
      const read = columnDayReaders("UTC", lang)(rows, 0);
      expect(rows.map((r) => read.dayOf(r[0]))).toEqual(
        ["2023-05-02", "2010-01-12", "2023-08-31", "2023-10-06"].map(keyDay),
      );
    }
  });

  it("reads every ambiguous m/d cell month first under zh-CN when some cells prove it", () => {
    const rows = column("12/1/2010 9:03", "12/13/2010 10:00", "1/5/2011");
    const read = columnDayReaders("UTC", "zh-CN")(rows, 0);
    expect(rows.map((r) => read.dayOf(r[0]))).toEqual(["2010-12-01", "2010-12-13", "2011-01-05"].map(keyDay));
    // A single cell, by contrast, reads day first in Chinese.
    expect(parseDate("12/1/2010", { locale: "zh-CN" })).toMatchObject({ value: { month: 1, day: 12 } });
  });

  it("refuses the cells that contradict the majority's order, and says so", () => {
    const rows = column("13/01/2023", "20/02/2023", "01/14/2023", "03/04/2023");
    const read = readers(rows, 0);
    expect(read.dayOf("13/01/2023")).toBe(keyDay("2023-01-13"));
    expect(read.dayOf("03/04/2023")).toBe(keyDay("2023-04-03"));
    expect(read.dayOf("01/14/2023")).toBeNaN();
    expect(read.conflicts("01/14/2023")).toBe(true);
    expect(read.conflicts("03/04/2023")).toBe(false);
    expect(read.conflicts("not a date")).toBe(false);
  });

  it("leaves Date cells, serials and ISO texts as they are", () => {
    const date = new Date("2024-03-04T16:00:00Z"); // 2024-03-05 in Shanghai
    const rows = column("13/01/2023", date, 45356, "2024-03-05", "2024/3/5");
    const read = readers(rows, 0);
    for (const v of [date, 45356, "2024-03-05", "2024/3/5"])
      expect([v, read.dayOf(v)]).toEqual([v, keyDay("2024-03-05")]);
  });

  it("reads a missing column (index −1) as no dates, in the language's order", () => {
    const read = readers(column("13/01/2023"), -1);
    expect(read.order.dayFirst).toBe(false);
    expect(read.dayOf(undefined)).toBeNaN();
  });
});
