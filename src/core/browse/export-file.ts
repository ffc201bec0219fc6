import { strToU8, zipSync } from "fflate";
import { columnLetter } from "../table/a1";
import { neutraliseCell } from "../table/export/neutralise";

/** A cell of an exported table. */
export type ExportCell = string | number | null;

/**
 * Neutralises spreadsheet formula injection: text starting with = + - @ or a tab/CR is prefixed with an
 * apostrophe so Excel, Sheets and LibreOffice show it as text. Numbers are left alone (a negative number
 * is data, not a formula).
 */
export function formulaSafe(value: ExportCell): ExportCell {
  return neutraliseCell(value) as ExportCell;
}

/** RFC 4180 CSV with a BOM, formula-safe, fields with , ; tab quotes or line breaks quoted: core/table/csv-write. */
export { toCsv } from "../table/csv-write";

function xmlEscape(text: string): string {
  return (
    text
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      // Characters XML 1.0 forbids would make the file unreadable.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "")
  );
}

function sheetXml(header: readonly string[], rows: readonly (readonly ExportCell[])[]): string {
  const out: string[] = [];
  [header, ...rows].forEach((row, r) => {
    const cells = row.map((value, c) => {
      const ref = `${columnLetter(c)}${r + 1}`;
      if (value === null || value === "") return "";
      if (typeof value === "number" && Number.isFinite(value)) return `<c r="${ref}"><v>${value}</v></c>`;
      // Inline strings are never evaluated as formulas; the apostrophe prefix is not needed here.
      return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlEscape(String(value))}</t></is></c>`;
    });
    out.push(`<row r="${r + 1}">${cells.join("")}</row>`);
  });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<sheetData>${out.join("")}</sheetData></worksheet>`
  );
}

/**
 * A minimal .xlsx (one sheet, inline strings, no styles) zipped with fflate. Text cells are stored as
 * strings, never formulas, so exported data cannot execute.
 */
export function toXlsx(
  sheetName: string,
  header: readonly string[],
  rows: readonly (readonly ExportCell[])[],
): Uint8Array {
  const name = xmlEscape(sheetName.replace(/[\\/?*[\]:]/g, " ").slice(0, 31) || "Sheet1");
  const files: Record<string, string> = {
    "[Content_Types].xml":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      "</Types>",
    "_rels/.rels":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      "</Relationships>",
    "xl/workbook.xml":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `<sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      "</Relationships>",
    "xl/worksheets/sheet1.xml": sheetXml(header, rows),
  };
  const zipped: Record<string, Uint8Array> = {};
  for (const [path, text] of Object.entries(files)) zipped[path] = strToU8(text);
  return zipSync(zipped, { level: 6 });
}
