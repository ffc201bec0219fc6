// Entry points of the notify feature (menu handlers); main.ts re-exports them. Its server functions are
// bound with their permission and audit in src/gas/server-functions.ts.
import { escapeHtml } from "../../core/notify/escape";
import type { DigestPreview } from "../../shared/notify";
import { requirePermission } from "../platform/guard";
import { userLang } from "../platform/locale";
import { previewDigests } from "./reminder-run";
import { loadNotifySettings } from "./settings-store";
import { dailyRun, turnOnNotifications, weeklyRun } from "./triggers";
import { previewWeekly } from "./weekly-run";

const zh = () => userLang() === "zh-CN";

export function menuInstallNotifications(): void {
  requirePermission("manage-settings");
  const settings = loadNotifySettings();
  turnOnNotifications();
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
  requirePermission("run-jobs");
  const digests = previewDigests();
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
  requirePermission("run-jobs");
  const r = previewWeekly();
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(bodyOf(r.html)).setWidth(900).setHeight(650),
    `${r.subject} (${zh() ? "预览，未发送" : "preview, nothing is sent"})`,
  );
}
