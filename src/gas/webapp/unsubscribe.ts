// The unsubscribe endpoint campaign mails link to: ?view=unsubscribe&t=<token>. The link (a GET) opens a
// page with one button; only its POST (or an RFC 8058 one-click client's) unsubscribes, because mail
// scanners and link previews fetch links nobody clicked. No sign-in, idempotent: the token names the customer and
// campaign in the campaign log; their address goes on the suppression list once (every campaign honours
// it), the log notes the unsubscribe once, and MarketingConsent becomes No. A second click says so and
// changes nothing; an unknown token changes nothing and says the link is not valid.
import { dateKeyReader } from "../../core/calendar";
import { UNSUBSCRIBE_TOKEN } from "../../core/campaigns/render";
import type { Lang } from "../../core/schema/types";
import { appendCampaignLog, campaignLogSheet, readCampaignLog } from "../campaigns/log-sheet";
import { todayIn } from "../notify/mailer";
import { bookLang } from "../notify/mail-lang";
import { spreadsheetTimeZone } from "../platform/locale";
import { withDocumentLock } from "../platform/lock";
import { admitAuditedCall, appendJobEntry } from "../trust/audit-log";
import { webAppSettings } from "./links";
import { both, escapeHtml, noticePage, page } from "./pages";
import { change, suppress } from "./portal";

type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;

/** The page a mailed link opens: one button that posts the token back (nothing changes on a GET). */
function confirmPage(lang: Lang, token: string): HtmlOutput {
  const title = both(lang, "consent");
  const hidden = (name: string, value: string) =>
    `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  return page(
    lang,
    title,
    `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(both(lang, "confirmUnsub"))}</p>` +
      `<form method="post" action="${escapeHtml(webAppSettings().url)}">` +
      hidden("view", "unsubscribe") +
      hidden("lang", lang) +
      hidden("t", token) +
      `<button type="submit">${escapeHtml(both(lang, "unsubButton"))}</button></form>`,
  );
}

/** GET (`apply` false) shows the button for a token the log knows; POST unsubscribes. */
export function unsubscribePage(p: Readonly<Record<string, string | undefined>>, apply: boolean): HtmlOutput {
  const lang: Lang = p.lang === "en" || p.lang === "zh-CN" ? p.lang : bookLang();
  const token = String(p.t ?? "")
    .trim()
    .toLowerCase();
  const m = UNSUBSCRIBE_TOKEN.exec(token);
  if (!m || m[0] !== token) return noticePage(lang, both(lang, "consent"), both(lang, "badUnsub"), true);
  const zone = spreadsheetTimeZone();
  if (!apply) {
    const known = readCampaignLog(dateKeyReader(zone)).some((e) => e.token === token);
    return known
      ? confirmPage(lang, token)
      : noticePage(lang, both(lang, "consent"), both(lang, "badUnsub"), true);
  }
  const user = "unsubscribe-link";
  admitAuditedCall("write", user);
  const outcome = withDocumentLock(() => {
    const log = readCampaignLog(dateKeyReader(zone));
    const sent = log.find((e) => e.token === token);
    if (!sent) return "unknown" as const;
    const added = suppress(sent.customerId, sent.campaignId);
    const noted = log.some(
      (e) =>
        e.status === "unsubscribed" && e.customerId === sent.customerId && e.campaignId === sent.campaignId,
    );
    if (!noted)
      appendCampaignLog(campaignLogSheet(), [
        {
          date: todayIn(zone),
          campaignId: sent.campaignId,
          step: -1,
          customerId: sent.customerId,
          recipient: sent.recipient,
          status: "unsubscribed",
          reason: "",
          note: "unsubscribe link",
          at: new Date().toISOString(),
          token: "",
          by: user,
        },
      ]);
    const consent = sent.customerId
      ? change("customers", { CustomerID: sent.customerId, MarketingConsent: "No" })
      : null;
    const changed = added || !noted || (consent !== null && consent.changed.length > 0);
    if (changed)
      appendJobEntry({
        job: "campaign-unsubscribe",
        user,
        at: new Date(),
        rows: 1,
        detail: `unsubscribed: ${sent.customerId || "(address only)"} from ${sent.campaignId}`,
      });
    return changed ? ("done" as const) : ("already" as const);
  });
  if (outcome === "unknown") return noticePage(lang, both(lang, "consent"), both(lang, "badUnsub"), true);
  return noticePage(lang, both(lang, "consent"), both(lang, outcome === "done" ? "unsubscribed" : "already"));
}
