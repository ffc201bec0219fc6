import { gasError, wrap, type Env } from "./env";
import type { Faults } from "./faults";
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

const DAY_MS = 24 * 3_600_000;

/**
 * Mail limits from the quotas page (consumer / Google Workspace accounts): recipients per day 100 / 1,500,
 * recipients per message 50, body size 200 KB / 400 KB, attachments 250 per message, 25 MB in all.
 * Quotas are per user and a recipient's slot frees 24 hours after the send that used it.
 * https://developers.google.com/apps-script/guides/services/quotas
 */
export const MAIL_LIMITS = Object.freeze({
  consumerDailyRecipients: 100,
  workspaceDailyRecipients: 1500,
  recipientsPerMessage: 50,
  consumerBodyBytes: 200 * 1024,
  workspaceBodyBytes: 400 * 1024,
  attachmentsPerMessage: 250,
  attachmentBytes: 25 * 1024 * 1024,
});
export const RECIPIENTS_PER_MESSAGE_TEXT = "Limit Exceeded: Email Recipients Per Message.";
export const BODY_SIZE_TEXT = "Limit Exceeded: Email Body Size.";
export const ATTACHMENTS_TEXT = "Limit Exceeded: Email Attachments Per Message.";
export const ATTACHMENT_SIZE_TEXT = "Limit Exceeded: Email Total Attachments Size.";

/** Each user's sends (time, recipients) over the last 24 hours: the rolling quota window. */
export class MailLedger {
  private readonly sends = new Map<string, { at: number; n: number }[]>();

  /** Recipients `user` used in the 24 hours before `now`. */
  used(user: string, now: number): number {
    const live = (this.sends.get(user) ?? []).filter((s) => s.at > now - DAY_MS);
    this.sends.set(user, live);
    return live.reduce((sum, s) => sum + s.n, 0);
  }

  record(user: string, now: number, n: number): void {
    this.used(user, now);
    this.sends.get(user)!.push({ at: now, n });
  }
}

/** The account's limits: a quota set for the test, else consumer or Workspace figures by the user's domain. */
export interface MailPolicy {
  quotaFor(user: string): number;
  bodyBytesFor(user: string): number;
}

const bytes = (s: string | undefined) => (s === undefined ? 0 : Buffer.byteLength(String(s), "utf8"));

/** MailApp: sendEmail overloads, the per-user rolling quota, and an outbox instead of the network. */
export class MailAppApi {
  constructor(
    private readonly _env: Env,
    private readonly _ledger: MailLedger,
    private readonly _policy: MailPolicy,
    private readonly _outbox: SentMail[],
    private readonly _faults: Faults,
  ) {}

  /** Quotas are the effective user's (an installable trigger sends as its creator). */
  private _user(): string {
    return this._env.session.effectiveUser;
  }
  private _applyQuotaOverride(): void {
    const q = this._faults.takeMailQuota();
    if (q === null) return;
    const user = this._user();
    const now = this._env.clock.nowMs();
    // An adjustment entry so that exactly q recipients remain now.
    this._ledger.record(user, now, this._policy.quotaFor(user) - q - this._ledger.used(user, now));
  }

  getRemainingDailyQuota(): number {
    this._applyQuotaOverride();
    const user = this._user();
    return Math.max(0, this._policy.quotaFor(user) - this._ledger.used(user, this._env.clock.nowMs()));
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
    if (all.length > MAIL_LIMITS.recipientsPerMessage) throw gasError(this._env, RECIPIENTS_PER_MESSAGE_TEXT);
    // The body is the plain and the HTML part together (stricter than counting either alone).
    if (bytes(o.body) + bytes(o.htmlBody) > this._policy.bodyBytesFor(this._user()))
      throw gasError(this._env, BODY_SIZE_TEXT);
    const blobs = (o.attachments ?? []).map((x) => this._env.guard.unwrap(x) as BlobApi);
    if (blobs.length > MAIL_LIMITS.attachmentsPerMessage) throw gasError(this._env, ATTACHMENTS_TEXT);
    if (blobs.reduce((sum, b) => sum + b._raw().length, 0) > MAIL_LIMITS.attachmentBytes)
      throw gasError(this._env, ATTACHMENT_SIZE_TEXT);
    const failure = this._faults.takeMailFailure();
    if (failure) throw gasError(this._env, failure);
    if (this.getRemainingDailyQuota() < all.length) throw gasError(this._env, MAIL_QUOTA_TEXT);
    this._ledger.record(this._user(), this._env.clock.nowMs(), all.length);
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
      attachments: blobs.map((blob) => ({
        name: blob.getName(),
        contentType: blob.getContentType(),
        bytes: Buffer.from(blob._raw()),
      })),
      from: this._env.session.effectiveUser,
      at: new Date(this._env.clock.nowMs()),
    });
  }
}

export function mailApp(
  env: Env,
  ledger: MailLedger,
  policy: MailPolicy,
  outbox: SentMail[],
  faults: Faults,
): MailAppApi {
  return wrap(env, "MailApp", new MailAppApi(env, ledger, policy, outbox, faults));
}
