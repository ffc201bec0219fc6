/** Locale-independent number text for reports (sheet and sidebar format their own cells). */

/** 12345.678 → "12,345.68" (fixed decimals, comma thousands). */
export function formatAmount(x: number, decimals = 2): string {
  if (!Number.isFinite(x)) return "—";
  const [int, frac] = Math.abs(x).toFixed(decimals).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${x < 0 && Number(Math.abs(x).toFixed(decimals)) !== 0 ? "-" : ""}${grouped}${frac ? "." + frac : ""}`;
}

/** 0.1234 → "12.3%"; signed adds "+" to positive values. */
export function formatPercent(share: number | null, signed = false): string {
  if (share === null || !Number.isFinite(share)) return "—";
  const text = `${(share * 100).toFixed(1)}%`;
  return signed && share > 0 ? "+" + text : text;
}
