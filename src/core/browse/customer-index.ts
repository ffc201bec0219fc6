import { enumOption, mapHeaders, normalizeLabel } from "../schema/headers";
import { CUSTOMERS } from "../schema/sheets";
import type { ColumnSpec, Lang } from "../schema/types";

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
  /** Comparison form of each filter column (see filterKey), computed once. */
  readonly filterKeys: Readonly<Record<FilterColumn, string>>;
}

/** Everything the browser needs to answer queries without reading the sheet again. */
export interface CustomerIndex {
  readonly customers: readonly IndexedCustomer[];
  /** Which list columns the sheet has (others are always null). */
  readonly present: ReadonlySet<ListColumn>;
  readonly byId: ReadonlyMap<string, IndexedCustomer>;
  /** Memoised sort permutations, filled lazily by the query engine ("column:dir" → positions). */
  readonly sortCache: Map<string, Int32Array>;
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
  const columns = LIST_COLUMNS.map((key) => ({ key, spec: columnSpec(key), at: map.index.get(key) }));
  const present = new Set(columns.filter((c) => c.at !== undefined).map((c) => c.key));
  const customers: IndexedCustomer[] = [];
  const byId = new Map<string, IndexedCustomer>();
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r];
    const values = {} as Record<ListColumn, CellValue>;
    for (const c of columns)
      values[c.key] = c.at === undefined ? null : cellValue(c.spec, cells[c.at], dateToIso);
    const id = values.CustomerID === null ? "" : String(values.CustomerID);
    if (!id && values.Name === null) continue;
    const haystack = SEARCHABLE.map((k) => (values[k] === null ? "" : foldText(String(values[k])))).join(
      "\u0001",
    );
    const phoneDigits = values.Phone === null ? "" : String(values.Phone).replace(/\D/g, "");
    const filterKeys = {} as Record<FilterColumn, string>;
    for (const f of FILTER_COLUMNS) filterKeys[f] = filterKey(f, values[f]);
    const customer: IndexedCustomer = { row: r + 2, id, values, haystack, phoneDigits, filterKeys };
    customers.push(customer);
    if (id && !byId.has(id)) byId.set(id, customer);
  }
  return { customers, present, byId, sortCache: new Map() };
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
