import { buildBook } from "../../core/book";
import { dateKeyReader } from "../../core/calendar";
import { customersWithEmail, type NotifyCustomer } from "../../core/notify/customer-card";
import { renderWelcome } from "../../core/notify/digest";
import { normalizeEmail } from "../../core/notify/escape";
import { planWelcomes } from "../../core/notify/plan";
import type { NotifySettings } from "../../core/notify/settings";
import type { SendLogEntry, SendStatus } from "../../core/notify/send-log";
import { mapHeaders } from "../../core/schema/headers";
import { CUSTOMERS } from "../../core/schema/sheets";
import { spreadsheetTimeZone } from "../platform/locale";
import { LockBusyError, withDocumentLock } from "../platform/lock";
import { customerEdit } from "../table/customer-edit";
import { sendMail, todayIn } from "./mailer";
import { QUOTA_NOTE, welcomeValues } from "./reminder-run";
import { appendSendLog, markSendLog, readSendLog, sendLogSheet } from "./send-log-sheet";
import { loadNotifySettings } from "./settings-store";

/**
 * At most this many welcome mails go out from one edit. A pasted list of hundreds of new customers would
 * otherwise hold the editor's trigger (and the document lock) for minutes, one send each; the rest are
 * logged deferred and the daily run sends them.
 */
export const MAX_WELCOMES_PER_EDIT = 10;
const PASTE_NOTE = "more new e-mails than one edit sends; left for the daily run";
/** The edit trigger waits this long for the lock; the daily run picks up whatever a busy lock skips. */
const LOCK_WAIT_MS = 10_000;

/**
 * Welcome mails as soon as a Customers row gains a valid Email (called by the installable edit trigger,
 * after the CustomerID stamp). Same once-per-customer-ever rule, send log and quota as the daily run
 * (planWelcomes), under the document lock so an edit and a run never both mail the same customer.
 *
 * Cost: edits outside Customers, single-cell edits whose new value is no e-mail address, and edits while
 * welcome mails are off read no cells at all. Other Customers edits read the header row and stop unless
 * they cover the Email column; those that do read the edited rows and the send log once each, however
 * many rows were pasted. Until the daily run has taken the welcome baseline nothing is sent from here.
 */
export function onWelcomeEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const edit = customerEdit(e);
  if (!edit) return;
  const { range, sheet, firstRow, lastRow } = edit;
  // A single cell's new value comes with the event: no address typed, no welcome, no read.
  const single = range.getNumRows() === 1 && range.getNumColumns() === 1;
  if (single && !normalizeEmail(e.value)) return;
  const settings = loadNotifySettings();
  if (!settings.welcome.enabled) return;

  const width = sheet.getLastColumn();
  if (width < 1) return;
  const headers = sheet.getRange(1, 1, 1, width).getValues()[0];
  const emailColumn = mapHeaders(CUSTOMERS, headers).index.get("Email");
  const from = range.getColumn() - 1;
  if (emailColumn === undefined || emailColumn < from || emailColumn > from + range.getNumColumns() - 1)
    return;

  try {
    withDocumentLock(
      () => welcomeRows(sheet, headers, firstRow, lastRow - firstRow + 1, settings),
      LOCK_WAIT_MS,
    );
  } catch (err) {
    // Someone else is writing (often the daily run itself): it, or the next one, sends these welcomes.
    if (!(err instanceof LockBusyError)) throw err;
  }
}

/** Plans and sends the welcomes of `count` rows from `firstRow` (caller holds the lock). */
function welcomeRows(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  headers: readonly unknown[],
  firstRow: number,
  count: number,
  settings: NotifySettings,
): void {
  const zone = spreadsheetTimeZone();
  const rows = sheet.getRange(firstRow, 1, count, headers.length).getValues();
  // The edited rows as a book of their own: the same reading of every cell as the daily run's.
  const book = buildBook({ customers: { name: sheet.getName(), headers, rows } }, { timeZone: zone });
  const customers: NotifyCustomer[] = customersWithEmail(book).map((c) => ({
    ...c,
    row: c.row - 2 + firstRow,
  }));
  if (!customers.some((c) => c.email)) return;

  const logSheet = sendLogSheet();
  const log = readSendLog(logSheet, dateKeyReader(zone));
  const quota = MailApp.getRemainingDailyQuota();
  const plan = planWelcomes(customers, log, settings, Math.min(quota, MAX_WELCOMES_PER_EDIT));
  // Taking the baseline needs every customer, and is the daily run's job: until then nobody is new.
  if (plan.takeWelcomeBaseline) return;

  const today = todayIn(zone);
  const at = new Date().toISOString();
  const entry = (recipient: string, customerId: string, status: SendStatus, note = ""): SendLogEntry => ({
    date: today,
    recipient,
    customerId,
    rule: "welcome",
    status,
    at,
    note,
  });
  const heldNote = quota <= MAX_WELCOMES_PER_EDIT ? QUOTA_NOTE : PASTE_NOTE;
  appendSendLog(
    logSheet,
    plan.welcomesDeferred.map((w) => entry(w.recipient, w.customer.id, "deferred", heldNote)),
  );
  const spreadsheetName = SpreadsheetApp.getActive().getName();
  // As in the daily run: logged pending before the send, so a crash mid-send never leads to a second mail.
  for (const w of plan.welcomes) {
    const row = appendSendLog(logSheet, [entry(w.recipient, w.customer.id, "pending")]);
    try {
      sendMail(
        w.recipient,
        renderWelcome(settings.welcome, welcomeValues(w.customer)),
        spreadsheetName,
        w.customer.owner || undefined,
      );
    } catch (err) {
      const message = String((err as Error).message).slice(0, 300);
      markSendLog(logSheet, row, 1, "failed", new Date().toISOString(), message);
      continue;
    }
    markSendLog(logSheet, row, 1, "sent", new Date().toISOString());
  }
}
