import type { UiLang } from "./i18n";

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: UiLang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang, options);
    numberFormats.set(key, f);
  }
  return f;
}

/** A plain number with grouping, at most 2 decimals; "" for null/NaN. */
export function formatNumber(value: number | null | undefined, lang: UiLang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  return numberFormat(lang, { maximumFractionDigits: 2 }).format(value);
}

/**
 * A money amount without a currency sign (the book's currency is the user's business): grouped, two
 * decimals when there are cents, none otherwise.
 */
export function formatMoney(value: number | null | undefined, lang: UiLang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  const cents = Math.round(value * 100) % 100 !== 0;
  return numberFormat(lang, { minimumFractionDigits: cents ? 2 : 0, maximumFractionDigits: 2 }).format(value);
}

/** Short money for KPI tiles: 1.2K / 3.4M in English, 1.2万 / 3.4亿 in Chinese. */
export function formatCompact(value: number, lang: UiLang): string {
  if (!Number.isFinite(value)) return "";
  const abs = Math.abs(value);
  const steps: readonly [number, string][] =
    lang === "zh-CN"
      ? [
          [1e8, "亿"],
          [1e4, "万"],
        ]
      : [
          [1e9, "B"],
          [1e6, "M"],
          [1e3, "K"],
        ];
  for (const [size, unit] of steps) {
    if (abs >= size) {
      const n = value / size;
      return `${Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 10) / 10}${unit}`;
    }
  }
  return formatNumber(Math.round(value), lang);
}

/** A share 0..1 as a whole percentage. */
export function formatPercent(share: number, lang: UiLang): string {
  if (!Number.isFinite(share)) return "";
  return numberFormat(lang, { style: "percent", maximumFractionDigits: 0 }).format(share);
}

/** Month key "YYYY-MM" → "Nov 26" / "26年11月" for chart axes. */
export function formatMonth(month: string, lang: UiLang): string {
  const [y, m] = month.split("-").map(Number);
  if (!y || !m) return month;
  if (lang === "zh-CN") return `${String(y).slice(2)}年${m}月`;
  const name = new Intl.DateTimeFormat("en", { month: "short", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
  return `${name} ${String(y).slice(2)}`;
}

/** A list value for a table cell: numbers formatted, everything else as text. */
export function formatCell(value: string | number | null, numeric: boolean, lang: UiLang): string {
  if (value === null) return "";
  if (typeof value === "number") return numeric ? formatMoney(value, lang) : formatNumber(value, lang);
  return value;
}
