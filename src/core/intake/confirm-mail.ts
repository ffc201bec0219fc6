/**
 * The "are your details still right?" mail (seed 003): a short note and the sign-up form pre-filled with
 * what the book holds about the customer, in the book's language. Everything from the sheet is escaped;
 * the link is the form's own pre-filled URL (https://docs.google.com/forms/…), put in an attribute
 * escaped as well.
 */
import type { RenderedMail } from "../notify/digest";
import { escapeHtml } from "../notify/escape";
import { mailDocument, para } from "../notify/mail-layout";
import type { Lang } from "../schema/types";

/** The send-log rule of the mail: one per customer, ever (tripleStates' everDone). */
export const CONFIRM_RULE = "confirm-details";

const TEXT = {
  subject: { en: "Are your details still right? — {book}", "zh-CN": "请确认您的信息是否仍然正确 — {book}" },
  hello: { en: "Hello {name},", "zh-CN": "{name}，您好：" },
  body: {
    en: "We keep your contact details to serve you. Please check them: the form below shows what we have; correct anything that changed and send it.",
    "zh-CN":
      "为了更好地为您服务，我们保存了您的联系方式。请点击下方链接核对：表单中已填好我们记录的信息，如有变化请修改后提交。",
  },
  link: { en: "Check my details", "zh-CN": "核对我的信息" },
  footer: {
    en: "You get this mail because you agreed to hear from us. Reply to this mail to stop.",
    "zh-CN": "您收到此邮件是因为您同意接收我们的邮件。如不希望再收到，请直接回复告知。",
  },
} as const;

const fill = (t: string, slots: Record<string, string>) =>
  t.replace(/\{(\w+)\}/g, (m, k: string) => slots[k] ?? m);

/** Only a Google Forms link is ever put in the mail (a cell cannot smuggle another URL in). */
export function isFormLink(url: string): boolean {
  return /^https:\/\/docs\.google\.com\/forms\/d\/e\/[\w-]+\/viewform\?[\w.=&%+~-]*$/.test(url);
}

/** The mail for one customer. Throws when `url` is not a Google Forms link. */
export function renderConfirmMail(name: string, url: string, book: string, lang: Lang): RenderedMail {
  if (!isFormLink(url)) throw new Error(`not a Google Forms link: ${url}`);
  const subject = fill(TEXT.subject[lang], { book });
  const hello = fill(TEXT.hello[lang], { name: name || (lang === "en" ? "there" : "客户") });
  const html = mailDocument(
    lang,
    subject,
    para(hello) +
      para(TEXT.body[lang]) +
      `<p style="margin:16px 0;"><a href="${escapeHtml(url)}" style="background:#1a73e8;color:#ffffff;padding:10px 16px;text-decoration:none;border-radius:4px;">${escapeHtml(TEXT.link[lang])}</a></p>` +
      para(TEXT.footer[lang], "color:#5f6368;font-size:12px;"),
  );
  const text = [hello, "", TEXT.body[lang], "", url, "", TEXT.footer[lang]].join("\n");
  return { subject, text, html };
}
