import Papa from "papaparse/papaparse.min.js";
import { strToU8, zipSync } from "fflate";
import { isDateObject, isoDateTime, dateInZone } from "../parse";
import { columnLetter } from "../a1";
import { neutraliseCell } from "./neutralise";

/** A grid to export: header row and rows, already filtered to what the user sees. */
export interface ExportGrid {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

/** Cell text for export: Date objects as wall-clock ISO in `timeZone`, then neutralised. */
function exportCell(value: unknown, timeZone: string): unknown {
  if (isDateObject(value)) {
    const d = dateInZone(value.getTime(), timeZone);
    const t = d.time!;
    return isoDateTime(t.hour || t.minute || t.second ? d : { year: d.year, month: d.month, day: d.day });
  }
  return neutraliseCell(value ?? "");
}

/**
 * The grid as CSV text (RFC 4180 quoting, CRLF, UTF-8 with a byte-order mark so Excel opens Chinese
 * correctly), with formula neutralisation (see neutraliseCell). Dates are written as ISO in `timeZone`.
 */
export function toCsv(grid: ExportGrid, timeZone = "UTC"): string {
  const data = [
    grid.headers.map((h) => neutraliseCell(h)),
    ...grid.rows.map((r) => r.map((v) => exportCell(v, timeZone))),
  ];
  return "\uFEFF" + Papa.unparse(data as unknown[][], { newline: "\r\n", quotes: false });
}

function xmlEscape(s: string): string {
  return (
    s
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      // XML 1.0 forbids most control characters; they cannot be stored, so they are dropped.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
  );
}

function sheetXml(rows: readonly (readonly unknown[])[]): string {
  const body = rows
    .map((row, r) => {
      const cells = row
        .map((v, c) => {
          const ref = `${columnLetter(c)}${r + 1}`;
          if (typeof v === "number" && Number.isFinite(v)) return `<c r="${ref}"><v>${v}</v></c>`;
          if (typeof v === "boolean") return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
          const s = String(v ?? "");
          return s === ""
            ? ""
            : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlEscape(s)}</t></is></c>`;
        })
        .join("");
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

/**
 * The grid as a minimal XLSX workbook (one sheet named `sheetName`): text as inline strings, numbers and
 * booleans typed, dates as ISO text, every text cell neutralised like the CSV.
 */
export function toXlsx(grid: ExportGrid, sheetName: string, timeZone = "UTC"): Uint8Array {
  const rows = [
    grid.headers.map((h) => neutraliseCell(h)),
    ...grid.rows.map((r) => r.map((v) => exportCell(v, timeZone))),
  ];
  const name = xmlEscape(sheetName.replace(/[\\/?*[\]:]/g, " ").slice(0, 31) || "Sheet1");
  const ct = "http://schemas.openxmlformats.org";
  return zipSync({
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="${ct}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
    "_rels/.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${ct}/package/2006/relationships"><Relationship Id="rId1" Type="${ct}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${ct}/spreadsheetml/2006/main" xmlns:r="${ct}/officeDocument/2006/relationships"><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${ct}/package/2006/relationships"><Relationship Id="rId1" Type="${ct}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    "xl/worksheets/sheet1.xml": strToU8(sheetXml(rows)),
  });
}

/** The problems list as CSV (sheet, cell, value, rule, message), neutralised like any export. */
export function problemsToCsv(
  problems: readonly { sheet: string; a1: string; value: string; rule: string; message: string }[],
): string {
  return toCsv({
    headers: ["sheet", "cell", "value", "rule", "message"],
    rows: problems.map((p) => [p.sheet, p.a1, p.value, p.rule, p.message]),
  });
}
