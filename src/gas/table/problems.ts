import { visibleRows } from "../../core/access/visible-rows";
import { blockValues, changedBlocks } from "../../core/table/changed-blocks";
import type { Lang } from "../../core/schema/types";
import type { Problem } from "../../core/table/validate/validate-table";
import { validateTable } from "../../core/table/validate/validate-table";
import type { ValidationSummary } from "../../shared/table";
import { callerAccess } from "../platform/guard";
import { runJob } from "../platform/job";
import { spreadsheetTimeZone, userLang } from "../platform/locale";
import { fitGrid } from "../platform/tab-grid";
import { writeValues } from "../platform/write-values";
import type { TableSnapshot } from "../platform/sheet-table";
import { readAllTables, readOptions } from "./read-sheets";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const PROBLEMS_NAMES = { en: "Problems", "zh-CN": "问题列表" } as const;
const PROBLEMS_HEADERS = {
  en: ["Sheet", "Cell", "Value", "Rule", "Message"],
  "zh-CN": ["工作表", "单元格", "值", "规则", "说明"],
} as const;
/** Starts the add-on's part of a cell note; everything from here on is ours to replace or remove. */
export const MARK = "⚠ Sheet CRM: ";
const SUMMARY_LIMIT = 500;
/**
 * Calls one validation may spend on notes per sheet: past this many runs of changed rows, nearby runs are
 * written together (a call costs about as much as rewriting a few unchanged cells).
 */
const MAX_NOTE_WRITES = 200;

/** Validates every canonical sheet (one read each) with the user's language, zone and column settings. */
export function collectProblems(lang: Lang): { problems: Problem[]; tables: TableSnapshot[] } {
  const { tables, customerIds } = readAllTables();
  const timeZone = spreadsheetTimeZone();
  const problems = tables.flatMap((t) =>
    validateTable(t.spec, t.headers, t.rows, {
      ...readOptions(t, lang, timeZone),
      knownCustomerIds: customerIds,
    }),
  );
  return { problems, tables };
}

/** The problems of rows the caller may see (core/access/visible-rows.ts): a sales rep's own customers'. */
function visibleProblems(problems: readonly Problem[], tables: readonly TableSnapshot[]): readonly Problem[] {
  const { scope } = callerAccess();
  if (scope.kind === "all") return problems;
  const sees = visibleRows(
    scope,
    tables.map((t) => ({ sheet: t.sheet.getName(), key: t.spec.key, index: t.map.index, rows: t.rows })),
  );
  return problems.filter((p) => sees(p.sheet, p.row));
}

function problemsSheet(lang: Lang): Sheet {
  const ss = SpreadsheetApp.getActive();
  const existing = ss.getSheetByName(PROBLEMS_NAMES.en) ?? ss.getSheetByName(PROBLEMS_NAMES["zh-CN"]);
  if (existing) return existing;
  return ss.insertSheet(PROBLEMS_NAMES[lang]);
}

/** Replaces the Problems sheet's content with the list, in one write. */
function writeProblemsSheet(problems: readonly Problem[], lang: Lang): Sheet {
  return writeProblemRows(problems.map(problemRow), lang);
}

/** A problem as a row of the Problems tab: sheet, cell, value, rule, message. */
function problemRow(p: Problem): unknown[] {
  return [p.sheet, p.a1, p.value, p.rule, p.message];
}

/** Replaces the Problems sheet's rows (under its header) in one write. */
function writeProblemRows(rows: readonly (readonly unknown[])[], lang: Lang): Sheet {
  const sheet = problemsSheet(lang);
  sheet.clearContents();
  const values = [[...PROBLEMS_HEADERS[lang]], ...rows];
  // The grid is cut to the list (every cell of it counts toward the book's 10,000,000-cell limit).
  fitGrid(sheet, values.length, PROBLEMS_HEADERS[lang].length);
  // Values are written as text so a problem value such as "=1+1" or "2025-03-01" is shown, not evaluated:
  // the cells are plain text ("@") and writeValues, the one door for text, keeps them so. A prefix of our
  // own would be kept too and show as "'=1+1".
  const range = sheet.getRange(1, 1, values.length, 5);
  range.setNumberFormat("@");
  writeValues(range, values);
  sheet.getRange(1, 1, 1, 5).setFontWeight("bold");
  if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
  return sheet;
}

/**
 * The edit trigger's share of the Problems tab: the rows of the edited cells (`cells`, A1 addresses on
 * `sheetName`) are replaced by the problems found there now, none when the edit fixed them, so a paste
 * or an API write that slips past the dropdowns is listed at once. Nothing is read or written when there
 * is no tab and nothing is wrong, and the tab is rewritten only when its rows change.
 */
export function replaceCellProblems(
  sheetName: string,
  cells: ReadonlySet<string>,
  problems: readonly Problem[],
  lang: Lang,
): void {
  const ss = SpreadsheetApp.getActive();
  const existing = ss.getSheetByName(PROBLEMS_NAMES.en) ?? ss.getSheetByName(PROBLEMS_NAMES["zh-CN"]);
  if (!existing && problems.length === 0) return;
  const last = existing ? existing.getLastRow() : 0;
  const old = existing && last > 1 ? existing.getRange(2, 1, last - 1, 5).getValues() : [];
  const kept = old.filter((r) => !(String(r[0]) === sheetName && cells.has(String(r[1]))));
  if (kept.length === old.length && problems.length === 0) return;
  const headerLang: Lang = existing?.getName() === PROBLEMS_NAMES["zh-CN"] ? "zh-CN" : existing ? "en" : lang;
  writeProblemRows([...kept, ...problems.map(problemRow)], headerLang);
}

/** The user's part of a note, without the add-on's mark. */
function userPart(note: string): string {
  const at = note.indexOf(MARK);
  return at < 0 ? note : note.slice(0, at).replace(/\s+$/, "");
}

/**
 * Rewrites the notes of one table's data cells in one read and one write: old marks go, each problem cell
 * gets a mark with its messages; notes the user wrote are kept. Returns how many marks were removed.
 */
function markTable(table: TableSnapshot, problems: readonly Problem[]): number {
  const rows = table.rows.length;
  const width = table.headers.length;
  if (rows === 0 || width === 0) return 0;
  const range = table.sheet.getRange(2, 1, rows, width);
  const notes = range.getNotes();
  let removed = 0;
  const next = notes.map((row) =>
    row.map((note) => {
      const mine = note.indexOf(MARK) >= 0;
      if (mine) removed++;
      return mine ? userPart(note) : note;
    }),
  );
  const byCell = new Map<string, string[]>();
  for (const p of problems) {
    if (p.row < 2 || p.column < 1) continue;
    const k = `${p.row}:${p.column}`;
    byCell.set(k, [...(byCell.get(k) ?? []), p.message]);
  }
  for (const [k, messages] of byCell) {
    const [r, c] = k.split(":").map(Number);
    const own = next[r - 2][c - 1];
    next[r - 2][c - 1] = (own ? `${own}\n\n` : "") + MARK + messages.join(" ");
  }
  // Only the notes that change are written: one setNotes per run of changed rows (cells ∝ the change).
  for (const block of changedBlocks(notes, next, { maxBlocks: MAX_NOTE_WRITES }))
    table.sheet
      .getRange(
        block.firstRow + 2,
        block.firstColumn + 1,
        block.rowEnd - block.firstRow,
        block.columnEnd - block.firstColumn,
      )
      .setNotes(blockValues(next, block));
  return removed;
}

/**
 * Validate all: checks every cell of every canonical sheet, writes the full list to the Problems sheet
 * ("问题列表" in Chinese) and marks each problem cell with a removable note. The user's values are never
 * changed. Returns a summary for the sidebar.
 */
export function validateAll(): ValidationSummary {
  return runJob("validate", "edit-own", () => {
    const lang = userLang();
    const { problems, tables } = collectProblems(lang);
    const sheet = writeProblemsSheet(problems, lang);
    for (const t of tables) {
      const name = t.sheet.getName();
      markTable(
        t,
        problems.filter((p) => p.sheet === name),
      );
    }
    // The answer lists only the caller's customers' problems (it quotes cell values); the Problems tab and
    // the notes stay whole: they are in the document, beside the very cells they describe.
    const visible = visibleProblems(problems, tables);
    const bySheet: Record<string, number> = {};
    for (const p of visible) bySheet[p.sheet] = (bySheet[p.sheet] ?? 0) + 1;
    return {
      result: {
        total: visible.length,
        bySheet,
        problems: visible
          .slice(0, SUMMARY_LIMIT)
          .map((p) => ({ sheet: p.sheet, a1: p.a1, value: p.value, rule: p.rule, message: p.message })),
        problemsSheet: sheet.getName(),
      },
      outcome: { rowsAffected: 0, detail: `${problems.length} problems` },
    };
  });
}

/** Removes the add-on's problem notes from every canonical sheet (user notes stay); returns how many. */
export function clearProblemMarks(): number {
  return runJob("clear-problem-marks", "edit-own", () => {
    const { tables } = readAllTables();
    const removed = tables.reduce((n, t) => n + markTable(t, []), 0);
    return { result: removed, outcome: { rowsAffected: 0, detail: `${removed} marks removed` } };
  });
}
