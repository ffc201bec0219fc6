import { readOwnerCell, type OwnerDirectory } from "../../access/owner-names";
import { mapHeaders } from "../../schema/headers";
import type { ColumnSpec, ColumnType, Lang, SheetSpec } from "../../schema/types";
import { a1 } from "../a1";
import { isBlank } from "../parse";
import { problemMessage, type DateMessage, type ProblemRule } from "./messages";
import {
  dateColumnOptions,
  displayValue,
  isDateType,
  readCell,
  readEnum,
  uniqueKey,
  type ReadOptions,
} from "./read-cell";
import { applyValueLists, type ValueLists } from "./value-lists";

/** One broken cell (or header), addressed as the user sees it. */
export interface Problem {
  /** The tab's actual name. */
  readonly sheet: string;
  /** "C7"; a whole header row is "1:1". */
  readonly a1: string;
  /** 1-based sheet row. */
  readonly row: number;
  /** 1-based sheet column; 0 for a header-row problem that names no single column. */
  readonly column: number;
  /** The column's schema key, or the custom header text. */
  readonly key: string;
  readonly value: string;
  readonly rule: ProblemRule;
  readonly message: string;
  /** "warning" for what does not make the row invalid (an Owner name no member has); else an error. */
  readonly severity?: "warning";
}

export interface ValidateOptions {
  readonly lang: Lang;
  /** The tab's name as shown; defaults to the sheet's name in `lang`. */
  readonly sheetName?: string;
  /** The spreadsheet's zone, for reading Date objects. */
  readonly timeZone?: string;
  /** Customer IDs that exist; when given, other sheets' CustomerID cells must name one of them. */
  readonly knownCustomerIds?: ReadonlySet<string>;
  /** Types the user declared for their own columns (by header text); those columns are checked too. */
  readonly customColumnTypes?: Readonly<Record<string, ColumnType>>;
  /**
   * The team's dropdown lists (settings): a listed column accepts exactly its list's values; others keep
   * the built-in options. See value-lists.ts.
   */
  readonly valueLists?: ValueLists;
  /**
   * Team members' display names: when given, an Owner cell naming no member (neither an e-mail nor a
   * member's name) is listed as an "unknown-owner" warning. The row itself stays valid.
   */
  readonly owners?: OwnerDirectory;
}

/** Normalised form of a customer ID for lookups: trimmed, NFKC, case-folded. */
export function customerIdKey(value: unknown): string {
  return uniqueKey("id", value);
}

/** The set of customer IDs in a Customers table, normalised with {@link customerIdKey}. */
export function customerIdSet(
  spec: SheetSpec,
  headerRow: readonly unknown[],
  rows: readonly (readonly unknown[])[],
) {
  const index = mapHeaders(spec, headerRow).index.get("CustomerID");
  const ids = new Set<string>();
  if (index === undefined) return ids;
  for (const row of rows) if (!isBlank(row[index])) ids.add(customerIdKey(row[index]));
  return ids;
}

/** Whether every cell of a row is blank: such rows (gaps users leave mid-sheet) are skipped, not errors. */
export function isEmptyRow(row: readonly unknown[]): boolean {
  return row.every(isBlank);
}

// One letter then the rest: "[A-Za-z_]+[A-Za-z0-9_.]*" split a long name every way (quadratic).
const FORMULA_LIKE = /^=\s*[A-Za-z_][A-Za-z0-9_.]*\s*\(|^=\s*[A-Z]+\d+/;

interface Checked {
  readonly index: number;
  readonly key: string;
  readonly label: string;
  readonly type: ColumnType;
  readonly column?: ColumnSpec;
}

/** Options an enum problem's message names at most. */
const MAX_LISTED_OPTIONS = 12;

/** Why a non-blank cell breaks its column's type, options or bounds, with the message slots. */
export interface CellProblem {
  readonly rule: ProblemRule | DateMessage;
  readonly slots: Readonly<Record<string, string | number>>;
}

/**
 * The type-level problem of one non-blank cell, or null when it reads: enum options (either language or
 * alias), the column type (see readCell), then the column's inclusive numeric bounds. Shared by validation
 * and import, so both judge a cell the same way.
 */
export function cellProblem(
  type: ColumnType,
  column: ColumnSpec | undefined,
  value: unknown,
  read: ReadOptions,
): CellProblem | null {
  if (type === "enum" && column) {
    if (readEnum(column, value)) return null;
    const labels = (column.options ?? []).map((o) => o.label[read.lang]);
    // A team's list may be long: the message names the first few (the dropdown shows them all).
    const shown = labels.length > MAX_LISTED_OPTIONS ? [...labels.slice(0, MAX_LISTED_OPTIONS), "…"] : labels;
    return { rule: "enum", slots: { options: shown.join(read.lang === "en" ? ", " : "、") } };
  }
  const reading = readCell(type, value, read);
  if (!reading.ok)
    return {
      rule:
        reading.reason === "impossible-date" || reading.reason === "date-order"
          ? reading.reason
          : (type as ProblemRule),
      slots: {},
    };
  const n = reading.value;
  const { min, max } = column ?? {};
  if (typeof n === "number" && ((min !== undefined && n < min) || (max !== undefined && n > max)))
    return { rule: "range", slots: { min: min ?? "−∞", max: max ?? "∞" } };
  return null;
}

/**
 * Checks every cell of a table read in one batch and returns its problems, in row-major order (row, then
 * column). Rules: header (required column missing, schema column named twice); required cells; type by
 * column (see readCell: dates in the forms people type, phones, e-mails, amounts…); enum options in
 * either language or alias, or exactly the team's list where `valueLists` has one; Owner cells naming no
 * team member (a warning, with `owners`); numeric bounds; unique columns (the sheet's ID column and unique ones), each
 * later occurrence pointing at the first; CustomerID cells of other sheets against `knownCustomerIds`;
 * text that looks like a formula. Fully blank rows are skipped. Custom columns are checked only when
 * `customColumnTypes` declares them. Nothing is modified; headers may be in zh-CN, en or aliases and give
 * the same problems (messages follow `lang`).
 */
export function validateTable(
  given: SheetSpec,
  headerRow: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: ValidateOptions,
): Problem[] {
  const { lang } = options;
  const spec = applyValueLists(given, options.valueLists);
  const sheet = options.sheetName ?? spec.name[lang];
  const map = mapHeaders(spec, headerRow);
  const problems: Problem[] = [];
  const label = (c: ColumnSpec) => c.header[lang];

  for (const column of map.missing.filter((c) => c.required)) {
    problems.push({
      sheet,
      a1: "1:1",
      row: 1,
      column: 0,
      key: column.key,
      value: "",
      rule: "missing-column",
      message: problemMessage("missing-column", lang, { column: label(column) }),
    });
  }
  for (const d of map.duplicates) {
    const column = spec.columns.find((c) => c.key === d.key)!;
    problems.push({
      sheet,
      a1: a1(1, d.index),
      row: 1,
      column: d.index + 1,
      key: d.key,
      value: displayValue(headerRow[d.index]),
      rule: "duplicate-column",
      message: problemMessage("duplicate-column", lang, { column: label(column) }),
    });
  }

  const checked: Checked[] = spec.columns
    .filter((c) => map.index.has(c.key))
    .map((c) => ({ index: map.index.get(c.key)!, key: c.key, label: label(c), type: c.type, column: c }));
  for (const custom of map.custom) {
    const type = options.customColumnTypes?.[custom.header.trim()];
    if (type) checked.push({ index: custom.index, key: custom.header, label: custom.header, type });
  }
  checked.sort((x, y) => x.index - y.index);

  const uniqueCols = checked.filter((c) => c.column && (c.column.unique || c.key === spec.idColumn));
  const firstSeen = new Map<string, Map<string, string>>(uniqueCols.map((c) => [c.key, new Map()]));
  const checkOrphans = spec.key !== "Customers" && options.knownCustomerIds !== undefined;
  const read = { lang, timeZone: options.timeZone };
  // Each date column read in one day/month order, the one its texts prove (as the book reads it).
  const readOf = new Map(
    checked.map((c) => [c.index, isDateType(c.type) ? dateColumnOptions(read, rows, c.index) : read]),
  );

  rows.forEach((row, r) => {
    if (isEmptyRow(row)) return;
    const sheetRow = r + 2;
    const add = (
      c: Checked,
      rule: ProblemRule | DateMessage,
      slots: Readonly<Record<string, string | number>> = {},
    ) => {
      const value = displayValue(row[c.index]);
      problems.push({
        sheet,
        a1: a1(sheetRow, c.index),
        row: sheetRow,
        column: c.index + 1,
        key: c.key,
        value,
        rule:
          rule === "impossible-date" || rule === "date-order"
            ? c.type === "datetime"
              ? "datetime"
              : "date"
            : rule,
        message: problemMessage(rule, lang, { column: c.label, value, ...slots }),
        ...(rule === "unknown-owner" ? { severity: "warning" as const } : {}),
      });
    };
    for (const c of checked) {
      const value = row[c.index];
      if (isBlank(value)) {
        if (c.column?.required) add(c, "required");
        continue;
      }
      const bad = cellProblem(c.type, c.column, value, readOf.get(c.index)!);
      if (bad) {
        add(c, bad.rule, bad.slots);
        continue;
      }
      if (
        (c.type === "text" || c.type === "id") &&
        typeof value === "string" &&
        FORMULA_LIKE.test(value.trim())
      ) {
        add(c, "formula");
        continue;
      }
      const seen = firstSeen.get(c.key);
      if (seen) {
        const k = uniqueKey(c.type, value);
        const first = seen.get(k);
        if (first) add(c, "unique", { other: first });
        else seen.set(k, a1(sheetRow, c.index));
      }
      if (checkOrphans && c.key === "CustomerID" && !options.knownCustomerIds!.has(customerIdKey(value)))
        add(c, "unknown-customer");
      if (
        c.type === "owner" &&
        options.owners &&
        readOwnerCell(value, options.owners).kind === "unknown-name"
      )
        add(c, "unknown-owner");
    }
  });
  return problems;
}
