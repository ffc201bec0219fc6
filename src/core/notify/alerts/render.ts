import type { Lang } from "../../schema/types";
import type { RenderedMail } from "../digest";
import { escapeHtml } from "../escape";
import { clip, mailDocument, MUTED, para } from "../mail-layout";
import { lifecycleLabel } from "../segments";
import type { AlertKind, AlertRecord } from "./types";

const NAME_CHARS = 80;
const ID_CHARS = 40;

/** Each rule's name, as the settings form and the alert list show it. */
export const ALERT_KIND_NAMES: Readonly<Record<AlertKind, Readonly<Record<Lang, string>>>> = {
  turned: { en: "Customer turned At risk or Lost", "zh-CN": "客户转为流失风险或已流失" },
  "p-alive": { en: "Chance still active below X", "zh-CN": "存活概率低于 X" },
  "big-order": { en: "Order above X", "zh-CN": "订单金额高于 X" },
  complaint: { en: "Complaint or negative feedback", "zh-CN": "投诉或负面反馈" },
  overdue: { en: "Payment overdue more than N days", "zh-CN": "付款逾期超过 N 天" },
  "key-idle": { en: "Key customer without contact for N days", "zh-CN": "重点客户 N 天未联系" },
};

/**
 * One alert as one line of plain text, in `lang`. `name` is the customer's name from the sheet: plain
 * text here; each channel escapes it for itself (mail as HTML, chat robots by channels/escape.ts).
 */
export function alertLine(alert: AlertRecord, name: string, lang: Lang): string {
  const who = clip(name.replace(/\s+/g, " ").trim(), NAME_CHARS);
  const id = clip(alert.customerId, ID_CHARS);
  const ref = clip(alert.ref, ID_CHARS);
  const zh = lang === "zh-CN";
  const customer = who ? (zh ? `${who}（${id}）` : `${who} (${id})`) : id;
  const v = alert.value;
  switch (alert.kind) {
    case "turned":
      return zh
        ? `${customer} 已转为「${lifecycleLabel(v, lang)}」`
        : `${customer} turned ${lifecycleLabel(v, lang)}`;
    case "p-alive": {
      const pct = `${Math.round(Number(v) * 100)}%`;
      return zh ? `${customer} 存活概率降至 ${pct}` : `${customer}: chance still active fell to ${pct}`;
    }
    case "big-order":
      return zh ? `${customer} 大额订单 ${ref}：金额 ${v}` : `${customer}: order ${ref} of ${v}`;
    case "complaint":
      if (v === "negative") return zh ? `${customer} 有负面反馈` : `${customer}: negative feedback`;
      return zh ? `${customer} 投诉（评分 ${v}）` : `${customer}: complaint (rating ${v})`;
    case "overdue":
      return zh
        ? `${customer} 订单 ${ref} 付款逾期 ${v} 天`
        : `${customer}: order ${ref} payment overdue ${v} days`;
    case "key-idle":
      return zh
        ? `${customer} 重点客户已 ${v} 天未联系`
        : `${customer}: key customer, no contact for ${v} days`;
  }
}

/** The title of a run's message to one destination. */
export function alertTitle(count: number, lang: Lang): string {
  return lang === "zh-CN" ? `Sheet CRM 预警：${count} 条` : `Sheet CRM alerts: ${count}`;
}

/**
 * A run's alerts for one destination as a mail (plain text and HTML, every value escaped in the HTML).
 * Chat robots and SMS get the same subject and lines (channels/choices.ts messageOfMail), escaped there.
 */
export function renderAlertMail(
  alerts: readonly AlertRecord[],
  nameOf: (customerId: string) => string,
  lang: Lang,
  bookName: string,
  link = "",
): RenderedMail {
  const subject = `${alertTitle(alerts.length, lang)} · ${bookName}`;
  const lines = alerts.map((a) => alertLine(a, nameOf(a.customerId), lang));
  const foot =
    lang === "zh-CN"
      ? "在侧边栏“预警”中查看并确认。每个事件只提醒一次。"
      : "See and acknowledge them in the sidebar's Alerts. Each event is sent once.";
  const text = [...lines.map((l) => `- ${l}`), "", foot, ...(link ? [link] : [])].join("\n");
  const items = lines.map((l) => `<li style="margin:4px 0;">${escapeHtml(l)}</li>`).join("");
  const safeLink = /^https:\/\/[^\s"'<>]+$/.test(link) ? link : "";
  const html = mailDocument(
    lang,
    subject,
    `<h2 style="font-size:16px;margin:4px 0 8px;">${escapeHtml(alertTitle(alerts.length, lang))}</h2>` +
      `<ul style="padding-left:18px;margin:0;">${items}</ul>` +
      para(foot, MUTED) +
      (safeLink ? `<p style="margin:8px 0;"><a href="${escapeHtml(safeLink)}">Sheet CRM</a></p>` : ""),
  );
  return { subject, text, html };
}
