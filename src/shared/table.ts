import type { SheetKey, ColumnType } from "../core/schema/types";
import type { ProblemRule } from "../core/table/validate/messages";
import type { CellKind, FixKind, FixRule, RepairStep } from "../core/table/fix/fix-change";
import type { DedupeMode, ImportReport } from "../core/table/import/plan-import";

export type { CellKind, DedupeMode, FixKind, FixRule, ImportReport, ProblemRule, RepairStep };

/** One problem as the sidebar and the Problems sheet show it. */
export interface ProblemDto {
  readonly sheet: string;
  readonly a1: string;
  readonly value: string;
  readonly rule: ProblemRule;
  readonly message: string;
}

export interface ValidationSummary {
  readonly total: number;
  /** Problems per tab name. */
  readonly bySheet: Readonly<Record<string, number>>;
  /** The first problems (at most 500), in sheet then row order; the Problems sheet holds them all. */
  readonly problems: readonly ProblemDto[];
  /** The tab the full list was written to. */
  readonly problemsSheet: string;
}

/** One proposed change, values as text for display. */
export interface FixDto {
  readonly sheet: string;
  readonly a1: string;
  readonly before: string;
  readonly after: string;
  readonly rule: FixRule;
  /** "problem": repairs a reported problem (Fix what is safe); "tidy": a valid value made standard. */
  readonly kind: FixKind;
  /** What the cell holds now and will hold: "32" → 32 shows the same text but is text → number. */
  readonly beforeKind: CellKind;
  readonly afterKind: CellKind;
  /** Problem fixes: the problem's rule and message (why the cell is changed), and what was repaired. */
  readonly problemRule?: ProblemRule;
  readonly why?: string;
  readonly steps?: readonly RepairStep[];
}

/** Page size of a fix preview when the caller gives none, and the most one page may hold. */
export const FIX_PAGE_SIZE = 100;
export const FIX_PAGE_MAX = 500;

export interface FixPreview {
  /** Pass to applyFixes: fingerprints the proposal (and its kind), so nothing is applied if the data changed since. */
  readonly token: string;
  /** Every change of the proposal: what applyFixes writes, cell for cell. */
  readonly total: number;
  /** The changes from `offset` on, at most `pageSize` of them, in sheet then row order. */
  readonly changes: readonly FixDto[];
  readonly kind: FixKind;
  readonly offset: number;
  readonly pageSize: number;
}

export interface FixResult {
  /** Cells written: the preview's total. */
  readonly applied: number;
  readonly backups: readonly string[];
  readonly kind: FixKind;
}

/** An import request: the file's header row as parsed (in the sidebar or locally) and the user's choices. */
export interface ImportRequest {
  readonly sheet: SheetKey;
  readonly headers: readonly string[];
  /** Per file column: a schema key, "custom:<header>" or null; the default mapping when absent. */
  readonly mapping?: readonly (string | null)[];
  readonly dedupe: DedupeMode;
}

/** A mapping target offered in the mapping editor. */
export interface MappingTarget {
  readonly value: string;
  readonly label: string;
}

export interface ImportPreviewDto {
  readonly jobId: string;
  readonly mapping: readonly (string | null)[];
  readonly targets: readonly MappingTarget[];
  /** What committing now would do. */
  readonly report: ImportReport;
  /** The first rows as they would be appended, in the sheet's column order, with its header row. */
  readonly sampleHeaders: readonly string[];
  readonly sample: readonly (readonly unknown[])[];
}

/** A file the server read for the import wizard (CSV in any supported encoding, or XLSX). */
export interface ParsedImportFile {
  readonly format: "csv" | "xlsx";
  /** How CSV bytes were decoded ("utf-8", "gb18030", …); absent for XLSX. */
  readonly encoding?: string;
  readonly headers: readonly string[];
  /** Data rows: CSV cells as text; XLSX cells as text, numbers (dates as Excel serials) or booleans. */
  readonly rows: readonly (readonly (string | number | boolean | null)[])[];
  /** File line (CSV) or worksheet row (XLSX) of each data row, for the import report. */
  readonly lines: readonly number[];
  /** The sheet the headers belong to, when recognisable. */
  readonly sheet: SheetKey | null;
}

/** Server functions of the table feature, as the sidebar calls them. */
export interface TableApi {
  /** `formatsContinue`: number formats and validation are still being applied by the hourly runs. */
  setUpSheets(): { created: readonly string[]; columnsAdded: number; formatsContinue?: boolean };
  validateAll(): ValidationSummary;
  clearProblemMarks(): number;
  /**
   * One page of a proposal: "problem" (default) repairs reported problems only; "tidy" rewrites valid
   * values into the standard formats. `offset` from 0, `pageSize` up to FIX_PAGE_MAX.
   */
  previewFixes(kind?: FixKind, offset?: number, pageSize?: number): FixPreview;
  /** Applies the whole proposal a preview's token names (its kind included), or nothing if it changed. */
  applyFixes(token: string): FixResult;
  /** Reads an uploaded file (bytes as base64) into headers and rows; nothing is written. */
  parseImportFile(base64: string, fileName: string): ParsedImportFile;
  /** Stages one chunk of file rows (≤ ~90 KB of JSON) for a job; null jobId starts a new job. */
  importStage(
    jobId: string | null,
    request: ImportRequest,
    chunk: readonly (readonly unknown[])[],
    lines: readonly number[],
  ): string;
  importPreview(jobId: string, request: ImportRequest): ImportPreviewDto;
  importCommit(jobId: string, request: ImportRequest): ImportReport;
  getCustomColumnTypes(sheet: SheetKey): Readonly<Record<string, ColumnType>>;
  setCustomColumnTypes(sheet: SheetKey, types: Readonly<Record<string, ColumnType>>): void;
}

/** Top-level handlers of this feature's menu items and installable triggers. */
export const TABLE_HANDLERS = [
  "menuSetupWizard",
  "menuSetUp",
  "menuValidateAll",
  "menuFixSafe",
  "menuClearProblemMarks",
] as const;
