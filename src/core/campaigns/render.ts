import type { RenderedMail } from "../notify/digest";
import { escapeHtml, headerSafe } from "../notify/escape";
import { clip, htmlBytes, mailDocument, MAX_MAIL_HTML_BYTES, MUTED } from "../notify/mail-layout";
import { fillTemplate, type TemplateValues } from "../notify/template";
import type { Lang } from "../schema/types";
import type { CampaignStep } from "./campaign";

/**
 * Where a recipient unsubscribes: the web app's one-click link when the team has set its address, and
 * always a mail to the team with their token (for readers whose client will not open links).
 */
export interface UnsubscribeAddress {
  /** The team address the campaign is sent from and replies go to. */
  readonly address: string;
  /** The recipient's token ({@link UNSUBSCRIBE_TOKEN}); "" in a test mail. */
  readonly token: string;
  /** The web app's unsubscribe link for the token, or "" when there is no web app (mailto only). */
  readonly link: string;
}

/** An unsubscribe token: random, one per mailed (campaign, customer), kept in the campaign log. */
export const UNSUBSCRIBE_TOKEN = /\bunsub-[0-9a-f]{16}\b/i;

/** The subject of an unsubscribe request, in the mail's language: the token in it tells who and which campaign. */
export function unsubscribeSubject(token: string, lang: Lang): string {
  return `${lang === "en" ? "Unsubscribe" : "退订"} ${token}`.trim();
}

/** The mailto: URL of the unsubscribe link (RFC 6068: subject and body percent-encoded). */
export function unsubscribeHref(u: UnsubscribeAddress, lang: Lang): string {
  const subject = encodeURIComponent(unsubscribeSubject(u.token, lang));
  const body = subject;
  return `mailto:${encodeURI(u.address)}?subject=${subject}&body=${body}`;
}

const FOOTER: Readonly<Record<Lang, { text: string; link: string }>> = {
  en: {
    text: "You receive this mail because you agreed to hear from us. To stop these mails, reply with “Unsubscribe” or write to {address} with the subject “{subject}”.",
    link: "Unsubscribe",
  },
  "zh-CN": {
    text: "您收到此邮件是因为您同意接收我们的邮件。如不想再收到，请直接回复“退订”，或发送邮件至 {address}，主题为“{subject}”。",
    link: "退订",
  },
};

/**
 * The unsubscribe footer in text and HTML (escaped): the link is the web app's one-click page when there
 * is one, else a mailto: to the team address.
 */
function footer(u: UnsubscribeAddress, lang: Lang): { text: string; html: string } {
  const f = FOOTER[lang];
  const line = f.text.replace("{address}", u.address).replace("{subject}", unsubscribeSubject(u.token, lang));
  const href = /^https?:\/\//.test(u.link) ? u.link : unsubscribeHref(u, lang);
  return {
    text: `\n\n--\n${line}\n${f.link}: ${href}`,
    html:
      `<hr style="border:0;border-top:1px solid #e3e6ea;margin:16px 0 8px;">` +
      `<p style="margin:8px 0;${MUTED}">${escapeHtml(line)} ` +
      `<a href="${escapeHtml(href)}" style="color:#1a73e8;">${escapeHtml(f.link)}</a></p>`,
  };
}

/** Characters a merge field's value may take, tried in turn until the mail fits (as welcome mails do). */
const VALUE_CHARS = [100, 30, 8];

/**
 * One campaign mail: the step's template filled with the customer's values (HTML-escaped in the HTML part;
 * a blank value drops its sentence or takes its {{Name|default}}), the unsubscribe footer always last, and
 * under Gmail's clipping size like every mail of the add-on (MAX_MAIL_HTML_BYTES).
 */
export function renderCampaignMail(
  step: CampaignStep,
  values: TemplateValues,
  lang: Lang,
  unsubscribe: UnsubscribeAddress,
): RenderedMail {
  const foot = footer(unsubscribe, lang);
  let mail: RenderedMail | undefined;
  for (const max of VALUE_CHARS) {
    const clipped = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, clip(v, max)]));
    const subject = headerSafe(fillTemplate(step.subject, clipped, "text")) || "—";
    const text = fillTemplate(step.body, clipped, "text") + foot.text;
    const html = mailDocument(
      lang,
      subject,
      `<div>${fillTemplate(step.body, clipped, "html")}</div>${foot.html}`,
    );
    mail = { subject, text, html };
    if (htmlBytes(html) <= MAX_MAIL_HTML_BYTES) break;
  }
  return mail!;
}

/**
 * What an unsubscribe request names: a token (from the link's subject, or pasted from a reply), else one
 * e-mail address (a reply saying "unsubscribe" names its sender), else nothing.
 */
export function parseUnsubscribeRequest(
  text: string,
): { readonly token: string } | { readonly email: string } | null {
  const s = String(text ?? "").slice(0, 2_000);
  const token = UNSUBSCRIBE_TOKEN.exec(s);
  if (token) return { token: token[0].toLowerCase() };
  const email = /[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+/.exec(s);
  return email ? { email: email[0].toLowerCase() } : null;
}
