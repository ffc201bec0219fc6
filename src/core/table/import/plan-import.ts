import { columnForHeader, mapHeaders, normalizeLabel } from "../../schema/headers";
import type { ColumnSpec, Lang, SheetSpec } from "../../schema/types";
import { nextCustomerIds } from "../ids/customer-ids";
import { isBlank } from "../parse";
import { safeValue } from "../fix/propose-fixes";
import { problemMessage } from "../validate/messages";
import { uniqueKey } from "../validate/read-cell";
import { cellProblem, customerIdKey } from "../validate/validate-table";
import { grouped, SHEETS_MAX_CELL_CHARS } from "./caps";

/** What to do with an incoming row that matches an existing one. */
export type DedupeMode = "skip" | "update" | "add";

/**
 * Where each file column goes, by position: a schema column key, `custom:<header>` for one of the sheet's
 * own columns, or null to leave it out.
 */
export type ImportMapping = readonly (string | null)[];

export interface ImportReport {
  readonly added: number;
  readonly updated: number;
  readonly skipped: number;
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

/**
 * Plans an import without touching anything: maps file columns, cleans each value as "Fix what is safe"
 * does, rejects rows with unreadable values, missing required cells or unknown customers (with reasons in
 * `lang`), then de-duplicates against existing rows and earlier file rows by CustomerID, then e-mail, then
 * phone (Customers; other sheets by their ID column): "skip" leaves the match, "update" overwrites its
 * mapped cells with the file's non-blank values, "add" appends anyway. Customers added without an ID get
 * the next free IDs; CreatedAt/UpdatedAt get `now`. Unmapped columns (the sheet's own columns included) of
 * existing rows are never changed. Values are the cells' values, not entries: text such as "=IMAGE(…)"
 * stays that text here, and the writer (gas/platform/write-values) stores it so Sheets keeps it as text
 * (marking it here as well stored a visible "'" in the cell).
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

  const matches = new Map<string, { kind: "existing" | "new"; index: number }>();
  const indexRow = (row: readonly unknown[], kind: "existing" | "new", index: number) => {
    const get = (key: string) => {
      const i = sheetMap.index.get(key);
      return i === undefined ? "" : row[i];
    };
    for (const k of matchKeys(spec, get)) if (!matches.has(k)) matches.set(k, { kind, index });
  };
  input.sheetRows.forEach((row, i) => indexRow(row, "existing", i));

  const appends: unknown[][] = [];
  const updates = new Map<number, unknown[]>();
  const rejected: { line: number; reason: string }[] = [];
  let updated = 0;
  let skipped = 0;
  const idIndex = spec.idColumn ? sheetMap.index.get(spec.idColumn) : undefined;
  const needIds: unknown[][] = [];

  input.fileRows.forEach((fileRow, r) => {
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
      const bad = cellProblem(column.type, column, raw, read);
      if (bad) {
        const label = column.header[lang];
        const message = problemMessage(bad.rule, lang, { column: label, value: shown(raw), ...bad.slots });
        reasons.push(`${label} "${shown(raw)}": ${message}`);
        return;
      }
      const clean = safeValue(column.type, column, input.sheetHeaders[at], raw, read);
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
    if (reasons.length) {
      rejected.push({ line, reason: reasons.join("; ") });
      return;
    }
    const get = (key: string) => {
      const i = sheetMap.index.get(key);
      return i === undefined ? "" : values.get(i);
    };
    const match = matchKeys(spec, get)
      .map((k) => matches.get(k))
      .find(Boolean);
    if (match && input.dedupe === "skip") {
      skipped++;
      return;
    }
    if (match && input.dedupe === "update") {
      const base =
        match.kind === "new"
          ? appends[match.index]
          : (updates.get(match.index) ?? [...padded(input.sheetRows[match.index], width)]);
      for (const [i, v] of values) if (i !== idIndex || isBlank(base[i])) base[i] = v;
      stamp(base, sheetMap.index, input.now, false);
      if (match.kind === "existing") {
        if (!updates.has(match.index)) updated++;
        updates.set(match.index, base);
      }
      return;
    }
    const row = Array.from({ length: width }, (_, i) => (values.has(i) ? values.get(i) : ""));
    if (idIndex !== undefined && match && !isBlank(row[idIndex]) && spec.key === "Customers")
      row[idIndex] = "";
    stamp(row, sheetMap.index, input.now, true);
    appends.push(row);
    if (spec.key === "Customers" && idIndex !== undefined && isBlank(row[idIndex])) needIds.push(row);
    indexRow(row, "new", appends.length - 1);
  });

  if (needIds.length && idIndex !== undefined) {
    const existing = [...input.sheetRows, ...appends].map((row) => row[idIndex]);
    nextCustomerIds(existing, needIds.length).forEach((id, i) => (needIds[i][idIndex] = id));
  }
  return { report: { added: appends.length, updated, skipped, rejected }, appends, updates };
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
