import { userLang } from "../platform/locale";
import { applyFixes, previewFixes, StaleFixError } from "./fixes";
import { clearProblemMarks, validateAll } from "./problems";
import { setUpSheets } from "./setup";
import { say } from "./ui-text";

/** Lines of the fix preview shown in the confirmation dialog; the rest are counted. */
const DIALOG_LINES = 30;

export function menuSetUp(): void {
  const lang = userLang();
  const r = setUpSheets();
  const done = say("setUpDone", lang, {
    created: r.created.join(", ") || say("none", lang),
    columns: r.columnsAdded,
  });
  SpreadsheetApp.getActive().toast(
    r.formatsContinue ? `${done} ${say("setUpContinues", lang)}` : done,
    "Sheet CRM",
  );
}

export function menuValidateAll(): void {
  const lang = userLang();
  const summary = validateAll();
  const bySheet = Object.entries(summary.bySheet)
    .map(([sheet, n]) => `${sheet}: ${n}`)
    .join(", ");
  const text =
    summary.total === 0
      ? say("validateNone", lang)
      : say("validateSome", lang, { total: summary.total, bySheet, sheet: summary.problemsSheet });
  SpreadsheetApp.getUi().alert(say("validateTitle", lang), text, SpreadsheetApp.getUi().ButtonSet.OK);
  if (summary.total > 0) SpreadsheetApp.getActive().getSheetByName(summary.problemsSheet)?.activate();
}

/** Characters JSON.stringify leaves as they are but nobody sees: zero-width spaces, BOM, soft hyphen. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD\u180E\u007F]/g;

/** A value quoted with its invisible characters spelled out: "11.77\r" → "11.77" must not read as no change. */
function shown(value: unknown): string {
  return typeof value === "string"
    ? JSON.stringify(value).replace(
        INVISIBLE,
        (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
      )
    : String(value);
}

/** Shows every change (the first lines, then a count) and applies them only on Yes. */
export function menuFixSafe(): void {
  const lang = userLang();
  const ui = SpreadsheetApp.getUi();
  const preview = previewFixes();
  if (preview.total === 0) {
    ui.alert(say("fixTitle", lang), say("fixNone", lang), ui.ButtonSet.OK);
    return;
  }
  const lines = preview.changes
    .slice(0, DIALOG_LINES)
    .map((c) => `${c.sheet}!${c.a1}: ${shown(c.before)} → ${shown(c.after)}`);
  if (preview.total > DIALOG_LINES) lines.push(say("fixMore", lang, { n: preview.total - DIALOG_LINES }));
  const answer = ui.alert(
    say("fixTitle", lang),
    say("fixAsk", lang, { total: preview.total, list: lines.join("\n") }),
    ui.ButtonSet.YES_NO,
  );
  if (answer !== ui.Button.YES) return;
  try {
    const result = applyFixes(preview.token);
    ui.alert(
      say("fixTitle", lang),
      say("fixDone", lang, { n: result.applied, backups: result.backups.join(", ") }),
      ui.ButtonSet.OK,
    );
  } catch (e) {
    if (!(e instanceof StaleFixError)) throw e;
    ui.alert(say("fixTitle", lang), say("fixStale", lang), ui.ButtonSet.OK);
  }
}

export function menuClearProblemMarks(): void {
  const n = clearProblemMarks();
  SpreadsheetApp.getActive().toast(say("marksCleared", userLang(), { n }), "Sheet CRM");
}
