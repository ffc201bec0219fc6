/**
 * Smooth minimisation for the spend and forecast models: BFGS with a backtracking (Armijo) line search on
 * an objective that returns its own gradient, and the digamma function the likelihood gradients need.
 */

/** An objective: its value at x and, written into `gradient`, its gradient. Non-finite means "refused". */
export type Objective = (x: readonly number[], gradient: number[]) => number;

export interface BfgsResult {
  readonly x: readonly number[];
  readonly value: number;
  /** Largest |gradient component| at x. */
  readonly gradientNorm: number;
  readonly iterations: number;
  /** The gradient fell below the tolerance (a stationary point), not the iteration cap or a stalled search. */
  readonly converged: boolean;
  /** The search left the box |xᵢ| ≤ bound (the optimum lies beyond it) and was stopped there. */
  readonly escaped: boolean;
}

/**
 * Minimises `f` from `start` by BFGS (Nocedal & Wright, Numerical Optimization, alg. 6.1) with the inverse
 * Hessian started at the identity and an Armijo backtracking search (c₁ = 1e-4, halving). Converged when
 * every gradient component is below `gradientTolerance` (or below ten times it when three steps in a row
 * change f by rounding error only). Stops without convergence after `maxIterations`,
 * when no step along the search direction lowers f (after a reset to steepest descent), or as soon as a
 * coordinate leaves [−bound, bound] (`escaped`: a supremum at infinity, e.g. a parameter of a log scale).
 */
export function bfgs(
  f: Objective,
  start: readonly number[],
  { gradientTolerance = 1e-6, maxIterations = 200, bound = Infinity } = {},
): BfgsResult {
  const n = start.length;
  let x = start.slice();
  let g = new Array<number>(n).fill(0);
  let value = f(x, g);
  const identity = (): number[][] =>
    Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  let H = identity();
  const norm = (v: readonly number[]) => Math.max(...v.map(Math.abs));
  let iterations = 0;
  let reset = false;
  let flat = 0;
  while (iterations < maxIterations) {
    if (!Number.isFinite(value)) break;
    if (norm(g) < gradientTolerance)
      return { x, value, gradientNorm: norm(g), iterations, converged: true, escaped: false };
    if (norm(x) > bound)
      return { x, value, gradientNorm: norm(g), iterations, converged: false, escaped: true };
    iterations++;
    const d = H.map((row) => -row.reduce((s, h, j) => s + h * g[j], 0));
    let slope = d.reduce((s, di, i) => s + di * g[i], 0);
    if (!(slope < 0)) {
      // Not a descent direction (H lost positive definiteness): steepest descent.
      H = identity();
      for (let i = 0; i < n; i++) d[i] = -g[i];
      slope = -g.reduce((s, gi) => s + gi * gi, 0);
    }
    let step = 1;
    const trialGradient = new Array<number>(n).fill(0);
    let trial: number[] = x;
    let trialValue = Infinity;
    for (let k = 0; k < 60; k++) {
      trial = x.map((xi, i) => xi + step * d[i]);
      trialValue = f(trial, trialGradient);
      if (Number.isFinite(trialValue) && trialValue <= value + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(Number.isFinite(trialValue) && trialValue <= value + 1e-4 * step * slope)) {
      if (reset) break;
      H = identity();
      reset = true;
      continue;
    }
    reset = false;
    // Three steps in a row that change f by rounding error only: as far as double precision goes.
    flat = value - trialValue <= 1e-15 * (1 + Math.abs(value)) ? flat + 1 : 0;
    if (flat >= 3) {
      const gn = norm(trialGradient);
      return {
        x: trial,
        value: trialValue,
        gradientNorm: gn,
        iterations,
        converged: gn < 10 * gradientTolerance,
        escaped: false,
      };
    }
    const s = trial.map((t, i) => t - x[i]);
    const y = trialGradient.map((t, i) => t - g[i]);
    const sy = s.reduce((acc, si, i) => acc + si * y[i], 0);
    x = trial;
    value = trialValue;
    g = trialGradient.slice();
    if (sy > 1e-12) {
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
      const rho = 1 / sy;
      const Hy = H.map((row) => row.reduce((acc, h, j) => acc + h * y[j], 0));
      const yHy = y.reduce((acc, yi, i) => acc + yi * Hy[i], 0);
      H = H.map((row, i) =>
        row.map((h, j) => h - rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j]),
      );
    }
  }
  return { x, value, gradientNorm: norm(g), iterations, converged: false, escaped: norm(x) > bound };
}

/**
 * ψ(x) = d/dx ln Γ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 6, then the asymptotic
 * series ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ); absolute error below 1e-12.
 */
export function digamma(x: number): number {
  let result = 0;
  while (x < 6) {
    result -= 1 / x;
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  return (
    result +
    Math.log(x) -
    0.5 * inv -
    inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132)))))
  );
}
