import type { ColumnSpec, ColumnType, Lang, SheetSpec } from "../../schema/types";
import { a1 } from "../a1";
import { isBlank } from "../parse";
import {
  dateColumnOptions,
  isDateType,
  readCell,
  readEnum,
  sameValue,
  type ReadOptions,
} from "../validate/read-cell";
import { isEmptyRow } from "../validate/validate-table";
import { applyValueLists, type ValueLists } from "../validate/value-lists";
import { cellKind, isNoOpChange, writtenKind, type FixChange, type TidyRule } from "./fix-change";
import { fixTargets } from "./fix-targets";

export interface FixOptions {
  readonly lang: Lang;
  readonly sheetName?: string;
  readonly timeZone?: string;
  readonly customColumnTypes?: Readonly<Record<string, ColumnType>>;
  /** The team's dropdown lists: a listed column's standard values are the list's (as validation reads them). */
  readonly valueLists?: ValueLists;
}

const RULE_BY_TYPE: Readonly<Record<ColumnType, TidyRule>> = {
  id: "trim",
  text: "trim",
  enum: "enum-label",
  email: "email",
  owner: "email",
  phone: "phone",
  date: "date",
  datetime: "date",
  integer: "number",
  number: "number",
  currency: "number",
  percent: "number",
  boolean: "boolean",
};

/** The language a header cell is written in (Chinese if it has any CJK character): enum labels follow it. */
export function headerLanguage(header: unknown): Lang {
  return /[\u4e00-\u9fff]/.test(String(header)) ? "zh-CN" : "en";
}

/**
 * The standard form of one valid cell of a column, or undefined when it should stay as it is: cells that
 * cannot be read are left (they are problems, for Fix what is safe or the user); cells already standard
 * are left. Standard forms: trimmed text, ISO dates (`2025-03-01`, datetimes `2025-03-01 10:30:00`),
 * E.164 phones, lower-case e-mails, numbers for numeric text ("¥50,000" → 50000), true/false, and enum
 * labels in the language of the column's header.
 */
export function safeValue(
  type: ColumnType,
  column: ColumnSpec | undefined,
  header: unknown,
  value: unknown,
  options: ReadOptions,
): unknown {
  if (isBlank(value)) return typeof value === "string" && value !== "" ? "" : undefined;
  let after: unknown;
  if (type === "enum" && column) {
    const option = readEnum(column, value);
    if (!option) return undefined;
    after = option.label[headerLanguage(header)];
  } else {
    const reading = readCell(type, value, options);
    if (!reading.ok) return undefined;
    after = reading.value;
  }
  return sameValue(after, value) ? undefined : after;
}

/**
 * Tidy formats: proposes rewriting every valid cell into its standard form (see {@link safeValue}),
 * row-major. These are normalisations, not repairs: every cell they touch is already valid, so they are
 * an opt-in of their own, apart from Fix what is safe. Only columns of the schema (not the add-on's own)
 * and custom columns with a declared type are touched; blank rows, unreadable cells and changes that
 * would look and be the same (see {@link isNoOpChange}) are left out. Pure: applying the changes is the
 * caller's job, after showing them.
 */
export function proposeTidy(
  spec: SheetSpec,
  headerRow: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: FixOptions,
): FixChange[] {
  const sheet = options.sheetName ?? spec.name[options.lang];
  const targets = fixTargets(applyValueLists(spec, options.valueLists), headerRow, options.customColumnTypes);
  const changes: FixChange[] = [];
  // A date column's texts are rewritten in the one day/month order they prove (see dateColumnOptions).
  const readOf = new Map(
    targets.map((t) => [t.index, isDateType(t.type) ? dateColumnOptions(options, rows, t.index) : options]),
  );
  rows.forEach((row, r) => {
    if (isEmptyRow(row)) return;
    for (const t of targets) {
      const before = row[t.index];
      const after = safeValue(t.type, t.column, headerRow[t.index], before, readOf.get(t.index)!);
      if (after === undefined) continue;
      const change: FixChange = {
        kind: "tidy",
        sheet,
        a1: a1(r + 2, t.index),
        row: r + 2,
        columnIndex: t.index,
        key: t.key,
        type: t.type,
        before,
        after,
        rule: typeof before === "string" && after === before.trim() ? "trim" : RULE_BY_TYPE[t.type],
        beforeKind: cellKind(before),
        afterKind: writtenKind(t.type, after),
      };
      if (!isNoOpChange(change)) changes.push(change);
    }
  });
  return changes;
}
