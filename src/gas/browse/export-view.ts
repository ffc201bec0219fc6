import type { Lang } from "../../core/schema/types";
// Apps Script has no TextEncoder; fflate's UTF-8 encoder is already in the bundle for XLSX.
import { strToU8 } from "fflate";
import { LIST_COLUMNS, displayValue } from "../../core/browse/customer-index";
import { toCsv, toXlsx, type ExportCell } from "../../core/browse/export-file";
import { selectAll, validateQuery, type CustomerQuery } from "../../core/browse/query";
import { CUSTOMERS } from "../../core/schema/sheets";
import { base64Encode } from "../../core/trust/bytes";
import type { ExportFile } from "../../shared/browse";
import { currentUser } from "../platform/locale";
import { appendJobEntry } from "../trust/audit-log";
import { bookDates, callerVisibility, customerIndex, langOf } from "./customer-cache";

/**
 * The one export (server function exportCustomers): the current view (search, filters, sort; every page)
 * as CSV or XLSX, in the user's language, holding only the customers the caller may see (sales reps: their
 * own). Text that a spreadsheet would run as a formula is neutralised. Data is leaving the sheet, so the
 * call is audited (src/shared/server-functions.ts); the rows exported go into its entry. It reads only,
 * so it takes no document lock.
 */
export function exportCustomers(
  query: CustomerQuery,
  format: "csv" | "xlsx",
  requestedLang?: Lang,
): ExportFile {
  const started = new Date();
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
  const stamp = bookDates()(new Date());
  const base = `${CUSTOMERS.name[lang]}-${stamp}`;
  const file: ExportFile =
    format === "csv"
      ? {
          filename: `${base}.csv`,
          mimeType: "text/csv;charset=utf-8",
          base64: base64Encode(strToU8(toCsv(header, rows))),
          rows: rows.length,
        }
      : {
          filename: `${base}.xlsx`,
          mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          base64: base64Encode(toXlsx(CUSTOMERS.name[lang], header, rows)),
          rows: rows.length,
        };
  appendJobEntry({
    job: "Export customers",
    user: currentUser(),
    at: started,
    rows: rows.length,
    detail: `${format} export`,
  });
  return file;
}
