import { CUSTOMER_STATUSES } from "../schema/options";
import type { Lang } from "../schema/types";
import type { DateKey } from "../calendar";
import { escapeHtml, headerSafe } from "./escape";
import { formatAmount } from "./format";
import { clip, FONT, htmlBytes, MAX_MAIL_HTML_BYTES, mailDocument, MUTED, para } from "./mail-layout";
import type { DigestItem } from "./plan";
import { segmentKey, segmentLabel } from "./segments";
import { fillTemplate, type TemplateValues } from "./template";
import { say, sayer } from "./text";

/** What a digest shows: the planned items plus a link to each customer's row. */
export interface DigestView {
  readonly date: DateKey;
  readonly spreadsheetName: string;
  readonly items: readonly (DigestItem & { readonly link: string })[];
  /** Due items the digest leaves out (listed in the sidebar; they come back while still due). */
  readonly more?: number;
  /** Still-due items mailed within the repeat interval, not listed again today. */
  readonly quiet?: number;
  /** The repeat interval in days, for the `quiet` line. */
  readonly repeatDays?: number;
  /** Where the whole list is: the spreadsheet (its Customers tab); "" for none. */
  readonly listLink?: string;
}

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/**
 * Longest texts from the sheet a digest shows, in characters: a cell may hold 50,000, and 25 items of
 * those would pass Gmail's clipping size; so the digest stays far under MAX_MAIL_HTML_BYTES (render test).
 */
const NAME_CHARS = 80;
const ID_CHARS = 40;
const LABEL_CHARS = 40;

/** A segment as the sheet shows it, in the mail's language when it is a known segment. */
function segmentText(segment: string, lang: Lang): string {
  return segment && clip(segmentLabel(segmentKey(segment), lang), LABEL_CHARS);
}

function statusLabel(key: string, lang: Lang): string {
  return clip(CUSTOMER_STATUSES.find((o) => o.key === key)?.label[lang] ?? key, LABEL_CHARS);
}

/** Why a reminder fired, in `lang` (plain text). */
export function reasonText(item: DigestItem, lang: Lang): string {
  const t = sayer("digest", lang);
  const d = item.detail;
  switch (d.kind) {
    case "overdue":
      return t(d.oldestDue ? "overdueSince" : "overdue", {
        n: d.orders,
        amount: formatAmount(d.amount),
        since: d.oldestDue ?? "",
      });
    case "follow-up":
      return t("followUp", { date: d.dueOn });
    case "no-longer-due":
      return t("noLonger");
    case "idle":
      return item.ruleKind === "vip-idle"
        ? t("vip")
        : t("statusIdle", { status: statusLabel(d.status, lang) });
  }
}

/** The item's figures on one line: idle days, value, segment, when it was last reminded. */
function metaText(item: DigestItem, lang: Lang): string {
  const t = sayer("digest", lang);
  return [
    item.daysIdle === null ? t("never") : t("idle", { n: item.daysIdle }),
    t("value", { amount: formatAmount(item.value) }),
    segmentText(item.segment, lang),
    item.lastMailed ? t("lastMailed", { date: item.lastMailed }) : "",
  ]
    .filter(Boolean)
    .join(" · ");
}

/** The most urgent rules get a warmer edge: 1 red, 2 orange, then blue. */
function edgeColour(priority: number): string {
  return priority <= 1 ? "#d93025" : priority === 2 ? "#f29900" : "#1a73e8";
}

/** The closing lines: how many were left out or not repeated, and where to see them all. */
function closing(view: DigestView, lang: Lang): { lines: string[]; link: string } {
  const t = sayer("digest", lang);
  const more = view.more ?? 0;
  const quiet = view.quiet ?? 0;
  const lines: string[] = [];
  if (more > 0) lines.push(t("more", { n: more }));
  if (quiet > 0) lines.push(t("quiet", { n: quiet, days: view.repeatDays ?? 1 }));
  return { lines, link: lines.length && view.listLink ? view.listLink : "" };
}

/**
 * One recipient's digest as a mail: a header-safe subject, a plain-text part and an HTML part that reads on
 * a 375 px phone (one fluid column, each reminder a block of short lines rather than a wide table; see
 * mail-layout.ts). Every value from the sheet is escaped and clipped, so 25 items stay far below Gmail's
 * clipping size whatever the cells hold.
 */
export function renderDigest(view: DigestView, lang: Lang): RenderedMail {
  const t = sayer("digest", lang);
  const n = view.items.length;
  const carried = view.items.filter((i) => i.carriedFrom).length;
  const subject = headerSafe(t("subject", { n, date: view.date }));
  const sheetName = headerSafe(view.spreadsheetName, 100);
  const name = (i: DigestItem) => clip(i.customerName, NAME_CHARS) || clip(i.customerId, ID_CHARS);
  const id = (i: DigestItem) => clip(i.customerId, ID_CHARS);
  const end = closing(view, lang);

  const lines = [t("intro", { n, sheet: sheetName })];
  if (carried) lines.push(t("carriedIntro", { n: carried }));
  lines.push("");
  view.items.forEach((item, i) => {
    const extra = item.carriedFrom ? ` [${t("carried", { date: item.carriedFrom })}]` : "";
    lines.push(`${i + 1}. ${name(item)} (${id(item)}): ${reasonText(item, lang)}${extra}`);
    lines.push(`   ${metaText(item, lang)}`);
    if (item.outsideOwner) lines.push(`   ! ${t("outsideOwner", { owner: item.outsideOwner })}`);
    if (item.link) lines.push(`   ${item.link}`);
  });
  if (end.lines.length) lines.push("", ...end.lines);
  if (end.link) lines.push(`${t("openAll")}: ${end.link}`);
  lines.push("", t("footer"));

  const note = (text: string, colour: string) =>
    `<div style="${MUTED}color:${colour};">${escapeHtml(text)}</div>`;
  const rows = view.items
    .map((item, i) => {
      const title = item.link
        ? `<a href="${escapeHtml(item.link)}" style="color:#1a73e8;">${escapeHtml(name(item))}</a>`
        : escapeHtml(name(item));
      return (
        `<tr><td style="padding:8px 0 8px 10px;border-top:1px solid #e3e6ea;border-left:4px solid ${edgeColour(item.priority)};">` +
        `<div><b>${i + 1}. ${title}</b> <span style="${MUTED}">${escapeHtml(id(item))}</span></div>` +
        `<div>${escapeHtml(reasonText(item, lang))}</div>` +
        `<div style="${MUTED}">${escapeHtml(metaText(item, lang))}</div>` +
        (item.carriedFrom ? note(t("carried", { date: item.carriedFrom }), "#b06000") : "") +
        (item.outsideOwner ? note(t("outsideOwner", { owner: item.outsideOwner }), "#c5221f") : "") +
        `</td></tr>`
      );
    })
    .join("\n");
  const body =
    para(
      t("intro", { n, sheet: sheetName }) + (carried ? ` ${t("carriedIntro", { n: carried })}` : ""),
      "margin-top:0;",
    ) +
    `\n<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;${FONT}font-size:14px;">\n${rows}\n</table>\n` +
    end.lines.map((l) => para(l)).join("") +
    (end.link
      ? `<p style="margin:8px 0;"><a href="${escapeHtml(end.link)}" style="color:#1a73e8;">${escapeHtml(t("openAll"))}</a></p>`
      : "") +
    para(t("footer"), `${MUTED}margin-top:16px;`);
  return { subject, text: lines.join("\n"), html: mailDocument(lang, subject, body) };
}

/**
 * Characters a welcome's placeholder value may take, tried in turn until the mail fits under
 * MAX_MAIL_HTML_BYTES: values come from cells (up to 50,000 characters) and the template (up to 5,000)
 * may repeat them hundreds of times.
 */
const VALUE_CHARS = [100, 30, 8];

/**
 * The welcome mail for one customer, from the template in force for `lang` (settings.welcomeTemplate):
 * placeholders with no value take their default or drop their sentence (template.ts), so no mail shows an
 * empty one; a subject left with nothing becomes a plain "Welcome". Values are clipped so the mail stays
 * under Gmail's clipping size.
 */
export function renderWelcome(
  template: { readonly subject: string; readonly body: string },
  values: TemplateValues,
  lang: Lang = "en",
): RenderedMail {
  let mail: RenderedMail | undefined;
  for (const max of VALUE_CHARS) {
    const clipped = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, clip(v, max)]));
    const subject =
      headerSafe(fillTemplate(template.subject, clipped, "text")) || say("welcome", "fallbackSubject", lang);
    const text = fillTemplate(template.body, clipped, "text");
    const html = mailDocument(lang, subject, `<div>${fillTemplate(template.body, clipped, "html")}</div>`);
    mail = { subject, text, html };
    if (htmlBytes(html) <= MAX_MAIL_HTML_BYTES) break;
  }
  return mail!;
}
