/**
 * Menu and installable-trigger handlers are top-level functions, and a page served by a web app deployed
 * "execute as me" can call any top-level function through google.script.run, with the deployer's authority
 * (https://developers.google.com/apps-script/guides/html/communication#private_functions). Such a visitor,
 * anonymous or outside the deployer's domain, is hidden: Session.getActiveUser() gives ""
 * (https://developers.google.com/apps-script/reference/base/session#getActiveUser()). A handler therefore
 * runs for a hidden caller only when its event names one of this user's installable triggers of the
 * project, whose unique IDs a visitor cannot know; the server functions refuse hidden callers outright
 * (server-functions.ts).
 */
export function admitHandler(name: string, event: unknown): void {
  if (Session.getActiveUser().getEmail()) return;
  const uid =
    event !== null && typeof event === "object" ? (event as { triggerUid?: unknown }).triggerUid : undefined;
  if (typeof uid === "string" && uid !== "") {
    const named = (triggers: GoogleAppsScript.Script.Trigger[]) =>
      triggers.some((t) => t.getUniqueId() === uid);
    // This document's triggers of this user first (an add-on's project triggers are every document's).
    if (named(ScriptApp.getUserTriggers(SpreadsheetApp.getActive()))) return;
    // Bound-script path on purpose: a bound script's time-driven triggers belong to the project and are
    // not listed per document (platform/triggers.ts), and a bound project serves one document only.
    if (named(ScriptApp.getProjectTriggers())) return;
  }
  throw new Error(
    `${name}: refused. The caller is not signed in and this is not one of the add-on's triggers.`,
  );
}
