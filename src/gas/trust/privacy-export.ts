// "Export one customer's data" (a GDPR / PIPL access request): everything the book holds about one
// customer, as JSON and XLSX. Data leaves the sheet, so the call is audited ("disclose" in the server-
// function table); the vault's values are decrypted for an owner only, everyone else gets their masks.
import { strToU8 } from "fflate";
import { toXlsx, type ExportCell } from "../../core/browse/export-file";
import { SEND_LOG_HEADERS } from "../../core/notify/send-log";
import { CUSTOMERS, FEEDBACK, INTERACTIONS, ORDERS } from "../../core/schema/sheets";
import type { SheetSpec } from "../../core/schema/types";
import { AUDIT_FIELDS } from "../../core/trust/audit";
import { base64Encode } from "../../core/trust/bytes";
import { isMasked, maskSensitive } from "../../core/trust/mask";
import {
  PRIVACY_EXPORT_FORMAT,
  privacyJson,
  privacySheet,
  type PrivacyExportDocument,
  type PrivacySection,
} from "../../core/trust/privacy-export";
import type { PrivacyExport } from "../../shared/privacy";
import { segmentHistoryOf } from "../classify/summary-sheets";
import { currentRole } from "../platform/guard";
import { currentUser, spreadsheetTimeZone } from "../platform/locale";
import type { TableSnapshot } from "../platform/sheet-table";
import { appendJobEntry } from "./audit-log";
import {
  auditEntriesOf,
  customerIdArg,
  customerInBook,
  exportCell,
  mentionsElsewhere,
  sendLogOf,
  sheetRowsOf,
  type CustomerInBook,
} from "./privacy-read";
import { sensitiveKeys } from "./sensitive-columns";
import { heldValues } from "./vault";

const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Rows of a canonical sheet naming the customer, as a section (the header as the sheet has it). */
function tableSection(
  key: string,
  spec: SheetSpec,
  { table, rows }: { table: TableSnapshot | null; rows: readonly number[] },
): PrivacySection {
  return {
    key,
    title: spec.name.en,
    header: table ? table.headers.map((h) => String(h ?? "")) : [],
    rows: rows.map((i) => table!.rows[i].map(exportCell)),
  };
}

/**
 * The vault's values of the customer: decrypted for an owner (only those their row shows the mask of, so
 * an entry of an earlier holder of the ID is not theirs), else the masks their row shows.
 */
function vaultSection(book: CustomerInBook, decrypt: boolean): PrivacySection {
  const header = ["Column", "Value", "State"];
  if (decrypt) {
    const held = heldValues(CUSTOMERS, book.id, book.fields);
    return {
      key: "vault",
      title: "Encrypted fields",
      header,
      rows: held.map((h) => [h.column, h.value, h.detached ? "deleted (kept for undo)" : "decrypted"]),
    };
  }
  const rows: ExportCell[][] = [];
  for (const column of sensitiveKeys(CUSTOMERS)) {
    const shown = String(book.fields?.get(column) ?? "").trim();
    if (shown) rows.push([column, isMasked(shown) ? shown : maskSensitive(shown), "masked"]);
  }
  return { key: "vault", title: "Encrypted fields", header, rows };
}

function fileName(id: string, ext: string): string {
  const day = Utilities.formatDate(new Date(), spreadsheetTimeZone(), "yyyy-MM-dd");
  return `privacy-${id.replace(/[^\p{L}\p{N}_-]+/gu, "_").slice(0, 40)}-${day}.${ext}`;
}

/**
 * Everything held about customer `customerId` (see the module comment). A customer the caller may not see,
 * or an ID the book holds nothing under, is refused in the same words. Reads only.
 */
export function exportCustomerData(customerId: string): PrivacyExport {
  const started = new Date();
  const id = customerIdArg(customerId);
  const book = customerInBook(id);
  const decrypted = currentRole() === "owner";
  const mails = sendLogOf(book.marks).theirs;
  const audit = auditEntriesOf(book.marks);
  const elsewhere = mentionsElsewhere(book.marks);
  const sections: PrivacySection[] = [
    tableSection("customer", CUSTOMERS, { table: book.customers, rows: book.rows }),
    tableSection("orders", ORDERS, sheetRowsOf(ORDERS, id)),
    tableSection("interactions", INTERACTIONS, sheetRowsOf(INTERACTIONS, id)),
    tableSection("feedback", FEEDBACK, sheetRowsOf(FEEDBACK, id)),
    vaultSection(book, decrypted),
    {
      key: "mails",
      title: "Mails (send log)",
      header: [...SEND_LOG_HEADERS],
      rows: mails.map((e) => [
        e.date,
        e.recipient,
        e.customerId,
        e.rule,
        e.status,
        e.at,
        e.note,
        e.by,
        e.channel ?? "",
      ]),
    },
    {
      key: "segments",
      title: "Weekly segment snapshots",
      header: ["WeekStart", "Segment"],
      rows: segmentHistoryOf(id).map((e) => [e.weekStart, e.segment]),
    },
    {
      key: "audit",
      title: "Audit entries naming them",
      header: ["Tab", "Row", ...AUDIT_FIELDS],
      rows: audit.map((a) => [a.tab, a.row, ...a.values.map(exportCell)]),
    },
    {
      key: "mentions",
      title: "Other cells naming them",
      header: ["Tab", "Cell", "Value"],
      rows: elsewhere.map((m) => [m.tab, m.a1, exportCell(m.value)]),
    },
  ];
  const counts: Record<string, number> = {};
  for (const s of sections) counts[s.key] = s.rows.length;
  if (Object.values(counts).every((n) => n === 0)) throw new Error(`There is no customer "${id}".`);
  const doc: PrivacyExportDocument = {
    format: PRIVACY_EXPORT_FORMAT,
    customerId: id,
    exportedAt: started.toISOString(),
    exportedBy: currentUser(),
    sections,
    notes: [
      decrypted
        ? "Encrypted fields are decrypted (exported by the spreadsheet's owner)."
        : "Encrypted fields are shown masked: only the spreadsheet's owner exports them decrypted.",
      "Audit entries record edits by cell: listed are those whose values name the customer.",
    ],
  };
  const json = privacyJson(doc);
  const sheet = privacySheet(doc);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  appendJobEntry({
    job: "Export customer data",
    user: currentUser(),
    at: started,
    rows: total,
    detail: `privacy export of ${id}${decrypted ? " (encrypted fields decrypted)" : ""}`,
  });
  return {
    customerId: id,
    json: {
      filename: fileName(id, "json"),
      mimeType: "application/json;charset=utf-8",
      base64: base64Encode(strToU8(json)),
      rows: total,
    },
    xlsx: {
      filename: fileName(id, "xlsx"),
      mimeType: XLSX_MIME,
      base64: base64Encode(toXlsx("Privacy export", sheet.header, sheet.rows)),
      rows: total,
    },
    counts,
    decrypted,
  };
}
