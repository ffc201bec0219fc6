/**
 * Exponential smoothing of a monthly series (Holt 1957; Winters 1960; the damped trend of Gardner &
 * McKenzie 1985) in the component form R's HoltWinters uses; its parameters map onto the state-space
 * form of Hyndman, Koehler, Ord & Snyder, "Forecasting with Exponential Smoothing" (2008) as α, αβ and
 * γ(1 − α), whose Table 6.1 gives the forecast variances used for the intervals.
 */

/**
 * Additive or multiplicative monthly seasonality with a damped trend, a damped trend alone, or a level
 * alone (simple exponential smoothing: the flat forecast that a short or erratic history often calls for).
 */
export type SmoothingMethod = "holt-winters-additive" | "holt-winters-multiplicative" | "holt-damped" | "ses";

/** Seasonal period: months in a year. */
export const PERIOD = 12;

export interface SmoothingFit {
  readonly method: SmoothingMethod;
  /** Level, trend and seasonal smoothing (0–1; γ is 0 without seasonality) and the damping φ (0.8–1). */
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly phi: number;
  /** Final states: level, trend, and the last PERIOD seasonal terms (oldest first; empty without season). */
  readonly level: number;
  readonly trend: number;
  readonly season: readonly number[];
  /** Months the fit saw. */
  readonly length: number;
  /**
   * Standard deviation of the one-step errors (currency; for the multiplicative method, of the errors
   * relative to the forecast, a fraction), with the parameters' count taken off the degrees of freedom.
   */
  readonly sigma: number;
}

/** Fewest months each method needs: two full seasons with seasonality, four with a trend, three for a level. */
export function minimumLength(method: SmoothingMethod): number {
  return method === "ses" ? 3 : method === "holt-damped" ? 4 : 2 * PERIOD;
}

const isSeasonal = (m: SmoothingMethod) =>
  m === "holt-winters-additive" || m === "holt-winters-multiplicative";

const logistic = (u: number) => 1 / (1 + Math.exp(-u));
const logit = (p: number) => Math.log(p / (1 - p));

interface State {
  level: number;
  trend: number;
  season: number[];
}

/** Initial states: from the first two seasons (level, trend, detrended seasonal terms), or two points. */
function initial(y: readonly number[], method: SmoothingMethod): State | null {
  if (method === "ses") return { level: y[0], trend: 0, season: [] };
  if (method === "holt-damped") return { level: y[0], trend: y[1] - y[0], season: [] };
  const m = PERIOD;
  const mean = (from: number) => y.slice(from, from + m).reduce((a, b) => a + b, 0) / m;
  const first = mean(0);
  const trend = (mean(m) - first) / m;
  const season: number[] = [];
  for (let i = 0; i < m; i++) {
    const base = first + trend * (i - (m - 1) / 2);
    if (method === "holt-winters-multiplicative") {
      if (!(base > 0) || !(y[i] > 0)) return null;
      season.push(y[i] / base);
    } else season.push(y[i] - base);
  }
  return { level: first + (trend * (m - 1)) / 2, trend, season };
}

/**
 * Runs the recursions over y from the end of the initial period — ℓₜ = α(yₜ ∸ s) + (1 − α)(ℓ + φb),
 * bₜ = β(ℓₜ − ℓ) + (1 − β)φb, sₜ = γ(yₜ ∸ ℓₜ) + (1 − γ)s, where ∸ subtracts (additive) or divides
 * (multiplicative) — returning the one-step errors (absolute, and relative to the forecast) and the
 * final state.
 */
function run(
  y: readonly number[],
  method: SmoothingMethod,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
): { errors: number[]; relative: number[]; state: State } | null {
  const init = initial(y, method);
  if (!init) return null;
  let { level, trend } = init;
  const season = init.season.slice();
  const start = isSeasonal(method) ? PERIOD : 1;
  const errors: number[] = [];
  const relative: number[] = [];
  for (let t = start; t < y.length; t++) {
    const s = season.length ? season[(t - start) % PERIOD] : 0;
    const base = level + phi * trend;
    let forecast: number;
    if (method === "holt-winters-multiplicative") forecast = base * s;
    else forecast = base + s;
    const e = y[t] - forecast;
    errors.push(e);
    relative.push(forecast !== 0 ? e / forecast : 0);
    let newLevel: number;
    if (method === "holt-winters-multiplicative") {
      newLevel = alpha * (y[t] / s) + (1 - alpha) * base;
      season[(t - start) % PERIOD] = gamma * (y[t] / newLevel) + (1 - gamma) * s;
    } else {
      newLevel = alpha * (y[t] - s) + (1 - alpha) * base;
      if (season.length) season[(t - start) % PERIOD] = gamma * (y[t] - newLevel) + (1 - gamma) * s;
    }
    trend = method === "ses" ? 0 : beta * (newLevel - level) + (1 - beta) * phi * trend;
    level = newLevel;
    if (!Number.isFinite(level) || !Number.isFinite(trend)) return null;
  }
  // Rotate so season[0] is the term for the month after the last one seen.
  const shift = (y.length - start) % PERIOD;
  const rotated = season.length ? [...season.slice(shift), ...season.slice(0, shift)] : [];
  return { errors, relative, state: { level, trend, season: rotated } };
}

/**
 * One fit's fixed inputs to {@link trialValue}: the series and initial state in typed arrays and the
 * method as flags, so the function sees the same types for every method and series (V8 optimises it
 * once instead of deoptimising on each new method or on a level that is a whole number).
 */
interface Recursion {
  readonly y: Float64Array;
  readonly multiplicative: boolean;
  readonly seasonal: boolean;
  readonly trended: boolean;
  /** First month with a one-step forecast: PERIOD with a season, else 1. */
  readonly start: number;
  /** The initial level and trend. */
  readonly initial: Float64Array;
  /** The initial seasonal terms (empty without a season). */
  readonly season: Float64Array;
  /** Scratch for the seasonal terms as they evolve. */
  readonly scratch: Float64Array;
}

function recursionOf(y: readonly number[], method: SmoothingMethod, init: State): Recursion {
  return {
    y: Float64Array.from(y),
    multiplicative: method === "holt-winters-multiplicative",
    seasonal: isSeasonal(method),
    trended: method !== "ses",
    start: isSeasonal(method) ? PERIOD : 1,
    initial: Float64Array.of(init.level, init.trend),
    season: Float64Array.from(init.season),
    scratch: new Float64Array(PERIOD),
  };
}

/**
 * The fit's objective at the logits `x` (α, then β, γ and φ's share of [0.8, 1] as the method has them):
 * the sum of squared one-step errors of {@link run} — the same recursions in the same order, so the same
 * sum to the last bit — without building the error lists, +∞ where that sum is not finite or run gives
 * null (once a level or trend is not finite every later error is not either; one made by the last month
 * is checked at the end). The fit evaluates it about 250 times per method and series.
 */
function trialValue(r: Recursion, x: Float64Array): number {
  const alpha = logistic(x[0]);
  const beta = r.trended ? logistic(x[1]) : 0;
  const gamma = r.seasonal ? logistic(x[2]) : 0;
  const phi = r.seasonal ? 0.8 + 0.2 * logistic(x[3]) : r.trended ? 0.8 + 0.2 * logistic(x[2]) : 1;
  const { y, multiplicative, trended, start, scratch: season } = r;
  let level = r.initial[0];
  let trend = r.initial[1];
  const seasons = r.season.length;
  season.set(r.season);
  // The constant factors of the recursions, as the expressions in run() evaluate them.
  const keepLevel = 1 - alpha;
  const keepTrend = (1 - beta) * phi;
  const keepSeason = 1 - gamma;
  let sum = 0;
  for (let t = start, k = 0; t < y.length; t++, k = k === PERIOD - 1 ? 0 : k + 1) {
    const s = seasons ? season[k] : 0;
    const base = level + phi * trend;
    const forecast = multiplicative ? base * s : base + s;
    const e = y[t] - forecast;
    sum += e * e;
    let newLevel: number;
    if (multiplicative) {
      newLevel = alpha * (y[t] / s) + keepLevel * base;
      season[k] = gamma * (y[t] / newLevel) + keepSeason * s;
    } else {
      newLevel = alpha * (y[t] - s) + keepLevel * base;
      if (seasons) season[k] = gamma * (y[t] - newLevel) + keepSeason * s;
    }
    trend = trended ? beta * (newLevel - level) + keepTrend * trend : 0;
    level = newLevel;
  }
  return level - level === 0 && trend - trend === 0 && sum - sum === 0 ? sum : Infinity;
}

/** Nelder–Mead settings of the fits: unit start steps, 600 iterations at most. */
const SEARCH = { step: 1, tolerance: 1e-9, pointTolerance: 1e-5, maxIterations: 600 } as const;

/**
 * A Nelder–Mead simplex over n parameters: its n + 1 rows and their values, with a few preallocated rows
 * for the centroid and the trial points (a trial that is kept swaps places with the row it replaces).
 */
interface Simplex {
  readonly n: number;
  readonly rows: Float64Array[];
  readonly values: Float64Array;
  readonly centroid: Float64Array;
  reflected: Float64Array;
  trial: Float64Array;
}

/**
 * The point of least {@link trialValue} by the Nelder–Mead simplex exactly as classify/nelder-mead.ts
 * runs it with {@link SEARCH} — the same trial points, comparisons and arithmetic in the same order, so
 * the same minimum to the last bit — on a few preallocated rows instead of new arrays per step, with no
 * function values in between. The loop only calls {@link simplexStep}: a report runs about a hundred fits
 * of a few hundred steps, and V8 compiles the step (called often, short) once, where a long loop in a
 * function called repeatedly was compiled twice (for the running call, then for the next ones).
 */
function simplexMinimum(r: Recursion, start: Float64Array): Float64Array {
  const n = start.length;
  const s: Simplex = {
    n,
    rows: [],
    values: new Float64Array(n + 1),
    centroid: new Float64Array(n),
    reflected: new Float64Array(n),
    trial: new Float64Array(n),
  };
  for (let i = 0; i <= n; i++) {
    const p = start.slice();
    if (i > 0) p[i - 1] += SEARCH.step;
    s.rows.push(p);
  }
  for (let i = 0; i <= n; i++) s.values[i] = trialValue(r, s.rows[i]);
  for (let iterations = 0; iterations < SEARCH.maxIterations; iterations++) if (!simplexStep(r, s)) break;
  // The first of the least values, as values.indexOf(Math.min(...values)).
  let best = 0;
  for (let i = 1; i <= n; i++) if (s.values[i] < s.values[best]) best = i;
  return s.rows[best].slice();
}

/**
 * One Nelder–Mead iteration: sorts the simplex and, unless it has converged (then false), replaces the
 * worst row by the reflected, expanded or contracted point, or shrinks the simplex toward the best row.
 * The expansion and the contraction share one evaluation (and the shrink has its own function): each
 * call of trialValue here is a copy of it in the compiled step.
 */
function simplexStep(r: Recursion, s: Simplex): boolean {
  const { n, rows, values, centroid } = s;
  // Stable insertion sort by value: the order of the original's sort by value, then index.
  for (let k = 1; k <= n; k++) {
    const v = values[k];
    const row = rows[k];
    let i = k;
    for (; i > 0 && values[i - 1] > v; i--) {
      values[i] = values[i - 1];
      rows[i] = rows[i - 1];
    }
    values[i] = v;
    rows[i] = row;
  }
  const spread = values[n] - values[0];
  // Math.max, not a comparison: a NaN coordinate must make the size NaN, as in the original.
  let size = -Infinity;
  for (let i = 1; i <= n; i++)
    for (let j = 0; j < n; j++) size = Math.max(size, Math.abs(rows[i][j] - rows[0][j]));
  if (spread <= SEARCH.tolerance * (1 + Math.abs(values[0])) && size < SEARCH.pointTolerance) return false;
  centroid.fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += rows[i][j] / n;
  const reflected = s.reflected;
  along(s, -1, reflected);
  const fr = trialValue(r, reflected);
  if (fr < values[n - 1] && !(fr < values[0])) {
    keep(s, reflected, fr);
    return true;
  }
  // Expansion when the reflection is the best point yet, else contraction (outside or inside).
  const expanding = fr < values[0];
  const trial = s.trial;
  along(s, expanding ? -2 : fr < values[n] ? -0.5 : 0.5, trial);
  const ft = trialValue(r, trial);
  if (expanding) {
    if (ft < fr) keep(s, trial, ft);
    else keep(s, reflected, fr);
  } else if (ft < Math.min(fr, values[n])) keep(s, trial, ft);
  else shrink(r, s);
  return true;
}

/** Writes the point at `t` along the line from the centroid through the worst row into `out`. */
function along(s: Simplex, t: number, out: Float64Array): void {
  const { n, centroid } = s;
  const worst = s.rows[n];
  for (let j = 0; j < n; j++) out[j] = centroid[j] + t * (worst[j] - centroid[j]);
}

/** Puts the trial row `row` (of value `value`) in place of the worst row, which becomes the spare. */
function keep(s: Simplex, row: Float64Array, value: number): void {
  const old = s.rows[s.n];
  s.rows[s.n] = row;
  s.values[s.n] = value;
  if (row === s.trial) s.trial = old;
  else s.reflected = old;
}

/** Moves every row but the best halfway toward it. */
function shrink(r: Recursion, s: Simplex): void {
  const { n, rows, values } = s;
  for (let i = 1; i <= n; i++) {
    for (let j = 0; j < n; j++) rows[i][j] = rows[0][j] + 0.5 * (rows[i][j] - rows[0][j]);
    values[i] = trialValue(r, rows[i]);
  }
}

/**
 * Fits one method to a monthly series (at least {@link minimumLength} months; null when shorter, or for
 * the multiplicative method a series with a month ≤ 0 in its first two seasons): the method's own
 * parameters among α, β, γ in (0, 1) and φ in [0.8, 1] minimise the sum of squared one-step errors
 * (Nelder–Mead on logits from α = 0.3, β = γ = 0.1, φ = 0.98).
 */
export function fitSmoothing(y: readonly number[], method: SmoothingMethod): SmoothingFit | null {
  if (y.length < minimumLength(method)) return null;
  const seasonal = isSeasonal(method);
  const trended = method !== "ses";
  // The initial state depends on the series alone: made once, not per trial point.
  const init = initial(y, method);
  if (!init) return null;
  const decode = (u: readonly number[]) => ({
    alpha: logistic(u[0]),
    beta: trended ? logistic(u[1]) : 0,
    gamma: seasonal ? logistic(u[2]) : 0,
    phi: trended ? 0.8 + 0.2 * logistic(u[3]) : 1,
  });
  const full = [logit(0.3), logit(0.1), logit(0.1), logit(0.9)];
  // Only the parameters the method has are searched (the others stay at their fixed values).
  const free = seasonal ? [0, 1, 2, 3] : trended ? [0, 1, 3] : [0];
  const found = simplexMinimum(
    recursionOf(y, method, init),
    Float64Array.from(free, (k) => full[k]),
  );
  const u = full.slice();
  free.forEach((k, i) => (u[k] = found[i]));
  const p = decode(u);
  const r = run(y, method, p.alpha, p.beta, p.gamma, p.phi);
  if (!r) return null;
  const parameters = free.length;
  const dof = Math.max(1, r.errors.length - parameters);
  const spread = method === "holt-winters-multiplicative" ? r.relative : r.errors;
  const sigma = Math.sqrt(spread.reduce((s, e) => s + e * e, 0) / dof);
  return { method, ...p, ...r.state, length: y.length, sigma };
}

/** A month ahead: the point forecast and its 80 % interval. */
export interface Projection {
  readonly forecast: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * The next `horizon` months from a fit: ℓ + (φ + … + φʰ)·b, plus (or times) the month's seasonal term;
 * the interval ± z·σ·√(1 + Σⱼ₌₁ʰ⁻¹ cⱼ²) with cⱼ = α + αβ(φ + … + φʲ) + γ(1 − α)·[j a multiple of 12]
 * (Hyndman et al. 2008, Table 6.1, class 1; for the multiplicative method the same factor on the relative
 * σ, times the forecast — an approximation). Revenue is not negative: a forecast or bound below 0 is 0.
 */
export function project(fit: SmoothingFit, horizon: number, z: number): Projection[] {
  const out: Projection[] = [];
  let damp = 0;
  let variance = 1;
  for (let h = 1; h <= horizon; h++) {
    damp += fit.phi ** h;
    const base = fit.level + damp * fit.trend;
    const s = fit.season.length
      ? fit.season[(h - 1) % PERIOD]
      : fit.method === "holt-winters-multiplicative"
        ? 1
        : 0;
    const forecast = fit.method === "holt-winters-multiplicative" ? base * s : base + s;
    const scale = fit.method === "holt-winters-multiplicative" ? Math.abs(forecast) : 1;
    const half = z * fit.sigma * scale * Math.sqrt(variance);
    out.push({
      forecast: Math.max(0, forecast),
      lower: Math.max(0, forecast - half),
      upper: Math.max(0, forecast + half),
    });
    // c_h for the next month's variance.
    const c = fit.alpha + fit.alpha * fit.beta * damp + (h % PERIOD === 0 ? fit.gamma * (1 - fit.alpha) : 0);
    variance += c * c;
  }
  return out;
}
