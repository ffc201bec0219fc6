import { strFromU8, unzipSync } from "fflate";
import { parseA1 } from "../a1";
import type { TableFile } from "./parse-csv";

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === "#")
      return String.fromCodePoint(
        e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)),
      );
    return ENTITIES[e] ?? m;
  });
}

/** The text of a string item: all its <t> runs (rich text splits one string into several). */
function itemText(xml: string): string {
  let s = "";
  for (const m of xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t\s*\/>/g)) s += unescapeXml(m[1] ?? "");
  return s;
}

function firstSheetPath(files: Record<string, Uint8Array>): string {
  const workbook = files["xl/workbook.xml"] ? strFromU8(files["xl/workbook.xml"]) : "";
  const rels = files["xl/_rels/workbook.xml.rels"] ? strFromU8(files["xl/_rels/workbook.xml.rels"]) : "";
  const rid = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1];
  const rel = rid && new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*>`).exec(rels)?.[0];
  const target = rel && /Target="([^"]+)"/.exec(rel)?.[1];
  if (target) {
    const p = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
    if (files[p]) return p;
  }
  const any = Object.keys(files)
    .filter((k) => /^xl\/worksheets\/[^/]+\.xml$/.test(k))
    .sort()[0];
  if (!any) throw new Error("not an XLSX workbook: no worksheet found");
  return any;
}

/**
 * Reads the first worksheet of an XLSX file into a grid: shared and inline strings as text, numbers as
 * numbers (dates stay Excel serials, which the date parser reads), booleans as booleans, formula cells as
 * their cached value. The first non-blank row is the header; blank rows are dropped, row numbers kept.
 * Throws on bytes that are not an XLSX workbook.
 */
export function readXlsx(bytes: Uint8Array): TableFile {
  const files = unzipSync(bytes);
  const shared: string[] = [];
  if (files["xl/sharedStrings.xml"]) {
    for (const m of strFromU8(files["xl/sharedStrings.xml"]).matchAll(/<si>([\s\S]*?)<\/si>/g))
      shared.push(itemText(m[1]));
  }
  const xml = strFromU8(files[firstSheetPath(files)]);
  const grid = new Map<number, unknown[]>();
  for (const rowMatch of xml.matchAll(/<row\b([^>]*)>([\s\S]*?)<\/row>/g)) {
    const rowNumber = Number(/\br="(\d+)"/.exec(rowMatch[1])?.[1] ?? grid.size + 1);
    const cells: unknown[] = [];
    let next = 0;
    for (const c of rowMatch[2].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1];
      const ref = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
      const col = ref ? parseA1(ref).column : next;
      next = col + 1;
      const body = c[2] ?? "";
      const type = /\bt="(\w+)"/.exec(attrs)?.[1];
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value: unknown = "";
      if (type === "s") value = shared[Number(v)] ?? "";
      else if (type === "inlineStr") value = itemText(body);
      else if (type === "str" || type === "e") value = unescapeXml(v ?? "");
      else if (type === "b") value = v === "1";
      else if (v !== undefined) value = Number(v);
      cells[col] = value;
    }
    grid.set(
      rowNumber,
      Array.from(cells, (x) => (x === undefined ? "" : x)),
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
