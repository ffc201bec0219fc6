type Trigger = GoogleAppsScript.Script.Trigger;
type ClockBuilder = GoogleAppsScript.Script.ClockTriggerBuilder;

function triggersFor(handler: string): Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === handler);
}

/** Whether an installable trigger calls `handler`. */
export function hasTrigger(handler: string): boolean {
  return triggersFor(handler).length > 0;
}

/**
 * Installs a time-driven trigger for `handler`, replacing any earlier one, so there is never two of the
 * same trigger however often the user clicks install.
 */
export function replaceTimeTrigger(handler: string, schedule: (b: ClockBuilder) => ClockBuilder): Trigger {
  removeTriggers(handler);
  return schedule(ScriptApp.newTrigger(handler).timeBased()).create();
}

/** Installs the spreadsheet's installable edit trigger once (idempotent). */
export function ensureEditTrigger(handler = "handleEdit"): void {
  if (hasTrigger(handler)) return;
  ScriptApp.newTrigger(handler).forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create();
}

/** Removes every installable trigger calling `handler`; returns how many. */
export function removeTriggers(handler: string): number {
  const found = triggersFor(handler);
  for (const t of found) ScriptApp.deleteTrigger(t);
  return found.length;
}
