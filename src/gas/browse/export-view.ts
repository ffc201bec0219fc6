import type { Lang } from "../../core/schema/types";
// Apps Script has no TextEncoder; fflate's UTF-8 encoder is already in the bundle for XLSX.
import { strToU8 } from "fflate";
import { LIST_COLUMNS, displayValue } from "../../core/browse/customer-index";
import { toBase64, toCsv, toXlsx, type ExportCell } from "../../core/browse/export-file";
import { selectAll, validateQuery, type CustomerQuery } from "../../core/browse/query";
import { CUSTOMERS } from "../../core/schema/sheets";
import type { ExportFile } from "../../shared/browse";
import { runJob } from "../platform/job";
import { spreadsheetTimeZone } from "../platform/locale";
import { callerVisibility, customerIndex, isoDateFormatter, langOf } from "./customer-cache";

/**
 * The current view (search, filters, sort; every page) as CSV or XLSX, in the user's language. Text that
 * a spreadsheet would run as a formula is neutralised. Audited like any job: data is leaving the sheet.
 */
export function exportView(query: CustomerQuery, format: "csv" | "xlsx", requestedLang?: Lang): ExportFile {
  return runJob("Export customers", "view", () => {
    if (format !== "csv" && format !== "xlsx") throw new Error(`Unknown export format "${format}".`);
    validateQuery(query);
    const lang = langOf(requestedLang);
    const access = callerVisibility();
    const customers = selectAll(customerIndex(), query, lang, access.filter);
    const header = LIST_COLUMNS.map((k) => CUSTOMERS.columns.find((c) => c.key === k)!.header[lang]);
    const rows: ExportCell[][] = customers.map((c) =>
      LIST_COLUMNS.map((k) => {
        const v = c.values[k];
        return typeof v === "string" ? displayValue(k, v, lang) : v;
      }),
    );
    const stamp = isoDateFormatter(spreadsheetTimeZone())(new Date());
    const base = `${CUSTOMERS.name[lang]}-${stamp}`;
    const file: ExportFile =
      format === "csv"
        ? {
            filename: `${base}.csv`,
            mimeType: "text/csv;charset=utf-8",
            base64: toBase64(strToU8(toCsv(header, rows))),
            rows: rows.length,
          }
        : {
            filename: `${base}.xlsx`,
            mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            base64: toBase64(toXlsx(CUSTOMERS.name[lang], header, rows)),
            rows: rows.length,
          };
    return { result: file, outcome: { rowsAffected: rows.length, detail: `${format} export` } };
  });
}
