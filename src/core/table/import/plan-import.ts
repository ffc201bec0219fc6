import { columnForHeader, mapHeaders, normalizeLabel } from "../../schema/headers";
import type { ColumnSpec, Lang, SheetSpec } from "../../schema/types";
import { nextCustomerIds } from "../ids/customer-ids";
import { isBlank } from "../parse";
import { safeValue } from "../fix/propose-tidy";
import { problemMessage } from "../validate/messages";
import { dateColumnOptions, isDateType, uniqueKey, type ReadOptions } from "../validate/read-cell";
import { cellProblem, customerIdKey } from "../validate/validate-table";
import { grouped, SHEETS_MAX_CELL_CHARS } from "./caps";
import { cellIdentity, rawText } from "./cell-identity";
import { LINE_IDENTITY, matchLines, type LineMatch } from "./match-lines";

/** What to do with an incoming row that matches an existing one. */
export type DedupeMode = "skip" | "update" | "add";

/**
 * Where each file column goes, by position: a schema column key, `custom:<header>` for one of the sheet's
 * own columns, or null to leave it out.
 */
export type ImportMapping = readonly (string | null)[];

/**
 * What an import did (or would do). Every valid file row is exactly one of `added` (new), `present` or
 * `changed`; `updated` counts the sheet rows overwritten and `skipped` the file rows that wrote nothing.
 */
export interface ImportReport {
  /** Rows appended: lines (or customers) the sheet does not hold yet. */
  readonly added: number;
  /** Existing sheet rows overwritten ("update" mode, changed rows only). */
  readonly updated: number;
  /** File rows that wrote nothing: those already present, and changed ones in "skip" mode. */
  readonly skipped: number;
  /** File rows matching a row (by key) whose values the row already holds. */
  readonly present: number;
  /** File rows matching a row by key but bringing other values: applied in "update" mode, else kept. */
  readonly changed: number;
  readonly rejected: readonly { readonly line: number; readonly reason: string }[];
}

/** Rows to append (full sheet width, in the sheet's column order) and cells to overwrite in existing rows. */
export interface ImportPlan {
  readonly report: ImportReport;
  readonly appends: readonly (readonly unknown[])[];
  /** 0-based data-row index (sheet row − 2) → full new row (existing values kept where the file had none). */
  readonly updates: ReadonlyMap<number, readonly unknown[]>;
}

export interface ImportInput {
  readonly spec: SheetSpec;
  readonly sheetHeaders: readonly unknown[];
  readonly sheetRows: readonly (readonly unknown[])[];
  readonly fileHeaders: readonly string[];
  readonly fileRows: readonly (readonly unknown[])[];
  /** Line number of each file row, for the report; defaults to row index + 2. */
  readonly lines?: readonly number[];
  readonly mapping?: ImportMapping;
  readonly dedupe: DedupeMode;
  readonly lang: Lang;
  readonly timeZone?: string;
  /** Customer IDs known to exist (for orders, interactions and feedback); unchecked when absent. */
  readonly knownCustomerIds?: ReadonlySet<string>;
  /** The stamp written to CreatedAt/UpdatedAt of customers added or updated. */
  readonly now?: unknown;
}

/**
 * The default mapping: each file header goes to the schema column it names (zh-CN, en or alias), else to
 * the sheet's own column with the same header, else nowhere. A schema column named twice keeps the first.
 */
export function defaultMapping(
  spec: SheetSpec,
  fileHeaders: readonly string[],
  sheetHeaders: readonly unknown[],
): ImportMapping {
  const sheetCustom = new Map(
    mapHeaders(spec, sheetHeaders).custom.map((c) => [normalizeLabel(c.header), c.header]),
  );
  const used = new Set<string>();
  return fileHeaders.map((h) => {
    const column = columnForHeader(spec, h);
    if (column && !used.has(column.key)) {
      used.add(column.key);
      return column.key;
    }
    const custom = sheetCustom.get(normalizeLabel(h));
    if (custom !== undefined && !used.has(`custom:${custom}`)) {
      used.add(`custom:${custom}`);
      return `custom:${custom}`;
    }
    return null;
  });
}

/** The keys an incoming row is matched on, strongest first: Customers by ID, e-mail, phone; others by ID. */
function matchKeys(spec: SheetSpec, get: (key: string) => unknown): string[] {
  const keys: string[] = [];
  const id = spec.idColumn && get(spec.idColumn);
  if (spec.idColumn && !isBlank(id)) keys.push(`id:${customerIdKey(id)}`);
  if (spec.key === "Customers") {
    const email = get("Email");
    if (!isBlank(email)) keys.push(`email:${uniqueKey("email", email)}`);
    const phone = get("Phone");
    if (!isBlank(phone)) keys.push(`phone:${uniqueKey("phone", phone)}`);
  }
  return keys;
}

/** One file row read: its cleaned values by sheet column index, or why it was rejected. */
type ReadRow =
  | { readonly line: number; readonly values: Map<number, unknown> }
  | { readonly line: number; readonly reason: string };

/**
 * Plans an import without touching anything: maps file columns, cleans each value as "Fix what is safe"
 * does, rejects rows with unreadable values, missing required cells or unknown customers (with reasons in
 * `lang`), then recognises rows the sheet already holds, so importing the same file again adds nothing:
 *
 * - **Customers** match an existing row, or one added earlier from the same file, by CustomerID, then
 *   e-mail, then phone (a customer is one row, so a repeated customer in one file is one customer).
 * - **Orders, Interactions, Feedback** have no row ID: their lines are recognised as {@link matchLines}
 *   says (Orders by OrderID and line, else a fingerprint of customer, date, product and amount), each
 *   sheet row standing for one file line at most, so a file holding two identical lines leaves two, not
 *   four, however often it is imported. Lines of one file never match each other.
 *
 * A match whose row already holds every value the file row brings (compared as the parsers read them:
 * dates by the calendar, amounts by value; blank file cells say nothing; the add-on's own computed
 * columns are not compared) is "present" and writes nothing. A match with other values is "changed":
 * `dedupe` "update" overwrites the row's cells with the file's non-blank values — for line sheets only
 * the add-on's columns, the sheet's own (custom) columns of an existing line are kept; for Customers the
 * mapped columns, as before — and "skip" keeps the row as it is (counted as changed and skipped). "add"
 * matches nothing and appends every valid row. The caller backs the sheet up before writing `updates`.
 *
 * Customers added without an ID get the next free IDs; CreatedAt/UpdatedAt get `now` (UpdatedAt only on
 * rows that change). Unmapped columns of existing rows are never changed. Values are the cells' values,
 * not entries: text such as "=IMAGE(…)" stays that text here, and the writer (gas/platform/write-values)
 * stores it so Sheets keeps it as text (marking it here as well stored a visible "'" in the cell).
 */
export function planImport(input: ImportInput): ImportPlan {
  const { spec, lang } = input;
  const sheetMap = mapHeaders(spec, input.sheetHeaders);
  const width = input.sheetHeaders.length;
  const mapping = input.mapping ?? defaultMapping(spec, input.fileHeaders, input.sheetHeaders);
  const customIndex = new Map(sheetMap.custom.map((c) => [`custom:${c.header}`, c.index]));
  const targetIndex = (target: string) => sheetMap.index.get(target) ?? customIndex.get(target);
  const columnOf = new Map(spec.columns.map((c) => [c.key, c]));
  const read = { lang, timeZone: input.timeZone };
  // Schema columns by sheet index, the add-on's computed ones left out of comparisons.
  const compared = new Map<number, ColumnSpec>();
  for (const column of spec.columns) {
    const at = sheetMap.index.get(column.key);
    if (at !== undefined && !column.owned) compared.set(at, column);
  }
  const identityOf = cellIdentity(read);
  const sameAs = (i: number, a: unknown, b: unknown) => {
    const column = compared.get(i);
    return column ? identityOf(column, a) === identityOf(column, b) : rawText(a) === rawText(b);
  };

  // A file column of dates is read in the one day/month order its texts prove (see dateColumnOptions).
  const fileReads = new Map<number, ReadOptions>();
  const readOfFile = (f: number, column: ColumnSpec): ReadOptions => {
    if (!isDateType(column.type)) return read;
    let o = fileReads.get(f);
    if (!o) fileReads.set(f, (o = dateColumnOptions(read, input.fileRows, f)));
    return o;
  };
  const readRows: ReadRow[] = input.fileRows.map((fileRow, r) => {
    const line = input.lines?.[r] ?? r + 2;
    const values = new Map<number, unknown>();
    const reasons: string[] = [];
    mapping.forEach((target, f) => {
      if (!target) return;
      const at = targetIndex(target);
      const raw = fileRow[f];
      if (at === undefined || isBlank(raw)) return;
      const column: ColumnSpec | undefined = columnOf.get(target);
      if (typeof raw === "string" && raw.length > SHEETS_MAX_CELL_CHARS) {
        reasons.push(tooLongReason(column?.header[lang] ?? target.replace(/^custom:/, ""), raw.length, lang));
        return;
      }
      if (!column) {
        values.set(at, typeof raw === "string" ? raw.trim() : raw);
        return;
      }
      const columnRead = readOfFile(f, column);
      const bad = cellProblem(column.type, column, raw, columnRead);
      if (bad) {
        const label = column.header[lang];
        const message = problemMessage(bad.rule, lang, { column: label, value: shown(raw), ...bad.slots });
        reasons.push(`${label} "${shown(raw)}": ${message}`);
        return;
      }
      const clean = safeValue(column.type, column, input.sheetHeaders[at], raw, columnRead);
      values.set(at, clean === undefined ? (typeof raw === "string" ? raw.trim() : raw) : clean);
    });
    for (const column of spec.columns) {
      if (!column.required || (spec.key === "Customers" && column.key === spec.idColumn)) continue;
      const at = sheetMap.index.get(column.key);
      if (at === undefined || !values.has(at))
        reasons.push(problemMessage("required", lang, { column: column.header[lang] }));
    }
    const cid = sheetMap.index.get("CustomerID");
    if (spec.key !== "Customers" && input.knownCustomerIds && cid !== undefined && values.has(cid)) {
      if (!input.knownCustomerIds.has(customerIdKey(values.get(cid))))
        reasons.push(problemMessage("unknown-customer", lang, { value: String(values.get(cid)) }));
    }
    return reasons.length ? { line, reason: reasons.join("; ") } : { line, values };
  });

  const appends: unknown[][] = [];
  const updates = new Map<number, unknown[]>();
  const rejected: { line: number; reason: string }[] = [];
  const counts = { skipped: 0, present: 0, changed: 0 };
  const valid = readRows.filter((r): r is Extract<ReadRow, { values: unknown }> => "values" in r);
  const appendRow = (values: ReadonlyMap<number, unknown>) => {
    const row = Array.from({ length: width }, (_, i) => (values.has(i) ? values.get(i) : ""));
    stamp(row, sheetMap.index, input.now, true);
    appends.push(row);
    return row;
  };
  const existing = (r: number) => updates.get(r) ?? [...padded(input.sheetRows[r], width)];

  const identity = LINE_IDENTITY[spec.key];
  if (identity) {
    const mapped = new Set(
      mapping.map((t) => (t ? targetIndex(t) : undefined)).filter((i): i is number => i !== undefined),
    );
    const matches =
      input.dedupe === "add"
        ? valid.map((): LineMatch => ({ kind: "new" }))
        : matchLines({
            identity,
            index: sheetMap.index,
            columns: compared,
            mapped,
            sheetRows: input.sheetRows,
            lines: valid.map((r) => r.values),
            identityOf,
          });
    valid.forEach(({ values }, n) => {
      const match = matches[n];
      if (match.kind === "new") return void appendRow(values);
      counts[match.kind]++;
      if (match.kind === "present" || input.dedupe === "skip") return void counts.skipped++;
      // A changed line: the add-on's columns take the file's values; the sheet's own columns stay.
      const row = existing(match.row);
      for (const [i, v] of values) if (compared.has(i)) row[i] = v;
      updates.set(match.row, row);
    });
  } else {
    planCustomers();
  }
  for (const r of readRows) if ("reason" in r) rejected.push({ line: r.line, reason: r.reason });
  rejected.sort((a, b) => a.line - b.line);

  function planCustomers(): void {
    const matches = new Map<string, { kind: "existing" | "new"; index: number }>();
    const indexRow = (row: readonly unknown[], kind: "existing" | "new", index: number) => {
      const get = (key: string) => {
        const i = sheetMap.index.get(key);
        return i === undefined ? "" : row[i];
      };
      for (const k of matchKeys(spec, get)) if (!matches.has(k)) matches.set(k, { kind, index });
    };
    input.sheetRows.forEach((row, i) => indexRow(row, "existing", i));
    const idIndex = spec.idColumn ? sheetMap.index.get(spec.idColumn) : undefined;
    const needIds: unknown[][] = [];
    for (const { values } of valid) {
      const get = (key: string) => {
        const i = sheetMap.index.get(key);
        return i === undefined ? "" : values.get(i);
      };
      const match =
        input.dedupe === "add"
          ? undefined
          : matchKeys(spec, get)
              .map((k) => matches.get(k))
              .find(Boolean);
      if (match) {
        const current = match.kind === "new" ? appends[match.index] : existing(match.index);
        // The ID is never rewritten (a match by e-mail keeps the row's ID), so it does not make a change.
        const differs = [...values].some(
          ([i, v]) => !(i === idIndex && !isBlank(current[i])) && !sameAs(i, v, current[i]),
        );
        if (!differs) {
          counts.present++;
          counts.skipped++;
          continue;
        }
        counts.changed++;
        if (input.dedupe === "skip") {
          counts.skipped++;
          continue;
        }
        for (const [i, v] of values) if (i !== idIndex || isBlank(current[i])) current[i] = v;
        stamp(current, sheetMap.index, input.now, false);
        if (match.kind === "existing") updates.set(match.index, current);
        continue;
      }
      const row = appendRow(values);
      // In "add" mode a file ID already taken is given up for a fresh one.
      if (idIndex !== undefined && !isBlank(row[idIndex]) && matchKeys(spec, get).some((k) => matches.has(k)))
        row[idIndex] = "";
      if (idIndex !== undefined && isBlank(row[idIndex])) needIds.push(row);
      indexRow(row, "new", appends.length - 1);
    }
    if (needIds.length && idIndex !== undefined) {
      const ids = [...input.sheetRows, ...appends].map((row) => row[idIndex]);
      nextCustomerIds(ids, needIds.length).forEach((id, i) => (needIds[i][idIndex] = id));
    }
  }

  const report: ImportReport = {
    added: appends.length,
    updated: updates.size,
    ...counts,
    rejected,
  };
  return { report, appends, updates };
}

/** A value as a reason quotes it: at most 80 characters, so a long bad cell does not swell the report. */
function shown(raw: unknown): string {
  const text = String(raw);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function tooLongReason(label: string, length: number, lang: Lang): string {
  const limit = grouped(SHEETS_MAX_CELL_CHARS);
  return lang === "zh-CN"
    ? `${label}：${length} 个字符，超过 Google 表格单元格的上限 ${limit}`
    : `${label}: ${length} characters, more than a Google Sheets cell holds (${limit})`;
}

function padded(row: readonly unknown[], width: number): unknown[] {
  return Array.from({ length: width }, (_, i) => (row[i] === undefined ? "" : row[i]));
}

function stamp(row: unknown[], index: ReadonlyMap<string, number>, now: unknown, isNew: boolean): void {
  if (now === undefined) return;
  const created = index.get("CreatedAt");
  const updatedAt = index.get("UpdatedAt");
  if (isNew && created !== undefined && isBlank(row[created])) row[created] = now;
  if (updatedAt !== undefined) row[updatedAt] = now;
}
