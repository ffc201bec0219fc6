import type { Localized } from "../schema/types";

/** An inclusive score range, e.g. [3, 5]. */
export type ScoreRange = readonly [number, number];

/** One row of a range scheme (the rfm package's segments, the tiers): first matching row wins. */
export interface RangeSegment {
  readonly key: string;
  readonly label: Localized;
  readonly r: ScoreRange;
  readonly f: ScoreRange;
  readonly m: ScoreRange;
}

/** One row of the Chinese eight-class scheme: whether R, F and M are at or above ("high") the mean. */
export interface MeanSegment {
  readonly key: string;
  readonly label: Localized;
  readonly r: "high" | "low";
  readonly f: "high" | "low";
  readonly m: "high" | "low";
}

export type SchemeKey = "rfm10" | "cn8" | "tiers";

/** The segment schemes as data tables, so a user can rename or retune them in settings. */
export interface SegmentTables {
  readonly rfm10: readonly RangeSegment[];
  readonly cn8: readonly MeanSegment[];
  readonly tiers: readonly RangeSegment[];
}

/**
 * Fixed score bands (seed 004). Recency: a customer scores recency.length + 1 when the last order is at most
 * recency[0] days ago, one less up to recency[1], and so on, 1 beyond the last bound. Frequency and
 * monetary: 1 plus the number of lower bounds the value reaches (≥).
 */
export interface ScoreBands {
  readonly recencyDays: readonly number[];
  readonly frequency: readonly number[];
  readonly monetary: readonly number[];
}

export interface AbcSettings {
  /** "count": by share of customers ranked by spend; "revenue": by cumulative share of revenue. */
  readonly mode: "count" | "revenue";
  /** Upper share (0–1) of class A, then of A+B; the rest is C. */
  readonly a: number;
  readonly b: number;
}

/** Lifecycle thresholds, in days and orders; see lifecycle.ts for the rules that use them. */
export interface LifecycleSettings {
  readonly loyalMinOrders: number;
  /** At risk when the days since the last order exceed this many times the customer's median gap… */
  readonly atRiskGapFactor: number;
  /** …and at least this many days (a daily buyer is not at risk after three quiet days). */
  readonly atRiskMinDays: number;
  /** Customers with a single purchase day have no rhythm: at risk after this many quiet days. */
  readonly oneTimeAtRiskDays: number;
  /** Lost after this many quiet days, whatever the rhythm. */
  readonly lostDays: number;
}

export interface ChurnSettings {
  /** The BG/NBD fit is trusted only with at least this many customers with orders… */
  readonly minCustomers: number;
  /** …and this many repeat buyers. */
  readonly minRepeatBuyers: number;
  /** Horizon of the expected purchases column, days. */
  readonly horizonDays: number;
}

export interface ClassifySettings {
  readonly scoring: "quantile" | "bands";
  /** Quantile bins per score, 2–10. */
  readonly bins: number;
  readonly bands: ScoreBands;
  readonly scheme: SchemeKey;
  readonly tables: SegmentTables;
  readonly abc: AbcSettings;
  readonly lifecycle: LifecycleSettings;
  readonly churn: ChurnSettings;
  /** Shown before amounts in the "why" text. */
  readonly currency: string;
}

const seg = (
  key: string,
  en: string,
  zh: string,
  r: ScoreRange,
  f: ScoreRange,
  m: ScoreRange,
): RangeSegment => ({
  key,
  label: { en, "zh-CN": zh },
  r,
  f,
  m,
});

/** The rfm package's example segments with its published score ranges, in its order (first match wins). */
export const RFM10_SEGMENTS: readonly RangeSegment[] = [
  seg("champions", "Champions", "冠军客户", [5, 5], [5, 5], [5, 5]),
  seg("potential_loyalist", "Potential Loyalist", "潜在忠诚客户", [3, 5], [3, 5], [2, 5]),
  seg("loyal_customers", "Loyal Customers", "忠诚客户", [2, 4], [2, 4], [2, 4]),
  seg("promising", "Promising", "有潜力客户", [3, 4], [1, 3], [3, 5]),
  seg("new_customers", "New Customers", "新客户", [4, 5], [1, 3], [1, 5]),
  seg("cant_lose_them", "Can't Lose Them", "不能失去的客户", [1, 2], [3, 4], [4, 5]),
  seg("at_risk", "At Risk", "有流失风险客户", [1, 2], [2, 5], [4, 5]),
  seg("need_attention", "Need Attention", "需要关注客户", [1, 3], [3, 5], [3, 5]),
  seg("about_to_sleep", "About To Sleep", "即将沉睡客户", [2, 3], [1, 3], [1, 4]),
  seg("lost", "Lost", "已流失客户", [1, 1], [1, 5], [1, 5]),
];

const meanSeg = (
  key: string,
  zh: string,
  en: string,
  r: "high" | "low",
  f: "high" | "low",
  m: "high" | "low",
) => ({ key, label: { en, "zh-CN": zh }, r, f, m }) as const;

/** The eight classes of Chinese practice: R, F and M each compared with the customers' mean. */
export const CN8_SEGMENTS: readonly MeanSegment[] = [
  meanSeg("important_value", "重要价值客户", "Important value", "high", "high", "high"),
  meanSeg("important_develop", "重要发展客户", "Important to develop", "high", "low", "high"),
  meanSeg("important_keep", "重要保持客户", "Important to keep", "low", "high", "high"),
  meanSeg("important_retain", "重要挽留客户", "Important to win back", "low", "low", "high"),
  meanSeg("general_value", "一般价值客户", "General value", "high", "high", "low"),
  meanSeg("general_develop", "一般发展客户", "General to develop", "high", "low", "low"),
  meanSeg("general_keep", "一般保持客户", "General to keep", "low", "high", "low"),
  meanSeg("general_retain", "一般挽留客户", "General to win back", "low", "low", "low"),
];

/**
 * The tiers of seeds 001 and 003 on 1–5 scores: important = frequent and high-spending, potential = recent
 * but not yet frequent, normal = everyone else (the catch-all last row).
 */
export const TIER_SEGMENTS: readonly RangeSegment[] = [
  seg("important", "Important", "重要客户", [1, 5], [3, 5], [4, 5]),
  seg("potential", "Potential", "潜力客户", [4, 5], [1, 2], [1, 5]),
  seg("normal", "Normal", "普通客户", [1, 5], [1, 5], [1, 5]),
];

/** The label of customers no row of a range scheme matches. */
export const OTHERS: Localized = { en: "Others", "zh-CN": "其他客户" };

export const DEFAULT_SETTINGS: ClassifySettings = {
  scoring: "quantile",
  bins: 5,
  bands: { recencyDays: [30, 90, 180], frequency: [2, 5, 10], monetary: [1_000, 10_000, 60_000] },
  scheme: "rfm10",
  tables: { rfm10: RFM10_SEGMENTS, cn8: CN8_SEGMENTS, tiers: TIER_SEGMENTS },
  abc: { mode: "count", a: 0.2, b: 0.7 },
  lifecycle: {
    loyalMinOrders: 5,
    atRiskGapFactor: 2,
    atRiskMinDays: 30,
    oneTimeAtRiskDays: 180,
    lostDays: 365,
  },
  churn: { minCustomers: 50, minRepeatBuyers: 20, horizonDays: 90 },
  currency: "¥",
};

/** A setting that failed validation: its path (e.g. "bands.frequency") and why. */
export interface SettingsProblem {
  readonly path: string;
  readonly message: string;
}

/** Rows per segment table: keeps the settings and the stored summary within a document property. */
export const MAX_SEGMENTS = 20;

export type SettingsResult =
  | { readonly ok: true; readonly settings: ClassifySettings }
  | { readonly ok: false; readonly problems: readonly SettingsProblem[] };

/**
 * Completes `input` (typically stored JSON, possibly partial or from an older version) with the defaults and
 * validates it. Never throws; every problem is named by its path so the settings form can point at it.
 */
export function validateSettings(input: unknown): SettingsResult {
  const raw = (isObject(input) ? input : {}) as Partial<Record<keyof ClassifySettings, unknown>>;
  const problems: SettingsProblem[] = [];
  const bad = (path: string, message: string) => problems.push({ path, message });
  const d = DEFAULT_SETTINGS;
  const pick = <T>(value: unknown, fallback: T): T => (value === undefined ? fallback : (value as T));

  const scoring = pick(raw.scoring, d.scoring);
  if (scoring !== "quantile" && scoring !== "bands") bad("scoring", 'must be "quantile" or "bands"');
  const bins = pick(raw.bins, d.bins);
  if (!Number.isInteger(bins) || bins < 2 || bins > 10) bad("bins", "must be a whole number from 2 to 10");
  const bandsIn = (isObject(raw.bands) ? raw.bands : {}) as Partial<Record<keyof ScoreBands, unknown>>;
  const bands: ScoreBands = {
    recencyDays: pick(bandsIn.recencyDays, d.bands.recencyDays),
    frequency: pick(bandsIn.frequency, d.bands.frequency),
    monetary: pick(bandsIn.monetary, d.bands.monetary),
  };
  for (const k of ["recencyDays", "frequency", "monetary"] as const) {
    const list = bands[k] as unknown;
    if (
      !Array.isArray(list) ||
      list.length < 1 ||
      list.length > 9 ||
      list.some((v, i) => typeof v !== "number" || !Number.isFinite(v) || (i > 0 && v <= list[i - 1]))
    )
      bad(`bands.${k}`, "must be 1 to 9 strictly increasing numbers");
  }
  const scheme = pick(raw.scheme, d.scheme);
  if (scheme !== "rfm10" && scheme !== "cn8" && scheme !== "tiers")
    bad("scheme", 'must be "rfm10", "cn8" or "tiers"');
  const tablesIn = (isObject(raw.tables) ? raw.tables : {}) as Partial<Record<SchemeKey, unknown>>;
  const tables: SegmentTables = {
    rfm10: pick(tablesIn.rfm10, d.tables.rfm10),
    cn8: pick(tablesIn.cn8, d.tables.cn8),
    tiers: pick(tablesIn.tiers, d.tables.tiers),
  };
  for (const k of ["rfm10", "tiers"] as const) {
    const rows = tables[k] as unknown;
    if (
      !Array.isArray(rows) ||
      rows.length === 0 ||
      rows.length > MAX_SEGMENTS ||
      !rows.every(isRangeSegment)
    )
      bad(
        `tables.${k}`,
        `1 to ${MAX_SEGMENTS} rows, each with a key (letters, digits, _ or -), labels in en and zh-CN, and R, F, M ranges [low, high] with low ≤ high`,
      );
  }
  const cn8 = tables.cn8 as unknown;
  if (!Array.isArray(cn8) || cn8.length === 0 || cn8.length > MAX_SEGMENTS || !cn8.every(isMeanSegment))
    bad(
      "tables.cn8",
      `1 to ${MAX_SEGMENTS} rows, each with a key (letters, digits, _ or -), labels in en and zh-CN, and R, F, M each "high" or "low"`,
    );
  const abc = { ...d.abc, ...(isObject(raw.abc) ? raw.abc : {}) } as AbcSettings;
  if (abc.mode !== "count" && abc.mode !== "revenue") bad("abc.mode", 'must be "count" or "revenue"');
  if (!(typeof abc.a === "number" && typeof abc.b === "number" && abc.a > 0 && abc.a <= abc.b && abc.b < 1))
    bad("abc", "shares must satisfy 0 < A ≤ A+B < 1");
  const lifecycle = {
    ...d.lifecycle,
    ...(isObject(raw.lifecycle) ? raw.lifecycle : {}),
  } as LifecycleSettings;
  for (const [k, v] of Object.entries(lifecycle)) {
    if (typeof v !== "number" || !Number.isFinite(v) || v <= 0)
      bad(`lifecycle.${k}`, "must be a positive number");
  }
  if (lifecycle.lostDays <= lifecycle.atRiskMinDays)
    bad("lifecycle.lostDays", "must be more than lifecycle.atRiskMinDays");
  const churn = { ...d.churn, ...(isObject(raw.churn) ? raw.churn : {}) } as ChurnSettings;
  for (const [k, v] of Object.entries(churn)) {
    if (!Number.isInteger(v) || (v as number) < 1) bad(`churn.${k}`, "must be a positive whole number");
  }
  const currency = pick(raw.currency, d.currency);
  if (typeof currency !== "string" || currency.length > 5)
    bad("currency", "must be a symbol of at most 5 characters");
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    settings: { scoring, bins, bands, scheme, tables, abc, lifecycle, churn, currency } as ClassifySettings,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Both languages, non-blank and short enough for a cell and the stored summary. */
function isLocalized(v: unknown): boolean {
  const ok = (s: unknown) => typeof s === "string" && s.trim() !== "" && s.length <= 40;
  return isObject(v) && ok(v.en) && ok(v["zh-CN"]);
}

function isRange(v: unknown): boolean {
  return (
    Array.isArray(v) &&
    v.length === 2 &&
    v.every((n) => typeof n === "number" && Number.isFinite(n)) &&
    v[0] <= v[1]
  );
}

/** Keys are stored in SegmentHistory and read by the weekly report: plain identifiers only. */
function isKey(v: unknown): boolean {
  return typeof v === "string" && /^[A-Za-z0-9_-]{1,40}$/.test(v);
}

function isRangeSegment(v: unknown): boolean {
  return isObject(v) && isKey(v.key) && isLocalized(v.label) && isRange(v.r) && isRange(v.f) && isRange(v.m);
}

function isMeanSegment(v: unknown): boolean {
  const level = (x: unknown) => x === "high" || x === "low";
  return isObject(v) && isKey(v.key) && isLocalized(v.label) && level(v.r) && level(v.f) && level(v.m);
}
