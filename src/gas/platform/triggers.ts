/**
 * The add-on's installable triggers: one edit trigger (handleEdit) and one hourly time-driven trigger
 * (handleDispatch) per user per document, as an Editor Add-on may hold at most one trigger of each event
 * type per user per document and run a time-driven trigger at most hourly
 * (https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions).
 *
 * Triggers are always looked up with getUserTriggers(this spreadsheet): in an add-on getProjectTriggers()
 * returns the user's triggers of every document the add-on runs in, so deleting "our" trigger from that
 * list in one sheet would delete another sheet's
 * (https://developers.google.com/apps-script/reference/script/script-app#getUserTriggers(Spreadsheet)).
 */
type Trigger = GoogleAppsScript.Script.Trigger;

export const EDIT_HANDLER = "handleEdit";
export const DISPATCH_HANDLER = "handleDispatch";

/** This user's installable triggers in this spreadsheet (never another document's). */
export function documentTriggers(): Trigger[] {
  return ScriptApp.getUserTriggers(SpreadsheetApp.getActive());
}

function triggersFor(handler: string): Trigger[] {
  return documentTriggers().filter((t) => t.getHandlerFunction() === handler);
}

/** Whether this user has an installable trigger calling `handler` in this spreadsheet. */
export function hasTrigger(handler: string): boolean {
  return triggersFor(handler).length > 0;
}

/** Removes this user's triggers calling `handler` in this spreadsheet; returns how many. */
export function removeTriggers(handler: string): number {
  const found = triggersFor(handler);
  for (const t of found) ScriptApp.deleteTrigger(t);
  return found.length;
}

/** Removes one trigger by its unique ID (a fired legacy one-off); false when it is not this user's here. */
export function removeTriggerById(uid: string): boolean {
  const found = documentTriggers().find((t) => t.getUniqueId() === uid);
  if (found) ScriptApp.deleteTrigger(found);
  return Boolean(found);
}

/**
 * Installs the edit trigger once for this user (installing twice never makes two). Any other edit
 * trigger of this user here is removed first: only one of each event type is allowed.
 */
export function ensureEditTrigger(): void {
  const edits = documentTriggers().filter((t) => t.getEventType() === ScriptApp.EventType.ON_EDIT);
  const keep = edits.find((t) => t.getHandlerFunction() === EDIT_HANDLER);
  for (const t of edits) if (t.getUniqueId() !== keep?.getUniqueId()) ScriptApp.deleteTrigger(t);
  if (!keep) ScriptApp.newTrigger(EDIT_HANDLER).forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create();
}

/** Document property naming this user's dispatcher trigger (its unique ID) in this document. */
function dispatchRecordKey(): string {
  return `dispatchTrigger:${Session.getEffectiveUser().getEmail()}`;
}

/**
 * This user's time-driven triggers here. In an add-on getUserTriggers lists them; a bound script's
 * time-driven triggers belong to the project, not the document, so there the one this document recorded
 * is found among the project's by its unique ID (never any other: in an add-on the project's triggers
 * are every document's).
 */
function clockTriggers(): Trigger[] {
  const clocks = documentTriggers().filter((t) => t.getEventType() === ScriptApp.EventType.CLOCK);
  if (clocks.length) return clocks;
  const recorded = PropertiesService.getDocumentProperties().getProperty(dispatchRecordKey());
  if (!recorded) return [];
  return ScriptApp.getProjectTriggers().filter((t) => t.getUniqueId() === recorded);
}

/**
 * Makes this user's time-driven triggers here exactly one hourly dispatcher, or none. Other time-driven
 * triggers (an older version's nightly, daily, weekly and one-off ones) are removed first, since a second
 * one is refused; `wanted` gets their handler names (so their features can stay on as settings) and says
 * whether the dispatcher should exist.
 */
export function syncDispatchTrigger(wanted: (retired: readonly string[]) => boolean): void {
  const clocks = clockTriggers();
  const others = clocks.filter((t) => t.getHandlerFunction() !== DISPATCH_HANDLER);
  const mine = clocks.filter((t) => t.getHandlerFunction() === DISPATCH_HANDLER);
  for (const t of others) ScriptApp.deleteTrigger(t);
  const keep = wanted(others.map((t) => t.getHandlerFunction())) ? 1 : 0;
  for (const t of mine.slice(keep)) ScriptApp.deleteTrigger(t);
  const props = PropertiesService.getDocumentProperties();
  if (!keep) {
    if (mine.length) props.deleteProperty(dispatchRecordKey());
    return;
  }
  // Hourly is the most often an add-on's time-driven trigger may run.
  const trigger = mine[0] ?? ScriptApp.newTrigger(DISPATCH_HANDLER).timeBased().everyHours(1).create();
  if (!mine.length) props.setProperty(dispatchRecordKey(), trigger.getUniqueId());
}
