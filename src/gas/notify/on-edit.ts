import type { Access } from "../../core/access/scope";
import { buildBook } from "../../core/book";
import { dateKeyReader } from "../../core/calendar";
import { consentedCustomers } from "../../core/notify/consent";
import { customersWithEmail, type NotifyCustomer } from "../../core/notify/customer-card";
import { normalizeEmail } from "../../core/notify/escape";
import { planWelcomes } from "../../core/notify/plan";
import type { NotifySettings } from "../../core/notify/settings";
import { byEdit, type SendLogEntry, type SendStatus } from "../../core/notify/send-log";
import { say } from "../../core/notify/text";
import { mapHeaders } from "../../core/schema/headers";
import type { Lang } from "../../core/schema/types";
import { CUSTOMERS } from "../../core/schema/sheets";
import { editorOf } from "../platform/edit-event";
import { spreadsheetTimeZone } from "../platform/locale";
import { LockBusyError, withDocumentLock } from "../platform/lock";
import { customerEdit } from "../table/customer-edit";
import { bookLang } from "./mail-lang";
import { sendMail, todayIn } from "./mailer";
import { holdNote, welcomeMail } from "./reminder-run";
import { appendSendLog, markSendLog, readSendLog, sendLogSheet } from "./send-log-sheet";
import { loadNotifySettings } from "./settings-store";
import { editorAccess, editorMayEdit, loadTeam } from "./team";

/**
 * At most this many welcome mails go out from one edit. A pasted list of hundreds of new customers would
 * otherwise hold the editor's trigger (and the document lock) for minutes, one send each; the rest are
 * logged deferred and the daily run sends them.
 */
export const MAX_WELCOMES_PER_EDIT = 10;
/** The edit trigger waits this long for the lock; the daily run picks up whatever a busy lock skips. */
const LOCK_WAIT_MS = 10_000;

/** Who made the edit and what else it changed: what decides whether its addresses may be mailed. */
interface EditAuthor {
  /** As the event names them (platform/edit-event.ts): UNKNOWN_EDITOR when Google hides them. */
  readonly editor: string;
  /** The edit also covered the Owner column. */
  readonly ownerChanged: boolean;
}

/**
 * Welcome mails as soon as a Customers row gains a valid Email (called by the installable edit trigger,
 * after the CustomerID stamp). Same once-per-customer-ever rule, consent, daily cap, send log and quota as
 * the daily run (planWelcomes), under the document lock so an edit and a run never both mail the same
 * customer. The trigger runs as its installer whoever edits, so the edit's own author is checked: an
 * address typed by an editor Google does not name, by one whose role may not edit that customer, or by an
 * edit that also changed the Owner (a reply-to and a "your contact" chosen by the same hand) is logged
 * refused and never mailed — until someone allowed sets it again.
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
  const index = mapHeaders(CUSTOMERS, headers).index;
  const from = range.getColumn() - 1;
  const covers = (column: number | undefined) =>
    column !== undefined && column >= from && column <= from + range.getNumColumns() - 1;
  if (!covers(index.get("Email"))) return;
  const author = { editor: editorOf(e), ownerChanged: covers(index.get("Owner")) };

  try {
    withDocumentLock(
      () => welcomeRows(sheet, headers, firstRow, lastRow - firstRow + 1, settings, author),
      LOCK_WAIT_MS,
    );
  } catch (err) {
    // Someone else is writing (often the daily run itself): it, or the next one, sends these welcomes.
    if (!(err instanceof LockBusyError)) throw err;
  }
}

/** Why `author`'s edit may not mail customer `c`'s new address (a SendLog note in `lang`), or null. */
function refusal(author: EditAuthor, access: Access | null, c: NotifyCustomer, lang: Lang): string | null {
  if (!access) return say("log", "hiddenEditor", lang);
  if (!editorMayEdit(access, c.owner)) return say("log", "mayNotEdit", lang, { editor: author.editor });
  if (author.ownerChanged) return say("log", "ownerChanged", lang);
  return null;
}

/** Plans and sends the welcomes of `count` rows from `firstRow` (caller holds the lock). */
function welcomeRows(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  headers: readonly unknown[],
  firstRow: number,
  count: number,
  settings: NotifySettings,
  author: EditAuthor,
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

  const access = editorAccess(author.editor);
  const lang = bookLang();
  const refuse = new Map<string, string>();
  const confirmed = new Set<string>();
  for (const c of customers) {
    const reason = refusal(author, access, c, lang);
    if (reason === null) confirmed.add(c.id);
    else refuse.set(c.id, reason);
  }

  const logSheet = sendLogSheet();
  const today = todayIn(zone);
  const plan = planWelcomes({
    customers,
    log: readSendLog(logSheet, dateKeyReader(zone)),
    settings,
    today,
    quota: MailApp.getRemainingDailyQuota(),
    perRun: MAX_WELCOMES_PER_EDIT,
    consented: consentedCustomers(book, headers, rows),
    refuse,
    confirmed,
    bookLang: lang,
  });
  // Taking the baseline needs every customer, and is the daily run's job: until then nobody is new.
  if (plan.takeWelcomeBaseline) return;

  const at = new Date().toISOString();
  const by = byEdit(author.editor);
  const entry = (recipient: string, customerId: string, status: SendStatus, note = ""): SendLogEntry => ({
    date: today,
    recipient,
    customerId,
    rule: "welcome",
    status,
    at,
    note,
    by,
  });
  appendSendLog(logSheet, [
    ...plan.welcomesRefused.map((w) => entry(w.recipient, w.customer.id, "refused", w.reason)),
    ...plan.welcomesDeferred.map((w) =>
      entry(w.recipient, w.customer.id, "deferred", holdNote(w.heldBy, lang)),
    ),
  ]);
  if (!plan.welcomes.length) return;
  const team = loadTeam();
  const spreadsheetName = SpreadsheetApp.getActive().getName();
  // As in the daily run: logged pending before the send, so a crash mid-send never leads to a second mail.
  for (const w of plan.welcomes) {
    const row = appendSendLog(logSheet, [entry(w.recipient, w.customer.id, "pending")]);
    try {
      const { mail, replyTo } = welcomeMail(settings, w, team);
      sendMail(w.recipient, mail, spreadsheetName, replyTo);
    } catch (err) {
      const message = String((err as Error).message).slice(0, 300);
      markSendLog(logSheet, row, 1, "failed", new Date().toISOString(), message);
      continue;
    }
    markSendLog(logSheet, row, 1, "sent", new Date().toISOString());
  }
}
