import { enumOption, mapHeaders, normalizeLabel } from "../schema/headers";
import { CUSTOMERS } from "../schema/sheets";
import type { ColumnSpec, Lang } from "../schema/types";
import type { EvaluatedSelection } from "./query";

/** Columns the customer browser lists, searches, filters and sorts. */
export const LIST_COLUMNS = [
  "CustomerID",
  "Name",
  "ContactName",
  "Phone",
  "Email",
  "CustomerType",
  "Status",
  "Region",
  "Owner",
  "Segment",
  "ABC",
  "Lifecycle",
  "Monetary",
  "OpportunityAmount",
  "LastInteraction",
  "ChurnRisk",
  "Tags",
] as const;
export type ListColumn = (typeof LIST_COLUMNS)[number];

/** Columns offered as filters; enum columns filter by option key, the others by exact (folded) text. */
export const FILTER_COLUMNS = [
  "CustomerType",
  "Status",
  "Region",
  "Segment",
  "ABC",
  "Lifecycle",
  "Owner",
] as const;
export type FilterColumn = (typeof FILTER_COLUMNS)[number];

/** A cell as the browser keeps it: text, a number, or null for an empty cell. */
export type CellValue = string | number | null;

/** One customer row of the index. */
export interface IndexedCustomer {
  /** 1-based sheet row. */
  readonly row: number;
  readonly id: string;
  /** Display values; enum cells hold the option key when the cell names one, else the raw text. */
  readonly values: Readonly<Record<ListColumn, CellValue>>;
  /** Folded text of the searchable columns, joined by "\u0001". */
  readonly haystack: string;
  /** Digits of the phone number, for searches typed with other separators. */
  readonly phoneDigits: string;
}

/**
 * One filter column, dictionary-encoded: `codes[i]` is the code of customer i's value (-1 when empty),
 * `keys[code]` its comparison form (see filterKey) and `values[code]` the first value seen with it.
 * Counting facets and filtering then touch typed arrays only, which keeps 100,000 rows fast.
 */
export interface FilterDictionary {
  readonly codes: Int32Array;
  readonly keys: readonly string[];
  readonly values: readonly CellValue[];
  readonly codeOf: ReadonlyMap<string, number>;
}

/** Everything the browser needs to answer queries without reading the sheet again. */
export interface CustomerIndex {
  readonly customers: readonly IndexedCustomer[];
  /** Which list columns the sheet has (others are always null). */
  readonly present: ReadonlySet<ListColumn>;
  readonly byId: ReadonlyMap<string, IndexedCustomer>;
  readonly filters: Readonly<Record<FilterColumn, FilterDictionary>>;
  /** Memoised sort permutations, filled lazily by the query engine ("column:dir:lang" → positions). */
  readonly sortCache: Map<string, Int32Array>;
  /** Recent selections (matches and facets) of the query engine, oldest first. */
  readonly queryCache: Map<string, EvaluatedSelection>;
}

const SEARCHABLE: readonly ListColumn[] = ["CustomerID", "Name", "ContactName", "Phone", "Email", "Tags"];

/** Folds text for search: NFKC (full-width → half-width), lower case, trimmed. */
export function foldText(text: string): string {
  return text.normalize("NFKC").toLowerCase().trim();
}

function columnSpec(key: string): ColumnSpec {
  return CUSTOMERS.columns.find((c) => c.key === key)!;
}

/**
 * Turns one sheet cell into the browser's value. Dates go through `dateToIso` (the caller owns the time
 * zone); numeric columns keep numbers and parse numeric text; enum cells become their option key.
 */
export function cellValue(column: ColumnSpec, raw: unknown, dateToIso: (d: Date) => string): CellValue {
  if (raw === null || raw === undefined || raw === "") return null;
  if (raw instanceof Date) return isNaN(raw.getTime()) ? null : dateToIso(raw);
  const numeric = column.type === "currency" || column.type === "number" || column.type === "integer";
  if (numeric) {
    if (typeof raw === "number") return raw;
    const n = Number(String(raw).replace(/[,\s¥$￥]/g, ""));
    return Number.isFinite(n) ? n : String(raw);
  }
  if (column.type === "enum") return enumOption(column, raw)?.key ?? String(raw).trim();
  return String(raw).trim();
}

/**
 * Builds the index from one read of the Customers sheet (header row + data rows; row i of `rows` is sheet
 * row i + 2). Rows without an ID and a name (blank rows) are skipped. Duplicate IDs: the first row wins
 * in `byId`, every row stays listed.
 */
export function buildCustomerIndex(
  headers: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  dateToIso: (d: Date) => string,
): CustomerIndex {
  const map = mapHeaders(CUSTOMERS, headers);
  const columns = LIST_COLUMNS.map((key) => {
    const spec = columnSpec(key);
    // Enum cells repeat a handful of spellings: parse each spelling once.
    const memo = spec.type === "enum" ? new Map<string, CellValue>() : null;
    return { key, spec, at: map.index.get(key), memo };
  });
  const present = new Set(columns.filter((c) => c.at !== undefined).map((c) => c.key));
  const read = (c: (typeof columns)[number], cells: readonly unknown[]): CellValue => {
    if (c.at === undefined) return null;
    const raw = cells[c.at];
    if (c.memo && typeof raw === "string") {
      let v = c.memo.get(raw);
      if (v === undefined) {
        v = cellValue(c.spec, raw, dateToIso);
        c.memo.set(raw, v);
      }
      return v;
    }
    return cellValue(c.spec, raw, dateToIso);
  };
  const customers: IndexedCustomer[] = [];
  const byId = new Map<string, IndexedCustomer>();
  const searchable = SEARCHABLE.map((k) => columns.find((c) => c.key === k)!);
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r];
    const values = {} as Record<ListColumn, CellValue>;
    for (const c of columns) values[c.key] = read(c, cells);
    const id = values.CustomerID === null ? "" : String(values.CustomerID);
    if (!id && values.Name === null) continue;
    // One fold per row: NFKC per field would cost six normalisations a row.
    const haystack = foldText(
      searchable.map((c) => (values[c.key] === null ? "" : String(values[c.key]))).join("\u0001"),
    );
    const phoneDigits = values.Phone === null ? "" : String(values.Phone).replace(/\D/g, "");
    const customer: IndexedCustomer = { row: r + 2, id, values, haystack, phoneDigits };
    customers.push(customer);
    if (id && !byId.has(id)) byId.set(id, customer);
  }
  const filters = {} as Record<FilterColumn, FilterDictionary>;
  for (const f of FILTER_COLUMNS) filters[f] = dictionary(customers, f);
  return { customers, present, byId, filters, sortCache: new Map(), queryCache: new Map() };
}

function dictionary(customers: readonly IndexedCustomer[], column: FilterColumn): FilterDictionary {
  const codes = new Int32Array(customers.length);
  const keys: string[] = [];
  const values: CellValue[] = [];
  const codeOf = new Map<string, number>();
  // Raw value → code, so filterKey's normalisation runs once per distinct value.
  const byRaw = new Map<CellValue, number>();
  for (let i = 0; i < customers.length; i++) {
    const v = customers[i].values[column];
    if (v === null) {
      codes[i] = -1;
      continue;
    }
    let code = byRaw.get(v);
    if (code === undefined) {
      const key = filterKey(column, v);
      code = codeOf.get(key);
      if (code === undefined) {
        code = keys.length;
        keys.push(key);
        values.push(v);
        codeOf.set(key, code);
      }
      byRaw.set(v, code);
    }
    codes[i] = code;
  }
  return { codes, keys, values, codeOf };
}

/** The label a list value shows in `lang`: enum keys become their option label, the rest is text. */
export function displayValue(column: ListColumn, value: CellValue, lang: Lang): string {
  if (value === null) return "";
  const spec = columnSpec(column);
  if (spec.type === "enum" && typeof value === "string") {
    const option = spec.options?.find((o) => o.key === value);
    if (option) return option.label[lang];
  }
  return String(value);
}

/** The comparison form of a filter value (enum keys stay as they are; other text is folded). */
export function filterKey(column: FilterColumn, value: CellValue): string {
  if (value === null) return "";
  return columnSpec(column).type === "enum" ? String(value) : normalizeLabel(String(value));
}
