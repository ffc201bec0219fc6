/** What the audit log shows when Apps Script does not say who made an edit. */
export const UNKNOWN_EDITOR = "(unknown editor)";

/**
 * Who made the edit an installable edit trigger reports. The trigger runs as the user who created it, not
 * the editor (https://developers.google.com/apps-script/guides/triggers/installable#restrictions), so the
 * effective user is never the editor's identity. The editor's e-mail comes from the event's user, or the
 * active user, and either is "" unless Google may show it (same Google Workspace domain, or the editor is
 * the trigger's creator: https://developers.google.com/apps-script/reference/base/session#getActiveUser());
 * then the edit is an unknown editor's.
 */
export function editorOf(e: { readonly user?: GoogleAppsScript.Base.User } | null | undefined): string {
  const fromEvent = e?.user ? e.user.getEmail() : "";
  return fromEvent || Session.getActiveUser().getEmail() || UNKNOWN_EDITOR;
}
