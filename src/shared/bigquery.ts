/**
 * The BigQuery mode's part of the server contract (Settings → BigQuery): the settings form's values, what
 * the form shows about the last runs, and "Run now". Plain JSON only (no Date, no undefined): times are ISO
 * text, "" when never.
 */

/** The form's values (validated on the server: src/core/sql/bigquery-settings.ts). */
export interface BigQuerySettingsDto {
  readonly enabled: boolean;
  readonly projectId: string;
  readonly datasetId: string;
  readonly location: string;
  /** Order lines the sheet keeps; older lines already in BigQuery are trimmed. 0: keep every line. */
  readonly workingSetLines: number;
}

/** The settings and what the mode has done so far. */
export interface BigQueryStatusDto {
  readonly settings: BigQuerySettingsDto;
  /** Highest line key BigQuery holds, per table (0: nothing exported to this dataset yet). */
  readonly exportedOrders: number;
  readonly exportedInteractions: number;
  readonly lastRunAt: string;
  readonly lastClassifiedAt: string;
  readonly lastTrimmedAt: string;
  readonly trimmedLines: number;
  readonly lastError: string;
  /** A run is waiting (asked for, or paused at the 6-minute limit and continued by the hourly run). */
  readonly pending: boolean;
  /** The least and most working-set sizes the form accepts (besides 0). */
  readonly minWorkingSet: number;
  readonly maxWorkingSet: number;
}

/** What "Run now" did: finished, or paused at the time limit (the hourly run continues it). */
export interface BigQueryRunDto {
  readonly status: "done" | "paused";
  readonly detail: string;
}

export interface BigQueryApi {
  getBigQuerySettings(): BigQueryStatusDto;
  saveBigQuerySettings(settings: BigQuerySettingsDto): BigQueryStatusDto;
  /** Export, classify in BigQuery, write the results back and trim: the hourly job, started now. */
  runBigQueryNow(): BigQueryRunDto;
}
