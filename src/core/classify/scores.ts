import { binOf, rfmBreaks } from "./quantile";
import type { ClassifySettings } from "./settings";

/** The values a score covers: lo..hi with open or closed ends (±Infinity for none). */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
  readonly loClosed: boolean;
  readonly hiClosed: boolean;
}

/** Scores of one dimension and, per score s, the interval of values scoring s (intervals[s − 1]). */
export interface Scored {
  readonly scores: Uint8Array;
  readonly intervals: readonly Interval[];
}

export interface RfmScores {
  /** Highest score (bins, or number of bands + 1). */
  readonly levels: number;
  readonly r: Scored;
  readonly f: Scored;
  readonly m: Scored;
}

/** The values of the customers being scored: recency in days, frequency in orders, monetary net amount. */
export interface RfmValues {
  readonly recency: ArrayLike<number>;
  readonly frequency: ArrayLike<number>;
  readonly monetary: ArrayLike<number>;
}

/**
 * R, F and M scores of customers, 1 (worst) to levels (best).
 *
 * Quantile scoring reproduces `rfm_table_order` of the R package rfm: bins [lower, upper) from rfmBreaks on
 * the customers' own values, F and M scoring their bin number, R the reverse (bin 1, the most recent, scores
 * n). Ties always score alike, so scores never depend on row order; a single customer or all-equal values
 * put everyone in bin 1 (R = n, F = M = 1), as the package does. Bands: see ScoreBands.
 * All three dimensions use the same number of levels when scoring by bands only if the three band lists are
 * equally long; `levels` is the highest of them.
 */
export function scoreRfm(values: RfmValues, settings: ClassifySettings): RfmScores {
  if (settings.scoring === "quantile") {
    const n = settings.bins;
    const r = quantileScores(values.recency, n, true);
    return {
      levels: n,
      r,
      f: quantileScores(values.frequency, n, false),
      m: quantileScores(values.monetary, n, false),
    };
  }
  const { recencyDays, frequency, monetary } = settings.bands;
  return {
    levels: Math.max(recencyDays.length, frequency.length, monetary.length) + 1,
    r: recencyBands(values.recency, recencyDays),
    f: lowerBoundBands(values.frequency, frequency),
    m: lowerBoundBands(values.monetary, monetary),
  };
}

function quantileScores(values: ArrayLike<number>, bins: number, reversed: boolean): Scored {
  const sorted = Float64Array.from(values).sort();
  const bounds = rfmBreaks(sorted, bins);
  const scores = new Uint8Array(values.length);
  // A local binding: an imported one can cost a property read per call (a getter in CommonJS output).
  const binIndex = binOf;
  for (let i = 0; i < values.length; i++) {
    const bin = binIndex(bounds, values[i]);
    scores[i] = reversed ? bins + 1 - bin : bin;
  }
  const intervals: Interval[] = [];
  for (let s = 1; s <= bins; s++) {
    const bin = reversed ? bins + 1 - s : s;
    // The outer bins are open-ended: their outer bounds are only the sample's min and max + 1.
    intervals.push({
      lo: bin === 1 ? -Infinity : bounds[bin - 1],
      hi: bin === bins ? Infinity : bounds[bin],
      loClosed: true,
      hiClosed: false,
    });
  }
  return { scores, intervals };
}

function recencyBands(days: ArrayLike<number>, bounds: readonly number[]): Scored {
  const top = bounds.length + 1;
  const scores = new Uint8Array(days.length);
  for (let i = 0; i < days.length; i++) {
    let s = top;
    while (s > 1 && days[i] > bounds[top - s]) s--;
    scores[i] = s;
  }
  const intervals: Interval[] = [];
  for (let s = 1; s <= top; s++) {
    const k = top - s;
    intervals.push({
      lo: k === 0 ? -Infinity : bounds[k - 1],
      hi: k === bounds.length ? Infinity : bounds[k],
      loClosed: false,
      hiClosed: true,
    });
  }
  return { scores, intervals };
}

function lowerBoundBands(values: ArrayLike<number>, bounds: readonly number[]): Scored {
  const scores = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let s = 1;
    while (s <= bounds.length && values[i] >= bounds[s - 1]) s++;
    scores[i] = s;
  }
  const intervals: Interval[] = [];
  for (let s = 1; s <= bounds.length + 1; s++) {
    intervals.push({
      lo: s === 1 ? -Infinity : bounds[s - 2],
      hi: s > bounds.length ? Infinity : bounds[s - 1],
      loClosed: true,
      hiClosed: false,
    });
  }
  return { scores, intervals };
}
