/**
 * The standard normal distribution's upper tail, for the rules' significance test and the forecasts'
 * intervals.
 */

/**
 * erfc(x) by the Chebyshev fit of Numerical Recipes (2nd ed., §6.2, `erfcc`): fractional error below
 * 1.2e-7 everywhere, which is ample for p-values compared with 0.05 / m.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** P(Z > z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** z with P(Z ≤ z) = 0.9: the half-width of a two-sided 80 % normal interval, in standard deviations. */
export const Z80 = 1.2815515655446004;
