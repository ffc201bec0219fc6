/**
 * `npm run bench -- --only platform [--customers N]`: every job of the add-on on a book at Google's
 * 10,000,000-cell limit, under the emulator's cost model (src/local/emulator/cost-model.ts), each started
 * as a user starts it, then hourly dispatcher runs (emulator.advanceAndFire) while a paused job waits,
 * up to MAX_TICKS. Per job: executions, the longest and the total emulated time (Apps Script cuts an
 * execution at 6 minutes: https://developers.google.com/apps-script/guides/services/quotas), calls,
 * cells read and written, whether it completed, and the user cells it lost or changed. Then the sidebar,
 * cold, at this size. Prints a table; returns {platform: {...}} for the bench's JSON line. Asserts nothing.
 */
import { spawnSync } from "node:child_process";
import v8 from "node:v8";
import type { CustomerQuery } from "../../shared/browse";
import { pausedJobNames } from "../../gas/platform/pending-work";
import type { ExecutionStats } from "../emulator/cost-model";
import { loadBundle, type LoadedBundle } from "../load-bundle";
import { bookCells, loadPlatformBook, platformBook } from "./platform-book";
import { PLATFORM_JOBS, type JobOutcome, type PlatformJob } from "./platform-jobs";
import { lostCells, userCells, type UserCells } from "./user-cells";

/** One job's figures, as the bench's JSON line carries them. */
export interface JobFigures {
  readonly job: string;
  readonly executions: number;
  readonly maxExecutionSeconds: number;
  readonly totalSeconds: number;
  readonly calls: number;
  readonly cellsRead: number;
  readonly cellsWritten: number;
  readonly completed: boolean;
  readonly lost: number;
}

/**
 * The sidebar's calls in the order a user meets them, each a fresh execution (modelled ms, elapsed): the
 * first paint (quick dashboard and first page), the next page, a portrait opened straight away
 * (`portraitColdMs`: nothing cached yet, so it reads the related sheets' CustomerID columns whole), the
 * complete answers the sidebar then asks for in the background (`backgroundMs`), and a portrait after
 * them (`portraitMs`: every row index cached, only the customer's rows read).
 */
export interface SidebarFigures {
  readonly customers: number;
  readonly firstPaintMs: number;
  readonly pageMs: number;
  readonly portraitMs: number;
  readonly portraitColdMs: number;
  readonly backgroundMs: number;
}

export interface PlatformFigures {
  readonly cells: number;
  readonly jobs: readonly JobFigures[];
  readonly sidebar: SidebarFigures;
}

/** Hourly dispatcher runs allowed for a paused job to finish. */
const MAX_TICKS = 24;
const HOUR = 3_600_000;
/** Heap the child gets at full size: the emulator keeps every cell as an object. */
const FULL_SIZE_HEAP_MB = 12_288;
const CHILD_ENV = "SHEET_CRM_PLATFORM_CHILD";

function flag(argv: readonly string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** What the bench prints per job besides the JSON figures. */
interface JobDetail {
  readonly error: string | null;
  readonly notes: readonly string[];
  readonly ticks: number;
  readonly mails: number;
}

function figuresOf(
  job: string,
  runs: readonly ExecutionStats[],
  completed: boolean,
  lost: number,
): JobFigures {
  const sum = (f: (s: ExecutionStats) => number) => runs.reduce((n, s) => n + f(s), 0);
  return {
    job,
    executions: runs.length,
    maxExecutionSeconds: seconds(Math.max(0, ...runs.map((s) => s.elapsedMs))),
    totalSeconds: seconds(sum((s) => s.elapsedMs)),
    calls: sum((s) => s.calls),
    cellsRead: sum((s) => s.cellsRead),
    cellsWritten: sum((s) => s.cellsWritten),
    completed,
    lost,
  };
}

const paused = (bundle: LoadedBundle) => pausedJobNames([...bundle.emulator.properties.document.keys()]);

/** Runs one job, then the dispatcher hourly while it is paused; measures and checks it. */
function runJob(
  job: PlatformJob,
  bundle: LoadedBundle,
  ids: readonly string[],
  before: UserCells,
  state: { backup?: UserCells },
): { figures: JobFigures; detail: JobDetail; after: UserCells } {
  const { emulator } = bundle;
  const mark = bundle.executions.length;
  const mails = emulator.outbox.length;
  let error: string | null = null;
  let outcome: JobOutcome = {};
  try {
    outcome = job.run({ bundle, emulator, ids, before: () => before, state });
  } catch (e) {
    error = (e as Error).message;
  }
  let ticks = 0;
  while (paused(bundle).length > 0 && ticks < MAX_TICKS) {
    emulator.advanceAndFire(HOUR);
    ticks++;
  }
  const runs = bundle.executions.slice(mark);
  const failed = runs.find((s) => s.error !== null);
  error ??= failed ? `${failed.name}: ${failed.error}` : null;
  const after = userCells(emulator);
  const loss = lostCells(outcome.baseline ?? before, after, outcome.allowed);
  const check = outcome.check?.();
  const stillPaused = paused(bundle);
  const notes = [
    ...(outcome.note ? [outcome.note] : []),
    ...(check ? [check.note] : []),
    ...(stillPaused.length ? [`still paused after ${ticks} dispatcher runs: ${stillPaused.join(", ")}`] : []),
    ...loss.notes,
  ];
  const completed = error === null && stillPaused.length === 0 && (check?.ok ?? true);
  return {
    figures: figuresOf(job.name, runs, completed, loss.lost + (check?.lost ?? 0)),
    detail: { error, notes, ticks, mails: emulator.outbox.length - mails },
    after,
  };
}

/** Modelled ms of one sidebar call (a fresh execution), its answer, or its failure. */
function sidebarCall(
  bundle: LoadedBundle,
  name: string,
  ...args: unknown[]
): { ms: number; value: unknown; error: string | null } {
  const mark = bundle.executions.length;
  let error: string | null = null;
  let value: unknown = null;
  try {
    value = bundle.run(name, ...args);
  } catch (e) {
    error = (e as Error).message;
  }
  const ms = bundle.executions.slice(mark).reduce((n, s) => n + s.elapsedMs, 0);
  return { ms, value, error };
}

const pendingOf = (r: { value: unknown }) => (r.value as { pending?: string } | null)?.pending;

/** The sidebar's calls as its client makes them on a book nobody has browsed yet (see SidebarFigures). */
function sidebarFigures(
  bundle: LoadedBundle,
  customers: number,
  ids: readonly string[],
): {
  figures: SidebarFigures;
  errors: string[];
} {
  const query = (page: number): CustomerQuery => ({
    search: "",
    filters: {},
    sort: null,
    page,
    pageSize: 50,
  });
  const dashboard = sidebarCall(bundle, "getDashboard", "en");
  const first = sidebarCall(bundle, "listCustomers", query(1), "en");
  const second = sidebarCall(bundle, "listCustomers", query(2), "en");
  const cold = sidebarCall(bundle, "getCustomerPortrait", ids[Math.min(42, ids.length - 1)], "en");
  // The client asks for the complete answers when the quick ones were partial (views/dashboard.ts,
  // views/customers.ts).
  const none = { ms: 0, value: null, error: null };
  const dashboardFull =
    pendingOf(dashboard) === "aggregates" ? sidebarCall(bundle, "getDashboard", "en", "full") : none;
  const listFull =
    pendingOf(first) === "facets" ? sidebarCall(bundle, "listCustomers", query(1), "en", "full") : none;
  const portrait = sidebarCall(bundle, "getCustomerPortrait", ids[Math.min(1_000, ids.length - 1)], "en");
  const errors = (
    [
      ["getDashboard", dashboard],
      ["listCustomers page 1", first],
      ["listCustomers page 2", second],
      ["getCustomerPortrait (cold)", cold],
      ["getDashboard full", dashboardFull],
      ["listCustomers full", listFull],
      ["getCustomerPortrait", portrait],
    ] as const
  ).flatMap(([n, r]) => (r.error ? [`${n}: ${r.error}`] : []));
  return {
    figures: {
      customers,
      firstPaintMs: dashboard.ms + first.ms,
      pageMs: second.ms,
      portraitMs: portrait.ms,
      portraitColdMs: cold.ms,
      backgroundMs: dashboardFull.ms + listFull.ms,
    },
    errors,
  };
}

function printTable(jobs: readonly JobFigures[], details: readonly JobDetail[]): void {
  const head = ["job", "exec", "max s", "total s", "calls", "cells read", "cells written", "done", "lost"];
  const rows = jobs.map((j) => [
    j.job,
    String(j.executions),
    j.maxExecutionSeconds.toFixed(1),
    j.totalSeconds.toFixed(1),
    String(j.calls),
    j.cellsRead.toLocaleString("en"),
    j.cellsWritten.toLocaleString("en"),
    j.completed ? "yes" : "NO",
    String(j.lost),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]) =>
    "  " + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(line(head));
  rows.forEach((r, i) => {
    console.log(line(r));
    const d = details[i];
    const extra = [
      ...(d.error ? [`error: ${d.error.slice(0, 300)}`] : []),
      ...(d.ticks ? [`${d.ticks} dispatcher runs`] : []),
      ...(d.mails ? [`${d.mails} mails`] : []),
      ...d.notes,
    ];
    for (const e of extra) console.log(`      ${e}`);
  });
}

/** Runs this bench again in a child with a heap big enough for the book; returns its figures. */
function inChild(argv: readonly string[], heapMb: number): Record<string, unknown> {
  const rest = argv.filter((_, i) => argv[i] !== "--only" && argv[i - 1] !== "--only");
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      `--max-old-space-size=${heapMb}`,
      process.argv[1],
      "bench",
      ...rest,
      "--only",
      "platform",
    ],
    {
      stdio: ["ignore", "pipe", "inherit"],
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, [CHILD_ENV]: "1" },
    },
  );
  if (child.status !== 0) throw new Error(`platform bench child failed (exit ${child.status})`);
  const lines = child.stdout.trimEnd().split("\n");
  // The child's own run-bench header and figure line would repeat what this process prints.
  for (const l of lines.slice(0, -1)) if (!/^(— platform|  platform )/.test(l)) console.log(l);
  return JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
}

export async function platformBench(argv: readonly string[] = []): Promise<{ platform: PlatformFigures }> {
  const customers = flag(argv, "customers", 100_000);
  const heapMb = customers >= 20_000 ? FULL_SIZE_HEAP_MB : 0;
  if (heapMb && !process.env[CHILD_ENV] && v8.getHeapStatistics().heap_size_limit < heapMb * 0.9 * 2 ** 20) {
    return { platform: inChild(argv, heapMb).platform as PlatformFigures };
  }
  const started = performance.now();
  const sheets = platformBook({ customers });
  const bundle = loadBundle();
  const { emulator } = bundle;
  const cells = loadPlatformBook(emulator, sheets);
  const ids = sheets[0].values.slice(1).map((r) => String(r[0]));
  sheets.length = 0;
  console.log(
    `  book: ${customers} customers, ${cells.toLocaleString("en")} cells (${Math.round(performance.now() - started)} ms to build)`,
  );
  // The weekly report and reminders of unowned customers go to a manager (settings, not a job).
  bundle.run("saveNotifySettings", { ...bundle.run("getNotifySettings"), managers: ["manager@example.com"] });

  const jobs: JobFigures[] = [];
  const details: JobDetail[] = [];
  const state: { backup?: UserCells } = {};
  let before = userCells(emulator);
  for (const job of PLATFORM_JOBS) {
    const t0 = performance.now();
    const { figures, detail, after } = runJob(job, bundle, ids, before, state);
    jobs.push(figures);
    details.push(detail);
    before = after;
    console.log(`  … ${job.name}: ${Math.round(performance.now() - t0)} ms wall`);
  }
  const sidebar = sidebarFigures(bundle, customers, ids);
  printTable(jobs, details);
  console.log(
    `  sidebar at ${customers} customers (modelled, cold): first paint ${sidebar.figures.firstPaintMs} ms, ` +
      `page ${sidebar.figures.pageMs} ms, portrait ${sidebar.figures.portraitMs} ms ` +
      `(${sidebar.figures.portraitColdMs} ms before anything was cached; the background answers ` +
      `${sidebar.figures.backgroundMs} ms)`,
  );
  for (const e of sidebar.errors) console.log(`      error: ${e.slice(0, 300)}`);
  const tabs = emulator.spreadsheet
    .getSheets()
    .map((t) => `${t.getName()} ${(t.getMaxRows() * t.getMaxColumns()).toLocaleString("en")}`);
  console.log(`  tabs at the end (cells): ${tabs.join("; ")}`);
  console.log(
    `  cells at the end ${bookCells(emulator).toLocaleString("en")}; peak RSS ${Math.round(
      process.resourceUsage().maxRSS / 1024,
    )} MB; wall ${Math.round((performance.now() - started) / 1000)} s`,
  );
  return { platform: { cells, jobs, sidebar: sidebar.figures } };
}
