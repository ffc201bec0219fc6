/**
 * One full-report run: the whole report of `n` generated lines from the cells, as "Run analysis" builds it
 * in an execution of its own, with the CPU it cost and where that went. The bench runs it in fresh
 * processes from a bundle of this module (full-report-main.ts) built as the add-on's server code is built
 * (build.mjs: esbuild, Apps Script's language level), so the code measured is the code that ships.
 */
import { PerformanceObserver } from "node:perf_hooks";
import { readFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { buildAnalysis } from "../../core/analysis/report";
import { DEFAULT_ANALYSIS_SETTINGS } from "../../core/analysis/settings";
import { orderTableOf } from "../../core/analysis/order-table";
import { buildBook, type SheetCells } from "../../core/book";
import { dayFromCivil } from "../../core/calendar";
import { sidebarReport } from "../../gas/analysis/server";
import { generatedProfiles, generateOrderRows } from "./generated-orders";

/**
 * Wall time and this process's CPU time (user + system). On a shared machine the wall time includes waiting
 * for a core; the CPU time is the work itself.
 */
export function time<T>(fn: () => T): { value: T; ms: number; cpuMs: number; systemCpuMs: number } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = fn();
  const cpu = process.cpuUsage(c0);
  return {
    value,
    ms: Math.round(performance.now() - t0),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    systemCpuMs: Math.round(cpu.system / 1000),
  };
}

/**
 * CPU ms of this process's main thread alone (Linux: /proc/self/task/PID/stat, in clock ticks of 10 ms);
 * null elsewhere. The process's CPU less this is what the collector's and the compiler's own threads
 * spent.
 */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    // Fields after the command's closing parenthesis; utime and stime are fields 14 and 15 of the line.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * The garbage collector's pauses from now until `stop`: their total wall time in ms (the entries arrive
 * after the work, so `stop` waits a turn of the event loop for them).
 */
function gcPauses(): { stop(): Promise<number> } {
  const t0 = performance.now();
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ["gc"] });
  return {
    async stop() {
      const t1 = performance.now();
      await new Promise((settled) => setImmediate(settled));
      entries.push(...observer.takeRecords());
      observer.disconnect();
      let total = 0;
      for (const e of entries) if (e.startTime >= t0 && e.startTime <= t1) total += e.duration;
      return Math.round(total);
    },
  };
}

/** A full garbage collection, as `--expose-gc` offers it, without requiring the flag on the command line. */
function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

/** Idle time before the clock starts, for the compiler's threads to finish the harness's own work. */
const SETTLE_MS = 300;

/** The analysis date of the generated book (its orders run to the end of 2025). */
export const AS_OF = dayFromCivil(2026, 1, 1);

/** The figures of one full-report run (see fullReportRun). */
export interface ReportRun {
  readonly bookCpuMs: number;
  readonly tableCpuMs: number;
  readonly analysisCpuMs: number;
  readonly fullReportCpuMs: number;
  readonly fullReportMs: number;
  readonly encodeMs: number;
  readonly sidebarPayloadBytes: number;
  /** The main thread's share of fullReportCpuMs (null off Linux). */
  readonly fullReportMainThreadCpuMs: number | null;
  /**
   * Pages the report touched for the first time (minor faults; 4 KB each): fresh memory costs the system
   * time of zeroing and mapping it, a share of fullReportCpuMs that depends on the machine.
   */
  readonly fullReportPageFaults: number;
  /** The kernel's share of fullReportCpuMs (mostly mapping those pages). */
  readonly fullReportSystemCpuMs: number;
  /** The main thread's garbage-collection pauses (ms of wall time) in the report. */
  readonly fullReportGcPauseMs: number;
}

/**
 * `n` generated lines in a holder the run empties: no variable of the caller's frame keeps the cells alive
 * once the book has them.
 */
function cellsHolder(n: number): { rows: SheetCells | null; readonly customers: number } {
  const generated = generateOrderRows(n);
  return { rows: generated.sheet, customers: generated.customers };
}

/**
 * The whole report of `n` generated lines, from the cells, as "Run analysis" builds it in an execution
 * of its own: the book, the analyses' table, every analysis, each counted, the reading of the cells
 * included; and the size of the sidebar's answer. As in readBook (gas/book/read-book.ts), the cells are
 * garbage once the book is built: only the book holds what was read.
 */
export async function fullReportRun(n: number): Promise<ReportRun> {
  const cells = cellsHolder(n);
  const people = generatedProfiles(cells.customers);
  // The generator's own garbage is collected before the clock starts (its cells stay), and the compiler's
  // threads are given a moment to finish what loading and generating queued (tsx's TypeScript loader
  // among it): what is measured is the report's work, including every collection and compilation that
  // work brings on, and not the clean-up after how this bench happened to make its cells.
  collectGarbage();
  await new Promise((settled) => setTimeout(settled, SETTLE_MS));
  const pauses = gcPauses();
  const faults0 = process.resourceUsage().minorPageFault;
  const main0 = mainThreadCpuMs();
  const book = time(() => {
    const orders = cells.rows!;
    cells.rows = null;
    return buildBook({ orders }, { timeZone: "UTC" });
  });
  const encoded = time(() => orderTableOf(book.value));
  const report = time(() =>
    buildAnalysis(
      { table: encoded.value, customers: people, feedback: [], asOfDay: AS_OF },
      DEFAULT_ANALYSIS_SETTINGS,
    ),
  );
  const main1 = mainThreadCpuMs();
  const faults = process.resourceUsage().minorPageFault - faults0;
  const gcPauseMs = await pauses.stop();
  // What google.script.run carries to the sidebar for this report (the server's answer, as JSON).
  const payload = Buffer.byteLength(JSON.stringify({ ok: true, value: sidebarReport(report.value) }), "utf8");
  return {
    bookCpuMs: book.cpuMs,
    tableCpuMs: encoded.cpuMs,
    analysisCpuMs: report.cpuMs,
    fullReportCpuMs: book.cpuMs + encoded.cpuMs + report.cpuMs,
    fullReportMs: book.ms + encoded.ms + report.ms,
    encodeMs: book.ms + encoded.ms,
    sidebarPayloadBytes: payload,
    fullReportMainThreadCpuMs: main0 === null || main1 === null ? null : main1 - main0,
    fullReportPageFaults: faults,
    fullReportSystemCpuMs: book.systemCpuMs + encoded.systemCpuMs + report.systemCpuMs,
    fullReportGcPauseMs: gcPauseMs,
  };
}
