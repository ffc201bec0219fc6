// The server-rendered pages of the web app (portal, unsubscribe, notices): one small, fluid column that
// reads from 320 px, no script, every value escaped (core/notify/escape.ts). Forms post back to the web
// app's own address with target _top (Apps Script serves pages inside a sandboxed frame).
import { escapeHtml } from "../../core/notify/escape";
import type { Lang } from "../../core/schema/types";

type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;

export const PAGE_TEXT = {
  en: {
    title: "Your account",
    details: "Your details",
    orders: "Your orders",
    noOrders: "No orders yet.",
    correct: "Correct your contact details",
    feedback: "Tell us how we are doing",
    consent: "Mails from us",
    consentYes: "I agree to receive mails from this company",
    save: "Save",
    send: "Send",
    rating: "Rating (1–5)",
    comment: "Comment",
    saved: "Thank you: your change is saved.",
    thanks: "Thank you for your feedback.",
    consentSaved: "Your choice is saved.",
    expired: "This link has expired. Ask us for a new one.",
    altered: "This link is not valid: it was changed or is not one we sent.",
    revoked: "This link was withdrawn. Ask us for a new one.",
    malformed: "This link is not valid.",
    unknownCustomer: "This link is not valid any more.",
    unsubscribed: "You are unsubscribed: you will not receive these mails any more.",
    already: "You were already unsubscribed: you will not receive these mails.",
    badUnsub: "This unsubscribe link is not valid. Reply to the mail with “Unsubscribe” instead.",
    confirmUnsub: "Stop receiving these mails? One click and it is done.",
    unsubButton: "Unsubscribe",
    fixErrors: "Nothing was saved:",
    home: "Sheet CRM web app",
    signIn: "Sign in with your Google account to use the rep pages.",
    order: "Order",
    date: "Date",
    product: "Product",
    amount: "Amount",
    status: "Payment",
  },
  "zh-CN": {
    title: "您的账户",
    details: "您的资料",
    orders: "您的订单",
    noOrders: "暂无订单。",
    correct: "更正联系方式",
    feedback: "意见反馈",
    consent: "邮件订阅",
    consentYes: "我同意接收本公司的邮件",
    save: "保存",
    send: "提交",
    rating: "评分（1–5）",
    comment: "意见",
    saved: "谢谢：修改已保存。",
    thanks: "感谢您的反馈。",
    consentSaved: "您的选择已保存。",
    expired: "此链接已过期，请联系我们获取新链接。",
    altered: "此链接无效：已被改动，或不是我们发出的。",
    revoked: "此链接已被撤回，请联系我们获取新链接。",
    malformed: "此链接无效。",
    unknownCustomer: "此链接已失效。",
    unsubscribed: "退订成功：您将不再收到此类邮件。",
    already: "您此前已退订，不会再收到此类邮件。",
    badUnsub: "此退订链接无效，请直接回复邮件“退订”。",
    confirmUnsub: "不想再收到此类邮件？点击一次即可退订。",
    unsubButton: "退订",
    fixErrors: "未保存：",
    home: "Sheet CRM 网页应用",
    signIn: "请用 Google 账号登录后使用销售页面。",
    order: "订单",
    date: "日期",
    product: "产品",
    amount: "金额",
    status: "付款",
  },
} as const;

export type PageKey = keyof (typeof PAGE_TEXT)["en"];

export function t(lang: Lang, key: PageKey): string {
  return PAGE_TEXT[lang][key];
}

/** Both languages, the reader's first (a link opened by someone whose language we do not know). */
export function both(lang: Lang, key: PageKey): string {
  const other: Lang = lang === "en" ? "zh-CN" : "en";
  return `${t(lang, key)} / ${t(other, key)}`;
}

const STYLE =
  "*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;color:#202124;background:#f6f8fa}" +
  "main{max-width:640px;margin:0 auto;padding:16px}h1{font-size:1.4rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:1.4rem 0 .5rem}" +
  "section{background:#fff;border:1px solid #dadce0;border-radius:8px;padding:12px 14px;margin:0 0 12px}" +
  "dl{display:grid;grid-template-columns:minmax(90px,30%) 1fr;gap:4px 10px;margin:0}dt{color:#5f6368}dd{margin:0;overflow-wrap:anywhere}" +
  "section h2{margin-top:0}.scroll{overflow-x:auto}table{width:100%;border-collapse:collapse;font-size:.9rem}th,td{text-align:left;padding:6px 4px;border-bottom:1px solid #eee;white-space:nowrap}" +
  "label{display:block;margin:.5rem 0 .2rem;color:#3c4043}input,select,textarea{width:100%;font:inherit;padding:10px;border:1px solid #80868b;border-radius:6px}" +
  "input[type=checkbox]{width:auto;margin-right:.5rem}button{margin-top:.8rem;min-height:44px;padding:0 18px;font:inherit;color:#fff;background:#1a73e8;border:0;border-radius:6px}" +
  ".note{padding:10px 12px;border-radius:6px;background:#e6f4ea;color:#0d652d}.bad{background:#fce8e6;color:#a50e0e}";

/** A whole page: lang attribute, viewport, title, the style, and `body` (already escaped by its makers). */
export function page(lang: Lang, title: string, body: string): HtmlOutput {
  const html =
    `<!DOCTYPE html><html lang="${lang === "en" ? "en" : "zh-CN"}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>` +
    `<base target="_top"><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
  return HtmlService.createHtmlOutput(html)
    .setTitle(title)
    .addMetaTag("viewport", "width=device-width, initial-scale=1");
}

/** A page that only says something (a refused link, a done unsubscribe). */
export function noticePage(lang: Lang, title: string, message: string, bad = false): HtmlOutput {
  return page(
    lang,
    title,
    `<h1>${escapeHtml(title)}</h1><p class="note${bad ? " bad" : ""}" role="${bad ? "alert" : "status"}">${escapeHtml(message)}</p>`,
  );
}

export { escapeHtml };
