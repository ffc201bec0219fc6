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
    if (ScriptApp.getProjectTriggers().some((t) => t.getUniqueId() === uid)) return;
  }
  throw new Error(
    `${name}: refused. The caller is not signed in and this is not one of the add-on's triggers.`,
  );
}
