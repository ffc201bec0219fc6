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
  /** Sheet rows of every match, in the query's order (what a later page of the same query shows). */
  readonly matchedRows: readonly number[];
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

/** Text order for `lang`: pinyin for zh-CN, numeric-aware, case-insensitive. */
export function collatorFor(lang: Lang): Intl.Collator {
  return new Intl.Collator(lang === "zh-CN" ? "zh-CN" : "en", { numeric: true, sensitivity: "base" });
}

/**
 * Sort ranks of one column: numbers before stray text, text in collator order; equal values share a rank;
 * -1 for empty. Distinct texts are ordered once, so a column of 100,000 repeated names costs far fewer
 * collator comparisons than sorting the rows by text would.
 */
function sortRanks(index: CustomerIndex, column: ListColumn, lang: Lang): Float64Array {
  const list = index.customers;
  const ranks = new Float64Array(list.length);
  const texts = new Set<string>();
  let maxNumber = -Infinity;
  for (const c of list) {
    const v = c.get(column);
    if (typeof v === "string") texts.add(displayValue(column, v, lang));
    else if (typeof v === "number" && v > maxNumber) maxNumber = v;
  }
  const collator = collatorFor(lang);
  const ordered = [...texts].sort(collator.compare);
  const textRank = new Map<string, number>();
  // Collator-equal texts ("Acme" / "ACME") share a rank so ties stay in sheet order.
  let rank = 0;
  ordered.forEach((t, i) => {
    if (i > 0 && collator.compare(ordered[i - 1], t) !== 0) rank++;
    textRank.set(t, rank);
  });
  // Text ranks sit above every number (numbers first in ascending order).
  const textBase = Number.isFinite(maxNumber) ? maxNumber + 1 : 0;
  for (let i = 0; i < list.length; i++) {
    const v = list[i].get(column);
    ranks[i] =
      v === null ? NaN : typeof v === "number" ? v : textBase + textRank.get(displayValue(column, v, lang))!;
  }
  return ranks;
}

/**
 * Positions of `index.customers` sorted by one column, memoised in the index. Stable (ties keep sheet
 * order in both directions); empty cells sort last in both directions; numbers compare numerically, text
 * with a locale collator (pinyin order for zh-CN), numeric-aware; enum cells by the label the user sees.
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
  const ranks = sortRanks(index, column, lang);
  const positions = Array.from({ length: ranks.length }, (_, i) => i);
  const sign = direction === "asc" ? 1 : -1;
  positions.sort((i, j) => {
    const a = ranks[i];
    const b = ranks[j];
    const aEmpty = a !== a;
    const bEmpty = b !== b;
    if (aEmpty || bEmpty) return aEmpty === bEmpty ? i - j : aEmpty ? 1 : -1;
    return a === b ? i - j : sign * (a < b ? -1 : 1);
  });
  const result = Int32Array.from(positions);
  index.sortCache.set(key, result);
  return result;
}

/** The search, filter and sort part of a query: what a view or an export selects. */
export type CustomerSelection = Pick<CustomerQuery, "search" | "filters" | "sort">;

interface ActiveFilter {
  readonly column: FilterColumn;
  readonly codes: Int32Array;
  /** The wanted code; -2 when no customer has the value (nothing matches). */
  readonly code: number;
}

interface Selected {
  /** Positions (into index.customers) matching search and filters, in sort order. */
  readonly matched: Int32Array;
  /** Positions matching the search, in sort order... */
  readonly searched: Int32Array;
  /** ...with a bit set for each active filter each one fails. */
  readonly failed: Uint8Array;
  readonly filters: readonly ActiveFilter[];
}

function select(
  index: CustomerIndex,
  selection: CustomerSelection,
  lang: Lang,
  visible: ((c: IndexedCustomer) => boolean) | null,
): Selected {
  const terms = searchTerms(selection.search ?? "");
  const filters: ActiveFilter[] = Object.entries(selection.filters ?? {})
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => {
      const column = k as FilterColumn;
      const dict = index.filters[column];
      return { column, codes: dict.codes, code: dict.codeOf.get(filterKey(column, v as string)) ?? -2 };
    });
  const positions = selection.sort
    ? sortedPositions(index, selection.sort.column, selection.sort.direction, lang)
    : null;
  const list = index.customers;
  const n = list.length;
  // Typed arrays sized once: no per-row allocation on a 100,000-row book.
  const searched = new Int32Array(n);
  const failed = new Uint8Array(n);
  const matched = new Int32Array(n);
  let s = 0;
  let m = 0;
  for (let k = 0; k < n; k++) {
    const i = positions ? positions[k] : k;
    if (visible && !visible(list[i])) continue;
    if (terms.length > 0 && !matchesSearch(list[i], terms)) continue;
    let bits = 0;
    for (let f = 0; f < filters.length; f++) if (filters[f].codes[i] !== filters[f].code) bits |= 1 << f;
    searched[s] = i;
    failed[s++] = bits;
    if (bits === 0) matched[m++] = i;
  }
  return { matched: matched.subarray(0, m), searched: searched.subarray(0, s), failed, filters };
}

/** Every customer a selection picks, in its sort order (for exports). */
export function selectAll(
  index: CustomerIndex,
  selection: CustomerSelection,
  lang: Lang,
  visible: ((c: IndexedCustomer) => boolean) | null = null,
): IndexedCustomer[] {
  return Array.from(select(index, selection, lang, visible).matched, (i) => index.customers[i]);
}

/**
 * Runs a query: search, then filters, then sort, then the page (clamped to the last page). Also counts
 * facet values: each filter's counts honour the search and every *other* filter, so a user sees what
 * picking a value would give. `visible` restricts the book (e.g. a sales rep's own customers) first;
 * `scope` names that restriction so results can be cached per index (see CustomerIndex.queryCache).
 */
export function runQuery(
  index: CustomerIndex,
  query: CustomerQuery,
  lang: Lang,
  visible: ((c: IndexedCustomer) => boolean) | null = null,
  scope = "",
): QueryResult {
  validateQuery(query);
  // Paging through one selection reuses its matches and facets (the cache lives and dies with the index).
  const key = JSON.stringify([scope, lang, query.search, query.filters, query.sort]);
  // A visibility filter without a scope name cannot be told apart from another: evaluate, never cache.
  const cacheable = visible === null || scope !== "";
  let selected = cacheable ? index.queryCache.get(key) : undefined;
  if (!selected) {
    selected = evaluate(index, query, lang, visible);
    if (cacheable) {
      if (index.queryCache.size >= QUERY_CACHE_SIZE)
        index.queryCache.delete(index.queryCache.keys().next().value!);
      index.queryCache.set(key, selected);
    }
  }
  const { matched, facets } = selected;
  const total = matched.length;
  const pageCount = Math.max(1, Math.ceil(total / query.pageSize));
  const page = Math.min(query.page, pageCount);
  const start = (page - 1) * query.pageSize;
  const customers = Array.from(matched.subarray(start, start + query.pageSize), (i) => index.customers[i]);
  const matchedRows = Array.from(matched, (i) => index.customers[i].row);
  return { customers, matchedRows, total, page, pageSize: query.pageSize, pageCount, facets };
}

/** Matches and facet counts of one selection, as cached per index. */
export interface EvaluatedSelection {
  readonly matched: Int32Array;
  readonly facets: Readonly<Record<FilterColumn, readonly FacetValue[]>>;
}

const QUERY_CACHE_SIZE = 8;

function evaluate(
  index: CustomerIndex,
  query: CustomerSelection,
  lang: Lang,
  visible: ((c: IndexedCustomer) => boolean) | null,
): EvaluatedSelection {
  const { matched, searched, failed, filters } = select(index, query, lang, visible);
  const facets = {} as Record<FilterColumn, FacetValue[]>;
  const collator = collatorFor(lang);
  for (const column of FILTER_COLUMNS) {
    const dict = index.filters[column];
    const own = filters.findIndex((f) => f.column === column);
    // Customers failing no filter, or failing only this column's own filter, count here.
    const allowed = own < 0 ? 0 : 1 << own;
    const counts = new Int32Array(dict.keys.length);
    for (let k = 0; k < searched.length; k++) {
      if ((failed[k] & ~allowed) !== 0) continue;
      const code = dict.codes[searched[k]];
      if (code >= 0) counts[code]++;
    }
    const entries: FacetValue[] = [];
    counts.forEach((count, code) => {
      if (count > 0)
        entries.push({
          value: String(dict.values[code]),
          label: displayValue(column, dict.values[code], lang),
          count,
        });
    });
    facets[column] = entries
      .sort((a, b) => b.count - a.count || collator.compare(a.label, b.label))
      .slice(0, MAX_FACET_VALUES);
  }
  return { matched, facets };
}
