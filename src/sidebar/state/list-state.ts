import type { CustomerQuery, FilterColumn, ListColumn } from "../../shared/browse";

/** What the customer list asks the server for, plus the selection; changed only through the functions below. */
export interface ListState {
  readonly query: CustomerQuery;
  /** Selected customer IDs; kept across pages so a batch can span them. */
  readonly selected: ReadonlySet<string>;
}

export const DEFAULT_PAGE_SIZE = 25;

export function initialListState(pageSize = DEFAULT_PAGE_SIZE): ListState {
  return {
    query: { search: "", filters: {}, sort: null, page: 1, pageSize },
    selected: new Set(),
  };
}

/** A new search starts at page 1 (page 7 of the old results means nothing for the new ones). */
export function withSearch(state: ListState, search: string): ListState {
  if (search === state.query.search) return state;
  return { ...state, query: { ...state.query, search, page: 1 } };
}

/** Sets or clears (value "") one filter; back to page 1. */
export function withFilter(state: ListState, column: FilterColumn, value: string): ListState {
  const filters: Partial<Record<FilterColumn, string>> = { ...state.query.filters };
  if (value) filters[column] = value;
  else delete filters[column];
  return { ...state, query: { ...state.query, filters, page: 1 } };
}

export function withoutFilters(state: ListState): ListState {
  return { ...state, query: { ...state.query, filters: {}, page: 1 } };
}

/**
 * Clicking a column header cycles ascending → descending → sheet order; a different column starts
 * ascending. Back to page 1.
 */
export function withSortToggled(state: ListState, column: ListColumn): ListState {
  const current = state.query.sort;
  const sort =
    current?.column !== column
      ? { column, direction: "asc" as const }
      : current.direction === "asc"
        ? { column, direction: "desc" as const }
        : null;
  return { ...state, query: { ...state.query, sort, page: 1 } };
}

export function withSort(state: ListState, sort: CustomerQuery["sort"]): ListState {
  return { ...state, query: { ...state.query, sort, page: 1 } };
}

/** Moves to a page, clamped to 1..pageCount (pageCount from the last answer). */
export function withPage(state: ListState, page: number, pageCount: number): ListState {
  const clamped = Math.max(1, Math.min(Math.floor(page), Math.max(1, pageCount)));
  return { ...state, query: { ...state.query, page: clamped } };
}

/** Changing the page size keeps the first visible row on screen. */
export function withPageSize(state: ListState, pageSize: number): ListState {
  const firstRow = (state.query.page - 1) * state.query.pageSize;
  return { ...state, query: { ...state.query, pageSize, page: Math.floor(firstRow / pageSize) + 1 } };
}

export function withToggled(state: ListState, id: string): ListState {
  const selected = new Set(state.selected);
  if (selected.has(id)) selected.delete(id);
  else selected.add(id);
  return { ...state, selected };
}

/** Selects every ID of the page, or clears them all when all were already selected. */
export function withPageToggled(state: ListState, pageIds: readonly string[]): ListState {
  const selected = new Set(state.selected);
  const all = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  for (const id of pageIds) {
    if (all) selected.delete(id);
    else selected.add(id);
  }
  return { ...state, selected };
}

export function withSelectionCleared(state: ListState): ListState {
  return { ...state, selected: new Set() };
}

/** Drops IDs that no longer exist (after a delete). */
export function withoutIds(state: ListState, ids: readonly string[]): ListState {
  const selected = new Set(state.selected);
  for (const id of ids) selected.delete(id);
  return { ...state, selected };
}

/** Page numbers to offer as buttons: first, last, and a window around the current page; 0 marks a gap. */
export function pageButtons(page: number, pageCount: number, window = 1): number[] {
  const pages = new Set<number>([1, pageCount]);
  for (let p = page - window; p <= page + window; p++) if (p >= 1 && p <= pageCount) pages.add(p);
  const sorted = [...pages].filter((p) => p >= 1).sort((a, b) => a - b);
  const out: number[] = [];
  for (const p of sorted) {
    if (out.length && p - out[out.length - 1] > 1) out.push(0);
    out.push(p);
  }
  return out;
}
