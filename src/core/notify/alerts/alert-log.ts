import type { DateKey } from "../../calendar";
import { ALERT_KINDS, type AlertKind, type AlertRecord, type AlertStatus } from "./types";

/** Columns of the hidden Alerts (预警记录) tab, in order. */
export const ALERT_LOG_HEADERS = [
  "ID",
  "Rule",
  "CustomerID",
  "Subject",
  "Raised",
  "Value",
  "Ref",
  "Recipients",
  "Channel",
  "Status",
  "Cleared",
  "AckBy",
  "AckAt",
] as const;

const STATUSES: readonly AlertStatus[] = ["raised", "baseline", "armed"];

/** Text a sheet would read as a formula keeps a leading apostrophe (Sheets shows it as text). */
function textCell(s: string): string {
  return /^[=+\-@]/.test(s) ? `'${s}` : s;
}
function fromTextCell(v: unknown): string {
  const s = String(v ?? "");
  return /^'[=+\-@]/.test(s) ? s.slice(1) : s;
}

/** One record as a sheet row. */
export function alertRow(r: AlertRecord): string[] {
  return [
    r.id,
    r.kind,
    r.customerId,
    r.subject,
    r.raised,
    r.value,
    r.ref,
    r.recipients.join(","),
    r.channel,
    r.status,
    r.cleared,
    r.ackBy,
    r.ackAt,
  ].map((v) => textCell(String(v)));
}

/** The records of the tab's rows; rows that are not records (blank, hand-edited rule or status) are skipped. */
export function parseAlertRows(rows: readonly (readonly unknown[])[]): AlertRecord[] {
  const out: AlertRecord[] = [];
  for (const row of rows) {
    const v = ALERT_LOG_HEADERS.map((_, i) => fromTextCell(row[i]));
    const kind = v[1] as AlertKind;
    const status = v[9] as AlertStatus;
    if (!v[0] || !ALERT_KINDS.includes(kind) || !STATUSES.includes(status)) continue;
    out.push({
      id: v[0],
      kind,
      customerId: v[2],
      subject: v[3],
      raised: v[4],
      value: v[5],
      ref: v[6],
      recipients: v[7] ? v[7].split(",").filter(Boolean) : [],
      channel: v[8] || "choice",
      status,
      cleared: v[10],
      ackBy: v[11],
      ackAt: v[12],
    });
  }
  return out;
}

/** Raised alerts are kept this long after they were raised; open lines are kept while open. */
export const ALERT_KEEP_DAYS = 90;

/** The records worth keeping on `today`: every open line, and raised alerts from the last ALERT_KEEP_DAYS. */
export function pruneAlerts(records: readonly AlertRecord[], cutoff: DateKey): AlertRecord[] {
  return records.filter(
    (r) => r.cleared === "" || (r.status === "raised" && r.raised.slice(0, 10) >= cutoff),
  );
}
