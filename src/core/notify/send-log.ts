import { addDays, type DateKey } from "../calendar";

/**
 * What happened to one (date, recipient, customer, rule) send:
 * - pending: written just before sendEmail; flipped to sent right after. A pending row that survives means
 *   the run died between the two, and nobody can know whether the mail left, so the same day counts it as
 *   sent (at most once per day); later days simply evaluate the rules again.
 * - sent: the mail was accepted.
 * - deferred: the daily quota was short; carried into the next run's digest.
 * - failed: sendEmail threw; retried (and carried) on the next run.
 * - baseline: a welcome that is never to be sent (the customer existed when welcome mails were turned on).
 * - refused: a welcome not sent to that address, and never to be (the edit that set it was not to be
 *   trusted: its editor unknown or not allowed to edit the customer, or it also changed the Owner); a later
 *   edit of the address by someone allowed lifts it. No effect on reminders' once-a-day state.
 */
export type SendStatus = "pending" | "sent" | "deferred" | "failed" | "baseline" | "refused";

export interface SendLogEntry {
  readonly date: DateKey;
  readonly recipient: string;
  readonly customerId: string;
  readonly rule: string;
  readonly status: SendStatus;
  /** ISO instant of the write. */
  readonly at: string;
  readonly note: string;
  /** What caused the send: {@link byJob}, {@link byEdit} or {@link byManual}. */
  readonly by: string;
  /**
   * How it went: "" (or absent) for mail, else the channel's id (a chat robot or SMS gateway,
   * core/notify/channels). Not part of the idempotence key: a reminder sent by any channel counts as sent,
   * so switching channels never sends it twice.
   */
  readonly channel?: string;
}

/** The By of a send a scheduled job made (the hourly dispatcher, running as the add-on's installer). */
export function byJob(job: string): string {
  return `job:${job}`;
}

/** The By of a send an edit caused: the editor as the edit event names them ("(unknown editor)" if hidden). */
export function byEdit(editor: string): string {
  return `edit:${editor}`;
}

/** The By of a send someone started from the menu or the sidebar. */
export function byManual(user: string): string {
  return `manual:${user || "(unknown user)"}`;
}

/** Columns of the hidden SendLog sheet, in order. */
export const SEND_LOG_HEADERS = [
  "Date",
  "Recipient",
  "CustomerID",
  "Rule",
  "Status",
  "At",
  "Note",
  "By",
  "Channel",
] as const;

const STATUSES: readonly SendStatus[] = ["pending", "sent", "deferred", "failed", "baseline", "refused"];

/** Text a sheet would read as a formula gets a leading apostrophe, which Sheets keeps as "show as text". */
function textCell(s: string): string {
  return /^[=+\-@]/.test(s) ? `'${s}` : s;
}

function fromTextCell(v: unknown): string {
  const s = String(v ?? "");
  return /^'[=+\-@]/.test(s) ? s.slice(1) : s;
}

/** One log row as a sheet row; values from the sheet (IDs, addresses, error text) cannot become formulas. */
export function logRow(e: SendLogEntry): string[] {
  return [
    e.date,
    textCell(e.recipient),
    textCell(e.customerId),
    textCell(e.rule),
    e.status,
    e.at,
    textCell(e.note),
    textCell(e.by),
    textCell(e.channel ?? ""),
  ];
}

/** Log entries from sheet rows (header excluded); rows that are not entries (blank, edited) are skipped. */
export function parseLogRows(
  rows: readonly (readonly unknown[])[],
  dateOf: (v: unknown) => DateKey | undefined,
): SendLogEntry[] {
  const out: SendLogEntry[] = [];
  for (const r of rows) {
    const date = dateOf(r[0]);
    const status = String(r[4] ?? "") as SendStatus;
    if (!date || !STATUSES.includes(status)) continue;
    out.push({
      date,
      recipient: fromTextCell(r[1]).toLowerCase(),
      customerId: fromTextCell(r[2]),
      rule: fromTextCell(r[3]),
      status,
      at: String(r[5] ?? ""),
      note: fromTextCell(r[6]),
      by: fromTextCell(r[7]),
      // Mail rows (and rows from before the Channel column) have none.
      ...(fromTextCell(r[8]) ? { channel: fromTextCell(r[8]) } : {}),
    });
  }
  return out;
}

/** The key a send is idempotent on, minus the date. */
export function tripleKey(recipient: string, customerId: string, rule: string): string {
  return `${recipient.toLowerCase()}\u0000${customerId}\u0000${rule}`;
}

/** Where a (recipient, customer, rule) stands, from its log rows in the order they were written. */
export interface TripleState {
  /** Sent (or pending, i.e. maybe sent) on `today`: must not be sent again today. */
  readonly doneToday: boolean;
  /** Deferred or failed and not sent since: the day it was first held back. */
  readonly outstandingSince?: DateKey;
  /** Ever sent, pending or baselined (for once-ever mails such as welcome). */
  readonly everDone: boolean;
  /** The day it was last sent (or pending, i.e. maybe sent). */
  readonly lastMailed?: DateKey;
  /** The Note of that row: what the reminder said then ({@link dueMark}), to tell an escalation. */
  readonly mark?: string;
}

/** Folds the log (in written order) into the state of every triple it mentions. */
export function tripleStates(log: readonly SendLogEntry[], today: DateKey): Map<string, TripleState> {
  const out = new Map<string, TripleState>();
  for (const e of log) {
    // A refusal is the welcome's business (planWelcomes): it neither sends nor holds anything back.
    if (e.status === "refused") continue;
    const key = tripleKey(e.recipient, e.customerId, e.rule);
    const prev = out.get(key) ?? { doneToday: false, everDone: false };
    const done = e.status === "sent" || e.status === "pending" || e.status === "baseline";
    const mailed = e.status === "sent" || e.status === "pending";
    out.set(key, {
      doneToday: prev.doneToday || (done && e.date === today),
      everDone: prev.everDone || done,
      outstandingSince: done ? undefined : (prev.outstandingSince ?? e.date),
      ...(mailed
        ? { lastMailed: e.date, mark: e.note }
        : prev.lastMailed
          ? { lastMailed: prev.lastMailed, mark: prev.mark }
          : {}),
    });
  }
  return out;
}

/** Rows older than this many days are dropped once enough of them pile up. */
export const LOG_KEEP_DAYS = 60;
/** Pruning rewrites the log, so it waits until at least this many rows can go. */
export const LOG_PRUNE_MIN_ROWS = 1000;

/**
 * The log without rows that no longer decide anything: those dated more than `keepDays` before `today`,
 * except welcome rows (welcome is once per customer, ever) and the rows of a reminder still held back
 * (from the day it was first held, so its carry-over date survives). Null when fewer than `minRows` would go,
 * so the sheet is rewritten rarely.
 */
export function pruneSendLog(
  log: readonly SendLogEntry[],
  today: DateKey,
  keepDays = LOG_KEEP_DAYS,
  minRows = LOG_PRUNE_MIN_ROWS,
): SendLogEntry[] | null {
  const cutoff = addDays(today, -keepDays);
  const states = tripleStates(log, today);
  const kept = log.filter((e) => {
    if (e.date >= cutoff || e.rule === "welcome") return true;
    const since = states.get(tripleKey(e.recipient, e.customerId, e.rule))?.outstandingSince;
    return since !== undefined && e.date >= since;
  });
  return log.length - kept.length >= minRows ? kept : null;
}
