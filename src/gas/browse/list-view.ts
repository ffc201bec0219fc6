import {
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
import type { ColumnInfo, CustomerPage, CustomerRowDto, OptionDto } from "../../shared/browse";
import {
  answerKey,
  bookDates,
  callerVisibility,
  customerIndex,
  customersStamp,
  langOf,
} from "./customer-cache";
import { getChunked, putChunked } from "./chunked-cache";
import type { SheetStamp } from "./sheet-columns";

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
export function listCustomersPage(query: CustomerQuery, requestedLang?: Lang): CustomerPage {
  validateQuery(query);
  const lang = langOf(requestedLang);
  const access = callerVisibility();
  const stamp = customersStamp();
  const key = answerKey(
    "selection",
    [{ stamp, keys: LIST_COLUMNS }],
    [access.scopeKey, lang, query.search, query.filters, query.sort],
  );
  const cached = readSelection(key);
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
