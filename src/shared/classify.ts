import type {
  CellProblem,
  ClassifySettings,
  SettingsProblem,
  SummaryRow,
  UnknownCustomer,
} from "../core/classify";

/**
 * Why Classify now cannot run on a book that is not set up yet, and what to do: the server's whole error
 * message, which the sidebar recognises to offer the set-up wizard with it.
 */
export const CLASSIFY_SET_UP_FIRST = {
  en: "Your customer table is not set up for classification yet. Open the set-up wizard to add what it needs, then classify.",
  "zh-CN": "客户表尚未设置好，暂时无法分类。请先打开设置向导补充所需内容，再进行分类。",
} as const;

/** What one classification run did, for the sidebar, menus and the CLI. */
export interface ClassifyRunSummary {
  /** Customers scored (with orders) and prospects (without). */
  readonly scored: number;
  readonly prospects: number;
  readonly orderLines: number;
  /** Analysis date, yyyy-MM-dd in the spreadsheet's zone. */
  readonly asOf: string;
  /** "bgnbd" when churn came from the fitted model, else "rhythm" with the reason. */
  readonly churnModel: "bgnbd" | "rhythm";
  readonly churnNote: string;
  /** Order lines skipped, with their cells (first 100). */
  readonly problems: readonly CellProblem[];
  readonly problemCount: number;
  /** Customers named in Orders but missing from Customers (first 100). */
  readonly unknownCustomers: readonly UnknownCustomer[];
  readonly unknownCount: number;
  /** Week (yyyy-MM-dd, its Monday) whose segment snapshot was written. */
  readonly snapshotWeek: string;
}

export type SaveClassifySettingsResult =
  | { readonly ok: true; readonly settings: ClassifySettings }
  | { readonly ok: false; readonly problems: readonly SettingsProblem[] };

/** Server functions of the classify feature, as the sidebar calls them. */
export interface ClassifyApi {
  classifyNow(): ClassifyRunSummary;
  getClassifySettings(): ClassifySettings;
  saveClassifySettings(settings: unknown): SaveClassifySettingsResult;
  getSegmentSummary(): readonly SummaryRow[];
  /** Whether the nightly classification is on (a document setting the hourly dispatcher reads); turn it on/off (idempotent). */
  getNightlyClassify(): boolean;
  setNightlyClassify(on: boolean): boolean;
}

/** Top-level handlers of this feature's menu items and installable triggers. */
export const CLASSIFY_HANDLERS = [
  "menuClassifyNow",
  "menuInstallNightly",
  "menuRemoveNightly",
  "handleNightlyClassify",
  "handleDebouncedClassify",
] as const;
