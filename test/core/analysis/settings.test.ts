import { DEFAULT_ANALYSIS_SETTINGS, readAnalysisSettings } from "../../../src/core/analysis/settings";
import { formatAmount, formatPercent } from "../../../src/core/analysis/format";

describe("analysis settings", () => {
  it("fills defaults and keeps good values", () => {
    const { settings, errors } = readAnalysisSettings({
      minSupport: "0.05",
      topRules: 5,
      basketBy: "customer",
      junk: 1,
    });
    expect(errors).toEqual([]);
    expect(settings).toEqual({
      ...DEFAULT_ANALYSIS_SETTINGS,
      minSupport: 0.05,
      topRules: 5,
      basketBy: "customer",
    });
    expect(readAnalysisSettings(null).settings).toEqual(DEFAULT_ANALYSIS_SETTINGS);
  });

  it("reports each bad value and keeps its default", () => {
    const { settings, errors } = readAnalysisSettings({ minSupport: 2, topRules: 2.5, basketBy: "week" });
    expect(errors.map((e) => e.key)).toEqual(["minSupport", "topRules", "basketBy"]);
    expect(errors[0].message).toBe("minSupport must be a number from 0 to 1");
    expect(settings.minSupport).toBe(DEFAULT_ANALYSIS_SETTINGS.minSupport);
  });

  it("formats numbers without the host locale", () => {
    expect(formatAmount(1234567.891)).toBe("1,234,567.89");
    expect(formatAmount(-0.001)).toBe("0.00");
    expect(formatAmount(-1500)).toBe("-1,500.00");
    expect(formatPercent(0.1234, true)).toBe("+12.3%");
    expect(formatPercent(null)).toBe("—");
  });
});
