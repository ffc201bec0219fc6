// Entry points of the classify feature (menu handlers, trigger handlers, server functions); main.ts re-exports them.
import type { ClassifySettings, SummaryRow } from "../../core/classify";
import type { ClassifyRunSummary, SaveClassifySettingsResult } from "../../shared/classify";
import { guarded, requirePermission } from "../platform/guard";
import { userLang } from "../platform/locale";
import { getDocumentJson } from "../platform/properties";
import { removeTriggers } from "../platform/triggers";
import { NIGHTLY_TEXT, runReport } from "./messages";
import { DEBOUNCED_HANDLER, installNightly, nightlyInstalled, removeNightly } from "./nightly";
import { DIRTY_KEY } from "./on-edit";
import { SUMMARY_KEY, classifyNowJob } from "./run-classify";
import { loadSettings, storeSettings } from "./settings-store";

/** Server function: classify the book now; returns what the run did. */
export function classifyNow(): ClassifyRunSummary {
  return classifyNowJob();
}

export const getClassifySettings = guarded("view", (): ClassifySettings => loadSettings());

export const saveClassifySettings = guarded(
  "manage-settings",
  (settings: unknown): SaveClassifySettingsResult => storeSettings(settings),
);

/** The last run's counts, revenue and shares per segment, ABC class and lifecycle stage. */
export const getSegmentSummary = guarded("view", (): readonly SummaryRow[] =>
  getDocumentJson<SummaryRow[]>(SUMMARY_KEY, []),
);

export const getNightlyClassify = guarded("view", (): boolean => nightlyInstalled());

export const setNightlyClassify = guarded("run-jobs", (on: boolean): boolean => {
  if (on) installNightly();
  else removeNightly();
  return nightlyInstalled();
});

/** Menu: Classify now, then a summary (unknown customers and skipped lines included). */
export function menuClassifyNow(): void {
  const lang = userLang();
  const ui = SpreadsheetApp.getUi();
  let text: string;
  try {
    text = runReport(classifyNowJob(), lang);
  } catch (e) {
    // Already in the audit log (runJob); the user gets the reason instead of a bare script error.
    text = (e as Error).message;
  }
  ui.alert(NIGHTLY_TEXT.title[lang], text, ui.ButtonSet.OK);
}

export function menuInstallNightly(): void {
  requirePermission("run-jobs");
  installNightly();
  SpreadsheetApp.getActive().toast(NIGHTLY_TEXT.installed[userLang()], NIGHTLY_TEXT.title[userLang()]);
}

export function menuRemoveNightly(): void {
  requirePermission("run-jobs");
  removeNightly();
  SpreadsheetApp.getActive().toast(NIGHTLY_TEXT.removed[userLang()], NIGHTLY_TEXT.title[userLang()]);
}

/** Time-driven trigger: the nightly run. */
export function handleNightlyClassify(): void {
  classifyNowJob();
}

/**
 * The one-off trigger scheduled by onOrdersEdit: removes itself (a fired one-off trigger still counts
 * against the project's trigger quota), then classifies once — unless a run since the edits (menu,
 * nightly) already cleared the dirty mark.
 */
export function handleDebouncedClassify(): void {
  removeTriggers(DEBOUNCED_HANDLER);
  if (!PropertiesService.getDocumentProperties().getProperty(DIRTY_KEY)) return;
  classifyNowJob();
}
