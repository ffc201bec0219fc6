import {
  LIST_COLUMNS,
  displayValue,
  type CellValue,
  type IndexedCustomer,
  type ListColumn,
} from "../../core/browse/customer-index";
import { runQuery, type CustomerQuery } from "../../core/browse/query";
import { CUSTOMERS } from "../../core/schema/sheets";
import type { Lang } from "../../core/schema/types";
import type { ColumnInfo, CustomerPage, CustomerRowDto, OptionDto } from "../../shared/browse";
import { callerVisibility, customerIndex, customersVersion, langOf } from "./customer-cache";

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

/** 32-bit FNV-1a, twice with different seeds: a short cache key for a long query description. */
function cacheKey(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x85ebca6b) >>> 0;
  }
  return `browse:page:${a.toString(36)}${b.toString(36)}:${text.length}`;
}

/** Cached pages live as long as a warm index may (CacheService's values are at most 100 KB). */
const PAGE_CACHE_SECONDS = 60;
const PAGE_CACHE_MAX_CHARS = 90_000;

/**
 * One page of the customer list for the caller (sales reps see their own customers only). Answers are
 * kept in the document cache under the sheet's cheap version, so returning to a page (e.g. Back from a
 * portrait) costs no sheet read even in a fresh Apps Script execution.
 */
export function listCustomersPage(query: CustomerQuery, requestedLang?: Lang): CustomerPage {
  const lang = langOf(requestedLang);
  const access = callerVisibility();
  const cache = CacheService.getDocumentCache();
  const key = cache ? cacheKey(JSON.stringify([customersVersion(), access.scopeKey, lang, query])) : "";
  const hit = cache?.get(key);
  if (hit) return JSON.parse(hit) as CustomerPage;
  const result = runQuery(customerIndex(), query, lang, access.filter, access.scopeKey);
  const page: CustomerPage = {
    rows: result.customers.map((c) => rowDto(c, lang)),
    total: result.total,
    page: result.page,
    pageSize: result.pageSize,
    pageCount: result.pageCount,
    facets: result.facets,
    columns: columnInfo(lang),
    statusOptions: enumChoices("Status", lang),
    typeOptions: enumChoices("CustomerType", lang),
    canEdit: access.canEdit,
    canDelete: access.canDelete,
  };
  const json = JSON.stringify(page);
  if (cache && json.length <= PAGE_CACHE_MAX_CHARS) cache.put(key, json, PAGE_CACHE_SECONDS);
  return page;
}
