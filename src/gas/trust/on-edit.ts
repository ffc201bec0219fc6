/** Placeholder until the feature handles edits. */
export function onAuditedEdit(_e: GoogleAppsScript.Events.SheetsOnEdit): void {}
