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
import { callerVisibility, customerIndex, langOf } from "./customer-cache";

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

/** One page of the customer list for the caller (sales reps see their own customers only). */
export function listCustomersPage(query: CustomerQuery, requestedLang?: Lang): CustomerPage {
  const lang = langOf(requestedLang);
  const access = callerVisibility();
  const result = runQuery(customerIndex(), query, lang, access.filter, access.scopeKey);
  return {
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
}
