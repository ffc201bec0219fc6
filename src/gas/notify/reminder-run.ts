import type { Book } from "../../core/book";
import { dateKeyReader, type DateKey } from "../../core/calendar";
import { renderDigest, renderWelcome, type RenderedMail } from "../../core/notify/digest";
import {
  planReminderRun,
  WELCOME_BASELINE_ID,
  type PlannedDigest,
  type ReminderPlan,
} from "../../core/notify/plan";
import { pruneSendLog, type SendLogEntry, type SendStatus } from "../../core/notify/send-log";
import type { NotifySettings } from "../../core/notify/settings";
import type { DigestPreview, ReminderRunSummary } from "../../shared/notify";
import { spreadsheetTimeZone } from "../platform/locale";
import { readBook } from "../book/read-book";
import {
  appendSendLog,
  existingSendLogSheet,
  markSendLog,
  readSendLog,
  rewriteSendLog,
  sendLogSheet,
} from "./send-log-sheet";
import { loadNotifySettings } from "./settings-store";
import { sendMail, todayIn } from "./mailer";

/** SendLog note on rows held back because the day's mail quota is spent. */
export const QUOTA_NOTE = "daily mail quota used up";
const TIME_NOTE = "run stopped before the Apps Script time limit";
/** Apps Script stops a run at 6 minutes; sending stops at 4 so the log and audit are always written. */
const SOFT_TIME_LIMIT_MS = 240_000;

interface RunState {
  readonly today: DateKey;
  readonly settings: NotifySettings;
  readonly book: Book;
  readonly log: readonly SendLogEntry[];
  /** Null in previews when no run has created the log yet. */
  readonly logSheet: GoogleAppsScript.Spreadsheet.Sheet | null;
  readonly rowLink: (row: number) => string;
  readonly spreadsheetName: string;
}

/** One read of everything a run needs: settings, the book, the send log. */
function loadState(forWriting: boolean): RunState {
  const ss = SpreadsheetApp.getActive();
  const zone = spreadsheetTimeZone();
  // Reminders read no order details (products, quantities): customers, orders, interactions.
  const { book, customers } = readBook(["customers", "orders", "interactions"], { details: false });
  const customersSheet = customers?.sheet ?? null;
  const logSheet = forWriting ? sendLogSheet() : existingSendLogSheet();
  const base = `${ss.getUrl()}#gid=${customersSheet ? customersSheet.getSheetId() : 0}`;
  return {
    today: todayIn(zone),
    settings: loadNotifySettings(),
    book,
    log: forWriting && logSheet ? prunedLog(logSheet, zone) : readSendLog(logSheet, dateKeyReader(zone)),
    logSheet,
    rowLink: (row) => (row > 0 && customersSheet ? `${base}&range=A${row}` : ""),
    spreadsheetName: ss.getName(),
  };
}

/** The log, pruned in place first when enough old rows have piled up. */
function prunedLog(sheet: GoogleAppsScript.Spreadsheet.Sheet, zone: string): SendLogEntry[] {
  const log = readSendLog(sheet, dateKeyReader(zone));
  const kept = pruneSendLog(log, todayIn(zone));
  if (!kept) return log;
  rewriteSendLog(sheet, kept);
  return kept;
}

function digestMail(state: RunState, d: PlannedDigest): RenderedMail {
  return renderDigest(
    {
      date: d.date,
      spreadsheetName: state.spreadsheetName,
      items: d.items.map((i) => ({ ...i, link: state.rowLink(i.row) })),
      more: d.more,
    },
    d.lang,
  );
}

/** The placeholders a welcome template may use, filled from the customer's row. */
export function welcomeValues(c: ReminderPlan["welcomes"][number]["customer"]): Record<string, string> {
  return {
    Name: c.name,
    ContactName: c.contactName || c.name,
    Owner: c.owner,
    CustomerID: c.id,
    Region: c.region,
  };
}

/** The digests the next run would send, rendered, without sending or logging anything. */
export function previewDigests(owner?: string): DigestPreview[] {
  const state = loadState(false);
  const plan = planReminderRun({ ...state, quota: MailApp.getRemainingDailyQuota() });
  const wanted = owner ? owner.trim().toLowerCase() : "";
  return [
    ...plan.send.map((d) => ({ d, deferred: false })),
    ...plan.defer.map((d) => ({ d, deferred: true })),
  ]
    .filter(({ d }) => !wanted || d.recipient === wanted)
    .map(({ d, deferred }) => ({
      recipient: d.recipient,
      lang: d.lang,
      items: d.items.length,
      deferred,
      ...digestMail(state, d),
    }));
}

/**
 * One reminder run (the caller holds the document lock). Crash safety: each mail's rows are first logged
 * "pending" in one append, then the mail is sent and its rows flipped to "sent" (or "failed" with the
 * error) in one write. A run that dies between the two leaves "pending" rows, which count as sent for the
 * rest of the day: a reminder may be lost for that day but is never sent twice. Held-back reminders are
 * logged "deferred" and carried into the next digest; failed ones are retried on the next run.
 */
export function runReminders(): ReminderRunSummary {
  const started = Date.now();
  const state = loadState(true);
  const logSheet = state.logSheet!;
  const quotaBefore = MailApp.getRemainingDailyQuota();
  const plan = planReminderRun({ ...state, quota: quotaBefore });
  const at = new Date().toISOString();
  const entry = (recipient: string, customerId: string, rule: string, status: SendStatus, note = "") => ({
    date: state.today,
    recipient,
    customerId,
    rule,
    status,
    at,
    note,
  });

  // What is not sent now is logged first, in one append: deferred reminders and the welcome baseline.
  const held: SendLogEntry[] = [];
  for (const d of plan.defer)
    for (const i of d.items) held.push(entry(d.recipient, i.customerId, i.ruleId, "deferred", QUOTA_NOTE));
  for (const w of plan.welcomesDeferred)
    held.push(entry(w.recipient, w.customer.id, "welcome", "deferred", QUOTA_NOTE));
  if (plan.takeWelcomeBaseline) {
    held.push(entry("", WELCOME_BASELINE_ID, "welcome", "baseline", "welcome mails turned on"));
    for (const c of plan.welcomeBaseline)
      held.push(entry(c.email, c.id, "welcome", "baseline", "had an e-mail before welcome mails"));
  }
  appendSendLog(logSheet, held);

  const sends: { rows: SendLogEntry[]; to: string; mail: () => RenderedMail; replyTo?: string }[] = [
    ...plan.send.map((d) => ({
      rows: d.items.map((i) => entry(d.recipient, i.customerId, i.ruleId, "pending")),
      to: d.recipient,
      mail: () => digestMail(state, d),
    })),
    ...plan.welcomes.map((w) => ({
      rows: [entry(w.recipient, w.customer.id, "welcome", "pending")],
      to: w.recipient,
      mail: () => renderWelcome(state.settings.welcome, welcomeValues(w.customer)),
      replyTo: w.customer.owner || undefined,
    })),
  ];
  let sent = 0;
  let failed = 0;
  let welcomes = 0;
  let outOfTime = 0;
  // Per mail: log pending (one append), send, flip to sent or failed (one write). A crash in between
  // strands only this mail's rows as pending.
  for (const [k, s] of sends.entries()) {
    if (Date.now() - started > SOFT_TIME_LIMIT_MS) {
      // Stop well before Apps Script kills the run; what is left is carried into the next run, not lost.
      const rest = sends
        .slice(k)
        .flatMap((x) => x.rows.map((r) => ({ ...r, status: "deferred" as const, note: TIME_NOTE })));
      appendSendLog(logSheet, rest);
      outOfTime = sends.length - k;
      break;
    }
    const first = appendSendLog(logSheet, s.rows);
    try {
      sendMail(s.to, s.mail(), state.spreadsheetName, s.replyTo);
    } catch (e) {
      markSendLog(
        logSheet,
        first,
        s.rows.length,
        "failed",
        new Date().toISOString(),
        String((e as Error).message).slice(0, 300),
      );
      failed++;
      continue;
    }
    markSendLog(logSheet, first, s.rows.length, "sent", new Date().toISOString());
    sent++;
    if (s.rows[0].rule === "welcome") welcomes++;
  }
  return {
    date: state.today,
    sent: sent - welcomes,
    items: plan.send.reduce((n, d) => n + d.items.length, 0),
    deferred: plan.defer.length + plan.welcomesDeferred.length + outOfTime,
    failed,
    welcomes,
    alreadySent: plan.alreadySent,
    quotaBefore,
  };
}
