import { sheetSpec } from "../../core/schema/sheets";
import { mapHeaders } from "../../core/schema/headers";
import type { SheetSpec } from "../../core/schema/types";
import {
  defaultMapping,
  planImport,
  type ImportPlan,
  type ImportReport,
} from "../../core/table/import/plan-import";
import { splitUtf8, utf8Length } from "../../core/table/import/utf8-size";
import type { ImportPreviewDto, ImportRequest, MappingTarget } from "../../shared/table";
import { requirePermission } from "../platform/guard";
import { runJob } from "../platform/job";
import { spreadsheetTimeZone } from "../platform/locale";
import { bookLang } from "../notify/mail-lang";
import { KEEP, findSheet, readTable, writeRows, type TableSnapshot } from "../platform/sheet-table";
import { backupSheets } from "../trust/backups";
import { sensitivePositions } from "../trust/sensitive-columns";
import { sealValues, withPlaintext } from "../trust/vault";
import { readCustomerIds } from "./read-sheets";
import { applyToNewRows } from "./applied-rules";
import { repairSheet } from "./setup";
import { isoToSheetDate } from "./sheet-dates";

/**
 * Staging limits, all in UTF-8 bytes (a Chinese character is three): CacheService takes at most 100 KB
 * (102,400 bytes) per value, keys of 250 characters, 6 hours of life, and a cache keeps about 1,000 items,
 * evicting the oldest when full (https://developers.google.com/apps-script/reference/cache/cache;
 * measured: https://justin.poehnelt.com/posts/exploring-apps-script-cacheservice-limits).
 * Each piece stays ~12% under the value limit; one call may bring up to MAX_CALL_BYTES, split into pieces
 * and put with one putAll (far below putAll's 1,000 items); a job holds at most MAX_STAGED_PIECES pieces
 * (~27 MB of rows, more than the 10 MB file limit turns into) so an import cannot evict itself.
 */
export const MAX_PIECE_BYTES = 90_000;
export const MAX_CALL_BYTES = 1_000_000;
export const MAX_STAGED_PIECES = 300;
/** Staged pieces live six hours, the cache's maximum. */
const STAGE_SECONDS = 21_600;
const SAMPLE_ROWS = 20;

interface Staged {
  readonly rows: (readonly unknown[])[];
  readonly lines: number[];
}

/** What a job has staged: pieces per call (a call's JSON split in order), bytes, rows, start time (ms). */
interface StageMeta {
  readonly calls: readonly number[];
  readonly bytes: number;
  readonly rows: number;
  readonly started: number;
}

const metaKey = (jobId: string) => `import:${jobId}`;
const pieceKey = (jobId: string, n: number) => `import:${jobId}:${n}`;

/**
 * The user's cache: an import belongs to the user who uploads it, and the document cache's ~1,000 items
 * are shared by every user of the file (and the sidebar's index), where a big import would evict them.
 */
function cache(): GoogleAppsScript.Cache.Cache {
  return CacheService.getUserCache()!;
}

/**
 * An import speaks the book's language (the document's language setting, else the spreadsheet's locale):
 * its rejection reasons, mapping choices and errors are read by whoever keeps the book, whatever the
 * uploader's own locale (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getspreadsheetlocale).
 */
const importLang = bookLang;

function say(en: string, zh: string): string {
  return importLang() === "zh-CN" ? zh : en;
}

const expired = () =>
  say(
    "This import has expired or is unknown (staged rows last at most 6 hours); start it again.",
    "此导入已过期或不存在（暂存的行最多保留 6 小时），请重新开始导入。",
  );

function readMeta(jobId: string): StageMeta | null {
  const raw = cache().get(metaKey(jobId));
  if (raw === null) return null;
  const meta = JSON.parse(raw) as StageMeta;
  return Array.isArray(meta.calls) ? meta : null;
}

function pieceKeys(jobId: string, meta: StageMeta): string[] {
  const total = meta.calls.reduce((n, k) => n + k, 0);
  return Array.from({ length: total }, (_, n) => pieceKey(jobId, n));
}

/**
 * Stages one chunk of parsed file rows for an import job (null starts a job; its id is returned). Rows
 * travel in chunks because google.script.run and the cache limit each payload; the chunk's JSON is cut
 * into pieces of at most MAX_PIECE_BYTES UTF-8 bytes and put in one putAll. Nothing touches the sheet.
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
  const bytes = utf8Length(payload);
  if (bytes > MAX_CALL_BYTES)
    throw new Error(
      say(
        `Import chunk is ${bytes} bytes (UTF-8); send at most ${MAX_CALL_BYTES} bytes per call.`,
        `导入分块为 ${bytes} 字节（UTF-8）；每次调用最多发送 ${MAX_CALL_BYTES} 字节。`,
      ),
    );
  const id = jobId ?? Utilities.getUuid();
  const meta: StageMeta | null =
    jobId === null ? { calls: [], bytes: 0, rows: 0, started: Date.now() } : readMeta(id);
  if (meta === null) throw new Error(expired());
  const pieces = splitUtf8(payload, MAX_PIECE_BYTES);
  const first = meta.calls.reduce((n, k) => n + k, 0);
  if (first + pieces.length > MAX_STAGED_PIECES)
    throw new Error(
      say(
        `This file is too large to import in one go: more than ${stagedMb()} MB of rows ` +
          `after ${meta.rows} rows. Split it into smaller files and import them one after another.`,
        `此文件太大，无法一次导入：读到第 ${meta.rows} 行时已超过 ${stagedMb()} MB。请拆分成较小的文件，逐个导入。`,
      ),
    );
  const next: StageMeta = {
    calls: [...meta.calls, pieces.length],
    bytes: meta.bytes + bytes,
    rows: meta.rows + chunk.length,
    started: meta.started,
  };
  const values: Record<string, string> = {};
  pieces.forEach((p, i) => (values[pieceKey(id, first + i)] = p));
  values[metaKey(id)] = JSON.stringify(next);
  cache().putAll(values, STAGE_SECONDS);
  return id;
}

const stagedMb = () => Math.round((MAX_STAGED_PIECES * MAX_PIECE_BYTES) / 1e6);

function staged(jobId: string): Staged {
  const meta = readMeta(jobId);
  if (meta === null) throw new Error(expired());
  const keys = pieceKeys(jobId, meta);
  const found = cache().getAll(keys);
  const rows: (readonly unknown[])[] = [];
  const lines: number[] = [];
  let at = 0;
  for (const count of meta.calls) {
    let json = "";
    for (let k = 0; k < count; k++, at++) {
      const piece = found[keys[at]];
      if (typeof piece !== "string")
        throw new Error(
          Date.now() - meta.started > STAGE_SECONDS * 1000
            ? expired()
            : say(
                "Part of this import was dropped from the cache before it was committed; start it again.",
                "此导入的部分数据在提交前已从缓存中丢失，请重新开始导入。",
              ),
        );
      json += piece;
    }
    const part = JSON.parse(json) as Staged;
    for (const r of part.rows) rows.push(r);
    for (const l of part.lines) lines.push(l);
  }
  return { rows, lines };
}

function plan(
  spec: SheetSpec,
  table: TableSnapshot | null,
  request: ImportRequest,
  data: Staged,
): ImportPlan {
  const headers = table?.headers ?? spec.columns.map((c) => c.header[importLang()]);
  // Sensitive cells show masks; the plan compares the file's values with what they stand for.
  const sheetRows = table
    ? withPlaintext(
        spec,
        table.rows,
        table.map.index.get(spec.idColumn ?? ""),
        sensitivePositions(spec, table.map),
      )
    : [];
  return planImport({
    spec,
    sheetHeaders: headers,
    sheetRows,
    fileHeaders: request.headers,
    fileRows: data.rows,
    lines: data.lines,
    mapping: request.mapping,
    dedupe: request.dedupe,
    lang: importLang(),
    timeZone: spreadsheetTimeZone(),
    knownCustomerIds: spec.key === "Customers" ? undefined : readCustomerIds(),
    now: new Date(),
  });
}

function targets(spec: SheetSpec, table: TableSnapshot | null): MappingTarget[] {
  const lang = importLang();
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
  const headers = table?.headers ?? spec.columns.map((c) => c.header[importLang()]);
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
  // A loop, not push(...): an import can append more rows than a call's arguments can hold.
  for (const r of p.appends) rows.push([...r]);
  // What the rows will show (kept cells their old value), for the vault to find plaintext in.
  const shown = rows.map((r, i) => r.map((v, c) => (v === KEEP ? table.rows[first + i][c] : v)));
  for (const s of sealValues(spec, table.headers, first + 2, shown))
    rows[s.row - first - 2][s.column - 1] = s.mask;
  writeRows(table, first, rows);
}

/**
 * The schema columns an import writes: those the mapping fills, the ID, the required ones (a row without
 * them is rejected) and the CreatedAt/UpdatedAt stamps.
 */
function importedColumns(spec: SheetSpec, request: ImportRequest): Set<string> {
  const mapping = request.mapping ?? defaultMapping(spec, request.headers, []);
  const keys = new Set(spec.columns.filter((c) => c.required).map((c) => c.key));
  for (const target of mapping) if (target && !target.startsWith("custom:")) keys.add(target);
  for (const key of [spec.idColumn, "CustomerID", "CreatedAt", "UpdatedAt"]) if (key) keys.add(key);
  return keys;
}

/**
 * Commits a staged import: adds the target sheet and the columns it writes if missing, plans against a fresh read under the
 * lock, backs the sheet up when existing rows are updated, writes everything or nothing (only the updated
 * and appended rows), logs the job and returns the import report.
 */
export function importCommit(jobId: string, request: ImportRequest): ImportReport {
  return runJob("import", "edit-all", () => {
    const spec = sheetSpec(request.sheet);
    // The staged rows first: an expired import changes nothing, not even the target sheet.
    const data = staged(jobId);
    const lang = importLang();
    // Not Set up's repair (on a big book that alone outlasts an execution): the sheet and the columns
    // this import writes, header cells only.
    repairSheet(spec, lang, importedColumns(spec, request));
    const table = readTable(spec)!;
    const p = withSheetDates(spec, table, plan(spec, table, request, data));
    // Only updates overwrite cells, so only they need the sheet backed up first; appended rows replace
    // nothing (and a backup of a 100k-row sheet would copy millions of cells for a 3-row import).
    if (p.updates.size) backupSheets([findSheet(spec)!.getName()], "import");
    if (p.appends.length || p.updates.size) writePlan(spec, table, p);
    // The appended rows get the columns' formats and validation, in ranges of just those rows.
    const firstNew = table.rows.length + 2;
    applyToNewRows(spec, table.sheet, table.headers, firstNew, firstNew + p.appends.length - 1, lang);
    const meta = readMeta(jobId);
    if (meta) cache().removeAll([metaKey(jobId), ...pieceKeys(jobId, meta)]);
    const { added, updated, skipped, present, changed, rejected } = p.report;
    return {
      result: p.report,
      outcome: {
        rowsAffected: added + updated,
        detail:
          `added ${added}, updated ${updated}, skipped ${skipped} ` +
          `(already present ${present}, changed ${changed}), rejected ${rejected.length}`,
      },
    };
  });
}
