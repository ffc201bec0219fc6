/** Number and label formatting shared by the notify renderers; identical in both languages. */

/** An amount with thousands separators and two decimals ("1,234.50"); negatives keep their sign. */
export function formatAmount(n: number): string {
  const sign = n < 0 ? "-" : "";
  const [int, dec] = Math.abs(n).toFixed(2).split(".");
  return `${sign}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${dec}`;
}

/** A whole count with thousands separators. */
export function formatCount(n: number): string {
  return formatAmount(n).slice(0, -3);
}

/** Change from `before` to `now` as a signed percentage ("+12.5%"), or "—" when `before` is zero. */
export function formatChange(now: number, before: number): string {
  if (before === 0) return now === 0 ? "0%" : "—";
  const pct = ((now - before) / Math.abs(before)) * 100;
  return `${pct >= 0 ? "+" : ""}${pct.toFixed(1)}%`;
}
