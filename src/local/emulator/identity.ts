/**
 * Who Apps Script says is running. An execution has an effective user (whose authority the code uses: the
 * creator of an installable trigger, else the caller) and an active user (who caused it). The active user's
 * e-mail is only shown when the two are the same person or share a Google Workspace domain; in a simple
 * trigger (which runs without authorization) only to the developer or a user of the developer's domain.
 * https://developers.google.com/apps-script/reference/base/user#getEmail()
 * https://developers.google.com/apps-script/reference/base/session#getActiveUser()
 */
import type { ExecutionContext, IdentityRules, SessionState } from "./env";

/** Domains of consumer accounts: never a shared Workspace domain. */
const CONSUMER_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "example.com",
  "example.org",
  "example.net",
]);

/** Checks a Workspace domain option; consumer domains cannot be one. */
export function checkWorkspaceDomain(domain: string | undefined): string | null {
  if (domain === undefined || domain === "") return null;
  const d = domain.toLowerCase().replace(/^@/, "");
  if (CONSUMER_DOMAINS.has(d) || !/^[a-z0-9.-]+\.[a-z]{2,}$/.test(d)) {
    throw new Error(`workspaceDomain: "${domain}" is not a Google Workspace domain`);
  }
  return d;
}

function domainOf(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0 ? "" : email.slice(at + 1).toLowerCase();
}

/** Whether both users belong to the project's Workspace domain. */
export function sameWorkspace(rules: IdentityRules, a: string, b: string): boolean {
  return (
    rules.workspaceDomain !== null &&
    domainOf(a) === rules.workspaceDomain &&
    domainOf(b) === rules.workspaceDomain
  );
}

/**
 * The e-mail Apps Script shows for `active` when code runs as `effective` in `context`: the address, or ""
 * when security policy hides it.
 */
export function visibleEmail(
  rules: IdentityRules,
  active: string,
  effective: string,
  context: ExecutionContext,
): string {
  if (!active) return "";
  if (context === "simple-trigger") {
    return active === rules.developer || sameWorkspace(rules, active, rules.developer) ? active : "";
  }
  return active === effective || sameWorkspace(rules, active, effective) ? active : "";
}

/** Session.getActiveUser().getEmail() for the running execution. */
export function activeUserEmail(session: SessionState): string {
  return visibleEmail(session.identity, session.activeUser, session.effectiveUser, session.context);
}

/**
 * Whether an execution context has an editor UI. Time-driven triggers, web apps and API executions have
 * none (SpreadsheetApp.getUi() throws there); installable triggers have one only when the document is open
 * in front of the user (open); change and form-submit events need not come from an open editor.
 * https://developers.google.com/apps-script/guides/dialogs
 */
export function hasUi(context: ExecutionContext, eventType: string | null = null): boolean {
  switch (context) {
    case "menu":
    case "sidebar":
    case "simple-trigger":
      return true;
    case "installable-trigger":
      return eventType === "ON_OPEN";
    default:
      return false;
  }
}

/** Apps Script's text when there is no UI. */
export const NO_UI_TEXT = "Cannot call SpreadsheetApp.getUi() from this context.";
