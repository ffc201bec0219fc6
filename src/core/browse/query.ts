import {
  FILTER_COLUMNS,
  LIST_COLUMNS,
  displayValue,
  filterKey,
  foldText,
  type CellValue,
  type CustomerIndex,
  type FilterColumn,
  type IndexedCustomer,
  type ListColumn,
} from "./customer-index";
import type { Lang } from "../schema/types";

export type SortDirection = "asc" | "desc";

/** What the customer list shows: a search, filters (exact values), one sort column, and a page. */
export interface CustomerQuery {
  readonly search: string;
  readonly filters: Readonly<Partial<Record<FilterColumn, string>>>;
  readonly sort: { readonly column: ListColumn; readonly direction: SortDirection } | null;
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
}

export const PAGE_SIZES = [25, 50, 100] as const;
export const MAX_PAGE_SIZE = 200;
/** Facets list the most frequent values only; a 300 px sidebar cannot show more usefully. */
export const MAX_FACET_VALUES = 100;

/** One value a filter can take, with how many customers (matching the other filters and search) have it. */
export interface FacetValue {
  readonly value: string;
  readonly label: string;
  readonly count: number;
}

export interface QueryResult {
  readonly customers: readonly IndexedCustomer[];
  readonly total: number;
  /** The page actually returned: clamped into 1..pageCount. */
  readonly page: number;
  readonly pageSize: number;
  readonly pageCount: number;
  readonly facets: Readonly<Record<FilterColumn, readonly FacetValue[]>>;
}

/** Thrown for a query the engine cannot run; the message is for the user. */
export class QueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "QueryError";
  }
}

/** Checks a query from the client; unknown columns or a silly page size are errors, not silent defaults. */
export function validateQuery(query: CustomerQuery): void {
  if (typeof query.search !== "string") throw new QueryError("search must be text");
  for (const key of Object.keys(query.filters ?? {}))
    if (!(FILTER_COLUMNS as readonly string[]).includes(key)) throw new QueryError(`unknown filter ${key}`);
  if (query.sort && !(LIST_COLUMNS as readonly string[]).includes(query.sort.column))
    throw new QueryError(`unknown sort column ${query.sort.column}`);
  if (query.sort && query.sort.direction !== "asc" && query.sort.direction !== "desc")
    throw new QueryError(`sort direction must be asc or desc`);
  if (!Number.isInteger(query.pageSize) || query.pageSize < 1 || query.pageSize > MAX_PAGE_SIZE)
    throw new QueryError(`page size must be 1..${MAX_PAGE_SIZE}`);
  if (!Number.isInteger(query.page) || query.page < 1) throw new QueryError("page must be 1 or more");
}

/**
 * Whether a customer matches the search: every whitespace-separated term must occur in the folded ID,
 * name, contact, phone, e-mail or tags (substring, so Chinese needs no word breaks); a term of 3+ digits
 * also matches the phone number's digits whatever separators either side used.
 */
export function matchesSearch(customer: IndexedCustomer, terms: readonly string[]): boolean {
  for (const term of terms) {
    if (customer.haystack.includes(term)) continue;
    const digits = term.replace(/\D/g, "");
    if (digits.length >= 3 && digits.length >= term.replace(/[\s\-+().]/g, "").length) {
      if (customer.phoneDigits.includes(digits)) continue;
    }
    return false;
  }
  return true;
}

export function searchTerms(search: string): string[] {
  return foldText(search).split(/\s+/).filter(Boolean);
}

function compareValues(a: CellValue, b: CellValue, collator: Intl.Collator): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1; // numbers before stray text in a numeric column
  if (typeof b === "number") return 1;
  return collator.compare(a as string, b as string);
}

/** Text order for `lang`: pinyin for zh-CN, numeric-aware, case-insensitive. */
export function collatorFor(lang: Lang): Intl.Collator {
  return new Intl.Collator(lang === "zh-CN" ? "zh-CN" : "en", { numeric: true, sensitivity: "base" });
}

/**
 * Positions of `index.customers` sorted by one column, memoised in the index. Stable (ties keep sheet
 * order in both directions); empty cells sort last in both directions; text compares with a
 * locale collator (pinyin order for zh-CN), numeric-aware.
 */
export function sortedPositions(
  index: CustomerIndex,
  column: ListColumn,
  direction: SortDirection,
  lang: Lang,
): Int32Array {
  const key = `${column}:${direction}:${lang}`;
  const cached = index.sortCache.get(key);
  if (cached) return cached;
  const collator = new Intl.Collator(lang === "zh-CN" ? "zh-CN" : "en", {
    numeric: true,
    sensitivity: "base",
  });
  const list = index.customers;
  const keys = list.map((c) => {
    const v = c.values[column];
    // Enum keys sort by the label the user sees.
    return typeof v === "string" ? displayValue(column, v, lang) : v;
  });
  const positions = Array.from({ length: list.length }, (_, i) => i);
  const sign = direction === "asc" ? 1 : -1;
  positions.sort((i, j) => {
    const a = keys[i];
    const b = keys[j];
    if (a === null || b === null) return a === b ? i - j : a === null ? 1 : -1;
    return sign * compareValues(a, b, collator) || i - j;
  });
  const result = Int32Array.from(positions);
  index.sortCache.set(key, result);
  return result;
}

function passesFilters(
  c: IndexedCustomer,
  filters: readonly (readonly [FilterColumn, string])[],
  skip?: FilterColumn,
): boolean {
  for (const [column, wanted] of filters) {
    if (column === skip) continue;
    if (c.filterKeys[column] !== wanted) return false;
  }
  return true;
}

/** The search, filter and sort part of a query: what a view or an export selects. */
export type CustomerSelection = Pick<CustomerQuery, "search" | "filters" | "sort">;

interface Selected {
  /** Positions (into index.customers) matching search and filters, in sort order. */
  readonly matched: readonly number[];
  /** Positions matching the search only, in sort order (for facet counts). */
  readonly searched: readonly number[];
  readonly filters: readonly (readonly [FilterColumn, string])[];
}

function select(
  index: CustomerIndex,
  selection: CustomerSelection,
  lang: Lang,
  visible: (c: IndexedCustomer) => boolean,
): Selected {
  const terms = searchTerms(selection.search ?? "");
  const filters = Object.entries(selection.filters ?? {})
    .filter(([, v]) => v !== undefined && v !== "")
    .map(
      ([k, v]) =>
        [k as FilterColumn, filterKey(k as FilterColumn, v as string)] as readonly [FilterColumn, string],
    );
  const positions = selection.sort
    ? sortedPositions(index, selection.sort.column, selection.sort.direction, lang)
    : null;
  const list = index.customers;
  const searched: number[] = [];
  for (let k = 0; k < list.length; k++) {
    const i = positions ? positions[k] : k;
    const c = list[i];
    if (visible(c) && (terms.length === 0 || matchesSearch(c, terms))) searched.push(i);
  }
  const matched = filters.length ? searched.filter((i) => passesFilters(list[i], filters)) : searched;
  return { matched, searched, filters };
}

/** Every customer a selection picks, in its sort order (for exports). */
export function selectAll(
  index: CustomerIndex,
  selection: CustomerSelection,
  lang: Lang,
  visible: (c: IndexedCustomer) => boolean = () => true,
): IndexedCustomer[] {
  return select(index, selection, lang, visible).matched.map((i) => index.customers[i]);
}

/**
 * Runs a query: search, then filters, then sort, then the page (clamped to the last page). Also counts
 * facet values: each filter's counts honour the search and every *other* filter, so a user sees what
 * picking a value would give. `visible` restricts the book (e.g. a sales rep's own customers) first.
 */
export function runQuery(
  index: CustomerIndex,
  query: CustomerQuery,
  lang: Lang,
  visible: (c: IndexedCustomer) => boolean = () => true,
): QueryResult {
  validateQuery(query);
  const { matched, searched, filters } = select(index, query, lang, visible);
  const list = index.customers;
  const facets = {} as Record<FilterColumn, FacetValue[]>;
  const collator = collatorFor(lang);
  for (const column of FILTER_COLUMNS) {
    const counts = new Map<string, { value: CellValue; count: number }>();
    for (const i of searched) {
      const c = list[i];
      if (!passesFilters(c, filters, column)) continue;
      const v = c.values[column];
      if (v === null) continue;
      const k = c.filterKeys[column];
      const entry = counts.get(k);
      if (entry) entry.count++;
      else counts.set(k, { value: v, count: 1 });
    }
    facets[column] = [...counts.values()]
      .map((e) => ({ value: String(e.value), label: displayValue(column, e.value, lang), count: e.count }))
      .sort((a, b) => b.count - a.count || collator.compare(a.label, b.label))
      .slice(0, MAX_FACET_VALUES);
  }
  const total = matched.length;
  const pageCount = Math.max(1, Math.ceil(total / query.pageSize));
  const page = Math.min(query.page, pageCount);
  const start = (page - 1) * query.pageSize;
  const customers = matched.slice(start, start + query.pageSize).map((i) => list[i]);
  return { customers, total, page, pageSize: query.pageSize, pageCount, facets };
}
