// Entry points of the notify feature (menu handlers, trigger handlers, server functions); main.ts re-exports them.
import { escapeHtml } from "../../core/notify/escape";
import type { NotifySettings } from "../../core/notify/settings";
import type {
  DigestPreview,
  ReminderRunSummary,
  ReportPreview,
  SaveNotifySettingsResult,
  WeeklyRunSummary,
} from "../../shared/notify";
import { requirePermission, serverFunction } from "../platform/guard";
import { runJob } from "../platform/job";
import { userLang } from "../platform/locale";
import { previewDigests, runReminders } from "./reminder-run";
import { loadNotifySettings, saveNotifySettingsValue } from "./settings-store";
import { installNotifyTriggers, notifyTriggersInstalled } from "./triggers";
import { previewWeekly, retryWeeklyReports, runWeeklyReport } from "./weekly-run";

function dailyRun(): ReminderRunSummary {
  return runJob("notify.reminders", "run-jobs", () => {
    const summary = runReminders();
    const retried = retryWeeklyReports();
    return {
      result: summary,
      outcome: {
        rowsAffected: summary.items,
        detail:
          `${summary.date}: ${summary.sent} digests, ${summary.welcomes} welcomes, ${summary.deferred} deferred, ` +
          `${summary.failed} failed, ${summary.alreadySent} already sent` +
          (retried.length ? `; weekly reports re-sent: ${retried.reduce((n, r) => n + r.sent, 0)}` : ""),
      },
    };
  });
}

function weeklyRun(): WeeklyRunSummary {
  return runJob("notify.weekly-report", "run-jobs", () => {
    const summary = runWeeklyReport();
    return {
      result: summary,
      outcome: {
        rowsAffected: summary.sent,
        detail: `as of ${summary.asOf}: ${summary.sent} sent, ${summary.deferred} deferred, ${summary.failed} failed`,
      },
    };
  });
}

/** Installable daily trigger. */
export function handleDailyReminders(): void {
  dailyRun();
}

/** Installable weekly trigger. */
export function handleWeeklyReport(): void {
  weeklyRun();
}

// Server functions: the permission each needs is the one src/shared/trust.ts declares for it.

export const getNotifySettings = serverFunction("getNotifySettings", (): NotifySettings =>
  loadNotifySettings(),
);

/** Stores valid settings; when the triggers are on, they are moved to the new hours and weekday. */
export const saveNotifySettings = serverFunction(
  "saveNotifySettings",
  (settings: unknown): SaveNotifySettingsResult => {
    const r = saveNotifySettingsValue(settings);
    if (r.ok && notifyTriggersInstalled()) installNotifyTriggers(r.settings);
    return r;
  },
);

export const previewDigest = serverFunction("previewDigest", (owner?: string): DigestPreview[] =>
  previewDigests(owner),
);

export const previewWeeklyReport = serverFunction("previewWeeklyReport", (): ReportPreview =>
  previewWeekly(),
);

export const sendRemindersNow = serverFunction("sendRemindersNow", (): ReminderRunSummary => dailyRun());

export const sendWeeklyReportNow = serverFunction("sendWeeklyReportNow", (): WeeklyRunSummary => weeklyRun());

const zh = () => userLang() === "zh-CN";

export function menuInstallNotifications(): void {
  requirePermission("manage-settings");
  const settings = loadNotifySettings();
  installNotifyTriggers(settings);
  const noManagers = settings.managers.length === 0;
  SpreadsheetApp.getUi().alert(
    zh()
      ? `已启用：每天 ${settings.reminderHour}:00 发送跟进提醒，每周第 ${settings.weekday} 天 ${settings.reportHour}:00 发送周报（按表格时区）。` +
          (noManagers ? "\n尚未设置管理者邮箱：无负责人的客户提醒和周报将无人接收。" : "")
      : `Turned on: reminders daily at ${settings.reminderHour}:00, the weekly report on weekday ${settings.weekday} at ${settings.reportHour}:00 (spreadsheet time zone).` +
          (noManagers
            ? "\nNo manager e-mails are set yet: reminders for customers without an owner and the weekly report have no recipient."
            : ""),
  );
}

export function menuSendRemindersNow(): void {
  const s = dailyRun();
  SpreadsheetApp.getActive().toast(
    zh()
      ? `已发送 ${s.sent} 封提醒（${s.items} 项）、${s.welcomes} 封欢迎邮件；顺延 ${s.deferred}，失败 ${s.failed}，今日已发 ${s.alreadySent} 项。`
      : `Sent ${s.sent} digests (${s.items} reminders) and ${s.welcomes} welcomes; ${s.deferred} deferred, ${s.failed} failed, ${s.alreadySent} already sent today.`,
    "Sheet CRM",
    8,
  );
}

export function menuSendWeeklyReportNow(): void {
  const s = weeklyRun();
  SpreadsheetApp.getActive().toast(
    zh()
      ? `周报（截至 ${s.asOf}）：发送 ${s.sent}，顺延 ${s.deferred}，失败 ${s.failed}，此前已发 ${s.alreadySent}。`
      : `Weekly report as of ${s.asOf}: ${s.sent} sent, ${s.deferred} deferred, ${s.failed} failed, ${s.alreadySent} had it already.`,
    "Sheet CRM",
    8,
  );
}

const bodyOf = (html: string) => html.replace(/^[\s\S]*?<body[^>]*>|<\/body>[\s\S]*$/gi, "");

export function menuPreviewDigest(): void {
  const digests = previewDigest();
  const heading = (d: DigestPreview) =>
    `<h3 style="font:bold 14px Arial,sans-serif;background:#eef3fb;padding:6px;margin:16px 0 0 0;">` +
    `${escapeHtml(d.recipient)} — ${escapeHtml(d.subject)}${d.deferred ? (zh() ? "（额度不足，将顺延）" : " (over quota: would be deferred)") : ""}</h3>`;
  const html = digests.length
    ? digests.map((d) => heading(d) + bodyOf(d.html)).join("\n")
    : `<p style="font:14px Arial,sans-serif;">${zh() ? "今天没有待发送的提醒。" : "No reminders are due today."}</p>`;
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(html).setWidth(900).setHeight(600),
    zh() ? "跟进提醒预览（未发送）" : "Reminder preview (nothing is sent)",
  );
}

export function menuPreviewWeeklyReport(): void {
  const r = previewWeeklyReport();
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(bodyOf(r.html)).setWidth(900).setHeight(650),
    `${r.subject} (${zh() ? "预览，未发送" : "preview, nothing is sent"})`,
  );
}
