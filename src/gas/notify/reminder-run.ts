import type { Book } from "../../core/book";
import { dateKeyReader, type DateKey } from "../../core/calendar";
import { consentedCustomers } from "../../core/notify/consent";
import { renderDigest, renderWelcome, type RenderedMail } from "../../core/notify/digest";
import {
  planReminderRun,
  WELCOME_BASELINE_ID,
  type PlannedDigest,
  type PlannedWelcome,
  type ReminderPlan,
} from "../../core/notify/plan";
import { dueMark } from "../../core/notify/repeat";
import { pruneSendLog, type SendLogEntry, type SendStatus } from "../../core/notify/send-log";
import { welcomeTemplate, type NotifySettings } from "../../core/notify/settings";
import { memberOrNone, type Team } from "../../core/notify/team";
import { say } from "../../core/notify/text";
import { WELCOME_DAILY_CAP, type WelcomeHold } from "../../core/notify/welcome-policy";
import type { Lang } from "../../core/schema/types";
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
import { bookLang } from "./mail-lang";
import { loadNotifySettings } from "./settings-store";
import { todayIn } from "./mailer";
import { channelIdOf, deliver, routeOf, statusAfter } from "./channels/deliver";
import type { Route } from "../../core/notify/channels";
import { loadTeam } from "./team";

/** The SendLog note of a welcome held back by `heldBy`, in the book's language. */
export function holdNote(heldBy: WelcomeHold, lang: Lang): string {
  switch (heldBy) {
    case "quota":
      return say("log", "quota", lang);
    case "daily-cap":
      return say("log", "dailyCap", lang, { cap: WELCOME_DAILY_CAP });
    case "per-run":
      return say("log", "perRun", lang);
  }
}

/**
 * Apps Script stops a run at 6 minutes; sending stops at 3 so the log, the weekly-report retries and the
 * audit entry (a hash-chained append under the lock) are always written, even when each call is slow.
 */
const SOFT_TIME_LIMIT_MS = 180_000;

interface RunState {
  readonly today: DateKey;
  readonly settings: NotifySettings;
  readonly book: Book;
  readonly log: readonly SendLogEntry[];
  /** Who may receive reminders; an Owner outside it is flagged to the managers. */
  readonly team: Team;
  /** CustomerIDs whose MarketingConsent says yes. */
  readonly consented: ReadonlySet<string>;
  /** Null in previews when no run has created the log yet. */
  readonly logSheet: GoogleAppsScript.Spreadsheet.Sheet | null;
  readonly rowLink: (row: number) => string;
  /** The Customers tab, where the whole list is ("and N more"). */
  readonly listLink: string;
  readonly spreadsheetName: string;
  /** Mails' language where the settings say "auto", and the SendLog notes'. */
  readonly bookLang: Lang;
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
    team: loadTeam(),
    consented: customers ? consentedCustomers(book, customers.headers, customers.rows) : new Set(),
    log: forWriting && logSheet ? prunedLog(logSheet, zone) : readSendLog(logSheet, dateKeyReader(zone)),
    logSheet,
    rowLink: (row) => (row > 0 && customersSheet ? `${base}&range=A${row}` : ""),
    listLink: base,
    spreadsheetName: ss.getName(),
    bookLang: bookLang(),
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
      quiet: d.quiet,
      repeatDays: state.settings.repeatDays,
      listLink: state.listLink,
    },
    d.lang,
  );
}

/**
 * The placeholders a welcome template may use, filled from the customer's row; {{Owner}} is `contact`
 * (the Owner when a team member, else "" — memberOrNone), never an address only the sheet vouches for.
 */
export function welcomeValues(
  c: ReminderPlan["welcomes"][number]["customer"],
  contact: string,
): Record<string, string> {
  return {
    Name: c.name,
    ContactName: c.contactName || c.name,
    Owner: contact,
    CustomerID: c.id,
    Region: c.region,
  };
}

/**
 * A welcome mail in the customer's language (the template in force for it: the user's, or the built-in
 * one) and its Reply-To: the Owner when a team member, else none (replies go to the sender). {{Owner}} is
 * that Owner, else the first manager; with neither, its sentence is left out (template.ts).
 */
export function welcomeMail(
  settings: NotifySettings,
  w: PlannedWelcome,
  team: Team,
): { mail: RenderedMail; replyTo?: string } {
  const contact = memberOrNone(team, w.customer.owner);
  return {
    mail: renderWelcome(
      welcomeTemplate(settings, w.lang),
      welcomeValues(w.customer, contact || settings.managers[0] || ""),
      w.lang,
    ),
    ...(contact ? { replyTo: contact } : {}),
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
 * logged "deferred" and carried into the next digest; failed ones are retried on the next run. Every row
 * names `by`, what started the run (send-log.ts: byJob / byManual).
 */
export function runReminders(by: string): ReminderRunSummary {
  const started = Date.now();
  const state = loadState(true);
  const logSheet = state.logSheet!;
  const quotaBefore = MailApp.getRemainingDailyQuota();
  const plan = planReminderRun({ ...state, quota: quotaBefore });
  const at = new Date().toISOString();
  const entry = (
    recipient: string,
    customerId: string,
    rule: string,
    status: SendStatus,
    note = "",
  ): SendLogEntry => ({
    date: state.today,
    recipient,
    customerId,
    rule,
    status,
    at,
    note,
    by,
  });

  // What is not sent now is logged first, in one append: deferred reminders and the welcome baseline.
  const note = (key: "quota" | "time" | "baselineMarker" | "baseline") => say("log", key, state.bookLang);
  const held: SendLogEntry[] = [];
  for (const d of plan.defer)
    for (const i of d.items) held.push(entry(d.recipient, i.customerId, i.ruleId, "deferred", note("quota")));
  for (const w of plan.welcomesDeferred)
    held.push(entry(w.recipient, w.customer.id, "welcome", "deferred", holdNote(w.heldBy, state.bookLang)));
  if (plan.takeWelcomeBaseline) {
    held.push(entry("", WELCOME_BASELINE_ID, "welcome", "baseline", note("baselineMarker")));
    for (const c of plan.welcomeBaseline)
      held.push(entry(c.email, c.id, "welcome", "baseline", note("baseline")));
  }
  appendSendLog(logSheet, held);

  // A digest goes by the member's chosen channel (Settings → Channels), mail by default; welcomes by mail.
  const sends: {
    rows: SendLogEntry[];
    to: string;
    route: Route;
    mail: () => { mail: RenderedMail; replyTo?: string };
  }[] = [
    ...plan.send.map((d) => {
      const route = routeOf(d.recipient, "reminders");
      return {
        // Each row notes what the reminder said (repeat.ts dueMark): a later run tells an escalation by it.
        rows: d.items.map((i) => ({
          ...entry(d.recipient, i.customerId, i.ruleId, "pending", dueMark(i)),
          channel: channelIdOf(route),
        })),
        to: d.recipient,
        route,
        mail: () => ({ mail: digestMail(state, d) }),
      };
    }),
    ...plan.welcomes.map((w) => ({
      rows: [entry(w.recipient, w.customer.id, "welcome", "pending")],
      to: w.recipient,
      route: { via: "mail" } as const,
      mail: () => welcomeMail(state.settings, w, state.team),
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
        .flatMap((x) => x.rows.map((r) => ({ ...r, status: "deferred" as const, note: note("time") })));
      appendSendLog(logSheet, rest);
      outOfTime = sends.length - k;
      break;
    }
    const first = appendSendLog(logSheet, s.rows);
    try {
      const { mail, replyTo } = s.mail();
      deliver(s.route, s.to, mail, state.spreadsheetName, replyTo, state.listLink);
    } catch (e) {
      // A channel's quota defers, its timeout leaves the rows pending (maybe sent); anything else failed.
      const status = statusAfter(e);
      markSendLog(
        logSheet,
        first,
        s.rows.length,
        status,
        new Date().toISOString(),
        String((e as Error).message).slice(0, 300),
      );
      if (status === "failed") failed++;
      else outOfTime += status === "deferred" ? 1 : 0;
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
