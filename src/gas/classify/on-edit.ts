import { specOfSheet } from "../platform/tab-map";
import { syncDispatcher } from "../platform/dispatcher";
import { RECLASSIFY_MARK } from "../platform/pending-work";

/** Document property: when Orders were first edited since the last classification (ISO instant). */
export const DIRTY_KEY = RECLASSIFY_MARK;

/**
 * Called by the installable edit trigger for every edit. Edits outside Orders are ignored. The first edit
 * of a burst records when the book got dirty and makes sure the hourly dispatcher is there; its next run
 * re-classifies once for the whole burst (an add-on cannot schedule a one-off trigger minutes ahead:
 * https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions). Later edits of
 * the burst find the mark and do nothing more.
 */
export function onOrdersEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (!e || !e.range) return;
  if (specOfSheet(e.range.getSheet())?.key !== "Orders") return;
  const props = PropertiesService.getDocumentProperties();
  if (props.getProperty(DIRTY_KEY)) return;
  props.setProperty(DIRTY_KEY, new Date().toISOString());
  syncDispatcher();
}
