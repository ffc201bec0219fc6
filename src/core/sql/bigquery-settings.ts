/**
 * The BigQuery mode's settings (Settings → BigQuery): where the tables live and how many order lines the
 * sheet keeps. Validated here, before anything is stored or sent: the names end up in table references
 * (dialect.ts tableName) and job requests.
 */
export interface BigQuerySettings {
  readonly enabled: boolean;
  /** Google Cloud project ID (6–30 lower-case letters, digits and hyphens, starting with a letter). */
  readonly projectId: string;
  /** Dataset ID (letters, digits and underscores, at most 1,024). */
  readonly datasetId: string;
  /** Dataset location: a multi-region (US, EU) or a region (asia-east1). */
  readonly location: string;
  /** Order lines the sheet keeps; older exported lines are trimmed. 0: never trim. */
  readonly workingSetLines: number;
}

export const DEFAULT_BIGQUERY_SETTINGS: BigQuerySettings = {
  enabled: false,
  projectId: "",
  datasetId: "sheet_crm",
  location: "US",
  workingSetLines: 0,
};

/** The least working set allowed: trimming below it would leave too little to work with on the sheet. */
export const MIN_WORKING_SET = 1_000;
/** About the most order lines a 10M-cell spreadsheet holds with its other tabs. */
export const MAX_WORKING_SET = 900_000;

// https://cloud.google.com/resource-manager/docs/creating-managing-projects#before_you_begin
const PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
// https://cloud.google.com/bigquery/docs/datasets#dataset-naming
const DATASET = /^[A-Za-z0-9_]{1,1024}$/;
// https://cloud.google.com/bigquery/docs/locations
const LOCATION = /^[A-Za-z][A-Za-z0-9-]{1,39}$/;

export type BigQuerySettingsCheck =
  | { readonly ok: true; readonly settings: BigQuerySettings }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Checks settings as the sidebar sends them. Problems are bilingual sentences (the form shows them as
 * they are). A switched-off mode may keep blank names; a switched-on one needs all three.
 */
export function validateBigQuerySettings(raw: unknown): BigQuerySettingsCheck {
  const r = (raw ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  const enabled = r.enabled === true;
  const projectId = text(r.projectId);
  const datasetId = text(r.datasetId);
  const location = text(r.location);
  const size = typeof r.workingSetLines === "number" ? r.workingSetLines : Number(r.workingSetLines ?? 0);
  const problems: string[] = [];
  if ((enabled || projectId) && !PROJECT.test(projectId))
    problems.push(
      "Project ID: 6–30 lower-case letters, digits or hyphens. / 项目 ID：6–30 个小写字母、数字或连字符。",
    );
  if ((enabled || datasetId) && !DATASET.test(datasetId))
    problems.push("Dataset: letters, digits and underscores only. / 数据集：只能用字母、数字和下划线。");
  if ((enabled || location) && !LOCATION.test(location))
    problems.push("Location: a region such as US, EU or asia-east1. / 位置：如 US、EU 或 asia-east1。");
  if (!Number.isSafeInteger(size) || (size !== 0 && (size < MIN_WORKING_SET || size > MAX_WORKING_SET)))
    problems.push(
      `Working set: 0 (keep every line) or ${MIN_WORKING_SET}–${MAX_WORKING_SET} lines. / 工作集：0（全部保留）或 ${MIN_WORKING_SET}–${MAX_WORKING_SET} 行。`,
    );
  if (problems.length) return { ok: false, problems };
  return { ok: true, settings: { enabled, projectId, datasetId, location, workingSetLines: size } };
}
