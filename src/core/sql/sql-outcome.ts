import type { DayNumber } from "../calendar";
import type { AbcClass } from "../classify/abc";
import type { BtydCustomer } from "../classify/bgnbd";
import { churnModel, churnOf } from "../classify/churn";
import { resultColumns, type ClassifyOutcome, type CustomerResult } from "../classify/classify";
import { LIFECYCLE_LABELS } from "../classify/labels";
import type { LifecycleStage } from "../classify/lifecycle";
import { scoreRfm, type Interval } from "../classify/scores";
import { meansOf, OTHERS_SEGMENT, schemeSegments, type Segment } from "../classify/segments";
import type { ClassifySettings } from "../classify/settings";
import { whyRenderer } from "../classify/why";
import { fitGammaGamma, type GammaGammaFit } from "../analysis/gamma-gamma";
import type { Lang } from "../schema/types";
import { RESULT_FIELDS } from "./classify-sql";

/** One row of the classification query (classify-sql.ts RESULT_FIELDS), read into numbers. */
export interface SqlCustomerRow {
  readonly customerId: string;
  readonly recency: number;
  readonly frequency: number;
  readonly monetary: number;
  readonly r: number;
  readonly f: number;
  readonly m: number;
  readonly segment: string;
  readonly abc: AbcClass;
  readonly lifecycle: LifecycleStage;
  readonly lines: number;
  readonly purchaseDays: number;
  /** NaN with fewer than two purchase days. */
  readonly medianGap: number;
  readonly firstDay: number;
  readonly lastDay: number;
  /** Mean value of the purchase days after the first (0 for one-time buyers): Gamma-Gamma's input. */
  readonly repeatValue: number;
}

/** A query result as the BigQuery REST API returns it: field names and rows of {f: [{v}]}, values as text. */
export interface ApiRows {
  readonly fields: readonly string[];
  readonly rows: readonly { readonly f: readonly { readonly v: unknown }[] }[];
}

const num = (v: unknown) => (v === null || v === undefined || v === "" ? NaN : Number(v));

/**
 * The classification query's rows as typed records. Columns are found by name, so their order in the
 * response does not matter; BigQuery sends every value as a string (or null), DuckDB's emulation too.
 */
export function readResultRows(result: ApiRows): SqlCustomerRow[] {
  const at = new Map(result.fields.map((name, i) => [name, i]));
  for (const name of RESULT_FIELDS)
    if (!at.has(name)) throw new Error(`classification result lacks column ${name}`);
  const col = (name: (typeof RESULT_FIELDS)[number]) => at.get(name)!;
  const c = Object.fromEntries(RESULT_FIELDS.map((n) => [n, col(n)])) as Record<
    (typeof RESULT_FIELDS)[number],
    number
  >;
  return result.rows.map(({ f }) => ({
    customerId: String(f[c.customer_id].v),
    recency: num(f[c.recency].v),
    frequency: num(f[c.frequency].v),
    monetary: num(f[c.monetary].v),
    r: num(f[c.r].v),
    f: num(f[c.f].v),
    m: num(f[c.m].v),
    segment: String(f[c.segment].v),
    abc: String(f[c.abc].v) as AbcClass,
    lifecycle: String(f[c.lifecycle].v) as LifecycleStage,
    lines: num(f[c.lines].v),
    purchaseDays: num(f[c.purchase_days].v),
    medianGap: num(f[c.median_gap].v),
    firstDay: num(f[c.first_day].v),
    lastDay: num(f[c.last_day].v),
    repeatValue: num(f[c.repeat_value].v),
  }));
}

/**
 * The quantile bounds row of the breaks query as three lists (R, F, M) of bins + 1 numbers, or null when
 * the book has no scored customer.
 */
export function readBreaks(result: ApiRows, bins: number): Record<"r" | "f" | "m", number[]> | null {
  if (result.rows.length === 0) return null;
  const at = new Map(result.fields.map((name, i) => [name, i]));
  const row = result.rows[0].f;
  const list = (d: string) =>
    Array.from({ length: bins + 1 }, (_, i) => num(row[at.get(`${d}${i}`) ?? -1]?.v ?? null));
  const out = { r: list("r"), f: list("f"), m: list("m") };
  return out.r.some(Number.isNaN) ? null : out;
}

/** The intervals scores.ts gives for quantile bounds: outer bins open-ended, [lower, upper) inside. */
function quantileIntervals(bounds: readonly number[], bins: number, reversed: boolean): Interval[] {
  const out: Interval[] = [];
  for (let s = 1; s <= bins; s++) {
    const bin = reversed ? bins + 1 - s : s;
    out.push({
      lo: bin === 1 ? -Infinity : bounds[bin - 1],
      hi: bin === bins ? Infinity : bounds[bin],
      loClosed: true,
      hiClosed: false,
    });
  }
  return out;
}

/** What assembling the SQL's rows into the add-on's result columns needs besides the rows. */
export interface SqlOutcomeInput {
  readonly rows: readonly SqlCustomerRow[];
  readonly breaks: Record<"r" | "f" | "m", readonly number[]> | null;
  /** The Customers sheet: IDs by customer index and the customer of each data row (−1: blank ID). */
  readonly customers: {
    readonly ids: readonly string[];
    readonly known: number;
    readonly rowCustomer: Int32Array;
  };
  readonly settings: ClassifySettings;
  readonly asOf: DayNumber;
  readonly lang: Lang;
}

/** The classification outcome from SQL, and the spend model fitted on the same summary. */
export interface SqlOutcome extends ClassifyOutcome {
  readonly spend: GammaGammaFit | null;
}

/**
 * Turns the SQL's per-customer rows into the classification the core writes (classify.ts): scores,
 * segment, ABC and lifecycle as SQL computed them; the BG/NBD (or MBG/NBD) churn model and the Gamma-Gamma
 * spend model fitted here on the summary SQL returned (x = purchase days − 1, t_x = last − first day,
 * T = asOf − first day, the mean repeat value); the "why" text and the result columns by Customers row.
 * Rows of customers not on the Customers sheet are ignored; known customers without a row are prospects.
 */
export function outcomeFromSql(input: SqlOutcomeInput): SqlOutcome {
  const { settings, lang, asOf, customers } = input;
  const byId = new Map(input.rows.map((r) => [r.customerId, r]));
  const scored: SqlCustomerRow[] = [];
  const scoredIndex: number[] = [];
  const prospects: string[] = [];
  const seen = new Set<string>();
  for (let c = 0; c < customers.known; c++) {
    const id = customers.ids[c];
    if (seen.has(id)) continue;
    seen.add(id);
    const row = byId.get(id);
    if (row) {
      scored.push(row);
      scoredIndex.push(c);
    } else prospects.push(id);
  }
  const n = scored.length;
  const ids = scored.map((r) => r.customerId);
  const btyd: BtydCustomer[] = scored.map((r) => ({
    x: r.purchaseDays - 1,
    tx: r.lastDay - r.firstDay,
    T: asOf - r.firstDay,
  }));
  const recency = Float64Array.from(scored, (r) => r.recency);
  const frequency = Float64Array.from(scored, (r) => r.frequency);
  const monetary = Float64Array.from(scored, (r) => r.monetary);
  const means = meansOf(recency, frequency, monetary);
  const model = churnModel(ids, btyd, settings.churn);
  const levels =
    settings.scoring === "quantile"
      ? settings.bins
      : Math.max(
          settings.bands.recencyDays.length,
          settings.bands.frequency.length,
          settings.bands.monetary.length,
        ) + 1;
  const intervals =
    settings.scoring === "quantile"
      ? {
          r: quantileIntervals(input.breaks?.r ?? [], levels, true),
          f: quantileIntervals(input.breaks?.f ?? [], levels, false),
          m: quantileIntervals(input.breaks?.m ?? [], levels, false),
        }
      : (() => {
          // Band intervals do not depend on the data: the core's own, from no values.
          const none = new Float64Array(0);
          const s = scoreRfm({ recency: none, frequency: none, monetary: none }, settings);
          return { r: s.r.intervals, f: s.f.intervals, m: s.m.intervals };
        })();
  const whyOf = whyRenderer({
    ...intervals,
    lang,
    currency: settings.currency,
    means: settings.scheme === "cn8" ? means : undefined,
    model,
  });
  const segments = new Map<string, Segment>(schemeSegments(settings).map((s) => [s.key, s]));
  const results: CustomerResult[] = new Array(n);
  const resultOf = new Int32Array(customers.ids.length).fill(-1);
  for (let k = 0; k < n; k++) {
    const row = scored[k];
    const history = {
      orders: row.frequency,
      purchaseDays: row.purchaseDays,
      recency: row.recency,
      medianGap: row.medianGap,
    };
    const segment = segments.get(row.segment) ?? OTHERS_SEGMENT;
    const churn = churnOf(model, btyd[k], history, settings.lifecycle, settings.churn.horizonDays);
    const why = whyOf({
      recency: row.recency,
      orders: row.frequency,
      monetary: row.monetary,
      r: row.r,
      f: row.f,
      m: row.m,
      segment: segment.label[lang],
      lifecycle: LIFECYCLE_LABELS[row.lifecycle][lang],
      medianGap: row.medianGap,
      pAlive: churn.pAlive,
    });
    results[k] = {
      customerId: row.customerId,
      recencyDays: row.recency,
      frequency: row.frequency,
      monetary: row.monetary,
      r: row.r,
      f: row.f,
      m: row.m,
      segment,
      abc: row.abc,
      lifecycle: row.lifecycle,
      pAlive: churn.pAlive,
      expected: churn.expected,
      churn: churn.risk,
      btyd: btyd[k],
      why,
    };
    resultOf[scoredIndex[k]] = k;
  }
  return {
    columns: resultColumns(customers.rowCustomer, resultOf, results, lang),
    results,
    prospects,
    unknownCustomers: [],
    problems: [],
    model,
    means,
    orderLinesUsed: scored.reduce((s, r) => s + r.lines, 0),
    spend: spendModel(scored),
  };
}

/**
 * Gamma-Gamma on the repeat buyers' mean repeat value (analysis/gamma-gamma.ts); null with fewer than 3
 * of them (the fit needs 3).
 */
function spendModel(rows: readonly SqlCustomerRow[]): GammaGammaFit | null {
  const repeat = rows.filter((r) => r.purchaseDays > 1 && r.repeatValue > 0);
  if (repeat.length < 3) return null;
  return fitGammaGamma(
    Float64Array.from(repeat, (r) => r.purchaseDays - 1),
    Float64Array.from(repeat, (r) => r.repeatValue),
  );
}
