/**
 * log Γ(x) for x > 0 by the Lanczos approximation (g = 7, n = 9), with reflection for x < 0.5; relative
 * error about 1e-15, ample for likelihoods.
 */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const c = LANCZOS;
  const y = x - 1;
  let a = c[0];
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * Gauss hypergeometric ₂F₁(a, b; c; z) by its power series, for 0 ≤ z < 1 (the only range BG/NBD's
 * conditional expectation needs). Terms are summed until they stop changing the sum at double precision;
 * throws if 100,000 terms do not converge (z too close to 1 with large parameters).
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (z < 0 || z >= 1) throw new RangeError(`hyp2f1 series needs 0 ≤ z < 1, got ${z}`);
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 100_000; k++) {
    term *= ((a + k) * (b + k) * z) / ((c + k) * (k + 1));
    const next = sum + term;
    if (next === sum || Math.abs(term) < 1e-16 * Math.abs(next)) return next;
    sum = next;
  }
  throw new RangeError("hyp2f1 series did not converge");
}
