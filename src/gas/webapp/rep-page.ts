// The reps' mobile pages (dist/WebApp.html, built from src/webapp): served only to a signed-in visitor
// Google names (a deployment executing as the user accessing it, or a Workspace colleague of the
// deployer), who has a role in this book. The page then calls the ordinary server functions through
// google.script.run, which check the caller's role as the sidebar's calls do.
import { bookLang } from "../notify/mail-lang";
import { currentRole } from "../platform/guard";
import { both, noticePage, t } from "./pages";

type Params = Readonly<Record<string, string | undefined>>;

export function repPage(p: Params): GoogleAppsScript.HTML.HtmlOutput {
  const lang = p.lang === "en" || p.lang === "zh-CN" ? p.lang : bookLang();
  // Only who Google names: an anonymous visitor of an "execute as me" deployment is nobody here.
  if (!Session.getActiveUser().getEmail())
    return noticePage(lang, both(lang, "home"), both(lang, "signIn"), true);
  if (currentRole() === "none") return noticePage(lang, both(lang, "home"), both(lang, "signIn"), true);
  return HtmlService.createHtmlOutputFromFile("WebApp")
    .setTitle(t(lang, "home"))
    .addMetaTag("viewport", "width=device-width, initial-scale=1");
}
