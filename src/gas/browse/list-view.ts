import {
  FILTER_COLUMNS,
  LIST_COLUMNS,
  buildCustomerIndex,
  displayValue,
  sheetColumnValues,
  type CellValue,
  type IndexedCustomer,
  type ListColumn,
} from "../../core/browse/customer-index";
import { runQuery, validateQuery, type CustomerQuery } from "../../core/browse/query";
import { CUSTOMERS } from "../../core/schema/sheets";
import { valueLists } from "../table/settings";
import type { Lang } from "../../core/schema/types";
import type { BrowseDetail, ColumnInfo, CustomerPage, CustomerRowDto, OptionDto } from "../../shared/browse";
import { answerKey, bookDates, customerIndex, callerView, type Visibility } from "./customer-cache";
import { getChunked, putChunked } from "./chunked-cache";
import { cachedRows, rowIndexEntries } from "./row-index-cache";
import {
  COLUMN_TTL_SECONDS,
  columnEntries,
  columnsCached,
  readSheetRows,
  type SheetStamp,
} from "./sheet-columns";

const NUMERIC = new Set(["currency", "number", "integer", "percent"]);

export function columnInfo(lang: Lang): ColumnInfo[] {
  return LIST_COLUMNS.map((key) => {
    const spec = CUSTOMERS.columns.find((c) => c.key === key)!;
    return { key, label: spec.header[lang], numeric: NUMERIC.has(spec.type) };
  });
}

export function enumChoices(key: string, lang: Lang): OptionDto[] {
  const spec = CUSTOMERS.columns.find((c) => c.key === key)!;
  // A team list (Settings → Dropdown lists) decides what batch edit offers: its values that stand for a
  // built-in option are sent as its key, values of the team's own as themselves (batch edit writes both
  // as the list spells them).
  const list = valueLists()[`Customers.${key}`];
  if (list) return list.map((v) => ({ value: v.key ?? v.value, label: v.value }));
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
 * a sales rep's rows from the cached Owner row index, else from the Owner column read only as far as the
 * page (see ownRows; the total is then estimated). Only the page's rows are read whole. Facets need the index: they come back empty and `pending`, for the client to
 * ask again with detail "full" (which also counts blank rows inside the sheet out of the total).
 */
function sheetOrderPage(
  query: CustomerQuery,
  lang: Lang,
  access: Visibility,
  stamp: SheetStamp,
): CustomerPage {
  let total: number;
  let estimated = false;
  let pageRows: (page: number) => number[];
  if (access.scope === "all") {
    total = stamp.height;
    pageRows = (page) => {
      const first = (page - 1) * query.pageSize;
      const count = Math.max(0, Math.min(query.pageSize, total - first));
      return Array.from({ length: count }, (_, i) => first + i + 2);
    };
  } else {
    // One row past the page says whether there is a next one.
    const own = ownRows(stamp, access, query.page * query.pageSize + 1);
    total = own.total;
    estimated = own.estimated;
    pageRows = (page) => own.rows.slice((page - 1) * query.pageSize, page * query.pageSize);
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
    ...(estimated ? { estimatedTotal: true } : {}),
  };
}

/** The first block of the Owner column a cold page reads; later blocks are sized by the share seen. */
const FIRST_OWNER_BLOCK = 2_000;
/** Later blocks are at least this long: each block is a call, and a call costs as much as ~100 cells. */
const MIN_OWNER_BLOCK = 1_000;

/**
 * The sheet rows (ascending) of the customers a sales rep (or a scoped viewer) sees, at least the first
 * `need` of them: from the cached Owner row index when there is one (exact, one cache read); else from
 * the Owner column read in blocks from the top, only as far as `need` rows. Read to its end, the column
 * and its row index are cached and the total is exact; stopped early, the total is the share seen times
 * the sheet's rows (estimated), and the complete answer the client asks for next counts them.
 */
function ownRows(
  stamp: SheetStamp,
  access: Visibility,
  need: number,
): { rows: number[]; total: number; estimated: boolean } {
  const owners = access.owners ?? [];
  const at = stamp.map.index.get("Owner");
  if (owners.length === 0 || at === undefined || stamp.height === 0)
    return { rows: [], total: 0, estimated: false };
  const cached = cachedRows(owners.map((key) => ({ stamp, column: "Owner", key })));
  if (cached.every((r) => r !== null)) {
    const rows = [...new Set(cached.flatMap((r) => r!))].sort((a, b) => a - b);
    return { rows, total: rows.length, estimated: false };
  }
  const spec = CUSTOMERS.columns.find((c) => c.key === "Owner")!;
  const values: CellValue[] = [];
  const rows: number[] = [];
  let block = FIRST_OWNER_BLOCK;
  while (values.length < stamp.height && rows.length < need) {
    const first = values.length;
    const n = Math.min(block, stamp.height - first);
    const raw = stamp.sheet.getRange(2 + first, at + 1, n, 1).getValues();
    sheetColumnValues(
      spec,
      raw.map((r) => r[0]),
      bookDates(),
    ).forEach((v, i) => {
      values.push(v);
      if (access.visibleOwner(v)) rows.push(first + i + 2);
    });
    const share = rows.length / values.length;
    block =
      share > 0 ? Math.max(MIN_OWNER_BLOCK, Math.ceil(((need - rows.length) / share) * 1.25)) : block * 4;
  }
  if (values.length < stamp.height) {
    const total = Math.max(rows.length, Math.round((rows.length / values.length) * stamp.height));
    return { rows, total, estimated: true };
  }
  const column = { Owner: values };
  putChunked(
    new Map([...columnEntries(stamp, column), ...rowIndexEntries(stamp, column)]),
    COLUMN_TTL_SECONDS,
  );
  return { rows, total: rows.length, estimated: false };
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
  const byRow = readSheetRows(stamp, rows);
  const ordered = rows.filter((r) => byRow.has(r));
  return buildCustomerIndex(
    stamp.headers,
    ordered.map((r) => byRow.get(r)!),
    bookDates(),
    ordered,
  ).customers.slice();
}
