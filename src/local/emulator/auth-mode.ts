/**
 * What a simple trigger may call. In AuthMode.NONE (an add-on not yet used in this document) only the
 * menu and unauthenticated helpers work; in LIMITED (simple triggers) services that need the user's
 * authorization — mail, installable triggers — refuse, as Apps Script does, and so does reaching any file
 * but the bound one (https://developers.google.com/apps-script/guides/triggers#restrictions).
 */
const NONE_ALLOWED =
  /^(SpreadsheetApp\.getUi|Ui\.|Menu\.|Session\.getActiveUserLocale|Session\.getScriptTimeZone|Utilities\.|Logger\.|console\.)/;
const LIMITED_DENIED =
  /^(MailApp\.|ScriptApp\.(newTrigger|getProjectTriggers|getUserTriggers|deleteTrigger)|Session\.getEffectiveUser|SpreadsheetApp\.(create|open|openById|openByUrl)$)/;

/** Apps Script's text when a trigger's auth mode lacks a permission. */
export function permissionText(key: string): string {
  return `You do not have permission to call ${key}. Required permissions are not granted in this authorization mode.`;
}

/** Whether a call "Class.member" is allowed in `authMode`. */
export function allowedIn(authMode: string, key: string): boolean {
  if (authMode === "NONE") return NONE_ALLOWED.test(key);
  if (authMode === "LIMITED") return !LIMITED_DENIED.test(key);
  return true;
}
