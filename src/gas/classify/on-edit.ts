import { sheetSpecForName } from "../../core/schema/headers";
import { hasTrigger } from "../platform/triggers";
import { DEBOUNCED_HANDLER } from "./nightly";

/** Document property: when Orders were first edited since the last classification (ISO instant). */
export const DIRTY_KEY = "classifyDirtySince";
/** Quiet time before re-classifying after edits to Orders: a burst of edits costs one run. */
export const DEBOUNCE_MS = 5 * 60 * 1000;

/**
 * Called by the installable edit trigger for every edit. Edits outside Orders are ignored. The first edit
 * of a burst records when the book got dirty and schedules one one-off trigger DEBOUNCE_MS later; later
 * edits find the trigger pending and do nothing more, so there is never more than one.
 */
export function onOrdersEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (!e || !e.range) return;
  if (sheetSpecForName(e.range.getSheet().getName())?.key !== "Orders") return;
  const props = PropertiesService.getDocumentProperties();
  if (!props.getProperty(DIRTY_KEY)) props.setProperty(DIRTY_KEY, new Date().toISOString());
  if (hasTrigger(DEBOUNCED_HANDLER)) return;
  ScriptApp.newTrigger(DEBOUNCED_HANDLER).timeBased().after(DEBOUNCE_MS).create();
}
