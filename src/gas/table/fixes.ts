import {
  fingerprintKind,
  fixFingerprint,
  proposeProblemFixes,
  proposeTidy,
  type FixChange,
  type FixKind,
} from "../../core/table/fix";
import { displayValue } from "../../core/table/validate/read-cell";
import type { Lang } from "../../core/schema/types";
import {
  FIX_PAGE_MAX,
  FIX_PAGE_SIZE,
  type FixDto,
  type FixPreview,
  type FixResult,
} from "../../shared/table";
import { requirePermission } from "../platform/guard";
import { runJob } from "../platform/job";
import { spreadsheetTimeZone, userLang } from "../platform/locale";
import { KEEP, writeCells, type TableSnapshot } from "../platform/sheet-table";
import { backupSheets } from "../trust/backups";
import { readAllTables, readOptions } from "./read-sheets";
import { isoToSheetDate } from "./sheet-dates";

/** Raised when the data changed between preview and apply (or the token is none of ours); nothing was written. */
export class StaleFixError extends Error {
  constructor() {
    super("The data changed since the preview; nothing was written. Run Fix what is safe again.");
    this.name = "StaleFixError";
  }
}

/** What each kind is called in the audit log and on its backup. */
const JOBS: Readonly<
  Record<FixKind, { readonly job: string; readonly label: string; readonly done: string }>
> = {
  problem: { job: "fix-safe", label: "Fix what is safe", done: "problem cells fixed" },
  tidy: { job: "tidy-formats", label: "Tidy formats", done: "cells tidied" },
};

/**
 * Every change of one kind over every canonical sheet (one read each), in sheet then row order: problem
 * fixes repair what validation reports (with the same customer IDs it checks against); tidy changes put
 * valid values into the standard formats.
 */
function propose(kind: FixKind, lang: Lang): { changes: FixChange[]; tables: TableSnapshot[] } {
  const { tables, customerIds } = readAllTables();
  const timeZone = spreadsheetTimeZone();
  const changes = tables.flatMap((t) => {
    const options = readOptions(t, lang, timeZone);
    return kind === "problem"
      ? proposeProblemFixes(t.spec, t.headers, t.rows, { ...options, knownCustomerIds: customerIds })
      : proposeTidy(t.spec, t.headers, t.rows, options);
  });
  return { changes, tables };
}

/** A kind sent by a client: absent means Fix what is safe; anything else unknown is refused. */
function kindOf(kind: unknown): FixKind {
  if (kind === undefined || kind === null) return "problem";
  if (kind === "problem" || kind === "tidy") return kind;
  throw new Error(`Unknown kind of fix: ${String(kind).slice(0, 40)}`);
}

/** A whole number from a client, within [min, max]; `fallback` when absent or not a number. */
function whole(value: unknown, fallback: number, min: number, max: number): number {
  const n = typeof value === "number" && Number.isFinite(value) ? Math.floor(value) : fallback;
  return Math.min(max, Math.max(min, n));
}

function toDto(c: FixChange): FixDto {
  return {
    sheet: c.sheet,
    a1: c.a1,
    before: displayValue(c.before),
    after: displayValue(c.after),
    rule: c.rule,
    kind: c.kind,
    beforeKind: c.beforeKind,
    afterKind: c.afterKind,
    ...(c.problem ? { problemRule: c.problem.rule, why: c.problem.message, steps: c.steps ?? [] } : {}),
  };
}

/**
 * One page of a proposal, for the preview; applies nothing. `kind` "problem" (the default) repairs
 * reported problems only, "tidy" rewrites valid values into the standard formats. Every page is computed
 * from a fresh read and carries the token of the whole proposal, so a client paging through sees when
 * the data changed (the token differs) and `total` is exactly what applyFixes would write.
 */
export function previewFixes(kind?: unknown, offset?: unknown, pageSize?: unknown): FixPreview {
  requirePermission("edit-all");
  const k = kindOf(kind);
  const size = whole(pageSize, FIX_PAGE_SIZE, 1, FIX_PAGE_MAX);
  const { changes } = propose(k, userLang());
  // An offset past the end shows the last page (the proposal may have shrunk since the last page).
  const last = changes.length ? Math.floor((changes.length - 1) / size) * size : 0;
  const start = Math.min(whole(offset, 0, 0, Number.MAX_SAFE_INTEGER), last);
  return {
    token: fixFingerprint(k, changes),
    total: changes.length,
    changes: changes.slice(start, start + size).map(toDto),
    kind: k,
    offset: start,
    pageSize: size,
  };
}

/**
 * Writes one table's changes through writeCells: one setValues per run of changed rows in each block of
 * adjacent affected columns; every other cell keeps its formula or value, and text goes through
 * writeValues, so no text becomes a formula. Rows are checked by identity before and after the write, so
 * a row a user inserts or deletes meanwhile cannot put a fix one row off.
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
    columns.get(c.columnIndex)![c.row - 2] =
      c.afterKind === "date" ? isoToSheetDate(c.after, timeZone) : c.after;
    // Sheets would read "+8613812345678" as a number; the column is kept as text (as set-up formats it).
    if (c.type === "phone") textColumns.add(c.columnIndex);
  }
  writeCells(table, columns, { keepFormulas: true, textColumns });
}

/**
 * Applies the proposal previewed under `token` (its kind is part of it): re-reads every sheet, recomputes
 * the proposal and writes only if it is exactly the one previewed (else StaleFixError and nothing
 * changes), under the document lock. Backs up the affected sheets first, writes only the changed cells,
 * and logs the job. `applied` is the preview's total.
 */
export function applyFixes(token: string): FixResult {
  const kind = fingerprintKind(token);
  const job = JOBS[kind ?? "problem"];
  return runJob(job.job, "edit-all", () => {
    if (!kind) throw new StaleFixError();
    const { changes, tables } = propose(kind, userLang());
    if (fixFingerprint(kind, changes) !== token) throw new StaleFixError();
    if (!changes.length) return { result: { applied: 0, backups: [], kind }, outcome: { rowsAffected: 0 } };
    const names = new Map(tables.map((t) => [t, t.sheet.getName()]));
    const affected = tables.filter((t) => changes.some((c) => c.sheet === names.get(t)));
    const backups = backupSheets(
      affected.map((t) => names.get(t)!),
      job.label,
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
      result: { applied: changes.length, backups, kind },
      outcome: { rowsAffected: rows, detail: `${changes.length} ${job.done}` },
    };
  });
}
