/** Placeholder until the feature handles edits. */
export function onCustomerEdit(_e: GoogleAppsScript.Events.SheetsOnEdit): void {}
