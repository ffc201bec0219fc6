import { sheetSpec } from "../../core/schema/sheets";
import { mapHeaders } from "../../core/schema/headers";
import type { SheetSpec } from "../../core/schema/types";
import {
  defaultMapping,
  planImport,
  type ImportPlan,
  type ImportReport,
} from "../../core/table/import/plan-import";
import type { ImportPreviewDto, ImportRequest, MappingTarget } from "../../shared/table";
import { requirePermission } from "../platform/guard";
import { runJob } from "../platform/job";
import { spreadsheetTimeZone, userLang } from "../platform/locale";
import { KEEP, findSheet, readTable, writeRows, type TableSnapshot } from "../platform/sheet-table";
import { backupSheets } from "../trust/backups";
import { sealValues } from "../trust/vault";
import { readCustomerIds } from "./read-sheets";
import { repairSheet } from "./setup";
import { isoToSheetDate } from "./sheet-dates";

/** CacheService holds at most 100 KB per value; chunks are kept below it. */
const MAX_CHUNK_CHARS = 95_000;
/** Staged chunks live six hours, the cache's maximum. */
const STAGE_SECONDS = 21_600;
const SAMPLE_ROWS = 20;

interface Staged {
  readonly rows: (readonly unknown[])[];
  readonly lines: number[];
}

const metaKey = (jobId: string) => `import:${jobId}`;
const chunkKey = (jobId: string, n: number) => `import:${jobId}:${n}`;

function cache(): GoogleAppsScript.Cache.Cache {
  return CacheService.getDocumentCache()!;
}

/**
 * Stages one chunk of parsed file rows for an import job (null starts a job; its id is returned). Rows
 * travel in chunks because google.script.run and the cache limit each payload; nothing touches the sheet.
 */
export function importStage(
  jobId: string | null,
  request: ImportRequest,
  chunk: readonly (readonly unknown[])[],
  lines: readonly number[],
): string {
  requirePermission("edit-all");
  sheetSpec(request.sheet);
  const payload = JSON.stringify({ rows: chunk, lines });
  if (payload.length > MAX_CHUNK_CHARS)
    throw new Error(
      `Import chunk is ${payload.length} characters; send at most ${MAX_CHUNK_CHARS} per call.`,
    );
  const id = jobId ?? Utilities.getUuid();
  const meta = cache().get(metaKey(id));
  if (jobId !== null && meta === null)
    throw new Error("This import has expired or is unknown; start it again.");
  const count = Number(meta ?? "0");
  cache().put(chunkKey(id, count), payload, STAGE_SECONDS);
  cache().put(metaKey(id), String(count + 1), STAGE_SECONDS);
  return id;
}

function staged(jobId: string): Staged {
  const count = Number(cache().get(metaKey(jobId)) ?? "NaN");
  if (!Number.isFinite(count)) throw new Error("This import has expired or is unknown; start it again.");
  const keys = Array.from({ length: count }, (_, n) => chunkKey(jobId, n));
  const found = cache().getAll(keys);
  const rows: (readonly unknown[])[] = [];
  const lines: number[] = [];
  for (const k of keys) {
    if (!found[k]) throw new Error("Part of this import has expired; start it again.");
    const part = JSON.parse(found[k]) as Staged;
    rows.push(...part.rows);
    lines.push(...part.lines);
  }
  return { rows, lines };
}

function plan(
  spec: SheetSpec,
  table: TableSnapshot | null,
  request: ImportRequest,
  data: Staged,
): ImportPlan {
  const headers = table?.headers ?? spec.columns.map((c) => c.header[userLang()]);
  return planImport({
    spec,
    sheetHeaders: headers,
    sheetRows: table?.rows ?? [],
    fileHeaders: request.headers,
    fileRows: data.rows,
    lines: data.lines,
    mapping: request.mapping,
    dedupe: request.dedupe,
    lang: userLang(),
    timeZone: spreadsheetTimeZone(),
    knownCustomerIds: spec.key === "Customers" ? undefined : readCustomerIds(),
    now: new Date(),
  });
}

function targets(spec: SheetSpec, table: TableSnapshot | null): MappingTarget[] {
  const lang = userLang();
  const own = table ? mapHeaders(spec, table.headers).custom : [];
  return [
    ...spec.columns.filter((c) => !c.owned).map((c) => ({ value: c.key, label: c.header[lang] })),
    ...own.map((c) => ({ value: `custom:${c.header}`, label: c.header })),
  ];
}

/** What committing would do: the mapping used, the report, and the first rows as they would be added. */
export function importPreview(jobId: string, request: ImportRequest): ImportPreviewDto {
  requirePermission("edit-all");
  const spec = sheetSpec(request.sheet);
  const table = readTable(spec);
  const data = staged(jobId);
  const p = plan(spec, table, request, data);
  const headers = table?.headers ?? spec.columns.map((c) => c.header[userLang()]);
  return {
    jobId,
    mapping: request.mapping ?? defaultMapping(spec, request.headers, headers),
    targets: targets(spec, table),
    report: p.report,
    sampleHeaders: headers.map(String),
    sample: p.appends
      .slice(0, SAMPLE_ROWS)
      .map((r) => r.map((v) => (v instanceof Date ? v.toISOString() : v))),
  };
}

/** The plan with normalised ISO dates in date columns turned into real dates of the sheet's zone. */
function withSheetDates(spec: SheetSpec, table: TableSnapshot, p: ImportPlan): ImportPlan {
  const timeZone = spreadsheetTimeZone();
  const dateColumns = spec.columns
    .filter((c) => c.type === "date" || c.type === "datetime")
    .map((c) => table.map.index.get(c.key))
    .filter((i): i is number => i !== undefined);
  const convert = (row: readonly unknown[]) =>
    row.map((v, i) => (dateColumns.includes(i) ? isoToSheetDate(v, timeZone) : v));
  return {
    report: p.report,
    appends: p.appends.map(convert),
    updates: new Map([...p.updates].map(([r, row]) => [r, convert(row)])),
  };
}

/**
 * Writes the planned updates and appends in one setValues (see writeRows): from the first updated row to
 * the last appended one, unchanged cells keeping their formulas. Plaintext in the sensitive columns of
 * those rows is encrypted into the vault first and written as its mask in that same write, so no ID-card
 * or bank number is left visible (as the edit trigger does for typed values), and a run cut short leaves
 * the old rows or all the new ones. A run cut short after the vault write leaves unused vault entries,
 * which the next seal of those rows replaces.
 */
function writePlan(spec: SheetSpec, table: TableSnapshot, p: ImportPlan): void {
  const count = table.rows.length;
  const updated = [...p.updates.keys()].sort((a, b) => a - b);
  const first = updated.length ? updated[0] : count;
  const rows: unknown[][] = [];
  for (let r = first; r < count; r++) {
    const update = p.updates.get(r);
    rows.push(table.rows[r].map((old, c) => (update && update[c] !== old ? update[c] : KEEP)));
  }
  rows.push(...p.appends.map((r) => [...r]));
  // What the rows will show (kept cells their old value), for the vault to find plaintext in.
  const shown = rows.map((r, i) => r.map((v, c) => (v === KEEP ? table.rows[first + i][c] : v)));
  for (const s of sealValues(spec, table.headers, first + 2, shown))
    rows[s.row - first - 2][s.column - 1] = s.mask;
  writeRows(table, first, rows);
}

/**
 * Commits a staged import: repairs the target sheet if needed, plans against a fresh read under the
 * lock, backs the sheet up, writes everything or nothing, logs the job and returns the import report.
 */
export function importCommit(jobId: string, request: ImportRequest): ImportReport {
  return runJob("import", "edit-all", () => {
    const spec = sheetSpec(request.sheet);
    repairSheet(spec, userLang());
    const table = readTable(spec)!;
    const data = staged(jobId);
    const p = withSheetDates(spec, table, plan(spec, table, request, data));
    if (p.appends.length || p.updates.size) {
      backupSheets([findSheet(spec)!.getName()], "import");
      writePlan(spec, table, p);
    }
    const chunks = Number(cache().get(metaKey(jobId)) ?? 0);
    cache().removeAll([metaKey(jobId), ...Array.from({ length: chunks }, (_, n) => chunkKey(jobId, n))]);
    const { added, updated, skipped, rejected } = p.report;
    return {
      result: p.report,
      outcome: {
        rowsAffected: added + updated,
        detail: `added ${added}, updated ${updated}, skipped ${skipped}, rejected ${rejected.length}`,
      },
    };
  });
}
