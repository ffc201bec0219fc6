/**
 * The web app's entry points: Apps Script calls doGet for a GET of the deployment's /exec URL and doPost
 * for a POST (https://developers.google.com/apps-script/guides/web). Routed by parameter:
 * - GET  ?view=portal&t=…        a customer's portal (signed link)
 * - POST view=portal (form)      the portal's forms: contact, feedback, consent
 * - GET ?view=unsubscribe&t=…  the one-button page a campaign mail links to; its POST unsubscribes
 * - GET  ?view=rep               the reps' mobile pages (a deployment executing as the user accessing it)
 * - GET  ?api=ping               {"ok":true}: the deployment answers
 * - POST a JSON body             the inbound API (api.ts)
 * Who runs it depends on the deployment (README "Web app"): the portal, unsubscribe and API need the
 * team's "execute as me" deployment; the rep pages need the visitor signed in (Session.getActiveUser()).
 */
import type { ApiResponse } from "../../shared/webapp";
import { bookLang } from "../notify/mail-lang";
import { withDocumentLock } from "../platform/lock";
import { handleApi } from "./api";
import { both, noticePage } from "./pages";
import { portalGet, portalPost } from "./portal";
import { repPage } from "./rep-page";
import { unsubscribePage } from "./unsubscribe";
import { deliverWebhooks } from "./webhooks";

type Params = Readonly<Record<string, string | undefined>>;
type WebEvent = { readonly parameter?: Params } | undefined;

function paramsOf(e: WebEvent): Params {
  const p = e && typeof e === "object" ? e.parameter : undefined;
  return p && typeof p === "object" ? p : {};
}

function json(answer: ApiResponse | { ok: true; status: 200 }): GoogleAppsScript.Content.TextOutput {
  return ContentService.createTextOutput(JSON.stringify(answer)).setMimeType(ContentService.MimeType.JSON);
}

/** A page for an unexpected failure: the reason, never a stack. */
function failed(e: unknown): GoogleAppsScript.HTML.HtmlOutput {
  const lang = bookLang();
  return noticePage(lang, both(lang, "home"), (e as Error)?.message ?? String(e), true);
}

export function doGet(e: GoogleAppsScript.Events.DoGet) {
  const p = paramsOf(e as WebEvent);
  try {
    if (p.view === "portal") return portalGet(p);
    if (p.view === "unsubscribe") return unsubscribePage(p, false);
    if (p.view === "rep") return repPage(p);
    if (p.api === "ping") return json({ ok: true, status: 200 });
    const lang = bookLang();
    return noticePage(lang, both(lang, "home"), both(lang, "home"));
  } catch (err) {
    return failed(err);
  }
}

export function doPost(e: GoogleAppsScript.Events.DoPost) {
  const p = paramsOf(e as WebEvent);
  try {
    if (p.view === "portal") return portalPost(p);
    if (p.view === "unsubscribe") return unsubscribePage(p, true);
  } catch (err) {
    return failed(err);
  }
  const answer = handleApi(e);
  if (answer.ok && !answer.replayed) {
    // Deliveries after the answer is decided: a slow receiver never undoes or delays the write itself.
    try {
      withDocumentLock(() => deliverWebhooks());
    } catch {
      // Still queued; the next delivery tries again.
    }
  }
  return json(answer);
}
