/**
 * Finds the user's own tables: which tab of a workbook stands for each canonical sheet, judged by the
 * header row (row 1) whatever the tab is called. A book whose customers sit in a tab named 客户管理表 or
 * Sheet1 under 客户编号 | 客户名称 | … is recognised like one with a tab named 客户.
 */
import { mapHeaders, sheetSpecForName } from "./headers";
import { SHEETS } from "./sheets";
import type { SheetKey, SheetSpec } from "./types";

/** One tab as the finder sees it. */
export interface TabHeaderRow {
  readonly name: string;
  /** The tab's header row: row 1 of the tab, as read (blank cells included). */
  readonly headers: readonly unknown[];
  /** Data rows below the header (lastRow - 1); a tab holding data beats an empty one of any score. */
  readonly dataRows?: number;
}

/** A schema column found in a tab: its key, 0-based column in the tab and the header text there. */
export interface ColumnMatch {
  readonly key: string;
  readonly column: number;
  readonly header: string;
}

/** How well one tab fits one canonical sheet. */
export interface TabFit {
  readonly spec: SheetKey;
  /** Index of the tab in the list given to {@link findTables}. */
  readonly tab: number;
  readonly score: number;
  /** Whether the tab may stand for the sheet at all (see {@link fitTab}). */
  readonly eligible: boolean;
  readonly nameMatch: boolean;
  readonly hasData: boolean;
  readonly matched: readonly ColumnMatch[];
  /** Schema columns the tab lacks (Set up appends them at the end), in schema order. */
  readonly missing: readonly string[];
  /** The required ones among `missing`. */
  readonly missingRequired: readonly string[];
  /** The tab's own columns (headers no schema column names, or repeats): kept as they are. */
  readonly custom: readonly { readonly column: number; readonly header: string }[];
}

/** What was found for one canonical sheet. */
export interface TableFinding {
  readonly spec: SheetKey;
  /** The proposed tab, or null when no tab fits (Set up would then create the sheet). */
  readonly best: TabFit | null;
  /** Every eligible tab for this sheet, best first (the proposed one included). */
  readonly candidates: readonly TabFit[];
}

/** Least recognised headers for a tab without every required column to count as a majority. */
const MIN_RECOGNISED = 3;

/**
 * How well the tab `tab` (header row = row 1) fits `spec`. Eligible when it has every required column, or
 * when a clear majority (at least two thirds, and at least three) of its named headers are schema columns.
 * The score adds the recognised columns, the required ones present, three times the share of the tab's
 * named headers that are recognised (so a tab made of the sheet's columns beats a wider one that merely
 * contains a few), and 2 when the tab's name names the sheet: a name is a bonus, never required.
 */
export function fitTab(spec: SheetSpec, tab: TabHeaderRow, index: number): TabFit {
  const map = mapHeaders(spec, tab.headers);
  const named = tab.headers.filter((h) => h !== null && h !== undefined && String(h).trim() !== "").length;
  const recognised = map.index.size;
  const required = spec.columns.filter((c) => c.required);
  const missingRequired = required.filter((c) => !map.index.has(c.key)).map((c) => c.key);
  const nameMatch = sheetSpecForName(tab.name)?.key === spec.key;
  const majority = recognised >= MIN_RECOGNISED && recognised * 3 >= named * 2;
  const eligible = recognised > 0 && (missingRequired.length === 0 || majority);
  const share = named ? recognised / named : 0;
  const score = recognised + (required.length - missingRequired.length) + 3 * share + (nameMatch ? 2 : 0);
  const matched = [...map.index]
    .map(([key, column]) => ({ key, column, header: String(tab.headers[column]) }))
    .sort((a, b) => a.column - b.column);
  return {
    spec: spec.key,
    tab: index,
    score: Math.round(score * 1000) / 1000,
    eligible,
    nameMatch,
    hasData: (tab.dataRows ?? 0) > 0,
    matched,
    missing: map.missing.map((c) => c.key),
    missingRequired,
    custom: map.custom.map((c) => ({ column: c.index, header: c.header })),
  };
}

/** Better first: a tab with data, then the higher score, then the earlier sheet (SHEETS order), then tab. */
function better(a: TabFit, b: TabFit): number {
  if (a.hasData !== b.hasData) return a.hasData ? -1 : 1;
  if (a.score !== b.score) return b.score - a.score;
  const order = (k: SheetKey) => SHEETS.findIndex((s) => s.key === k);
  if (a.spec !== b.spec) return order(a.spec) - order(b.spec);
  return a.tab - b.tab;
}

/**
 * Proposes, for each canonical sheet (Customers, Orders, Interactions, Feedback, in that order), the tab
 * that best stands for it, from every tab's name and header row (row 1). Eligible pairs are taken best
 * first across all sheets (see {@link fitTab}; a tab holding data beats an empty one), each tab used at
 * most once, so an orders tab that also carries 客户编号 and 客户名称 goes to Orders, not Customers.
 * Deterministic: equal pairs go to the earlier sheet, then the earlier tab.
 */
export function findTables(tabs: readonly TabHeaderRow[]): TableFinding[] {
  const fits = SHEETS.map((spec) => tabs.map((tab, i) => fitTab(spec, tab, i)).filter((f) => f.eligible));
  const pairs = fits.flat().sort(better);
  const chosen = new Map<SheetKey, TabFit>();
  const used = new Set<number>();
  for (const pair of pairs) {
    if (chosen.has(pair.spec) || used.has(pair.tab)) continue;
    chosen.set(pair.spec, pair);
    used.add(pair.tab);
  }
  return SHEETS.map((spec, s) => ({
    spec: spec.key,
    best: chosen.get(spec.key) ?? null,
    candidates: [...fits[s]].sort(better),
  }));
}
