import type { Clock } from "./clock";

export const TIME_LIMIT_TEXT = "Exceeded maximum execution time";

/** What scheduled faults do to the workbook, supplied by the emulator (bypassing the guard). */
export interface FaultActions {
  renameSheet(oldName: string, newName: string): void;
  deleteSheet(name: string): void;
  insertRows(sheetName: string, beforeRow: number, count: number): void;
  /** Builds an error of the bundle's realm. */
  error(message: string): Error;
}

interface Scheduled {
  readonly atCall: number;
  readonly member: string | null;
  readonly run: () => void;
}

/**
 * Fault injection, composable and reset per emulator. Call numbers count every emulated call the
 * bundle makes from the moment the fault is scheduled (1 = the very next call).
 */
export class Faults {
  private calls = 0;
  /** Calls of each member some failAtCall(…, member) counts, since it was scheduled. */
  private readonly memberCalls = new Map<string, number>();
  private scheduled: Scheduled[] = [];
  private deadline: number | null = null;
  private perCallMs = 0;
  private contention = false;
  private mailFailures: string[] = [];
  private mailQuotaOverride: number | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly actions: FaultActions,
  ) {}

  /**
   * After `budgetMs` of emulated time from now, every service call throws "Exceeded maximum execution
   * time". Each call costs `perCallMs` of emulated time (default 1 ms) so long loops run out as in Apps Script.
   */
  timeLimit(budgetMs: number, perCallMs = 1): this {
    this.deadline = this.clock.nowMs() + budgetMs;
    this.perCallMs = perCallMs;
    return this;
  }

  /** Same as timeLimit (the name used in the project brief). */
  timeLimitAfterMs(budgetMs: number, perCallMs = 1): this {
    return this.timeLimit(budgetMs, perCallMs);
  }

  /** The `n`th call from now (optionally only counting calls of `member`, e.g. "Range.setValues") throws. */
  failAtCall(n: number, error: string | Error = "Service error: Spreadsheets", member?: string): this {
    return this.at(n, member ?? null, () => {
      throw typeof error === "string" ? this.actions.error(error) : error;
    });
  }

  /** Every tryLock fails (after waiting its timeout on the emulated clock) and waitLock throws. */
  lockContention(on = true): this {
    this.contention = on;
    return this;
  }

  isLockContended(): boolean {
    return this.contention;
  }

  /** Sets how many e-mails remain for the current day. */
  mailQuota(remaining: number): this {
    this.mailQuotaOverride = remaining;
    return this;
  }

  /** Takes (and clears) a pending quota override; read by MailApp. */
  takeMailQuota(): number | null {
    const q = this.mailQuotaOverride;
    this.mailQuotaOverride = null;
    return q;
  }

  /** The next `n` sendEmail calls throw `message`. */
  mailThrowOnce(n = 1, message = "Service unavailable: Gmail"): this {
    for (let i = 0; i < n; i++) this.mailFailures.push(message);
    return this;
  }

  takeMailFailure(): string | null {
    return this.mailFailures.shift() ?? null;
  }

  /** Another user renames a tab just before the `n`th call from now. */
  renameSheetAtCall(n: number, oldName: string, newName: string): this {
    return this.at(n, null, () => this.actions.renameSheet(oldName, newName));
  }

  /** Another user deletes a tab just before the `n`th call from now. */
  deleteSheetAtCall(n: number, name: string): this {
    return this.at(n, null, () => this.actions.deleteSheet(name));
  }

  /** Another user inserts rows just before the `n`th call from now. */
  insertRowAtCall(n: number, sheetName: string, beforeRow: number, count = 1): this {
    return this.at(n, null, () => this.actions.insertRows(sheetName, beforeRow, count));
  }

  reset(): this {
    this.scheduled = [];
    this.deadline = null;
    this.perCallMs = 0;
    this.contention = false;
    this.mailFailures = [];
    this.mailQuotaOverride = null;
    return this;
  }

  private at(n: number, member: string | null, run: () => void): this {
    if (!(n >= 1)) throw new Error(`call numbers start at 1 (got ${n})`);
    const base = member === null ? this.calls : 0;
    this.scheduled.push({ atCall: base + n, member, run });
    if (member !== null) this.memberCalls.set(member, 0);
    return this;
  }

  /** The guard calls this before every counted call `key` ("Class.member"). */
  beforeCall(key: string): void {
    this.calls++;
    if (this.memberCalls.has(key)) this.memberCalls.set(key, this.memberCalls.get(key)! + 1);
    if (this.perCallMs) this.clock.advance(this.perCallMs);
    if (this.deadline !== null && this.clock.nowMs() >= this.deadline)
      throw this.actions.error(TIME_LIMIT_TEXT);
    if (!this.scheduled.length) return;
    const due = this.scheduled.filter((s) =>
      s.member === null
        ? s.atCall === this.calls
        : s.member === key && s.atCall === this.memberCalls.get(key),
    );
    if (!due.length) return;
    this.scheduled = this.scheduled.filter((s) => !due.includes(s));
    for (const s of due) s.run();
  }
}
