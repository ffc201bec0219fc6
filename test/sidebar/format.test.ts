import {
  formatCell,
  formatCompact,
  formatMoney,
  formatMonth,
  formatNumber,
  formatPercent,
} from "../../src/sidebar/format";

describe("sidebar formatting", () => {
  it("formats money with cents only when there are cents", () => {
    expect(formatMoney(1234.5, "en")).toBe("1,234.50");
    expect(formatMoney(1200, "en")).toBe("1,200");
    expect(formatMoney(null, "en")).toBe("");
    expect(formatMoney(NaN, "zh-CN")).toBe("");
  });

  it("shortens KPI figures in each language's units", () => {
    expect(formatCompact(9312.5, "en")).toBe("9.3K");
    expect(formatCompact(2_500_000, "en")).toBe("2.5M");
    expect(formatCompact(123_456, "zh-CN")).toBe("12.3万");
    expect(formatCompact(350_000_000, "zh-CN")).toBe("3.5亿");
    expect(formatCompact(999, "zh-CN")).toBe("999");
  });

  it("formats numbers, shares and months", () => {
    expect(formatNumber(1234567.891, "en")).toBe("1,234,567.89");
    expect(formatPercent(0.256, "en")).toBe("26%");
    expect(formatMonth("2026-11", "en")).toBe("Nov 26");
    expect(formatMonth("2026-01", "zh-CN")).toBe("26年1月");
  });

  it("keeps text cells as text and formats numeric columns as money", () => {
    expect(formatCell("<b>x</b>", false, "en")).toBe("<b>x</b>");
    expect(formatCell(37.5, true, "en")).toBe("37.50");
    expect(formatCell(3, false, "en")).toBe("3");
    expect(formatCell(null, true, "en")).toBe("");
  });
});
