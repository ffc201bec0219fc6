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
  /** One display value (cheaper than `values`, which builds the whole record). */
  get(key: ListColumn): CellValue;
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
  /** The customer on a sheet row (undefined for a blank row or one outside the index). */
  byRow(row: number): IndexedCustomer | undefined;
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
 * row i + 2, or `rowNumbers[i]` when given). Rows without an ID and a name (blank rows) are skipped.
 * Duplicate IDs: the first row wins in `byId`, every row stays listed.
 */
export function buildCustomerIndex(
  headers: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  dateToIso: (d: Date) => string,
  rowNumbers?: readonly number[],
): CustomerIndex {
  const map = mapHeaders(CUSTOMERS, headers);
  const present = LIST_COLUMNS.filter((key) => map.index.has(key));
  const columns: Partial<Record<ListColumn, readonly CellValue[]>> = {};
  for (const key of present) {
    const at = map.index.get(key)!;
    columns[key] = listColumnValues(
      key,
      rows.map((r) => r[at]),
      dateToIso,
    );
  }
  return indexFromColumns(columns, rows.length, rowNumbers);
}

/** One list column as the browser keeps it, from the raw cells of the sheet's column (see sheetColumnValues). */
export function listColumnValues(
  key: ListColumn,
  raw: readonly unknown[],
  dateToIso: (d: Date) => string,
): CellValue[] {
  return sheetColumnValues(columnSpec(key), raw, dateToIso);
}

/**
 * The raw cells of one column of any canonical sheet as cell values (see cellValue). Enum cells repeat a
 * handful of spellings, so each spelling is parsed once.
 */
export function sheetColumnValues(
  spec: ColumnSpec,
  raw: readonly unknown[],
  dateToIso: (d: Date) => string,
): CellValue[] {
  const memo = spec.type === "enum" ? new Map<string, CellValue>() : null;
  const out = new Array<CellValue>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const cell = raw[i];
    if (memo && typeof cell === "string") {
      let v = memo.get(cell);
      if (v === undefined) {
        v = cellValue(spec, cell, dateToIso);
        memo.set(cell, v);
      }
      out[i] = v;
    } else out[i] = cellValue(spec, cell, dateToIso);
  }
  return out;
}

/**
 * Builds the index from list columns already converted (listColumnValues): `columns[key][i]` is the value
 * of sheet row i + 2; a column absent from `columns` is absent from the sheet. `height` is the number of
 * data rows. Rows without an ID and a name (blank rows) are skipped; duplicate IDs: the first row wins in
 * `byId`, every row stays listed. `rowNumbers[i]`, when given, is the sheet row of value i (default i + 2).
 */
export function indexFromColumns(
  columns: Readonly<Partial<Record<ListColumn, readonly CellValue[]>>>,
  height: number,
  rowNumbers?: readonly number[],
): CustomerIndex {
  const present = new Set(LIST_COLUMNS.filter((key) => columns[key] !== undefined));
  const ids = columns.CustomerID;
  const names = columns.Name;
  const customers: IndexedCustomer[] = [];
  for (let r = 0; r < height; r++) {
    const idValue = ids?.[r] ?? null;
    const id = idValue === null ? "" : String(idValue);
    if (!id && (names?.[r] ?? null) === null) continue;
    customers.push(new ColumnRow(columns, r, id, rowNumbers ? rowNumbers[r] : r + 2));
  }
  let byId: Map<string, IndexedCustomer> | null = null;
  let byRow: Map<number, IndexedCustomer> | null = null;
  const filters = {} as Record<FilterColumn, FilterDictionary>;
  for (const f of FILTER_COLUMNS) filters[f] = dictionary(customers, f);
  return {
    customers,
    present,
    // Built on first use: a page never needs it, a portrait or a batch edit does.
    get byId() {
      if (!byId) {
        byId = new Map();
        for (const c of customers) if (c.id && !byId.has(c.id)) byId.set(c.id, c);
      }
      return byId;
    },
    byRow(row: number) {
      if (!byRow) byRow = new Map(customers.map((c) => [c.row, c]));
      return byRow.get(row);
    },
    filters,
    sortCache: new Map(),
    queryCache: new Map(),
  };
}

/**
 * A customer read from the index's columns on demand: the record of all values, the search text (NFKC
 * folding is the dearest step) and the phone digits are made only for the rows a query looks at, so an
 * index of 100,000 rows costs little more than its columns.
 */
class ColumnRow implements IndexedCustomer {
  readonly row: number;
  private cachedValues: Record<ListColumn, CellValue> | null = null;
  private cachedHaystack: string | null = null;
  private cachedDigits: string | null = null;

  constructor(
    private readonly columns: Readonly<Partial<Record<ListColumn, readonly CellValue[]>>>,
    private readonly at: number,
    readonly id: string,
    row: number,
  ) {
    this.row = row;
  }

  get(key: ListColumn): CellValue {
    const v = this.columns[key]?.[this.at];
    return v === undefined ? null : v;
  }

  get values(): Readonly<Record<ListColumn, CellValue>> {
    if (!this.cachedValues) {
      const values = {} as Record<ListColumn, CellValue>;
      for (const key of LIST_COLUMNS) values[key] = this.get(key);
      this.cachedValues = values;
    }
    return this.cachedValues;
  }

  get haystack(): string {
    if (this.cachedHaystack === null) {
      // One fold per row: NFKC per field would cost six normalisations a row.
      this.cachedHaystack = foldText(
        SEARCHABLE.map((k) => {
          const v = this.get(k);
          return v === null ? "" : String(v);
        }).join("\u0001"),
      );
    }
    return this.cachedHaystack;
  }

  get phoneDigits(): string {
    if (this.cachedDigits === null) {
      const phone = this.get("Phone");
      this.cachedDigits = phone === null ? "" : String(phone).replace(/\D/g, "");
    }
    return this.cachedDigits;
  }
}

function dictionary(customers: readonly IndexedCustomer[], column: FilterColumn): FilterDictionary {
  const codes = new Int32Array(customers.length);
  const keys: string[] = [];
  const values: CellValue[] = [];
  const codeOf = new Map<string, number>();
  // Raw value → code, so filterKey's normalisation runs once per distinct value.
  const byRaw = new Map<CellValue, number>();
  for (let i = 0; i < customers.length; i++) {
    const v = customers[i].get(column);
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
