import type { FilterColumn, ListColumn } from "../core/browse/customer-index";
import type { DashboardData } from "../core/browse/dashboard";
import type { NextActionCode } from "../core/browse/next-action";
import type { CustomerQuery, FacetValue, QueryResult, SortDirection } from "../core/browse/query";

export type {
  CustomerQuery,
  DashboardData,
  FacetValue,
  FilterColumn,
  ListColumn,
  NextActionCode,
  SortDirection,
};

/** The columns a 300 px list row can show; all list columns remain sortable. */
export const BROWSE_SORTABLE = [
  "Name",
  "CustomerID",
  "Status",
  "CustomerType",
  "Region",
  "Segment",
  "ABC",
  "Monetary",
  "LastInteraction",
  "Owner",
] as const satisfies readonly ListColumn[];

export const BROWSE_PAGE_SIZES = [25, 50, 100] as const;

/** A value of a list cell: text (enum cells already in the user's language), a number, or null. */
export type BrowseValue = string | number | null;

export interface CustomerRowDto {
  readonly id: string;
  /** 1-based sheet row. */
  readonly row: number;
  readonly values: Readonly<Record<ListColumn, BrowseValue>>;
}

export interface ColumnInfo {
  readonly key: ListColumn;
  readonly label: string;
  readonly numeric: boolean;
}

export interface OptionDto {
  readonly value: string;
  readonly label: string;
}

/**
 * One page of the list: the query engine's counts, page and facets (every filter the list offers, in the
 * order to show them, with the values it can take), with the rows as the sidebar shows them.
 */
export interface CustomerPage extends Pick<
  QueryResult,
  "total" | "page" | "pageSize" | "pageCount" | "facets"
> {
  readonly rows: readonly CustomerRowDto[];
  readonly columns: readonly ColumnInfo[];
  /** Choices for batch editing. */
  readonly statusOptions: readonly OptionDto[];
  readonly typeOptions: readonly OptionDto[];
  /** What the caller may do: "all" (managers), "own" (sales: own customers only) or "none". */
  readonly canEdit: "all" | "own" | "none";
  readonly canDelete: boolean;
  /**
   * "facets" when the page was answered without the customer index (a cold cache): `facets` is empty and
   * `total` counts sheet rows (see `estimatedTotal`); ask again with detail "full" for the counts. Absent:
   * the answer is complete.
   */
  readonly pending?: "facets";
  /**
   * True when `total` (and `pageCount`) is an estimate: a sales rep's cold page read the Owner column only
   * as far as its rows, and extrapolated the rest. The "full" answer has the exact count.
   */
  readonly estimatedTotal?: boolean;
}

/** How much a browse call may compute: "quick" (default) answers a cold cache without whole columns. */
export type BrowseDetail = "quick" | "full";

/** One field of the portrait; sensitive values arrive masked. */
export interface PortraitField {
  readonly key: string;
  readonly label: string;
  readonly value: string;
  readonly category: string;
  readonly masked: boolean;
}

export interface PortraitOrder {
  readonly date: string;
  readonly orderId: string;
  readonly product: string;
  readonly amount: number | null;
  readonly paymentStatus: string;
}

export interface PortraitInteraction {
  readonly date: string;
  readonly channel: string;
  readonly type: string;
  readonly summary: string;
  readonly owner: string;
  readonly nextFollowUp: string;
}

export interface PortraitFeedback {
  readonly date: string;
  readonly rating: number | null;
  readonly category: string;
  readonly comment: string;
  readonly resolved: boolean;
}

export interface CustomerPortrait {
  readonly id: string;
  readonly row: number;
  readonly name: string;
  readonly fields: readonly PortraitField[];
  /** Scores and classes from the classifier (R, F, M, Segment, ABC, ...), labelled. */
  readonly scores: readonly PortraitField[];
  readonly why: string;
  readonly churnRisk: string;
  readonly orders: readonly PortraitOrder[];
  readonly interactions: readonly PortraitInteraction[];
  readonly feedback: readonly PortraitFeedback[];
  readonly nextAction: { readonly code: NextActionCode; readonly days?: number };
  readonly totalSpent: number;
}

/** A batch change; only the fields given are changed. Tags are added or removed one by one. */
export interface BatchPatch {
  readonly status?: string;
  readonly type?: string;
  readonly owner?: string;
  readonly addTags?: readonly string[];
  readonly removeTags?: readonly string[];
}

export interface BatchUpdateResult {
  readonly updated: number;
}

export interface BatchDeleteResult {
  readonly deleted: number;
  /** Pass to undoDelete to put the rows back; valid once. */
  readonly undoToken: string;
  readonly backupSheet: string;
}

export interface UndoResult {
  readonly restored: number;
}

export interface ExportFile {
  readonly filename: string;
  readonly mimeType: string;
  readonly base64: string;
  readonly rows: number;
}

export interface DashboardDto extends DashboardData {
  readonly today: string;
  readonly lang: string;
  /**
   * "aggregates" when the cache was cold: the figures come from the last classification's summary (or are
   * empty for a sales rep) and the client asks again with detail "full". Absent: computed from the sheets.
   */
  readonly pending?: "aggregates";
  /**
   * False while the book has never been classified (no run's summary stored, no visible customer with a
   * segment): the sidebar then says so and offers Classify now instead of empty figures.
   */
  readonly classified: boolean;
}

/** The sidebar's language; labels made on the server follow it (default: the user's setting or locale). */
export type BrowseLang = "en" | "zh-CN";

/** Server functions of the browse feature, as the sidebar calls them. */
export interface BrowseApi {
  getDashboard(lang?: BrowseLang, detail?: BrowseDetail): DashboardDto;
  listCustomers(query: CustomerQuery, lang?: BrowseLang, detail?: BrowseDetail): CustomerPage;
  getCustomerPortrait(id: string, lang?: BrowseLang): CustomerPortrait;
  batchUpdateCustomers(ids: readonly string[], patch: BatchPatch): BatchUpdateResult;
  batchDeleteCustomers(ids: readonly string[]): BatchDeleteResult;
  undoDelete(token: string): UndoResult;
  goToRow(id: string): void;
  selectCell(sheet: string, a1: string): void;
  exportCustomers(query: CustomerQuery, format: "csv" | "xlsx", lang?: BrowseLang): ExportFile;
}

/** Top-level handlers of this feature's menu items and installable triggers. */
export const BROWSE_HANDLERS = [] as const;
