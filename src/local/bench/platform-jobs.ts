/**
 * Every job of the add-on as a user starts it on the platform bench's book: a server function through the
 * sidebar bridge (google.script.run's rules) or a menu item, as the owner. Each job says which user cells
 * it may change (the rest must survive it) and, where the outcome needs more than "no error", checks it.
 * The jobs run in this order on one book, as a team would use it.
 */
import { CUSTOMERS } from "../../core/schema/sheets";
import type { ImportRequest } from "../../shared/table";
import type { Emulator } from "../emulator";
import type { LoadedBundle } from "../load-bundle";
import { seededRandom } from "../random";
import { cellAt, type Allowed, type UserCells } from "./user-cells";

/** What a job's run hands back to the bench. */
export interface JobOutcome {
  readonly allowed?: Allowed;
  /** Compare the end state with this snapshot instead of the one taken before the job (restore). */
  readonly baseline?: UserCells;
  /** A job-specific verdict besides "no execution failed"; null when none. */
  readonly check?: () => { readonly ok: boolean; readonly lost: number; readonly note: string };
  readonly note?: string;
}

export interface JobContext {
  readonly bundle: LoadedBundle;
  readonly emulator: Emulator;
  /** CustomerIDs of the book, in sheet order. */
  readonly ids: readonly string[];
  /** The user-cell snapshot taken before this job. */
  readonly before: () => UserCells;
  /** Shared between jobs (the backup's snapshot for restore). */
  readonly state: { backup?: UserCells };
}

export interface PlatformJob {
  readonly name: string;
  run(ctx: JobContext): JobOutcome;
}

const MENU = { context: "menu" } as const;
const SENSITIVE = new Set(CUSTOMERS.columns.filter((c) => c.sensitive).map((c) => c.header.en));
const CUSTOMERS_TAB = "Customers";
const IMPORT_HEADERS = ["CustomerID", "Name", "ContactName", "Phone", "Email", "Region", "Status", "Owner"];
/** Bytes of rows per importStage call, under the server's 1,000,000-byte call limit (MAX_CALL_BYTES). */
const STAGE_CALL_BYTES = 800_000;

/** Every `step`-th ID, starting at `from`, at most `n`. */
function spread(ids: readonly string[], n: number, from = 0): string[] {
  const step = Math.max(1, Math.floor(ids.length / n));
  const out: string[] = [];
  for (let i = from; i < ids.length && out.length < n; i += step) out.push(ids[i]);
  return out;
}

/** Whether a row key (`ID#occurrence`) is one of `ids`: every row holding a chosen ID is chosen. */
const keyedBy = (ids: readonly string[]) => {
  const set = new Set(ids);
  return (key: string) => set.has(key.slice(0, key.lastIndexOf("#")));
};

/** An import file: `fresh` new customers and `updates` rows for existing ones. */
function importRows(ids: readonly string[], fresh: number, updates: number, seed: number): unknown[][] {
  const r = seededRandom(seed);
  const rows: unknown[][] = [];
  for (let i = 0; i < fresh; i++)
    rows.push([
      `N${seed}-${String(i + 1).padStart(6, "0")}`,
      `Imported Co ${seed}-${i + 1}`,
      r.pick(["王芳", "李伟", "Grace Young"]),
      `+86 139${String(r.int(0, 99_999_999)).padStart(8, "0")}`,
      `imported${seed}.${i + 1}@example.com`,
      r.pick(["上海", "北京", "Singapore"]),
      "Prospect",
      r.pick(["li.wei@example.com", "anna.smith@example.com"]),
    ]);
  for (const id of spread(ids, updates, 3))
    rows.push([id, "", "", `+86 137${String(r.int(0, 99_999_999)).padStart(8, "0")}`, "", "", "Won", ""]);
  return rows;
}

/** Stages the rows in calls of at most STAGE_CALL_BYTES, then previews and commits, as the sidebar does. */
function importFile(bundle: LoadedBundle, rows: readonly unknown[][]): JobOutcome {
  const request: ImportRequest = { sheet: "Customers", headers: IMPORT_HEADERS, dedupe: "update" };
  let jobId: string | null = null;
  let chunk: unknown[][] = [];
  let lines: number[] = [];
  let bytes = 0;
  const stage = () => {
    jobId = bundle.run("importStage", jobId, request, chunk, lines) as string;
    chunk = [];
    lines = [];
    bytes = 0;
  };
  rows.forEach((row, i) => {
    const size = Buffer.byteLength(JSON.stringify(row), "utf8") + 1;
    if (chunk.length && bytes + size > STAGE_CALL_BYTES) stage();
    chunk.push(row as unknown[]);
    lines.push(i + 2);
    bytes += size;
  });
  if (chunk.length) stage();
  bundle.run("importPreview", jobId, request);
  bundle.run("importCommit", jobId, request);
  const touched = keyedBy(rows.map((r) => String(r[0])));
  return { allowed: { cell: (tab, key) => tab === CUSTOMERS_TAB && touched(key) } };
}

/** The next free row of Customers, with room made for `n` rows as Sheets extends a grid on paste. */
function roomFor(emulator: Emulator, n: number): number {
  const sheet = emulator.spreadsheet.getSheetByName(CUSTOMERS_TAB)!;
  const first = sheet.getLastRow() + 1;
  const missing = first + n - 1 - sheet.getMaxRows();
  if (missing > 0)
    emulator.change("INSERT_ROW", (ss) =>
      ss.getSheetByName(CUSTOMERS_TAB)!.insertRowsAfter(sheet.getMaxRows(), missing),
    );
  return first;
}

const PASTE_ROWS = 300;

export const PLATFORM_JOBS: readonly PlatformJob[] = [
  { name: "setup", run: ({ bundle }) => (bundle.run("setUpSheets"), {}) },
  {
    name: "seal-sensitive",
    run: ({ bundle }) => {
      bundle.invoke("menuSealSensitive", [], MENU);
      return { allowed: { cell: (_tab, _key, header) => SENSITIVE.has(header) } };
    },
  },
  { name: "validate-all", run: ({ bundle }) => (bundle.run("validateAll"), {}) },
  {
    name: "fix-safe",
    run: ({ bundle, before }) => {
      // One page of up to 500 changes (the most a page holds), as the preview gave before it was paged.
      const preview = bundle.run("previewFixes", "problem", 0, 500) as {
        token: string;
        total: number;
        changes: { sheet: string; a1: string }[];
      };
      if (preview.total > 0) bundle.run("applyFixes", preview.token);
      const snapshot = before();
      const cells = new Set<string>();
      for (const c of preview.changes) {
        const tab = snapshot.get(c.sheet);
        const m = /^([A-Z]+)(\d+)$/.exec(c.a1);
        if (!tab || !m) continue;
        const column = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
        const at = cellAt(tab, Number(m[2]), column);
        if (at) cells.add(`${c.sheet}\u0000${at.rowKey}\u0000${at.header}`);
      }
      const listed = preview.changes.length >= preview.total;
      return {
        // Past the 500 changes a preview lists, the others cannot be told apart: a change is allowed, a
        // cell left blank is not (no safe fix empties a cell).
        allowed: {
          cell: (tab, key, header, now) =>
            cells.has(`${tab}\u0000${key}\u0000${header}`) || (!listed && now !== ""),
        },
        note: `${preview.total} fixes proposed${listed ? "" : ` (${preview.changes.length} listed: other cells checked for blanks only)`}`,
      };
    },
  },
  { name: "import-3-rows", run: ({ bundle, ids }) => importFile(bundle, importRows(ids, 2, 1, 3)) },
  {
    name: "import-10k-rows",
    run: ({ bundle, ids }) => importFile(bundle, importRows(ids, 9_000, 1_000, 10)),
  },
  {
    name: "edit-paste-300-rows",
    run: ({ emulator }) => {
      const first = roomFor(emulator, PASTE_ROWS);
      const r = seededRandom(300);
      const pasted = Array.from({ length: PASTE_ROWS }, (_, i) => [
        `Pasted Co ${i + 1}`,
        r.pick(["赵敏", "Peter King"]),
        `+86 136${String(r.int(0, 99_999_999)).padStart(8, "0")}`,
        `pasted${i + 1}@example.com`,
        "Regular",
        r.pick(["杭州", "London"]),
        "Prospect",
      ]);
      const runs = emulator.edit(`${CUSTOMERS_TAB}!B${first}:H${first + PASTE_ROWS - 1}`, pasted);
      const triggerRan = runs.some((x) => x.handler !== "onEdit");
      return {
        check: () => {
          const sheet = emulator.spreadsheet.getSheetByName(CUSTOMERS_TAB)!;
          const now = sheet.getRange(first, 1, PASTE_ROWS, 8).getValues();
          const stamped = now.filter((row) => String(row[0]).trim() !== "").length;
          let lost = 0;
          now.forEach((row, i) =>
            pasted[i].forEach((v, j) => (lost += row[j + 1] === "" && v !== "" ? 1 : 0)),
          );
          const failed = runs.find((x) => x.error)?.error?.message;
          return {
            ok: triggerRan && stamped === PASTE_ROWS && !failed,
            lost,
            note: triggerRan
              ? `${stamped}/${PASTE_ROWS} rows got a CustomerID${failed ? `; ${failed}` : ""}`
              : "no installable edit trigger ran (set-up did not install it)",
          };
        },
      };
    },
  },
  { name: "classify", run: ({ bundle }) => (bundle.run("classifyNow"), {}) },
  { name: "classify-unchanged", run: ({ bundle }) => (bundle.run("classifyNow"), {}) },
  { name: "reminders", run: ({ bundle }) => (bundle.run("sendRemindersNow"), {}) },
  { name: "weekly-report", run: ({ bundle }) => (bundle.run("sendWeeklyReportNow"), {}) },
  { name: "analysis", run: ({ bundle }) => (bundle.invoke("menuRunAnalysis", [], MENU), {}) },
  {
    name: "backup",
    run: ({ bundle, before, state }) => {
      bundle.invoke("menuBackupNow", [], MENU);
      state.backup = before();
      return {};
    },
  },
  {
    name: "restore",
    run: ({ bundle, emulator, ids, state }) => {
      const backups = bundle.run("listBackups") as { id: string; reason: string; stamp: string }[];
      // The backup job's set: the newest manual one (fixes and deletes make backups of their own).
      const last = backups
        .filter((b) => b.reason === "manual")
        .sort((a, b) => b.stamp.localeCompare(a.stamp))[0];
      if (!last || !state.backup) throw new Error("no backup to restore (the backup job made none)");
      // Since the backup a user overwrote three names and deleted a row (not counted: the user's doing).
      const sheet = emulator.spreadsheet.getSheetByName(CUSTOMERS_TAB)!;
      sheet.getRange(3, 2, 3, 1).setValues([["overwritten 1"], ["overwritten 2"], ["overwritten 3"]]);
      sheet.deleteRow(10);
      // Too big for one run, it says so and the bench's hourly dispatcher runs finish it (resumable).
      const started = bundle.run("restoreBackup", last.id) as { continues?: boolean };
      return {
        baseline: state.backup,
        note:
          `restored ${last.id} of ${backups.length} (${ids.length} customers)` +
          (started.continues ? ", continued by the hourly runs" : ", in one run"),
      };
    },
  },
  {
    name: "batch-update-1000",
    run: ({ bundle, ids }) => {
      const chosen = spread(ids, 1_000, 1);
      bundle.run("batchUpdateCustomers", chosen, { status: "Won", addTags: ["bench"] });
      const chosenRow = keyedBy(chosen);
      return {
        allowed: {
          cell: (tab, key, h) => tab === CUSTOMERS_TAB && chosenRow(key) && /^(Status|Tags)$/.test(h),
        },
      };
    },
  },
  {
    name: "batch-delete-200-undo",
    run: ({ bundle, ids }) => {
      const chosen = spread(ids, 200, 2);
      const deleted = bundle.run("batchDeleteCustomers", chosen) as { deleted: number; undoToken: string };
      const undone = bundle.run("undoDelete", deleted.undoToken) as { restored: number };
      // Nothing may be lost or changed once undone (the bench compares every user cell with before).
      return { note: `${deleted.deleted} deleted, ${undone.restored} put back` };
    },
  },
];
