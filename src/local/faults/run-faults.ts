/**
 * The fault-injection suite: `npm run faults -- --seed N --count K [--dist DIR]`. For each writing job of
 * the add-on it runs the job once cleanly (the expected workbook), then K/jobs times with one seeded fault
 * each, and checks that no user cell was lost or changed unintentionally, no owned column was half
 * written and no e-mail went out twice (also after a retry). Then the attack kinds (attacks.ts): each an
 * adversary's try that must be refused. Prints one line per job and per attack, then one JSON line.
 */
import path from "node:path";
import { mapHeaders, sheetSpecForName } from "../../core/schema/headers";
import { isMasked } from "../../core/trust/mask";
import { flag, requireReadable, runCommand, type CommandSpec } from "../cli-args";
import type { Emulator } from "../emulator";
import { loadBundle, type LoadedBundle } from "../load-bundle";
import { fixtureSheets, OWNER } from "./fixture";
import {
  NO_VIOLATIONS,
  addViolations,
  checkSheet,
  duplicateMails,
  type Grid,
  type Violations,
} from "./invariants";
import { FAULT_JOBS, type FaultJob } from "./jobs";
import { FAULT_KINDS, describeFault, planFault, type Fault } from "./plan";
import { seededRandom } from "../random";
import { runAttacks } from "./attacks";

/** `--attacks`: run the attack kinds after the fault jobs (all), skip them (none), or run only them. */
const ATTACK_MODES = ["all", "none", "only"] as const;

export interface FaultOptions {
  readonly seed: number;
  readonly count: number;
  readonly dist?: string;
  /** Per-job lines go here (default console.log). */
  readonly log?: (line: string) => void;
}

export interface JobResult extends Violations {
  readonly job: string;
  /** What the clean run did: canonical cells it changed and mails it sent (0 and 0 means a vacuous test). */
  readonly cleanCellsChanged: number;
  readonly cleanMails: number;
  /** Sensitive cells the clean run left in plain text (they must be encrypted and masked). */
  readonly sensitivePlaintext: number;
  readonly cleanError: string | null;
  readonly faults: number;
  readonly duplicateMails: number;
  readonly byKind: Readonly<Record<string, number>>;
  /** Cut runs whose next run failed or left the book unlike the clean run's (stamps aside). */
  readonly resumeFailures: number;
}

/**
 * What the suite counts over every job, in the JSON line's order. Each must stay 0; sensitive plaintext is
 * reported (a clean run's fact, not a fault's) without failing the run.
 */
const COUNTED = [
  "userCellsLost",
  "userCellsChanged",
  "duplicateMails",
  "partialWrites",
  "sensitivePlaintext",
  /** Jobs cut at a call that their next run did not finish (see the "cut-resume" fault). */
  "resumeFailures",
] as const;
const BREAKING = COUNTED.filter((k) => k !== "sensitivePlaintext");

export interface FaultSummary extends Readonly<Record<(typeof COUNTED)[number], number>> {
  readonly jobs: number;
  readonly faultsInjected: number;
  readonly skipped: readonly string[];
  /** Jobs whose fault-free run failed: their fault runs prove little, so they are listed. */
  readonly cleanFailures: readonly string[];
  readonly seed: number;
  readonly count: number;
}

const CANONICAL = ["Customers", "Orders", "Interactions", "Feedback"];

/** A new bundle on the seed's workbook, with the job's own preparation done (and not counted). */
function fresh(seed: number, dist: string | undefined, job?: FaultJob): LoadedBundle {
  const loaded = loadBundle({ owner: OWNER, user: OWNER, dist });
  for (const s of fixtureSheets(seed)) loaded.emulator.sheetFromValues(s.name, s.values);
  job?.prepare?.(loaded);
  loaded.emulator.resetCounts();
  return loaded;
}

/** Canonical tabs' values, read from the emulator's snapshot (which neither counts calls nor trips faults). */
function canonicalValues(
  emulator: Emulator,
  renamed: ReadonlyMap<string, string> = new Map(),
): Map<string, Grid> {
  const out = new Map<string, Grid>();
  for (const s of emulator.snapshot().sheets) {
    const name = renamed.get(s.name) ?? s.name;
    if (CANONICAL.includes(name) && !out.has(name)) out.set(name, s.values);
  }
  return out;
}

/** Non-empty cells of sensitive columns that do not show a mask. */
function plaintextSensitive(values: ReadonlyMap<string, Grid>): number {
  let n = 0;
  for (const [name, grid] of values) {
    const spec = sheetSpecForName(name);
    if (!spec || !grid.length) continue;
    const map = mapHeaders(spec, grid[0]);
    const columns = spec.columns
      .filter((c) => c.sensitive && map.index.has(c.key))
      .map((c) => map.index.get(c.key)!);
    for (const row of grid.slice(1))
      for (const c of columns) if (row[c] !== "" && row[c] !== null && !isMasked(row[c])) n++;
  }
  return n;
}

function ownedColumns(name: string, headers: readonly unknown[]): Set<number> {
  const spec = sheetSpecForName(name);
  if (!spec) return new Set();
  const map = mapHeaders(spec, headers);
  return new Set(
    spec.columns.filter((c) => c.owned && map.index.has(c.key)).map((c) => map.index.get(c.key)!),
  );
}

function inject(emulator: Emulator, fault: Fault): void {
  const f = emulator.faults;
  switch (fault.kind) {
    case "time-limit":
    case "cut-resume":
      f.timeLimit(fault.atCall, 1);
      break;
    case "lock-contention":
      f.lockContention();
      break;
    case "mail-quota":
      f.mailQuota(fault.remaining);
      break;
    case "sheet-renamed":
      f.renameSheetAtCall(fault.atCall, fault.sheet, fault.to);
      break;
    case "sheet-deleted":
      f.deleteSheetAtCall(fault.atCall, fault.sheet);
      break;
    case "row-inserted":
      f.insertRowAtCall(fault.atCall, fault.sheet, fault.beforeRow);
      break;
    case "trigger-twice":
      break;
  }
}

/** Runs the job; errors are the job's answer to the fault, not a suite failure. */
function attempt(loaded: LoadedBundle, job: FaultJob, viaTrigger = false): Error | null {
  try {
    if (viaTrigger && job.trigger && typeof loaded.ctx[job.trigger] === "function")
      loaded.ctx[job.trigger]({ authMode: "FULL", triggerUid: "fault-suite" });
    else job.run(loaded.ctx);
    return null;
  } catch (e) {
    return e as Error;
  }
}

/** Stamps of when a run happened, which differ between any two runs. */
const VOLATILE = /^(ClassifiedAt|UpdatedAt|CreatedAt)$/;

/** Whether any canonical cell of `now` (stamps aside) differs from the clean run's `expected`. */
function differsFromClean(expected: ReadonlyMap<string, Grid>, now: ReadonlyMap<string, Grid>): boolean {
  for (const [name, grid] of expected) {
    const spec = sheetSpecForName(name);
    const other = now.get(name) ?? [];
    if (!spec || !grid.length) continue;
    if (other.length !== grid.length) return true;
    const map = mapHeaders(spec, grid[0]);
    const volatile = new Set(
      spec.columns
        .filter((c) => VOLATILE.test(c.key) && map.index.has(c.key))
        .map((c) => map.index.get(c.key)!),
    );
    for (let r = 0; r < grid.length; r++)
      for (let c = 0; c < grid[r].length; c++)
        if (!volatile.has(c) && JSON.stringify(grid[r][c] ?? "") !== JSON.stringify(other[r]?.[c] ?? ""))
          return true;
  }
  return false;
}

function total(v: Violations): number {
  return v.userCellsLost + v.userCellsChanged + v.partialWrites;
}

/**
 * Checks one sheet after a row was inserted into it mid-job. The inserted row may have moved (a batch
 * delete) or been written to (a stale write), so each data row is tried as the inserted one and the
 * kindest reading wins: what remains are real violations.
 */
function checkWithInsertedRow(
  name: string,
  old: Grid,
  expected: Grid,
  now: Grid,
  owned: ReadonlySet<number>,
): Violations {
  // A job that rewrites the whole sheet (a restore) leaves no trace of the inserted row: try that first.
  let best = checkSheet(name, old, expected, now, { owned });
  for (let r = 1; r < now.length && total(best) > 0; r++) {
    const v = checkSheet(
      name,
      old,
      expected,
      now.filter((_, i) => i !== r),
      { owned },
    );
    if (total(v) < total(best)) best = v;
  }
  return best;
}

function compare(
  before: Map<string, Grid>,
  expected: Map<string, Grid>,
  after: Map<string, Grid>,
  fault: Fault,
): Violations {
  let v = NO_VIOLATIONS;
  for (const [name, old] of before) {
    if (fault.kind === "sheet-deleted" && fault.sheet === name) continue;
    const owned = ownedColumns(name, old[0] ?? []);
    const now = after.get(name) ?? [];
    const exp = expected.get(name) ?? old;
    v = addViolations(
      v,
      fault.kind === "row-inserted" && fault.sheet === name
        ? checkWithInsertedRow(name, old, exp, now, owned)
        : checkSheet(name, old, exp, now, { owned }),
    );
  }
  return v;
}

/** Runs one job under `runs` faults. */
export function runJobFaults(job: FaultJob, seed: number, runs: number, dist?: string): JobResult {
  const clean = fresh(seed, dist, job);
  const before = canonicalValues(clean.emulator);
  const cleanError = attempt(clean, job);
  const calls = Object.values(clean.emulator.counts()).reduce((a, b) => a + b, 0);
  const expected = canonicalValues(clean.emulator);
  const rows = new Map([...before].map(([n, g]) => [n, Math.max(0, g.length - 1)]));
  const rnd = seededRandom(seed * 7919 + job.name.length * 104729 + job.name.charCodeAt(0));
  let violations: Violations = NO_VIOLATIONS;
  let dups = duplicateMails(clean.emulator.outbox);
  let resumeFailures = 0;
  const byKind: Record<string, number> = {};
  const firstKind = rnd.int(0, FAULT_KINDS.length - 1);
  for (let i = 0; i < runs; i++) {
    const fault = planFault(rnd, i, firstKind, calls, rows);
    byKind[fault.kind] = (byKind[fault.kind] ?? 0) + 1;
    const loaded = fresh(seed, dist, job);
    inject(loaded.emulator, fault);
    attempt(loaded, job, fault.kind === "trigger-twice");
    if (fault.kind === "trigger-twice") attempt(loaded, job, true);
    loaded.emulator.faults.reset();
    if (fault.kind === "cut-resume") {
      // The continuation: it must finish, and the book must then read as after a clean run.
      const error = cleanError ? null : attempt(loaded, job);
      const done = compare(before, expected, canonicalValues(loaded.emulator), fault);
      const unfinished =
        error !== null ||
        done.partialWrites > 0 ||
        differsFromClean(expected, canonicalValues(loaded.emulator));
      if (unfinished) {
        resumeFailures++;
        violations = addViolations(violations, {
          ...NO_VIOLATIONS,
          notes: [`${describeFault(fault)}: not finished${error ? ` (${error.message})` : ""}`],
        });
      }
    }
    const renamed = new Map(fault.kind === "sheet-renamed" ? [[fault.to, fault.sheet]] : []);
    const found = compare(before, expected, canonicalValues(loaded.emulator, renamed), fault);
    // The user (or the next trigger) retries after the fault: still no mail may go out twice.
    if (fault.kind !== "sheet-deleted" && fault.kind !== "sheet-renamed") attempt(loaded, job);
    const d = duplicateMails(loaded.emulator.outbox);
    dups += d;
    const note = (text: string) => `${describeFault(fault)}: ${text}`;
    violations = addViolations(violations, {
      ...found,
      notes: [...found.notes.map(note), ...(d ? [note(`${d} duplicate mail(s)`)] : [])],
    });
  }
  const cleanCellsChanged = [...before].reduce(
    (n, [name, grid]) =>
      n +
      checkSheet(name, grid, grid, expected.get(name) ?? [], { owned: new Set() }).userCellsChanged +
      checkSheet(name, grid, grid, expected.get(name) ?? [], { owned: new Set() }).userCellsLost,
    0,
  );
  return {
    job: job.name,
    cleanCellsChanged,
    cleanMails: clean.emulator.outbox.length,
    sensitivePlaintext: plaintextSensitive(expected),
    cleanError: cleanError ? cleanError.message : null,
    faults: runs,
    duplicateMails: dups,
    byKind,
    resumeFailures,
    ...violations,
  };
}

/** Runs the suite; returns the summary (what the CLI prints as its last line). */
export function runFaultSuite(options: FaultOptions): FaultSummary {
  const log = options.log ?? ((line: string) => console.log(line));
  const probe = fresh(options.seed, options.dist);
  const runnable = FAULT_JOBS.filter((j) => j.needs.every((n) => typeof probe.ctx[n] === "function"));
  const skipped = FAULT_JOBS.filter((j) => !runnable.includes(j)).map((j) => j.name);
  for (const name of skipped)
    log(`${name}: skipped (the bundle has no ${FAULT_JOBS.find((j) => j.name === name)!.needs.join("/")})`);
  const totals = Object.fromEntries(COUNTED.map((k) => [k, 0])) as Record<(typeof COUNTED)[number], number>;
  let faultsInjected = 0;
  const cleanFailures: string[] = [];
  runnable.forEach((job, j) => {
    const runs = Math.floor(options.count / runnable.length) + (j < options.count % runnable.length ? 1 : 0);
    const r = runJobFaults(job, options.seed, runs, options.dist);
    for (const k of COUNTED) totals[k] += r[k];
    faultsInjected += r.faults;
    const kinds = Object.entries(r.byKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ");
    const clean = r.cleanError
      ? `clean run failed: ${r.cleanError}`
      : `clean run changed ${r.cleanCellsChanged} cells, sent ${r.cleanMails} mails` +
        (r.sensitivePlaintext ? `, left ${r.sensitivePlaintext} sensitive value(s) in plain text` : "");
    if (r.cleanError) cleanFailures.push(r.job);
    log(
      `${r.job}: ${clean}; ${r.faults} faults (${kinds}); user cells lost ${r.userCellsLost}, ` +
        `changed ${r.userCellsChanged}; partial writes ${r.partialWrites}; duplicate mails ${r.duplicateMails}; ` +
        `cut and not finished by the next run ${r.resumeFailures}`,
    );
    for (const n of r.notes) log(`  ${n}`);
  });
  return {
    jobs: runnable.length,
    faultsInjected,
    ...totals,
    skipped,
    cleanFailures,
    seed: options.seed,
    count: options.count,
  };
}

const SPEC: CommandSpec = {
  command: "faults",
  summary: {
    en:
      "The fault-injection suite: runs each job under seeded faults (time limits, cuts resumed by the next\n" +
      "run, lock contention, mail quota, sheets renamed or deleted, rows inserted, triggers fired twice), then\n" +
      "the attack kinds; ends with ONE JSON line.",
    zh:
      "故障注入测试：在可复现的随机故障下运行每个任务（超时、中断后由下次运行续完、锁争用、邮件配额、\n" +
      "工作表被改名或删除、插入行、触发器重复触发），然后运行各类攻击；最后一行为 JSON 汇总。",
  },
  flags: [
    flag("seed", "N", { en: "the random seed (default 1)", zh: "随机种子（默认 1）" }),
    flag("count", "K", { en: "faults in all (default 1000)", zh: "注入的故障总数（默认 1000）" }),
    flag("dist", "DIR", {
      en: "the built bundle to test (default dist/)",
      zh: "被测的构建目录（默认 dist/）",
    }),
    flag("attacks", ATTACK_MODES.join("|"), {
      en: "all (default), none (skip them) or only (attacks alone)",
      zh: "all（默认）、none（跳过攻击）或 only（只运行攻击）",
    }),
  ],
  notes: {
    en: "Exit code 0 when every invariant held, 1 when one broke (or an attack succeeded), 2 for a usage error.",
    zh: "退出码：0 所有不变量均成立；1 有不变量被破坏（或有攻击成功）；2 参数错误。",
  },
};

export function main(argv: string[]): Promise<number> {
  return runCommand(SPEC, argv, async (flags) => {
    const seed = flags.number("seed", 1, { min: -(2 ** 31), max: 2 ** 32, integer: true });
    const count = flags.number("count", 1000, { min: 0, max: 10_000_000, integer: true });
    const attackMode = flags.oneOf("attacks", ATTACK_MODES, "all");
    const dist = flags.get("dist");
    if (dist !== undefined) requireReadable(path.join(dist, "Code.js"), { en: "bundle", zh: "构建文件" });
    return runFaults(seed, count, attackMode, dist);
  });
}

function runFaults(seed: number, count: number, attackMode: string, dist: string | undefined): number {
  const summary = runFaultSuite({ seed, count: attackMode === "only" ? 0 : count, dist });
  const attacks = attackMode === "none" ? null : runAttacks({ seed, dist });
  console.log(
    JSON.stringify({
      ...summary,
      ...(attacks
        ? {
            attacks: { tried: attacks.tried, succeeded: attacks.succeeded },
            attackFailures: attacks.failures,
          }
        : {}),
    }),
  );
  const broken = BREAKING.reduce((n, k) => n + summary[k], attacks?.succeeded ?? 0);
  return broken > 0 ? 1 : 0;
}
