import {
  FILTER_COLUMNS,
  LIST_COLUMNS,
  buildCustomerIndex,
  displayValue,
  type CellValue,
  type IndexedCustomer,
  type ListColumn,
} from "../../core/browse/customer-index";
import { planRowReads } from "../../core/browse/row-reads";
import { runQuery, validateQuery, type CustomerQuery } from "../../core/browse/query";
import { CUSTOMERS } from "../../core/schema/sheets";
import type { Lang } from "../../core/schema/types";
import type { BrowseDetail, ColumnInfo, CustomerPage, CustomerRowDto, OptionDto } from "../../shared/browse";
import {
  answerKey,
  bookDates,
  customerIndex,
  callerView,
  sheetColumns,
  type Visibility,
} from "./customer-cache";
import { getChunked, putChunked } from "./chunked-cache";
import { columnsCached, type SheetStamp } from "./sheet-columns";

const NUMERIC = new Set(["currency", "number", "integer", "percent"]);

export function columnInfo(lang: Lang): ColumnInfo[] {
  return LIST_COLUMNS.map((key) => {
    const spec = CUSTOMERS.columns.find((c) => c.key === key)!;
    return { key, label: spec.header[lang], numeric: NUMERIC.has(spec.type) };
  });
}

export function enumChoices(key: string, lang: Lang): OptionDto[] {
  const spec = CUSTOMERS.columns.find((c) => c.key === key)!;
  return (spec.options ?? []).map((o) => ({ value: o.key, label: o.label[lang] }));
}

export function rowDto(c: IndexedCustomer, lang: Lang): CustomerRowDto {
  const values = {} as Record<ListColumn, CellValue>;
  for (const key of LIST_COLUMNS) {
    const v = c.values[key];
    values[key] = typeof v === "string" ? displayValue(key, v, lang) : v;
  }
  return { id: c.id, row: c.row, values };
}

/**
 * A query's matches and facets stay cached this long. Shorter than the cached columns, so when the
 * document cache is full (1,000 values) selections go first (it keeps the values farthest from expiry).
 */
const SELECTION_SECONDS = 1_800;

/**
 * The first matches of a selection are cached as the list shows them: the pages a user flips through most
 * cost no sheet read at all (a putAll costs the same whatever its size).
 */
const HEAD_ROWS = 500;

/** What a query selected, as cached: every match's sheet row in order, the facet counts, the first rows. */
interface CachedSelection {
  readonly rows: readonly number[];
  readonly facets: CustomerPage["facets"];
  readonly head: readonly CustomerRowDto[];
}

/**
 * One page of the customer list for the caller (sales reps see their own customers only). A query's
 * matches are worked out once per version of the list columns, from the cached columns, and cached; a
 * later page of it (next, back) then reads just its own rows from the sheet, so a fresh execution
 * neither reads the whole sheet nor decodes the whole index.
 */
export function listCustomersPage(
  query: CustomerQuery,
  requestedLang?: Lang,
  detail: BrowseDetail = "quick",
): CustomerPage {
  validateQuery(query);
  const { lang, access, customers: stamp } = callerView(requestedLang);
  const key = answerKey(
    "selection",
    [{ stamp, keys: LIST_COLUMNS }],
    [access.scopeKey, lang, query.search, query.filters, query.sort],
  );
  const cached = readSelection(key);
  if (!cached && detail !== "full" && isSheetOrder(query) && !columnsCached(stamp, LIST_COLUMNS)) {
    return sheetOrderPage(query, lang, access, stamp);
  }
  let selection: CachedSelection;
  let rows: readonly CustomerRowDto[];
  let page: number;
  let pageCount: number;
  if (cached) {
    selection = cached;
    pageCount = Math.max(1, Math.ceil(cached.rows.length / query.pageSize));
    page = Math.min(query.page, pageCount);
    const start = (page - 1) * query.pageSize;
    const end = Math.min(start + query.pageSize, cached.rows.length);
    rows =
      end <= cached.head.length
        ? cached.head.slice(start, end)
        : customersAtRows(stamp, cached.rows.slice(start, end)).map((c) => rowDto(c, lang));
  } else {
    const index = customerIndex();
    const result = runQuery(index, query, lang, access.filter, access.scopeKey);
    const head = result.matchedRows.slice(0, HEAD_ROWS).map((r) => rowDto(index.byRow(r)!, lang));
    selection = { rows: result.matchedRows, facets: result.facets, head };
    putChunked(new Map([[key, JSON.stringify(selection)]]), SELECTION_SECONDS);
    ({ page, pageCount } = result);
    rows = result.customers.map((c) => rowDto(c, lang));
  }
  return {
    rows,
    total: selection.rows.length,
    page,
    pageSize: query.pageSize,
    pageCount,
    facets: selection.facets,
    columns: columnInfo(lang),
    statusOptions: enumChoices("Status", lang),
    typeOptions: enumChoices("CustomerType", lang),
    canEdit: access.canEdit,
    canDelete: access.canDelete,
  };
}

/** A query that lists every visible customer in sheet order: its pages need no index. */
function isSheetOrder(query: CustomerQuery): boolean {
  return !query.search.trim() && query.sort === null && !Object.values(query.filters).some((v) => v);
}

/**
 * A page of the sheet-order list on a cold cache, without the index (which reads every list column of every
 * row): managers page by sheet position (total: the data rows, getLastRow already ignoring blank tail rows);
 * a sales rep's rows come from the Owner column alone (one column, cached for the next call). Only the
 * page's rows are read whole. Facets need the index: they come back empty and `pending`, for the client to
 * ask again with detail "full" (which also counts blank rows inside the sheet out of the total).
 */
function sheetOrderPage(
  query: CustomerQuery,
  lang: Lang,
  access: Visibility,
  stamp: SheetStamp,
): CustomerPage {
  let total: number;
  let pageRows: (page: number) => number[];
  if (access.scope === "all") {
    total = stamp.height;
    pageRows = (page) => {
      const first = (page - 1) * query.pageSize;
      const count = Math.max(0, Math.min(query.pageSize, total - first));
      return Array.from({ length: count }, (_, i) => first + i + 2);
    };
  } else {
    const owners = sheetColumns(stamp, ["Owner"]).Owner ?? [];
    const rows: number[] = [];
    owners.forEach((owner, i) => {
      if (access.visibleOwner(owner)) rows.push(i + 2);
    });
    total = rows.length;
    pageRows = (page) => rows.slice((page - 1) * query.pageSize, page * query.pageSize);
  }
  const pageCount = Math.max(1, Math.ceil(total / query.pageSize));
  const page = Math.min(query.page, pageCount);
  // access.visible again: the rule is decided on the whole row, exactly as the index would.
  const customers = customersAtRows(stamp, pageRows(page)).filter(access.visible);
  return {
    rows: customers.map((c) => rowDto(c, lang)),
    total,
    page,
    pageSize: query.pageSize,
    pageCount,
    // Every filter the list offers, with no values yet.
    facets: Object.fromEntries(FILTER_COLUMNS.map((f) => [f, []])) as unknown as CustomerPage["facets"],
    columns: columnInfo(lang),
    statusOptions: enumChoices("Status", lang),
    typeOptions: enumChoices("CustomerType", lang),
    canEdit: access.canEdit,
    canDelete: access.canDelete,
    pending: "facets",
  };
}

function readSelection(key: string): CachedSelection | null {
  const text = getChunked([key]).get(key);
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as CachedSelection;
    return Array.isArray(parsed.rows) && Array.isArray(parsed.head) && parsed.facets ? parsed : null;
  } catch {
    return null;
  }
}

/** The customers on sheet rows `rows` (in that order), read from the sheet in the fewest calls. */
function customersAtRows(stamp: SheetStamp, rows: readonly number[]): IndexedCustomer[] {
  if (rows.length === 0 || stamp.width === 0) return [];
  const byRow = new Map<number, readonly unknown[]>();
  for (const span of planRowReads(rows, stamp.width)) {
    const values = stamp.sheet.getRange(span.first, 1, span.last - span.first + 1, stamp.width).getValues();
    values.forEach((v, i) => byRow.set(span.first + i, v));
  }
  const ordered = rows.filter((r) => byRow.has(r));
  return buildCustomerIndex(
    stamp.headers,
    ordered.map((r) => byRow.get(r)!),
    bookDates(),
    ordered,
  ).customers.slice();
}
