import type { Localized } from "../schema/types";
import { OTHERS, type ClassifySettings, type MeanSegment, type RangeSegment } from "./settings";

/** A segment as written to the sheet: stable key (for history and migration) and its label. */
export interface Segment {
  readonly key: string;
  readonly label: Localized;
}

export const OTHERS_SEGMENT: Segment = { key: "others", label: OTHERS };

/**
 * Rescales a score from 1..levels to the 1..5 scale the range tables are written in, rounding half up, so
 * the rfm package's ranges keep their meaning with 3 or 7 bins. Identity when levels = 5.
 */
export function toFivePoint(score: number, levels: number): number {
  return levels === 5 ? score : 1 + Math.round(((score - 1) * 4) / (levels - 1));
}

/** First row whose R, F and M ranges (inclusive, 1–5 scale) all contain the scores; Others when none. */
export function rangeSegment(table: readonly RangeSegment[], r: number, f: number, m: number): Segment {
  for (const row of table) {
    if (r >= row.r[0] && r <= row.r[1] && f >= row.f[0] && f <= row.f[1] && m >= row.m[0] && m <= row.m[1])
      return row;
  }
  return OTHERS_SEGMENT;
}

/** The means the eight-class scheme compares with. */
export interface Means {
  readonly recency: number;
  readonly frequency: number;
  readonly monetary: number;
}

/**
 * The eight-class scheme: R is high when the recency in days is at most the mean (more recent), F and M when
 * at least the mean. Equal to the mean counts as high, so a book of identical customers is all "high".
 */
export function meanSegment(
  table: readonly MeanSegment[],
  means: Means,
  recency: number,
  frequency: number,
  monetary: number,
): Segment {
  const r = recency <= means.recency ? "high" : "low";
  const f = frequency >= means.frequency ? "high" : "low";
  const m = monetary >= means.monetary ? "high" : "low";
  return table.find((row) => row.r === r && row.f === f && row.m === m) ?? OTHERS_SEGMENT;
}

/** Means of the values, for meanSegment; zeros for an empty book. */
export function meansOf(
  recency: ArrayLike<number>,
  frequency: ArrayLike<number>,
  monetary: ArrayLike<number>,
): Means {
  const n = recency.length;
  let r = 0;
  let f = 0;
  for (let i = 0; i < n; i++) {
    r += recency[i];
    f += frequency[i];
  }
  // Days and counts are whole numbers, so their sums are exact in any order. Amounts are not: a float sum
  // depends on its order, and a customer whose spend sits on the mean would change class with the sheet's
  // row order. Summed in ascending order, the mean is the same however the rows come.
  const sorted = Float64Array.from(monetary).sort();
  let m = 0;
  for (let i = 0; i < n; i++) m += sorted[i];
  return n
    ? { recency: r / n, frequency: f / n, monetary: m / n }
    : { recency: 0, frequency: 0, monetary: 0 };
}

/** Every segment a scheme can give, in table order, then Others for the range schemes. */
export function schemeSegments(settings: ClassifySettings): readonly Segment[] {
  const { scheme, tables } = settings;
  return scheme === "cn8" ? tables.cn8 : [...tables[scheme], OTHERS_SEGMENT];
}
