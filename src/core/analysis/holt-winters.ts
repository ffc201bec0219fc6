/**
 * Exponential smoothing of a monthly series (Holt 1957; Winters 1960; the damped trend of Gardner &
 * McKenzie 1985) in the component form R's HoltWinters uses; its parameters map onto the state-space
 * form of Hyndman, Koehler, Ord & Snyder, "Forecasting with Exponential Smoothing" (2008) as α, αβ and
 * γ(1 − α), whose Table 6.1 gives the forecast variances used for the intervals.
 */
import { nelderMead } from "../classify/nelder-mead";

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
 * The sum of squared one-step errors of {@link run} from the initial state `init` — the same recursions in
 * the same order, so the same sum to the last bit — without building the error lists: the fit evaluates
 * it about a thousand times per method and series. `season` is scratch of PERIOD entries. Infinity where
 * run gives null (a level or trend that is not finite).
 */
function squaredErrors(
  y: readonly number[],
  method: SmoothingMethod,
  init: State,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  season: Float64Array,
): number {
  let level = init.level;
  let trend = init.trend;
  const seasons = init.season.length;
  for (let k = 0; k < seasons; k++) season[k] = init.season[k];
  const multiplicative = method === "holt-winters-multiplicative";
  const ses = method === "ses";
  const start = isSeasonal(method) ? PERIOD : 1;
  let sum = 0;
  for (let t = start; t < y.length; t++) {
    const k = (t - start) % PERIOD;
    const s = seasons ? season[k] : 0;
    const base = level + phi * trend;
    const forecast = multiplicative ? base * s : base + s;
    const e = y[t] - forecast;
    sum += e * e;
    let newLevel: number;
    if (multiplicative) {
      newLevel = alpha * (y[t] / s) + (1 - alpha) * base;
      season[k] = gamma * (y[t] / newLevel) + (1 - gamma) * s;
    } else {
      newLevel = alpha * (y[t] - s) + (1 - alpha) * base;
      if (seasons) season[k] = gamma * (y[t] - newLevel) + (1 - gamma) * s;
    }
    trend = ses ? 0 : beta * (newLevel - level) + (1 - beta) * phi * trend;
    level = newLevel;
    if (!Number.isFinite(level) || !Number.isFinite(trend)) return Infinity;
  }
  return sum;
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
  const scratch = new Float64Array(PERIOD);
  const sse = (u: readonly number[]) =>
    squaredErrors(
      y,
      method,
      init,
      logistic(u[0]),
      trended ? logistic(u[1]) : 0,
      seasonal ? logistic(u[2]) : 0,
      trended ? 0.8 + 0.2 * logistic(u[3]) : 1,
      scratch,
    );
  // Only the parameters the method has are searched (the others stay at their fixed values).
  const full = [logit(0.3), logit(0.1), logit(0.1), logit(0.9)];
  const free = seasonal ? [0, 1, 2, 3] : trended ? [0, 1, 3] : [0];
  const expand = (v: readonly number[]) => {
    const u = full.slice();
    free.forEach((k, i) => (u[k] = v[i]));
    return u;
  };
  const search = nelderMead(
    (v) => sse(expand(v)),
    free.map((k) => full[k]),
    {
      step: 1,
      maxIterations: 600,
      tolerance: 1e-9,
    },
  );
  const best = { x: expand(search.x) };
  const p = decode(best.x);
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
