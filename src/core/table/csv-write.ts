import { neutraliseCell } from "./export/neutralise";

/**
 * Characters that make a field need quotes. RFC 4180 names the comma, the double quote, CR and LF
 * (https://www.rfc-editor.org/rfc/rfc4180#section-2); Excel in locales whose list separator is ";" (most
 * of Europe) splits on ";" instead, and tab-separated readers on tab, so those are quoted too.
 */
const NEEDS_QUOTES = /[",;\t\r\n]/;

/** What starts a formula where a reader starts a field (a leading tab or CR is handled as a break). */
const FORMULA_START = new Set(["=", "+", "-", "@"]);

/** Where a reader that does not split on "," starts a new field or line inside our quoted field. */
const INNER_BREAK = new Set([";", "\t", "\r", "\n"]);

/**
 * Quoting protects a field only from readers that split on ",": Excel in a ";" locale reads
 * `C1,"Acme;=HYPERLINK(…)"` as `C1,"Acme` and `=HYPERLINK(…)"` (a quote inside a field is just a
 * character), and a line break inside quotes starts a new line for it. So where such a reader would start
 * a field (after ";", tab, CR or LF) with a formula (after any quotes), a "'" goes first. One scan; the
 * pieces are joined once.
 */
function neutraliseInnerStarts(text: string): string {
  const pieces: string[] = [];
  let from = 0;
  let breakAt = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (INNER_BREAK.has(c)) breakAt = i;
    else if (breakAt >= 0 && FORMULA_START.has(c)) {
      pieces.push(text.slice(from, breakAt + 1), "'");
      from = breakAt + 1;
      breakAt = -1;
    } else if (c !== '"') breakAt = -1;
  }
  if (from === 0) return text;
  pieces.push(text.slice(from));
  return pieces.join("");
}

/**
 * One CSV field, safe to open in Excel or Sheets in any locale (OWASP's advice on CSV injection,
 * https://owasp.org/www-community/attacks/CSV_Injection): text starting with = + - @ tab or CR gets a
 * leading "'", and so does a formula start after a ";", tab or line break inside it (see above); then the
 * field is quoted when it holds a separator, a quote or a line break, quotes doubled. Numbers are written
 * as they are (a negative number is data, not a formula); null and undefined are empty.
 */
export function csvField(value: unknown): string {
  const safe = neutraliseCell(value);
  if (safe === null || safe === undefined) return "";
  const text = typeof safe === "string" ? neutraliseInnerStarts(safe) : String(safe);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV document (RFC 4180: CRLF line ends, a final CRLF) from a header and rows, each field through
 * {@link csvField}, with a UTF-8 byte-order mark so Excel opens Chinese text correctly.
 */
export function toCsv(header: readonly unknown[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(","));
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}
