// One evaluation of the alert rules (the hourly dispatcher runs it after classification; "Check alerts
// now" in the sidebar runs the same): read the book, fire what is new (once per event), remember it in
// the Alerts tab, and deliver every run's alerts as one message per destination, by mail or channel.
import { dayOfDateKey, dateKeyReader, addDays } from "../../../core/calendar";
import { mapHeaders } from "../../../core/schema/headers";
import { CUSTOMERS } from "../../../core/schema/sheets";
import {
  ALERT_DELIVER_DAYS,
  ALERT_KEEP_DAYS,
  alertRoute,
  deliveryRows,
  evaluateRule,
  planAlerts,
  planDeliveries,
  pruneAlerts,
  recipientsBy,
  renderAlertMail,
  type AlertCandidate,
  type AlertKind,
  type AlertRecord,
} from "../../../core/notify/alerts";
import { langFor } from "../../../core/notify/settings";
import type { Book } from "../../../core/book";
import type { TableSnapshot } from "../../platform/sheet-table";
import { readBook } from "../../book/read-book";
import { spreadsheetTimeZone } from "../../platform/locale";
import { bookLang } from "../mail-lang";
import { todayIn } from "../mailer";
import {
  appendSendLog,
  existingSendLogSheet,
  markSendLog,
  readSendLog,
  sendLogSheet,
} from "../send-log-sheet";
import { loadNotifySettings } from "../settings-store";
import { loadTeam } from "../team";
import { deliver, statusAfter } from "../channels/deliver";
import { loadChannels, loadChoices } from "../channels/store";
import { readAlerts, writeAlerts } from "./alert-sheet";
import { loadAlertSettings } from "./store";
import type { AlertRunSummary } from "../../../shared/alerts";

export type { AlertRunSummary };

/** P(alive) of each customer index from the Customers PAlive column (a share or "12%"); NaN when blank. */
function pAliveOf(book: Book, customers: TableSnapshot | null): Float64Array {
  const out = new Float64Array(book.customers.count).fill(NaN);
  if (!customers) return out;
  const at = mapHeaders(CUSTOMERS, customers.headers).index.get("PAlive");
  if (at === undefined) return out;
  customers.rows.forEach((row, i) => {
    const c = book.customers.rowCustomer[i];
    if (c < 0 || !Number.isNaN(out[c])) return;
    const cell = row[at];
    const text = typeof cell === "string" ? cell.trim() : "";
    if (cell === "" || cell === null || cell === undefined) return;
    const n = text.endsWith("%") ? Number(text.slice(0, -1)) / 100 : Number(cell);
    if (Number.isFinite(n)) out[c] = n;
  });
  return out;
}

/** Runs the rules and delivers what is owed. Callers hold the document lock (runJob). */
export function runAlerts(by: string): AlertRunSummary {
  const zone = spreadsheetTimeZone();
  const today = todayIn(zone);
  const now = new Date().toISOString();
  const settings = loadAlertSettings();
  const { book, customers } = readBook(["customers", "orders", "interactions", "feedback"], {
    details: false,
  });
  const notify = loadNotifySettings();
  const team = loadTeam();
  const input = { book, today: dayOfDateKey(today), pAlive: pAliveOf(book, customers) };
  const candidates = new Map<AlertKind, AlertCandidate[]>();
  for (const rule of settings.rules) if (rule.enabled) candidates.set(rule.kind, evaluateRule(rule, input));
  const indexOf = (id: string) => book.customers.indexOf(id);
  const ownerOf = (id: string) => (indexOf(id) >= 0 ? book.customers.ownerEmail[indexOf(id)] : "");
  const nameOf = (id: string) => (indexOf(id) >= 0 ? book.customers.name[indexOf(id)] : "");

  const before = readAlerts();
  const plan = planAlerts(settings, candidates, before, {
    now,
    day: today,
    recipientsOf: recipientsBy(ownerOf, notify.managers, team),
  });
  const records: AlertRecord[] = pruneAlerts(
    [
      ...before.map((r) => (plan.cleared.has(r.id) ? { ...r, cleared: now } : r)),
      ...plan.quiet,
      ...plan.raised,
    ],
    addDays(today, -ALERT_KEEP_DAYS),
  );
  if (plan.raised.length || plan.quiet.length || plan.cleared.size || records.length !== before.length)
    writeAlerts(records);

  // Delivery: what the SendLog does not show as sent (or maybe sent) yet, one message per destination.
  const log = readSendLog(existingSendLogSheet(), dateKeyReader(zone));
  const channels = loadChannels();
  const choices = channels.length ? loadChoices(channels) : {};
  const since = new Date(Date.parse(now) - ALERT_DELIVER_DAYS * 86_400_000).toISOString();
  const deliveries = planDeliveries(records, log, since, (a, r) =>
    alertRoute(a.channel, r, choices, channels),
  );
  // The SendLog tab is created only when something is to be sent.
  const ss = SpreadsheetApp.getActive();
  const link = ss.getUrl();
  const lang = bookLang();
  let sent = 0;
  let failed = 0;
  let deferred = 0;
  let pending = 0;
  const logSheet = deliveries.length ? sendLogSheet() : null;
  for (const d of deliveries) {
    if (!logSheet) break;
    const mailLang = d.route.via === "mail" ? langFor(notify, d.recipients[0], lang) : lang;
    const mail = renderAlertMail(
      d.alerts,
      nameOf,
      mailLang,
      ss.getName(),
      d.route.via === "mail" ? link : "",
    );
    const rows = deliveryRows(d, {
      date: today,
      status: "pending",
      at: new Date().toISOString(),
      by,
      channel: d.route.via === "mail" ? "" : d.route.channel.id,
    });
    if (d.route.via === "mail" && MailApp.getRemainingDailyQuota() < 1) {
      appendSendLog(
        logSheet,
        rows.map((r) => ({ ...r, status: "deferred" })),
      );
      deferred++;
      continue;
    }
    const first = appendSendLog(logSheet, rows);
    try {
      deliver(d.route, d.recipients[0], mail, ss.getName(), undefined, link);
    } catch (e) {
      // The Note keeps the alert's id (it says which alert a retry owes); the error goes to the audit entry.
      const status = statusAfter(e);
      markSendLog(logSheet, first, rows.length, status, new Date().toISOString());
      if (status === "failed") failed++;
      else if (status === "deferred") deferred++;
      else pending++;
      continue;
    }
    markSendLog(logSheet, first, rows.length, "sent", new Date().toISOString());
    sent++;
  }
  return {
    raised: plan.raised.length,
    baseline: plan.quiet.filter((r) => r.status === "baseline").length,
    cleared: plan.cleared.size,
    sent,
    failed,
    deferred,
    pending,
  };
}
