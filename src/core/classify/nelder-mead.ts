/** Result of a minimisation. */
export interface Minimum {
  readonly x: readonly number[];
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Minimises `f` by the Nelder–Mead simplex (standard coefficients 1, 2, ½, ½), deterministic: the start
 * simplex steps `step` along each axis. Stops when the simplex's values span less than `tolerance` relative
 * to the best value (plus one, for values near 0) and its points less than `pointTolerance` apart in every
 * coordinate, or after `maxIterations`. Non-finite
 * values count as +∞, so a likelihood may refuse points outside its domain.
 */
export function nelderMead(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  { step = 0.5, tolerance = 1e-10, pointTolerance = 1e-5, maxIterations = 5000 } = {},
): Minimum {
  const n = start.length;
  const value = (x: number[]): number => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let simplex = [pointOf(n, (j) => start[j])];
  for (let i = 0; i < n; i++) {
    const p = pointOf(n, (j) => start[j]);
    p[i] += step;
    simplex.push(p);
  }
  let values = simplex.map(value);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    const spread = values[n] - values[0];
    const size = Math.max(
      ...simplex.slice(1).map((p) => Math.max(...p.map((c, j) => Math.abs(c - simplex[0][j])))),
    );
    if (spread <= tolerance * (1 + Math.abs(values[0])) && size < pointTolerance) {
      converged = true;
      break;
    }
    const centroid = pointOf(n, () => 0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
    const along = (t: number) => pointOf(n, (j) => centroid[j] + t * (simplex[n][j] - centroid[j]));
    const reflected = along(-1);
    const fr = value(reflected);
    if (fr < values[0]) {
      const expanded = along(-2);
      const fe = value(expanded);
      if (fe < fr) [simplex[n], values[n]] = [expanded, fe];
      else [simplex[n], values[n]] = [reflected, fr];
    } else if (fr < values[n - 1]) {
      [simplex[n], values[n]] = [reflected, fr];
    } else {
      const contracted = fr < values[n] ? along(-0.5) : along(0.5);
      const fc = value(contracted);
      if (fc < Math.min(fr, values[n])) {
        [simplex[n], values[n]] = [contracted, fc];
      } else {
        for (let i = 1; i <= n; i++) {
          const old = simplex[i];
          simplex[i] = pointOf(n, (j) => simplex[0][j] + 0.5 * (old[j] - simplex[0][j]));
          values[i] = value(simplex[i]);
        }
      }
    }
  }
  const best = values.indexOf(Math.min(...values));
  return { x: simplex[best], value: values[best], iterations, converged };
}

/**
 * A point of n coordinates as an array of doubles from the start. Every point `f` is given then has one
 * array shape (an array of small integers has another, and an array made by map yet another), so the
 * compiled code of `f` and of this minimiser is not thrown away when a point of another shape shows up.
 */
function pointOf(n: number, at: (j: number) => number): number[] {
  const p = [0.5];
  p.length = 0;
  for (let j = 0; j < n; j++) p.push(at(j));
  return p;
}
