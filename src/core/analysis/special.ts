/** Numerical helpers for the probability models. */

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error about 1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = 0.99999999999980993;
  const t = z + 7.5;
  for (let i = 0; i < 8; i++) a += LANCZOS[i] / (z + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Result of a minimisation. */
export interface Minimum {
  readonly x: readonly number[];
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Nelder–Mead simplex minimisation (standard coefficients 1, 2, ½, ½), from `start` with initial steps
 * `step`. Stops when the simplex's values differ by less than `tolerance` (absolute) or after
 * `maxIterations`. Non-finite values are treated as +Infinity, so the simplex backs away from them.
 */
export function nelderMead(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  { step = 0.5, tolerance = 1e-10, maxIterations = 5000 } = {},
): Minimum {
  const n = start.length;
  const value = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let simplex = [start.slice()];
  for (let i = 0; i < n; i++) {
    const p = start.slice();
    p[i] += step;
    simplex.push(p);
  }
  let values = simplex.map(value);
  let iterations = 0;
  const at = (c: number[], towards: number[], t: number) => c.map((ci, i) => ci + t * (towards[i] - ci));
  while (iterations < maxIterations) {
    const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    if (Math.abs(values[n] - values[0]) < tolerance) break;
    iterations++;
    const centroid = Array.from(
      { length: n },
      (_, d) => simplex.slice(0, n).reduce((s, p) => s + p[d], 0) / n,
    );
    const worst = simplex[n];
    const reflected = at(centroid, worst, -1);
    const fr = value(reflected);
    if (fr < values[0]) {
      const expanded = at(centroid, worst, -2);
      const fe = value(expanded);
      if (fe < fr) [simplex[n], values[n]] = [expanded, fe];
      else [simplex[n], values[n]] = [reflected, fr];
    } else if (fr < values[n - 1]) {
      [simplex[n], values[n]] = [reflected, fr];
    } else {
      const contracted = fr < values[n] ? at(centroid, reflected, 0.5) : at(centroid, worst, 0.5);
      const fc = value(contracted);
      if (fc < Math.min(fr, values[n])) [simplex[n], values[n]] = [contracted, fc];
      else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = at(simplex[0], simplex[i], 0.5);
          values[i] = value(simplex[i]);
        }
      }
    }
  }
  const best = values.indexOf(Math.min(...values));
  return { x: simplex[best], value: values[best], iterations, converged: iterations < maxIterations };
}
