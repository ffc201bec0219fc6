import { isDateCell } from "./cells";
import { describeRule, type ConditionalRuleModel } from "./conditional-format";
import { describeValidation, type ValidationModel } from "./data-validation";
import { a1Of } from "./a1";
import type { Workbook } from "./workbook";

/** A plain, deep, comparable copy of one tab (cells trimmed to where anything is set). */
export interface SheetSnapshot {
  readonly name: string;
  readonly id: number;
  readonly index: number;
  readonly hidden: boolean;
  readonly frozenRows: number;
  readonly frozenColumns: number;
  readonly maxRows: number;
  readonly maxColumns: number;
  readonly tabColor: string | null;
  /** Values as getValues gives them, but dates as host-realm Dates; formulas as their text. */
  readonly values: unknown[][];
  /** "A1" → attributes set on that cell (formats, notes, validations...). */
  readonly cells: Record<string, Record<string, unknown>>;
  readonly protections: readonly object[];
  readonly conditionalFormatRules: readonly object[];
  readonly charts: readonly object[];
  readonly columnWidths: Record<number, number>;
}

export interface WorkbookSnapshot {
  readonly name: string;
  readonly timeZone: string;
  readonly sheets: readonly SheetSnapshot[];
  readonly namedRanges: Record<string, string>;
}

/** Snapshot of the whole workbook, for "nothing else changed" and "running twice changes nothing" tests. */
export function snapshotWorkbook(wb: Workbook): WorkbookSnapshot {
  return {
    name: wb.name,
    timeZone: wb.timeZone,
    namedRanges: Object.fromEntries(
      [...wb.namedRanges.values()].map((n) => [n.name, `${n.sheet.name}!${a1Of(n.rect)}`]),
    ),
    sheets: wb.sheets.map((s, index) => {
      const lastRow = s.grid.lastRow();
      const lastCol = s.grid.lastColumn();
      const values: unknown[][] = [];
      for (let r = 1; r <= lastRow; r++) {
        const line: unknown[] = [];
        for (let c = 1; c <= lastCol; c++) {
          const cell = s.grid.get(r, c);
          line.push(
            !cell
              ? ""
              : cell.formula !== undefined
                ? cell.formula
                : isDateCell(cell.v)
                  ? new Date(cell.v.date)
                  : cell.v,
          );
        }
        values.push(line);
      }
      const cells: Record<string, Record<string, unknown>> = {};
      s.grid.forEach((cell, r, c) => {
        const { v, formula, validation, ...attrs } = cell;
        void v;
        void formula;
        const out: Record<string, unknown> = { ...attrs };
        if (validation) out.validation = describeValidation(validation as ValidationModel);
        if (Object.keys(out).length) cells[a1Of({ row: r, column: c, numRows: 1, numColumns: 1 })] = out;
      });
      return {
        name: s.name,
        id: s.id,
        index,
        hidden: s.hidden,
        frozenRows: s.frozenRows,
        frozenColumns: s.frozenColumns,
        maxRows: s.maxRows,
        maxColumns: s.maxColumns,
        tabColor: s.tabColor,
        values,
        cells,
        protections: s.protections.map((p) => ({
          type: p.type,
          range: p.rect ? a1Of(p.rect) : null,
          description: p.description,
          warningOnly: p.warningOnly,
          editors: [...p.editors].sort(),
          unprotected: p.unprotected.map(a1Of),
        })),
        conditionalFormatRules: s.conditionalRules.map((r) => describeRule(r as ConditionalRuleModel)),
        charts: s.charts.map((c) => ({
          type: c.type,
          ranges: c.ranges.map((r) => `${r.sheet}!${r.a1}`),
          options: { ...c.options },
          position: c.position,
        })),
        columnWidths: Object.fromEntries(s.columnWidths),
      };
    }),
  };
}
