import type { ColumnType, SheetSpec } from "../../schema/types";
import { READ_TYPES, STORED_AS_READ_TYPES } from "../../schema/column-types";
import type { ProblemRule } from "../validate/messages";
import { dateColumnOptions, isDateType, readCell, type ReadOptions } from "../validate/read-cell";
import { validateTable, type Problem, type ValidateOptions } from "../validate/validate-table";
import { applyValueLists } from "../validate/value-lists";
import { cellKind, writtenKind, type FixChange } from "./fix-change";
import { fixTargets, type FixTarget } from "./fix-targets";
import { repairText } from "./repair-text";

export interface ProblemFixOptions extends ValidateOptions {
  /** The table's problems when the caller has them already (validateTable with these options). */
  readonly problems?: readonly Problem[];
}

/** Problems a repaired text can end: the cell could not be read as its type, or named no customer. */
const REPAIRABLE: ReadonlySet<ProblemRule> = new Set<ProblemRule>([...READ_TYPES, "unknown-customer"]);

/** Types whose cells hold the reading (a number, a date, true/false), not the text typed. */
const STORED_AS_READ: ReadonlySet<ColumnType> = new Set<ColumnType>(STORED_AS_READ_TYPES);

/** The value a repaired cell gets: the reading for numbers, dates and yes/no, the repaired text otherwise. */
function repairedValue(t: FixTarget, text: string, options: ReadOptions): unknown {
  if (!STORED_AS_READ.has(t.type)) return text;
  const reading = readCell(t.type, text, options);
  return reading.ok ? reading.value : undefined;
}

function withChanges(rows: readonly (readonly unknown[])[], changes: Iterable<FixChange>): unknown[][] {
  const out = rows.map((r) => [...r]);
  for (const c of changes) out[c.row - 2][c.columnIndex] = c.after;
  return out;
}

/**
 * Fix what is safe: for each problem validation reports in a table, the repair of its cell when one
 * exists (see repairText: invisible characters, dash and full-stop look-alikes, spaces inside an
 * address, punctuation after a phone), each change tied to the problem it ends. A fix is kept only when,
 * with every kept fix applied, its cell has no problem left and no other cell has a new one (a repaired
 * address that now duplicates another drops every fix of that column). Cells without a reported problem
 * are never touched: a valid `010-38700241` stays as typed (rewriting valid values is Tidy formats).
 * Numbers, dates and yes/no cells get their reading; other cells the repaired text. Pure, row-major.
 */
export function proposeProblemFixes(
  spec: SheetSpec,
  headerRow: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: ProblemFixOptions,
): FixChange[] {
  const validate = (grid: readonly (readonly unknown[])[]) => validateTable(spec, headerRow, grid, options);
  const problems = options.problems ?? validate(rows);
  const listed = applyValueLists(spec, options.valueLists);
  const targets = new Map(fixTargets(listed, headerRow, options.customColumnTypes).map((t) => [t.index, t]));
  const fixes = new Map<string, FixChange>();
  // A date column's repaired texts read in the one day/month order the column proves, found once a column.
  const orders = new Map<number, ReadOptions>();
  const readOf = (t: FixTarget): ReadOptions => {
    if (!isDateType(t.type)) return options;
    let o = orders.get(t.index);
    if (!o) orders.set(t.index, (o = dateColumnOptions(options, rows, t.index)));
    return o;
  };
  for (const p of problems) {
    const t = targets.get(p.column - 1);
    if (!t || p.row < 2 || !REPAIRABLE.has(p.rule) || fixes.has(p.a1)) continue;
    const before = rows[p.row - 2][t.index];
    const repair = repairText(t.type, before);
    if (!repair) continue;
    const after = repairedValue(t, repair.text, readOf(t));
    if (after === undefined) continue;
    fixes.set(p.a1, {
      kind: "problem",
      sheet: p.sheet,
      a1: p.a1,
      row: p.row,
      columnIndex: t.index,
      key: t.key,
      type: t.type,
      before,
      after,
      rule: "repair",
      beforeKind: cellKind(before),
      afterKind: writtenKind(t.type, after),
      problem: { rule: p.rule, message: p.message },
      steps: repair.steps,
    });
  }
  // Each round drops fixes that did not work; dropping only puts cells back as they were, so it ends.
  const reported = new Set(problems.map((p) => `${p.a1}|${p.rule}`));
  while (fixes.size) {
    const after = validate(withChanges(rows, fixes.values()));
    const failed = new Set(after.filter((p) => fixes.has(p.a1)).map((p) => p.a1));
    const spoiled = new Set(
      after.filter((p) => !fixes.has(p.a1) && !reported.has(`${p.a1}|${p.rule}`)).map((p) => p.key),
    );
    const drop = [...fixes.values()].filter((c) => failed.has(c.a1) || spoiled.has(c.key));
    if (!drop.length) break;
    for (const c of drop) fixes.delete(c.a1);
  }
  return [...fixes.values()].sort((x, y) => x.row - y.row || x.columnIndex - y.columnIndex);
}
