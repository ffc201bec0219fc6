/**
 * Simple onEdit trigger. It runs in AuthMode.LIMITED for every edit, so it does nothing that needs
 * authorisation; the add-on's real edit work runs in the installable handler so it is never done twice.
 */
export function onEdit(_e?: GoogleAppsScript.Events.SheetsOnEdit): void {}
