import { CUSTOMER_STATUSES } from "../schema/options";
import type { Lang } from "../schema/types";
import type { DateKey } from "../calendar";
import { escapeHtml, headerSafe } from "./escape";
import { formatAmount } from "./format";
import type { DigestItem } from "./plan";
import { segmentKey, segmentLabel } from "./segments";
import { fillTemplate, type TemplateValues } from "./template";

/** What a digest shows: the planned items plus a link to each customer's row. */
export interface DigestView {
  readonly date: DateKey;
  readonly spreadsheetName: string;
  readonly items: readonly (DigestItem & { readonly link: string })[];
  /** Due items the digest leaves out (listed in the sidebar; they come back while still due). */
  readonly more?: number;
}

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const T = {
  en: {
    subject: (n: number, d: string) => `Sheet CRM reminders for ${d}: ${n} follow-up${n === 1 ? "" : "s"}`,
    intro: (n: number, s: string) => `${n} follow-up${n === 1 ? "" : "s"} due in "${s}", most urgent first.`,
    carriedIntro: (n: number) =>
      `${n} of them carried over from earlier runs (held back by the mail quota or a failed send).`,
    cols: ["#", "Customer", "Why", "Days idle", "Value", "Segment"],
    never: "no contact recorded",
    days: (n: number) => `${n} day${n === 1 ? "" : "s"}`,
    overdue: (n: number, amount: string, since?: string) =>
      `Overdue payment: ${n} order${n === 1 ? "" : "s"}, ${amount}${since ? ` (due ${since})` : ""}`,
    followUp: (d: string) => `Follow-up planned for ${d}`,
    vip: "VIP without contact",
    statusIdle: (s: string) => `${s}, no recent contact`,
    noLonger: "Held back earlier; the rule no longer fires",
    carried: (d: string) => `carried over from ${d}`,
    open: "Open row",
    more: (n: number) =>
      `…and ${n} more follow-up${n === 1 ? "" : "s"}, less urgent: open Sheet CRM in the spreadsheet to see them all.`,
    footer: "Sent by Sheet CRM. Change rules and recipients in the add-on's settings.",
  },
  "zh-CN": {
    subject: (n: number, d: string) => `Sheet CRM 跟进提醒 ${d}：${n} 项`,
    intro: (n: number, s: string) => `「${s}」中有 ${n} 项待跟进，按紧急程度排列。`,
    carriedIntro: (n: number) => `其中 ${n} 项为此前未发出（邮件额度不足或发送失败）而顺延的提醒。`,
    cols: ["#", "客户", "原因", "未联系天数", "价值", "分群"],
    never: "无联系记录",
    days: (n: number) => `${n} 天`,
    overdue: (n: number, amount: string, since?: string) =>
      `逾期付款：${n} 笔订单，共 ${amount}${since ? `（应付日 ${since}）` : ""}`,
    followUp: (d: string) => `计划跟进日 ${d} 已到`,
    vip: "VIP 客户久未联系",
    statusIdle: (s: string) => `状态「${s}」，久未联系`,
    noLonger: "此前顺延；规则现已不再触发",
    carried: (d: string) => `自 ${d} 顺延`,
    open: "打开该行",
    more: (n: number) => `……另有 ${n} 项较不紧急的待跟进，请在表格中打开 Sheet CRM 查看全部。`,
    footer: "由 Sheet CRM 发送。可在插件设置中修改规则与收件人。",
  },
} as const;

/** A segment as the sheet shows it, in the mail's language when it is a known segment. */
function segmentText(segment: string, lang: Lang): string {
  return segment && segmentLabel(segmentKey(segment), lang);
}

function statusLabel(key: string, lang: Lang): string {
  return CUSTOMER_STATUSES.find((o) => o.key === key)?.label[lang] ?? key;
}

/** Why a reminder fired, in `lang` (plain text). */
export function reasonText(item: DigestItem, lang: Lang): string {
  const t = T[lang];
  const d = item.detail;
  switch (d.kind) {
    case "overdue":
      return t.overdue(d.orders, formatAmount(d.amount), d.oldestDue);
    case "follow-up":
      return t.followUp(d.dueOn);
    case "no-longer-due":
      return t.noLonger;
    case "idle":
      return item.ruleKind === "vip-idle" ? t.vip : t.statusIdle(statusLabel(d.status, lang));
  }
}

function idleText(item: DigestItem, lang: Lang): string {
  return item.daysIdle === null ? T[lang].never : T[lang].days(item.daysIdle);
}

const CELL =
  "padding:6px 8px;border-bottom:1px solid #e0e0e0;font:13px Arial,Helvetica,sans-serif;vertical-align:top;";

/**
 * One recipient's digest as a mail: a header-safe subject, a plain-text part and an HTML part (a table with
 * inline styles only, so Gmail and Outlook show it alike). Every value from the sheet is escaped.
 */
export function renderDigest(view: DigestView, lang: Lang): RenderedMail {
  const t = T[lang];
  const n = view.items.length;
  const carried = view.items.filter((i) => i.carriedFrom).length;
  const subject = headerSafe(t.subject(n, view.date));
  const sheetName = headerSafe(view.spreadsheetName, 100);

  const lines = [t.intro(n, sheetName)];
  if (carried) lines.push(t.carriedIntro(carried));
  lines.push("");
  view.items.forEach((item, i) => {
    const extra = item.carriedFrom ? ` [${t.carried(item.carriedFrom)}]` : "";
    lines.push(`${i + 1}. ${item.customerName} (${item.customerId}): ${reasonText(item, lang)}${extra}`);
    lines.push(
      `   ${t.cols[3]}: ${idleText(item, lang)} · ${t.cols[4]}: ${formatAmount(item.value)}` +
        (item.segment ? ` · ${t.cols[5]}: ${segmentText(item.segment, lang)}` : ""),
    );
    if (item.link) lines.push(`   ${item.link}`);
  });
  const more = view.more ?? 0;
  if (more > 0) lines.push("", t.more(more));
  lines.push("", t.footer);

  const head = t.cols
    .map((c) => `<th align="left" style="${CELL}background:#f3f6fa;">${escapeHtml(c)}</th>`)
    .join("");
  const rows = view.items
    .map((item, i) => {
      const name = item.link
        ? `<a href="${escapeHtml(item.link)}" style="color:#1a73e8;">${escapeHtml(item.customerName)}</a>`
        : escapeHtml(item.customerName);
      const carriedNote = item.carriedFrom
        ? `<br><span style="color:#b06000;font-size:12px;">${escapeHtml(t.carried(item.carriedFrom))}</span>`
        : "";
      return (
        `<tr><td style="${CELL}">${i + 1}</td>` +
        `<td style="${CELL}">${name}<br><span style="color:#666;font-size:12px;">${escapeHtml(item.customerId)}</span></td>` +
        `<td style="${CELL}">${escapeHtml(reasonText(item, lang))}${carriedNote}</td>` +
        `<td style="${CELL}" align="right">${escapeHtml(idleText(item, lang))}</td>` +
        `<td style="${CELL}" align="right">${escapeHtml(formatAmount(item.value))}</td>` +
        `<td style="${CELL}">${escapeHtml(segmentText(item.segment, lang))}</td></tr>`
      );
    })
    .join("\n");
  const html =
    `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0;padding:16px;background:#ffffff;">` +
    `<p style="font:14px Arial,Helvetica,sans-serif;">${escapeHtml(t.intro(n, sheetName))}` +
    (carried ? `<br>${escapeHtml(t.carriedIntro(carried))}` : "") +
    `</p>\n<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;width:100%;max-width:900px;">` +
    `<tr>${head}</tr>\n${rows}\n</table>` +
    (more > 0 ? `<p style="font:14px Arial,Helvetica,sans-serif;">${escapeHtml(t.more(more))}</p>` : "") +
    `<p style="font:12px Arial,Helvetica,sans-serif;color:#777;">${escapeHtml(t.footer)}</p></body></html>`;
  return { subject, text: lines.join("\n"), html };
}

/** The welcome mail for one customer, from the user's template. */
export function renderWelcome(
  template: { readonly subject: string; readonly body: string },
  values: TemplateValues,
): RenderedMail {
  const subject = headerSafe(fillTemplate(template.subject, values, "text"));
  const text = fillTemplate(template.body, values, "text");
  const html =
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0;padding:16px;font:14px Arial,Helvetica,sans-serif;">${fillTemplate(template.body, values, "html")}</body></html>`;
  return { subject, text, html };
}
