import { strFromU8 } from "fflate";
import { columnLetter } from "../a1";
import {
  FileCapError,
  MAX_XLSX_INFLATED_BYTES,
  SHEETS_MAX_CELL_CHARS,
  SHEETS_MAX_CELLS,
  SHEETS_MAX_COLUMNS,
} from "./caps";
import type { TableFile } from "./parse-csv";
import { readZipEntry, zipEntries, type ZipEntry } from "./zip-archive";

/*
 * The XML is read by indexOf scans that only move forward, never by patterns that could retry from every
 * position: a forged part cannot make reading it super-linear.
 */

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * `s` with each occurrence of `mark` replaced, scanning forward only: `replace(at)` gives the text to put
 * in place of what starts at `at` and where reading resumes, or null to drop everything from `at` on.
 */
function replaceEach(
  s: string,
  mark: string,
  replace: (at: number) => { readonly text: string; readonly next: number } | null,
): string {
  if (!s.includes(mark)) return s;
  let out = "";
  let i = 0;
  for (;;) {
    const at = s.indexOf(mark, i);
    if (at < 0) return out + s.slice(i);
    const r = replace(at);
    if (!r) return out + s.slice(i, at);
    out += s.slice(i, at) + r.text;
    i = r.next;
  }
}

/** Text with XML's entities and character references decoded; an unknown or invalid one is kept as written. */
function unescapeXml(s: string): string {
  return replaceEach(s, "&", (amp) => {
    // The longest reference is "&#x10FFFF;": look no further than that for its ";".
    const semi = s.slice(amp + 1, amp + 12).indexOf(";");
    const name = semi < 0 ? "" : s.slice(amp + 1, amp + 1 + semi);
    let text: string | undefined;
    if (name[0] === "#") {
      const hex = name[1] === "x" || name[1] === "X";
      const digits = name.slice(hex ? 2 : 1);
      const code = /^[0-9a-fA-F]+$/.test(digits) ? parseInt(digits, hex ? 16 : 10) : NaN;
      if (code >= 0 && code <= 0x10ffff && (hex || /^\d+$/.test(digits))) text = String.fromCodePoint(code);
    } else if (name) text = ENTITIES[name];
    return text === undefined ? { text: "&", next: amp + 1 } : { text, next: amp + 2 + semi };
  });
}

/** A start tag's attributes (` r="A1" t="s"`) by name. */
function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  let i = 0;
  for (;;) {
    const eq = tag.indexOf("=", i);
    if (eq < 0) return found;
    let q = eq + 1;
    while (q < tag.length && (tag[q] === " " || tag[q] === "\t" || tag[q] === "\n" || tag[q] === "\r")) q++;
    const quote = tag[q];
    if (quote !== '"' && quote !== "'") return found;
    const close = tag.indexOf(quote, q + 1);
    if (close < 0) return found;
    found.set(tag.slice(i, eq).trim(), tag.slice(q + 1, close));
    i = close + 1;
  }
}

interface Element {
  readonly attrs: string;
  readonly body: string;
}

/**
 * The `<name …>…</name>` and `<name …/>` elements of `xml`, in order. Bodies are not searched again (an
 * element of the same name inside one is part of its body); an element left open ends the scan.
 */
function* elements(xml: string, name: string): Generator<Element> {
  const open = `<${name}`;
  const close = `</${name}>`;
  let i = 0;
  for (;;) {
    const at = xml.indexOf(open, i);
    if (at < 0) return;
    const after = at + open.length;
    const next = xml[after];
    if (next !== ">" && next !== "/" && next !== " " && next !== "\t" && next !== "\n" && next !== "\r") {
      i = after;
      continue;
    }
    const gt = xml.indexOf(">", after);
    if (gt < 0) return;
    if (xml[gt - 1] === "/") {
      yield { attrs: xml.slice(after, gt - 1), body: "" };
      i = gt + 1;
      continue;
    }
    const end = xml.indexOf(close, gt + 1);
    if (end < 0) return;
    yield { attrs: xml.slice(after, gt), body: xml.slice(gt + 1, end) };
    i = end + close.length;
  }
}

/** The body of the first `<name>` element, or "" when there is none. */
function firstBody(xml: string, name: string): string {
  for (const e of elements(xml, name)) return e.body;
  return "";
}

/** A string item without its phonetic runs (<rPh>: the reading of East Asian text, not part of the value). */
function withoutPhonetic(xml: string): string {
  return replaceEach(xml, "<rPh", (at) => {
    const end = xml.indexOf("</rPh>", at);
    return end < 0 ? null : { text: "", next: end + "</rPh>".length };
  });
}

/** The text of a string item: all its <t> runs (rich text splits one string into several). */
function itemText(xml: string): string {
  let s = "";
  for (const t of elements(withoutPhonetic(xml), "t")) s += unescapeXml(t.body);
  return s;
}

/** Reads an A1 reference ("XFD12") as 0-based column and 1-based row; null when it is not one. */
function cellRef(ref: string): { readonly column: number; readonly row: number } | null {
  let i = 0;
  let column = 0;
  while (i < ref.length && ref[i] >= "A" && ref[i] <= "Z") {
    // Past ZZZ it is beyond any column; keep counting letters only to report the reference.
    column = Math.min(column * 26 + (ref.charCodeAt(i) - 64), SHEETS_MAX_COLUMNS + 1);
    i++;
  }
  if (i === 0 || i === ref.length) return null;
  const digits = ref.slice(i);
  for (const d of digits) if (d < "0" || d > "9") return null;
  return { column: column - 1, row: Number(digits) };
}

/** The parts an import reads, inflated under one budget. */
class Parts {
  private readonly byName = new Map<string, ZipEntry>();
  private inflated = 0;

  constructor(private readonly bytes: Uint8Array) {
    for (const e of zipEntries(bytes)) this.byName.set(e.name, e);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  /**
   * Checks that the parts named, with what is already inflated, stay within MAX_XLSX_INFLATED_BYTES by the
   * sizes the directory declares: before anything of them is inflated.
   */
  reserve(names: readonly string[]): void {
    const entries = names.map((n) => this.byName.get(n)).filter((e): e is ZipEntry => e !== undefined);
    const declared = entries.reduce((n, e) => n + e.size, this.inflated);
    if (declared > MAX_XLSX_INFLATED_BYTES)
      throw new FileCapError(
        "inflated-bytes",
        MAX_XLSX_INFLATED_BYTES,
        declared,
        entries.map((e) => `${e.name} ${e.size} bytes`).join(", "),
      );
  }

  /** A part's text (UTF-8), or "" when the archive has no such part. */
  text(name: string): string {
    const entry = this.byName.get(name);
    if (!entry) return "";
    this.reserve([name]);
    const data = readZipEntry(this.bytes, entry);
    this.inflated += data.length;
    return strFromU8(data);
  }
}

/** The path of the workbook's first sheet, from the workbook and its relationships. */
function firstSheetPath(parts: Parts): string {
  parts.reserve(["xl/workbook.xml", "xl/_rels/workbook.xml.rels"]);
  const workbook = parts.text("xl/workbook.xml");
  let rid: string | undefined;
  for (const sheet of elements(firstBody(workbook, "sheets"), "sheet")) {
    rid = attributes(sheet.attrs).get("r:id");
    break;
  }
  if (rid !== undefined) {
    const rels = parts.text("xl/_rels/workbook.xml.rels");
    for (const rel of elements(rels, "Relationship")) {
      const attrs = attributes(rel.attrs);
      if (attrs.get("Id") !== rid) continue;
      const target = attrs.get("Target") ?? "";
      const path = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
      if (parts.has(path)) return path;
      break;
    }
  }
  const any = parts
    .names()
    .filter((k) => k.startsWith("xl/worksheets/") && k.endsWith(".xml") && !k.slice(14).includes("/"))
    .sort()[0];
  if (!any) throw new Error("not an XLSX workbook: no worksheet found");
  return any;
}

/** A cell's value by its type attribute: shared and inline strings, text, booleans, numbers. */
function cellValue(type: string | undefined, body: string, shared: readonly string[]): unknown {
  const v = body.includes("<v") ? firstBody(body, "v") : undefined;
  if (type === "s") return shared[Number(v)] ?? "";
  if (type === "inlineStr") return itemText(firstBody(body, "is"));
  if (type === "str" || type === "e") return unescapeXml(v ?? "");
  if (type === "b") return v === "1";
  if (v === undefined) return "";
  const n = Number(v);
  return v.trim() !== "" && Number.isFinite(n) ? n : unescapeXml(v);
}

/**
 * Reads the first worksheet of an XLSX file into a grid: shared and inline strings as text, numbers as
 * numbers (dates stay Excel serials, which the date parser reads), booleans as booleans, formula cells as
 * their cached value. The first non-blank row is the header; blank rows are dropped, row numbers kept.
 *
 * Caps (see ./caps): only the workbook, its relationships, the shared strings and that sheet are inflated,
 * together at most MAX_XLSX_INFLATED_BYTES, checked against the zip directory before inflating; a cell past
 * column ZZZ, a used range (A1 to the last cell holding a value) or a grid over 10,000,000 cells, or a
 * text over 50,000 characters is refused as soon as it is met. Throws on bytes that are not an XLSX
 * workbook. Linear in the size of the parts read.
 */
export function readXlsx(bytes: Uint8Array): TableFile {
  const parts = new Parts(bytes);
  const sheetPath = firstSheetPath(parts);
  parts.reserve(["xl/sharedStrings.xml", sheetPath]);
  const shared: string[] = [];
  for (const si of elements(parts.text("xl/sharedStrings.xml"), "si")) shared.push(itemText(si.body));
  const xml = parts.text(sheetPath);
  const sheetData = xml.includes("<sheetData") ? firstBody(xml, "sheetData") : xml;
  const grid = new Map<number, unknown[]>();
  let lastRow = 0;
  let tallest = 0;
  let widest = 0;
  let cells = 0;
  for (const row of elements(sheetData, "row")) {
    const r = attributes(row.attrs).get("r");
    const rowNumber = r !== undefined && /^\d+$/.test(r) ? Number(r) : lastRow + 1;
    lastRow = rowNumber;
    const values: unknown[] = [];
    let next = 0;
    for (const c of elements(row.body, "c")) {
      const attrs = attributes(c.attrs);
      const ref = attrs.get("r");
      const at = ref === undefined ? null : cellRef(ref);
      const column = at ? at.column : next;
      next = column + 1;
      if (column >= SHEETS_MAX_COLUMNS)
        throw new FileCapError("columns", SHEETS_MAX_COLUMNS, column + 1, `cell ${ref ?? column + 1}`);
      const value = cellValue(attrs.get("t"), c.body, shared);
      if (value === "") continue;
      if (typeof value === "string" && value.length > SHEETS_MAX_CELL_CHARS)
        throw new FileCapError(
          "cell-chars",
          SHEETS_MAX_CELL_CHARS,
          value.length,
          `cell ${columnLetter(column)}${rowNumber}`,
        );
      values[column] = value;
    }
    if (values.length === 0) continue;
    // Checked before the row is made dense: a forged far-away cell costs nothing.
    widest = Math.max(widest, values.length);
    tallest = Math.max(tallest, rowNumber);
    if (tallest * widest > SHEETS_MAX_CELLS)
      throw new FileCapError(
        "dimension",
        SHEETS_MAX_CELLS,
        tallest * widest,
        `A1:${columnLetter(widest - 1)}${tallest}`,
      );
    cells += values.length;
    if (cells > SHEETS_MAX_CELLS) throw new FileCapError("cells", SHEETS_MAX_CELLS, cells);
    grid.set(
      rowNumber,
      Array.from(values, (x) => (x === undefined ? "" : x)),
    );
  }
  const numbers = [...grid.keys()].sort((a, b) => a - b);
  const blank = (row: unknown[]) => row.every((x) => x === "" || (typeof x === "string" && x.trim() === ""));
  const headerAt = numbers.find((n) => !blank(grid.get(n)!));
  if (headerAt === undefined) return { headers: [], rows: [], lines: [] };
  const headers = grid.get(headerAt)!.map((h) => String(h).trim());
  const rows: unknown[][] = [];
  const lines: number[] = [];
  for (const n of numbers) {
    if (n <= headerAt || blank(grid.get(n)!)) continue;
    rows.push(grid.get(n)!);
    lines.push(n);
  }
  return { headers, rows, lines };
}
