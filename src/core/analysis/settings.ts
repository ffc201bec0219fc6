import type { BasketBy } from "./association";

/** The "analysis" document setting. */
export interface AnalysisSettings {
  /** Least share of baskets (0–1) a product set must appear in to make a rule. */
  readonly minSupport: number;
  readonly minConfidence: number;
  readonly minLift: number;
  /** Most items in a rule (antecedent and consequent together); 0 for any size. */
  readonly maxLen: number;
  /** Rules listed on the Analysis sheet per kind of basket (the report keeps every rule). */
  readonly topRules: number;
  /**
   * Most rules the report makes per kind of basket (smallest itemsets first), so a book whose customers
   * each bought most of a short product list cannot spend the run on millions of rules; the sheet says
   * when it stopped there. `npm run analyze` raises it.
   */
  readonly maxRules: number;
  /** Customers listed as key customers (by spend and by lifetime value). */
  readonly topCustomers: number;
  /** Baskets of the headline rules; the report computes both kinds. */
  readonly basketBy: BasketBy;
  /** Horizon of the customer lifetime value, months of 30 days. */
  readonly clvMonths: number;
  /** Monthly discount rate of the lifetime value (0.01 = 1 % a month). */
  readonly monthlyDiscount: number;
  /** Days of each side of the report's default period comparison (the latest days vs the ones before). */
  readonly comparisonDays: number;
}

export const DEFAULT_ANALYSIS_SETTINGS: AnalysisSettings = {
  minSupport: 0.01,
  minConfidence: 0.2,
  minLift: 1.2,
  maxLen: 0,
  topRules: 100,
  maxRules: 50_000,
  topCustomers: 20,
  basketBy: "order",
  clvMonths: 12,
  monthlyDiscount: 0.01,
  comparisonDays: 90,
};

/** A setting the user gave that cannot be used, with the allowed range. */
export interface SettingError {
  readonly key: keyof AnalysisSettings;
  readonly value: unknown;
  readonly message: string;
}

const RANGES: Readonly<
  Record<Exclude<keyof AnalysisSettings, "basketBy">, readonly [number, number, boolean]>
> = {
  minSupport: [0, 1, false],
  minConfidence: [0, 1, false],
  minLift: [0, 1000, false],
  maxLen: [0, 16, true],
  topRules: [1, 5000, true],
  maxRules: [1000, 2_000_000, true],
  topCustomers: [1, 500, true],
  clvMonths: [1, 120, true],
  monthlyDiscount: [0, 1, false],
  comparisonDays: [1, 3660, true],
};

/**
 * Reads a stored or submitted setting: missing keys take the defaults, unknown keys are dropped, and each
 * bad value is reported (and replaced by its default) rather than silently clamped.
 */
export function readAnalysisSettings(raw: unknown): { settings: AnalysisSettings; errors: SettingError[] } {
  const input = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const errors: SettingError[] = [];
  const out: Record<string, unknown> = { ...DEFAULT_ANALYSIS_SETTINGS };
  for (const [key, [min, max, integer]] of Object.entries(RANGES)) {
    if (input[key] === undefined) continue;
    const v = typeof input[key] === "string" ? Number(input[key]) : input[key];
    if (
      typeof v !== "number" ||
      !Number.isFinite(v) ||
      v < min ||
      v > max ||
      (integer && !Number.isInteger(v))
    ) {
      errors.push({
        key: key as keyof AnalysisSettings,
        value: input[key],
        message: `${key} must be ${integer ? "a whole number" : "a number"} from ${min} to ${max}`,
      });
    } else out[key] = v;
  }
  if (input.basketBy !== undefined) {
    if (input.basketBy === "order" || input.basketBy === "customer") out.basketBy = input.basketBy;
    else
      errors.push({
        key: "basketBy",
        value: input.basketBy,
        message: 'basketBy must be "order" or "customer"',
      });
  }
  return { settings: out as unknown as AnalysisSettings, errors };
}
