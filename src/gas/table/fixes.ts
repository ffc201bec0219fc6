import {
  describeFix,
  fixFingerprint,
  proposeFixes,
  type FixChange,
} from "../../core/table/fix/propose-fixes";
import { displayValue } from "../../core/table/validate/read-cell";
import type { Lang } from "../../core/schema/types";
import type { FixPreview, FixResult } from "../../shared/table";
import { requirePermission } from "../platform/guard";
import { runJob } from "../platform/job";
import { spreadsheetTimeZone, userLang } from "../platform/locale";
import { KEEP, writeCells, type TableSnapshot } from "../platform/sheet-table";
import { backupSheets } from "../trust/backups";
import { readAllTables, readOptions } from "./read-sheets";
import { isoToSheetDate } from "./sheet-dates";

const PREVIEW_LIMIT = 500;

/** Raised when the data changed between preview and apply; nothing was written. */
export class StaleFixError extends Error {
  constructor() {
    super("The data changed since the preview; nothing was written. Run Fix what is safe again.");
    this.name = "StaleFixError";
  }
}

function proposeAll(lang: Lang): { changes: FixChange[]; tables: TableSnapshot[] } {
  const { tables } = readAllTables();
  const timeZone = spreadsheetTimeZone();
  const changes = tables.flatMap((t) =>
    proposeFixes(t.spec, t.headers, t.rows, readOptions(t, lang, timeZone)),
  );
  return { changes, tables };
}

/** Every safe change, for the preview; applies nothing. */
export function previewFixes(): FixPreview {
  requirePermission("edit-all");
  const { changes } = proposeAll(userLang());
  return {
    token: fixFingerprint(changes),
    total: changes.length,
    changes: changes.slice(0, PREVIEW_LIMIT).map((c) => ({
      sheet: c.sheet,
      a1: c.a1,
      before: displayValue(c.before),
      after: displayValue(c.after),
      rule: c.rule,
    })),
  };
}

/**
 * Writes one table's changes through writeCells: one setValues per block of adjacent affected columns,
 * over the rows from the first to the last change; every other cell of the block keeps its formula or
 * value. Rows are checked by identity before and after the write, so a row a user inserts or deletes
 * meanwhile cannot put a fix one row off.
 */
function writeChanges(table: TableSnapshot, changes: readonly FixChange[], timeZone: string): void {
  const columns = new Map<number, unknown[]>();
  const textColumns = new Set<number>();
  for (const c of changes) {
    if (!columns.has(c.columnIndex))
      columns.set(
        c.columnIndex,
        table.rows.map(() => KEEP),
      );
    columns.get(c.columnIndex)![c.row - 2] = c.rule === "date" ? isoToSheetDate(c.after, timeZone) : c.after;
    // Sheets would read "+8613812345678" as a number; the column is kept as text (as set-up formats it).
    if (c.rule === "phone") textColumns.add(c.columnIndex);
  }
  writeCells(table, columns, { keepFormulas: true, textColumns });
}

/**
 * Applies the safe fixes previewed under `token`: re-reads every sheet, recomputes the proposal and
 * writes only if it is exactly the one previewed (else StaleFixError and nothing changes). Backs up the
 * affected sheets first, writes one block per affected column, and logs the job.
 */
export function applyFixes(token: string): FixResult {
  return runJob("fix-safe", "edit-all", () => {
    const { changes, tables } = proposeAll(userLang());
    if (fixFingerprint(changes) !== token) throw new StaleFixError();
    if (!changes.length) return { result: { applied: 0, backups: [] }, outcome: { rowsAffected: 0 } };
    const names = new Map(tables.map((t) => [t, t.sheet.getName()]));
    const affected = tables.filter((t) => changes.some((c) => c.sheet === names.get(t)));
    const backups = backupSheets(
      affected.map((t) => names.get(t)!),
      "Fix what is safe",
    );
    const timeZone = spreadsheetTimeZone();
    for (const t of affected)
      writeChanges(
        t,
        changes.filter((c) => c.sheet === names.get(t)),
        timeZone,
      );
    const rows = new Set(changes.map((c) => `${c.sheet}:${c.row}`)).size;
    return {
      result: { applied: changes.length, backups },
      outcome: { rowsAffected: rows, detail: `${changes.length} cells normalised` },
    };
  });
}
