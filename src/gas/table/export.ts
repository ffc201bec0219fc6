import { sheetSpec } from "../../core/schema/sheets";
import { toBase64 } from "../../core/table/export/base64";
import { toCsv, toXlsx } from "../../core/table/export/export-view";
import type { ExportFile, ExportRequest } from "../../shared/table";
import { requirePermission } from "../platform/guard";
import { spreadsheetTimeZone } from "../platform/locale";
import { readTable } from "../platform/sheet-table";

/**
 * Exports a canonical sheet (optionally only rows whose column contains a text) as CSV or XLSX, every
 * column included and in the sheet's order; text that could run as a formula is neutralised.
 */
export function exportView(request: ExportRequest): ExportFile {
  requirePermission("view");
  const spec = sheetSpec(request.sheet);
  const table = readTable(spec);
  if (!table) throw new Error(`There is no ${spec.name.en} sheet to export; run Set up / repair.`);
  let rows = table.rows.filter((r) => r.some((v) => v !== "" && v !== null));
  if (request.filter) {
    const at =
      table.map.index.get(request.filter.key) ?? table.headers.map(String).indexOf(request.filter.key);
    if (at < 0) throw new Error(`Unknown column to filter on: ${request.filter.key}`);
    const needle = request.filter.contains.toLowerCase();
    rows = rows.filter((r) =>
      String(r[at] ?? "")
        .toLowerCase()
        .includes(needle),
    );
  }
  const grid = { headers: table.headers.map(String), rows };
  const timeZone = spreadsheetTimeZone();
  const name = table.sheet.getName();
  if (request.format === "csv") {
    const bytes = Utilities.newBlob(toCsv(grid, timeZone)).getBytes();
    return {
      filename: `${name}.csv`,
      mimeType: "text/csv",
      base64: toBase64(Uint8Array.from(bytes, (b) => b & 0xff)),
      rows: rows.length,
    };
  }
  return {
    filename: `${name}.xlsx`,
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    base64: toBase64(toXlsx(grid, name, timeZone)),
    rows: rows.length,
  };
}
