import { isDateCell } from "./cells";
import { describeRule, type ConditionalRuleModel } from "./conditional-format";
import { describeValidation, type ValidationModel } from "./data-validation";
import { a1Of, columnLetters } from "./a1";
import type { Workbook } from "./workbook";

export interface ProtectionSnapshot {
  readonly type: "SHEET" | "RANGE";
  readonly range: string | null;
  readonly description: string;
  readonly warningOnly: boolean;
  readonly editors: readonly string[];
  readonly unprotected: readonly string[];
}

export interface ChartSnapshot {
  readonly type: string;
  /** "Sheet!A1:B5" */
  readonly ranges: readonly string[];
  readonly options: Readonly<Record<string, unknown>>;
  readonly position: { row: number; column: number; offsetX: number; offsetY: number } | null;
}

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
  /** Values as stored (before number formats type them), dates as host-realm Dates, formulas as their text. */
  readonly values: unknown[][];
  /** "A1" → attributes set on that cell (formats, notes, validations...). */
  readonly cells: Record<string, Record<string, unknown>>;
  readonly protections: readonly ProtectionSnapshot[];
  readonly conditionalFormatRules: readonly object[];
  readonly charts: readonly ChartSnapshot[];
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
      // One description per rule (cells of a column share theirs), and column letters computed once.
      const rules = new Map<ValidationModel, object>();
      const letters: string[] = [];
      s.grid.forEach((cell, r, c) => {
        let out: Record<string, unknown> | null = null;
        for (const key in cell) {
          if (key === "v" || key === "formula") continue;
          const value = (cell as unknown as Record<string, unknown>)[key];
          if (value === undefined) continue;
          out ??= {};
          if (key === "validation") {
            const model = value as ValidationModel;
            let described = rules.get(model);
            if (!described) rules.set(model, (described = describeValidation(model)));
            out.validation = described;
          } else out[key] = value;
        }
        if (out) cells[`${(letters[c] ??= columnLetters(c))}${r}`] = out;
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
