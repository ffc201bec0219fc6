import { gasError, wrap, type Env } from "./env";
import type { Faults } from "./faults";
import { formatDate } from "./format-date";
import type { BlobApi } from "./utilities";

export const MAIL_QUOTA_TEXT = "Service invoked too many times for one day: email.";

/** One e-mail MailApp sent, as the outbox keeps it. */
export interface SentMail {
  readonly to: string;
  readonly cc: string;
  readonly bcc: string;
  readonly subject: string;
  readonly body: string;
  readonly htmlBody: string | null;
  readonly name: string | null;
  readonly replyTo: string | null;
  readonly noReply: boolean;
  readonly attachments: readonly { name: string | null; contentType: string | null; bytes: Buffer }[];
  readonly from: string;
  readonly at: Date;
}

interface MailOptions {
  to?: string;
  subject?: string;
  body?: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  cc?: string;
  bcc?: string;
  noReply?: boolean;
  attachments?: unknown[];
}

const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

function recipients(list: string | undefined): string[] {
  return String(list ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Per-day usage, keyed by the day in the script's zone (quotas reset at its midnight). */
export class MailState {
  readonly usedByDay = new Map<string, number>();
  constructor(public dailyQuota: number) {}
}

/** MailApp: sendEmail overloads, the daily quota, and an outbox instead of the network. */
export class MailAppApi {
  constructor(
    private readonly _env: Env,
    private readonly _state: MailState,
    private readonly _outbox: SentMail[],
    private readonly _faults: Faults,
  ) {}

  private _day(): string {
    return formatDate(this._env.clock.nowMs(), this._env.session.scriptTimeZone, "yyyy-MM-dd");
  }
  private _applyQuotaOverride(): void {
    const q = this._faults.takeMailQuota();
    if (q !== null) this._state.usedByDay.set(this._day(), this._state.dailyQuota - q);
  }

  getRemainingDailyQuota(): number {
    this._applyQuotaOverride();
    return Math.max(0, this._state.dailyQuota - (this._state.usedByDay.get(this._day()) ?? 0));
  }

  /** sendEmail(message) | sendEmail(recipient, subject, body[, options]). */
  sendEmail(a: string | MailOptions, subject?: string, body?: string, options?: MailOptions): void {
    const o: MailOptions =
      typeof a === "object" && a !== null ? { ...a } : { ...(options ?? {}), to: String(a), subject, body };
    const to = recipients(o.to);
    const all = [...to, ...recipients(o.cc), ...recipients(o.bcc)];
    if (all.length === 0) throw gasError(this._env, "Failed to send email: no recipient");
    const bad = all.find((r) => !EMAIL.test(r));
    if (bad) throw gasError(this._env, `Invalid email: ${bad}`);
    const failure = this._faults.takeMailFailure();
    if (failure) throw gasError(this._env, failure);
    if (this.getRemainingDailyQuota() < all.length) throw gasError(this._env, MAIL_QUOTA_TEXT);
    const day = this._day();
    this._state.usedByDay.set(day, (this._state.usedByDay.get(day) ?? 0) + all.length);
    this._outbox.push({
      to: to.join(","),
      cc: recipients(o.cc).join(","),
      bcc: recipients(o.bcc).join(","),
      subject: String(o.subject ?? ""),
      body: String(o.body ?? ""),
      htmlBody: o.htmlBody === undefined ? null : String(o.htmlBody),
      name: o.name === undefined ? null : String(o.name),
      replyTo: o.replyTo === undefined ? null : String(o.replyTo),
      noReply: Boolean(o.noReply),
      attachments: (o.attachments ?? []).map((x) => {
        const blob = this._env.guard.unwrap(x) as BlobApi;
        return { name: blob.getName(), contentType: blob.getContentType(), bytes: Buffer.from(blob._raw()) };
      }),
      from: this._env.session.effectiveUser,
      at: new Date(this._env.clock.nowMs()),
    });
  }
}

export function mailApp(env: Env, state: MailState, outbox: SentMail[], faults: Faults): MailAppApi {
  return wrap(env, "MailApp", new MailAppApi(env, state, outbox, faults));
}
