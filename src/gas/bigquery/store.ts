/**
 * The BigQuery mode's document properties: its settings (Settings → BigQuery), each table's export mark
 * (export-orders.ts ExportMark) and the last run's status. Settings are validated by the core
 * (validateBigQuerySettings) before they are stored; the server functions that change them are
 * role-checked and audited by the one server-function wrapper (src/gas/server-functions.ts).
 */
import { DEFAULT_BIGQUERY_SETTINGS, validateBigQuerySettings, type BigQuerySettings } from "../../core/sql";
import { getDocumentJson, setDocumentJson } from "../platform/properties";
import type { ExportMark } from "./export-orders";
import type { BigQueryTarget } from "./service";

const SETTINGS_KEY = "bigquery.settings";
const MARK_PREFIX = "bigquery.mark.";
const STATUS_KEY = "bigquery.status";

/** The tables the mode keeps in its dataset, and the sheets they mirror. */
export const EXPORTED = { orders: "orders", interactions: "interactions" } as const;
export type ExportedTable = keyof typeof EXPORTED;

/** What the last runs did, for the settings form. Times as ISO text ("" never). */
export interface BigQueryRunStatus {
  readonly lastRunAt: string;
  readonly lastClassifiedAt: string;
  readonly lastTrimmedAt: string;
  readonly trimmedLines: number;
  readonly lastError: string;
  /** A run was asked for ("Run now" or the hourly schedule) and has not finished. */
  readonly requested: boolean;
}

const NO_STATUS: BigQueryRunStatus = {
  lastRunAt: "",
  lastClassifiedAt: "",
  lastTrimmedAt: "",
  trimmedLines: 0,
  lastError: "",
  requested: false,
};

export function loadBigQuerySettings(): BigQuerySettings {
  const checked = validateBigQuerySettings(getDocumentJson(SETTINGS_KEY, DEFAULT_BIGQUERY_SETTINGS));
  return checked.ok ? checked.settings : DEFAULT_BIGQUERY_SETTINGS;
}

/** Validates and stores; throws the form's bilingual problems when invalid (nothing stored). */
export function storeBigQuerySettings(raw: unknown): BigQuerySettings {
  const checked = validateBigQuerySettings(raw);
  if (!checked.ok) throw new Error(checked.problems.join("\n"));
  setDocumentJson(SETTINGS_KEY, checked.settings);
  return checked.settings;
}

/** The target of switched-on settings, or null while the mode is off. */
export function bigQueryTarget(settings = loadBigQuerySettings()): BigQueryTarget | null {
  if (!settings.enabled || !settings.projectId) return null;
  return { projectId: settings.projectId, datasetId: settings.datasetId, location: settings.location };
}

/** The mark of one table in one dataset (a new dataset starts from nothing). */
export function loadMark(table: ExportedTable, target: BigQueryTarget): ExportMark {
  const all = getDocumentJson<Record<string, ExportMark>>(MARK_PREFIX + table, {});
  return all[markScope(target)] ?? { exported: 0, nextKey: keyCounter(table) };
}

/**
 * Saves a table's mark. Keys are stamped on the sheet once, whatever the dataset, so the key counter is
 * kept for the table and only the exported mark per dataset.
 */
export function saveMark(table: ExportedTable, target: BigQueryTarget, mark: ExportMark): void {
  const all = getDocumentJson<Record<string, ExportMark>>(MARK_PREFIX + table, {});
  const next = Math.max(mark.nextKey, keyCounter(table));
  const updated: Record<string, ExportMark> = {};
  for (const [scope, m] of Object.entries(all)) updated[scope] = { ...m, nextKey: next };
  updated[markScope(target)] = { ...mark, nextKey: next };
  setDocumentJson(MARK_PREFIX + table, updated);
}

/** The next key to stamp on a table's sheet: above every key any dataset's mark has seen. */
export function keyCounter(table: ExportedTable): number {
  const all = getDocumentJson<Record<string, ExportMark>>(MARK_PREFIX + table, {});
  return Math.max(1, ...Object.values(all).map((m) => m.nextKey));
}

const markScope = (t: BigQueryTarget) => `${t.projectId}:${t.datasetId}`;

export function loadRunStatus(): BigQueryRunStatus {
  return { ...NO_STATUS, ...getDocumentJson<Partial<BigQueryRunStatus>>(STATUS_KEY, {}) };
}

export function saveRunStatus(patch: Partial<BigQueryRunStatus>): BigQueryRunStatus {
  const next = { ...loadRunStatus(), ...patch };
  setDocumentJson(STATUS_KEY, next);
  return next;
}
