import type { NotifySettings, SettingsError } from "../core/notify/settings";
import type { Lang } from "../core/schema/types";

/** One digest as it would be sent now, for the preview. */
export interface DigestPreview {
  readonly recipient: string;
  readonly lang: Lang;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly items: number;
  /** Whether today's quota would hold it back. */
  readonly deferred: boolean;
}

export interface ReportPreview {
  readonly subject: string;
  readonly html: string;
  readonly recipients: readonly string[];
}

export type SaveNotifySettingsResult =
  | { readonly ok: true; readonly settings: NotifySettings }
  | { readonly ok: false; readonly errors: readonly SettingsError[] };

/** What a reminder run did. Counts are mails except `items` and `alreadySent`, which are reminders. */
export interface ReminderRunSummary {
  /** The calendar day of the run in the spreadsheet's zone. */
  readonly date: string;
  readonly sent: number;
  readonly items: number;
  readonly deferred: number;
  readonly failed: number;
  readonly welcomes: number;
  readonly alreadySent: number;
  readonly quotaBefore: number;
}

export interface WeeklyRunSummary {
  readonly asOf: string;
  readonly sent: number;
  readonly deferred: number;
  readonly failed: number;
  readonly alreadySent: number;
}

/** Server functions of the notify feature, as the sidebar calls them. */
export interface NotifyApi {
  getNotifySettings(): NotifySettings;
  saveNotifySettings(settings: unknown): SaveNotifySettingsResult;
  /** The digests the next reminder run would send (all recipients, or one owner's), without sending. */
  previewDigest(owner?: string): DigestPreview[];
  previewWeeklyReport(): ReportPreview;
  sendRemindersNow(): ReminderRunSummary;
  sendWeeklyReportNow(): WeeklyRunSummary;
}

/** Top-level handlers of this feature's menu items and installable triggers. */
export const NOTIFY_HANDLERS = [
  "menuInstallNotifications",
  "menuSendRemindersNow",
  "menuSendWeeklyReportNow",
  "menuPreviewDigest",
  "menuPreviewWeeklyReport",
  "handleDailyReminders",
  "handleWeeklyReport",
] as const;
