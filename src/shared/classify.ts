import type {
  CellProblem,
  ClassifySettings,
  SettingsProblem,
  SummaryRow,
  UnknownCustomer,
} from "../core/classify";

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
