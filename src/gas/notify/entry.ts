// Entry points of the notify feature (menu handlers); main.ts re-exports them. Its server functions are
// bound with their permission and audit in src/gas/server-functions.ts.
import { escapeHtml } from "../../core/notify/escape";
import { say, type TextKey } from "../../core/notify/text";
import type { DigestPreview } from "../../shared/notify";
import { requirePermission } from "../platform/guard";
import { userLang } from "../platform/locale";
import { previewDigests } from "./reminder-run";
import { loadNotifySettings } from "./settings-store";
import { dailyRun, turnOnNotifications, weeklyRun } from "./triggers";
import { previewWeekly } from "./weekly-run";

/** A message of the catalogue's "ui" section in the user's language. */
const ui = (key: TextKey<"ui">, slots?: Readonly<Record<string, string | number>>) =>
  say("ui", key, userLang(), slots);

export function menuInstallNotifications(): void {
  requirePermission("manage-settings");
  const settings = loadNotifySettings();
  turnOnNotifications();
  const weekday = say("weekday", String(settings.weekday) as TextKey<"weekday">, userLang());
  SpreadsheetApp.getUi().alert(
    ui("turnedOn", { hour: settings.reminderHour, weekday, reportHour: settings.reportHour }) +
      (settings.managers.length === 0 ? `\n${ui("noManagers")}` : ""),
  );
}

export function menuSendRemindersNow(): void {
  const s = dailyRun();
  const slots = { ...s, already: s.alreadySent };
  SpreadsheetApp.getActive().toast(ui("remindersSent", slots), "Sheet CRM", 8);
}

export function menuSendWeeklyReportNow(): void {
  const s = weeklyRun();
  SpreadsheetApp.getActive().toast(ui("weeklySent", { ...s, already: s.alreadySent }), "Sheet CRM", 8);
}

const bodyOf = (html: string) => html.replace(/^[\s\S]*?<body[^>]*>|<\/body>[\s\S]*$/gi, "");

export function menuPreviewDigest(): void {
  requirePermission("run-jobs");
  const digests = previewDigests();
  const heading = (d: DigestPreview) =>
    `<h3 style="font:bold 14px Arial,sans-serif;background:#eef3fb;padding:6px;margin:16px 0 0 0;">` +
    `${escapeHtml(d.recipient)} — ${escapeHtml(d.subject)}${d.deferred ? escapeHtml(ui("overQuota")) : ""}</h3>`;
  const html = digests.length
    ? digests.map((d) => heading(d) + bodyOf(d.html)).join("\n")
    : `<p style="font:14px Arial,sans-serif;">${escapeHtml(ui("noneDue"))}</p>`;
  // As wide as the mails are (600 px) plus the dialog's margins.
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(html).setWidth(680).setHeight(600),
    ui("digestPreviewTitle"),
  );
}

export function menuPreviewWeeklyReport(): void {
  requirePermission("run-jobs");
  const r = previewWeekly();
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(bodyOf(r.html)).setWidth(680).setHeight(650),
    ui("reportPreviewTitle", { subject: r.subject }),
  );
}
