// Entry points of the classify feature (menu handlers); main.ts re-exports them. Its server functions are
// bound with their permission and audit in src/gas/server-functions.ts.
import { requirePermission } from "../platform/guard";
import { userLang } from "../platform/locale";
import { NIGHTLY_TEXT, runReport } from "./messages";
import { installNightly, removeNightly } from "./nightly";
import { classifyNowJob } from "./run-classify";

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
