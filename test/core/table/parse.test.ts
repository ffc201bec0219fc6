import fc from "fast-check";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import {
  epochDay,
  fromEpochDay,
  isoDate,
  parseAmount,
  parseBoolean,
  parseDate,
  parseEmail,
  parseInteger,
  parseNumber,
  parsePercent,
  parsePhone,
} from "../../../src/core/table/parse";
import { foldWidth } from "../../../src/core/table/parse/result";

const day = (y: number, m: number, d: number) => ({ ok: true, value: { year: y, month: m, day: d } });

describe("parseDate", () => {
  it.each([
    ["2025-03-01"],
    ["2025/3/1"],
    ["2025.3.1"],
    ["2025年3月1日"],
    ["2025 年 3 月 1 号"],
    ["20250301"],
    [20250301],
    [45717],
    ["45717"],
    ["Mar 1, 2025"],
    ["1 March 2025"],
    ["01-Mar-25"],
    ["1-Mar-2025"],
    ["Sat, 1 Mar 2025"],
    ["Saturday, March 1st, 2025"],
    ["1 Mar, 25"],
    ["2025-Mar-01"],
    ["２０２５－０３－０１"],
  ])("reads %p as 2025-03-01", (input) => {
    expect(parseDate(input)).toEqual(day(2025, 3, 1));
  });

  it("orders an ambiguous d/m pair by locale, and falls back when one order is impossible", () => {
    expect(parseDate("01/03/2025", { locale: "en" })).toEqual(day(2025, 1, 3));
    expect(parseDate("01/03/2025", { locale: "zh-CN" })).toEqual(day(2025, 3, 1));
    expect(parseDate("13/01/2025", { locale: "en" })).toEqual(day(2025, 1, 13));
    expect(parseDate("01/13/2025", { locale: "zh-CN" })).toEqual(day(2025, 1, 13));
    expect(parseDate("1-3-25", { locale: "zh-CN" })).toEqual(day(2025, 3, 1));
  });

  it("reads Date objects as the calendar day in the given zone", () => {
    const instant = new Date(Date.UTC(2025, 1, 28, 16, 0, 0)); // midnight 1 March in Shanghai
    expect(parseDate(instant, { timeZone: "Asia/Shanghai" })).toEqual(day(2025, 3, 1));
    expect(parseDate(instant, { timeZone: "UTC" })).toMatchObject({
      ok: true,
      value: { year: 2025, month: 2, day: 28, time: { hour: 16, minute: 0, second: 0 } },
    });
  });

  it("keeps times of day", () => {
    const t = { hour: 10, minute: 30, second: 0 };
    expect(parseDate("2025-03-01 10:30")).toEqual({
      ok: true,
      value: { year: 2025, month: 3, day: 1, time: t },
    });
    expect(parseDate("2025年3月1日 10时30分")).toMatchObject({ value: { time: t } });
    expect(parseDate(45717.4375)).toMatchObject({ value: { day: 1, time: t } });
    expect(parseDate("2025-03-01T02:30:00Z", { timeZone: "Asia/Shanghai" })).toMatchObject({
      value: { time: t },
    });
  });

  it("reads times on a 12-hour clock and after named or ISO dates", () => {
    const at = (hour: number, minute: number) => ({ time: { hour, minute, second: 0 } });
    expect(parseDate("12/1/2010 8:26 AM")).toMatchObject({ value: { month: 12, day: 1, ...at(8, 26) } });
    expect(parseDate("12/1/2010 8:26 pm")).toMatchObject({ value: at(20, 26) });
    expect(parseDate("2010-12-01 12:05 a.m.")).toMatchObject({ value: at(0, 5) });
    expect(parseDate("2010-12-01 12:05 p.m.")).toMatchObject({ value: at(12, 5) });
    expect(parseDate("2010-12-01 0:05 am")).toMatchObject({ value: at(0, 5) }); // a 0–11 clock
    expect(parseDate("2025-03-01T10:30")).toMatchObject({ value: { day: 1, ...at(10, 30) } });
    expect(parseDate("Mar 1, 2025 10:30")).toMatchObject({ value: { day: 1, ...at(10, 30) } });
    expect(parseDate("11-Feb-13 9:05 PM")).toMatchObject({ value: { year: 2013, month: 2, ...at(21, 5) } });
  });

  it.each([
    ["12/1/2010 13:05 PM", "impossible-date"],
    ["12/1/2010 0:05 PM", "impossible-date"],
    ["Jun 10-12", "not-a-date"], // a range, not 2012-06-10
    ["Dec 25-26", "not-a-date"],
    ["Monster 1 Mar 2025", "not-a-date"], // no weekday
    ["2025-03-01tt10:30", "not-a-date"],
    ["Mayday 1 2025", "not-a-date"],
    ["Marchy 1 2025", "not-a-date"],
    ["2025-02-29", "impossible-date"],
    ["2024-13-01", "impossible-date"],
    ["31/04/2025", "impossible-date"],
    ["2025-03-01 25:00", "impossible-date"],
    ["tomorrow", "not-a-date"],
    ["1.5", "not-a-date"],
    [5000000, "not-a-date"],
    [50000000, "impossible-date"],
    [true, "not-a-date"],
    ["", "empty"],
    ["   ", "empty"],
    [null, "empty"],
  ])("rejects %p (%s)", (input, reason) => {
    expect(parseDate(input)).toEqual({ ok: false, reason });
  });

  it("reads a date at most 64 characters long: a longer cell is not a date anyone typed", () => {
    const padded = (n: number) => "2025-03-01" + " ".repeat(n - 10);
    expect(parseDate(padded(64)).ok).toBe(true);
    expect(parseDate(padded(65))).toEqual({ ok: false, reason: "not-a-date" });
  });

  it("accepts 29 February in leap years only", () => {
    expect(parseDate("2024-02-29").ok).toBe(true);
    expect(parseDate("2000-02-29").ok).toBe(true);
    expect(parseDate("1900-02-29").ok).toBe(false);
  });

  it("round-trips every calendar day through ISO, Chinese, compact and serial forms", () => {
    fc.assert(
      fc.property(fc.integer({ min: epochDay({ year: 1901, month: 1, day: 1 }), max: 80000 }), (n) => {
        const d = fromEpochDay(n);
        expect(epochDay(d)).toBe(n);
        const iso = isoDate(d);
        expect(parseDate(iso)).toEqual({ ok: true, value: d });
        expect(parseDate(`${d.year}年${d.month}月${d.day}日`)).toEqual({ ok: true, value: d });
        expect(parseDate(iso.replace(/-/g, ""))).toEqual({ ok: true, value: d });
        expect(parseDate(n + 25569)).toEqual({ ok: true, value: d });
        expect(parseDate(new Date(n * 86400000), { timeZone: "UTC" })).toEqual({ ok: true, value: d });
      }),
    );
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.integer(), fc.constant(undefined)), (v) => {
        const r = parseDate(v, { locale: "zh-CN", timeZone: "Asia/Shanghai" });
        expect(typeof r.ok).toBe("boolean");
      }),
    );
  });
});

describe("parseAmount", () => {
  it.each([
    ["¥50,000", 50000],
    ["￥50,000", 50000],
    ["50000元", 50000],
    ["1.2万", 12000],
    ["1.2345万元", 12345],
    ["3亿", 300000000],
    ["$1,200.50", 1200.5],
    ["(100)", -100],
    ["-¥20", -20],
    ["¥-20", -20],
    ["2.5k", 2500],
    ["RMB 300", 300],
    ["３００元", 300],
    [1234.5, 1234.5],
    ["0", 0],
  ])("reads %p as %p", (input, expected) => {
    expect(parseAmount(input)).toEqual({ ok: true, value: expected });
  });

  it.each([["1,20"], ["abc"], ["12..5"], ["¥"], ["1.2.3万"], [Number.NaN], [Infinity]])(
    "rejects %p",
    (input) => {
      expect(parseAmount(input)).toEqual({ ok: false, reason: "not-an-amount" });
    },
  );

  it("reads any cents amount written with separators, currency and 万 the same as the plain number", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e11 }), (cents) => {
        const n = cents / 100;
        const grouped = n.toLocaleString("en-US", { minimumFractionDigits: 2 });
        expect(parseAmount(`¥${grouped}`)).toEqual({ ok: true, value: n });
        expect(parseAmount(`${grouped}元`)).toEqual({ ok: true, value: n });
        expect(parseAmount(`(${grouped})`)).toEqual({ ok: true, value: -n || 0 });
        expect(parseAmount(`${n / 10000}万`)).toEqual({ ok: true, value: n });
      }),
    );
  });
});

describe("parsePhone", () => {
  it.each([
    ["13812345678", "+8613812345678"],
    [13812345678, "+8613812345678"],
    ["138 1234 5678", "+8613812345678"],
    ["138-1234-5678", "+8613812345678"],
    ["+86 138 1234 5678", "+8613812345678"],
    ["0086 13812345678", "+8613812345678"],
    ["8613812345678", "+8613812345678"],
    ["手机：13812345678", "+8613812345678"],
    ["010-12345678", "+861012345678"],
    ["(0755) 8765 4321", "+8675587654321"],
    ["0571-8888888", "+865718888888"],
    ["021-61234567 转 123", "+862161234567"],
    ["400-123-4567", "+864001234567"],
    ["+1 650 253 0000", "+16502530000"],
    ["+44 20 7946 0958", "+442079460958"],
  ])("normalises %p to %p", (input, expected) => {
    expect(parsePhone(input)).toEqual({ ok: true, value: expected });
  });

  it.each([["12812345678"], ["1381234567"], ["138123456789"], ["12345"], ["call me"], ["+1 000 000 0000"]])(
    "rejects %p",
    (input) => {
      expect(parsePhone(input)).toEqual({ ok: false, reason: "not-a-phone" });
    },
  );

  it("normalises every mobile written with any prefix and spacing to the same E.164", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 9 }),
        fc.integer({ min: 0, max: 999999999 }),
        fc.constantFrom("", "+86 ", "0086", "86"),
        fc.constantFrom("", " ", "-"),
        (second, rest, prefix, sep) => {
          const digits = `1${second}${String(rest).padStart(9, "0")}`;
          const written = prefix + [digits.slice(0, 3), digits.slice(3, 7), digits.slice(7)].join(sep);
          expect(parsePhone(written)).toEqual({ ok: true, value: `+86${digits}` });
        },
      ),
    );
  });
});

/** The phone parser as it was, with its backtracking extension pattern: the reference for equivalence. */
function patternPhone(value: string): string | null {
  let text = foldWidth(value)
    .replace(/^(tel|phone|mobile|电话|手机)[:：]?/i, "")
    .replace(/\s*(?:转|分机|ext\.?|x)\s*\d+$/i, "")
    .trim();
  if (!/^[+\d\s()\-./]+$/.test(text)) return null;
  const plain = text.replace(/\D/g, "");
  if (/^[48]00\d{7}$/.test(plain) && !text.startsWith("+")) return `+86${plain}`;
  if (/^86(1[3-9]\d{9})$/.test(plain) && !text.startsWith("+") && !text.startsWith("0")) text = `+${plain}`;
  const parsed = parsePhoneNumberFromString(text, "CN");
  if (!parsed) return null;
  if (parsed.countryCallingCode === "86") {
    const national = String(parsed.nationalNumber);
    return /^1[3-9]\d{9}$/.test(national) || /^(?:10|2\d|[3-9]\d{2})[1-9]\d{6,7}$/.test(national)
      ? `+86${national}`
      : null;
  }
  return parsed.isValid() ? parsed.number : null;
}

describe("parsePhone in one scan", () => {
  it("drops extensions exactly as the old pattern did, on any short mix of digits, marks and spaces", () => {
    const piece = fc.constantFrom(
      "138",
      "1234",
      "5678",
      "0",
      " ",
      "  ",
      "\t",
      "-",
      "转",
      "分机",
      "ext",
      "Ext.",
      "x",
      "X",
      "+86",
      "(",
      ")",
      "12",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const text = pieces.join("");
        const result = parsePhone(text);
        const expected = text.trim() === "" ? null : patternPhone(text);
        expect(result.ok ? result.value : null).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses a cell longer than 64 characters before any pattern runs", () => {
    expect(parsePhone(`13812345678 转 ${"1".repeat(51)}`)).toEqual({ ok: false, reason: "not-a-phone" });
    expect(parsePhone(`${" ".repeat(100)}13812345678${" ".repeat(100)}`)).toEqual({
      ok: true,
      value: "+8613812345678",
    });
  });
});

describe("parseEmail", () => {
  it.each([
    [" Foo@Example.COM ", "foo@example.com"],
    ["foo＠bar．com", "foo@bar.com"],
    ["mailto:x@y.cn", "x@y.cn"],
    ["<li.lei@corp.com.cn>", "li.lei@corp.com.cn"],
    ["wang@qq.com。", "wang@qq.com"],
  ])("normalises %p to %p", (input, expected) => {
    expect(parseEmail(input)).toEqual({ ok: true, value: expected });
  });

  it("drops any run of trailing punctuation and refuses cells over 320 characters", () => {
    expect(parseEmail("wang@qq.com.,;；。")).toEqual({ ok: true, value: "wang@qq.com" });
    expect(parseEmail(`${"a".repeat(250)}@b.com`)).toEqual({ ok: true, value: `${"a".repeat(250)}@b.com` });
    expect(parseEmail(`${"a".repeat(320)}@b.com`)).toEqual({ ok: false, reason: "not-an-email" });
  });

  it.each([["a@b"], ["x@@y.com"], ["no at.com"], ["a..b@c.com"], ["a b@c.com"], [42]])(
    "rejects %p",
    (input) => {
      expect(parseEmail(input)).toEqual({ ok: false, reason: "not-an-email" });
    },
  );
});

describe("scalar parsers", () => {
  it("reads numbers and integers", () => {
    expect(parseNumber("1,234.5")).toEqual({ ok: true, value: 1234.5 });
    expect(parseNumber("１２")).toEqual({ ok: true, value: 12 });
    expect(parseNumber("1e3")).toEqual({ ok: true, value: 1000 });
    expect(parseNumber("12abc")).toEqual({ ok: false, reason: "not-a-number" });
    expect(parseInteger("12.0")).toEqual({ ok: true, value: 12 });
    expect(parseInteger(12.5)).toEqual({ ok: false, reason: "not-an-integer" });
  });

  it("refuses text past a double's range and cells too long to be a number, amount or percentage", () => {
    expect(parseNumber("1e400")).toEqual({ ok: false, reason: "not-a-number" });
    expect(parseNumber("9".repeat(309))).toEqual({ ok: false, reason: "not-a-number" });
    expect(parseNumber(`0.${"1".repeat(397)}`)).toEqual({ ok: true, value: 0.1111111111111111 });
    expect(parseNumber(`0.${"1".repeat(399)}`)).toEqual({ ok: false, reason: "not-a-number" });
    expect(parsePercent(`${"1".repeat(401)}%`)).toEqual({ ok: false, reason: "not-a-percent" });
    expect(parseAmount(`¥${"1".repeat(100)}`)).toEqual({ ok: false, reason: "not-an-amount" });
    expect(parseAmount(`¥${"1".repeat(30)}`).ok).toBe(true);
  });

  it("reads percentages as fractions", () => {
    expect(parsePercent("12%")).toEqual({ ok: true, value: 0.12 });
    expect(parsePercent("12.5 ％")).toEqual({ ok: true, value: 0.125 });
    expect(parsePercent(0.3)).toEqual({ ok: true, value: 0.3 });
    expect(parsePercent("x%")).toEqual({ ok: false, reason: "not-a-percent" });
  });

  it.each([
    ["是", true],
    ["否", false],
    ["Yes", true],
    ["no", false],
    ["TRUE", true],
    ["✓", true],
    ["×", false],
    [1, true],
    [false, false],
  ])("reads %p as %p", (input, expected) => {
    expect(parseBoolean(input)).toEqual({ ok: true, value: expected });
  });

  it("rejects other words as booleans", () => {
    expect(parseBoolean("maybe")).toEqual({ ok: false, reason: "not-a-boolean" });
  });
});
