/** Placeholder until the feature handles edits. */
export function onOrdersEdit(_e: GoogleAppsScript.Events.SheetsOnEdit): void {}
