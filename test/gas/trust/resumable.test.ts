/**
 * Resumable jobs and locks, run from source against the emulator's services (the test has its own jobs;
 * the dispatcher finds them in the table it is given, as the bundle's finds its own).
 */
import { createEmulator, type Emulator } from "../../../src/local/emulator";

type Resumable = typeof import("../../../src/gas/platform/resumable");
type Dispatcher = typeof import("../../../src/gas/platform/dispatcher");
type Job = typeof import("../../../src/gas/platform/job");
type AnyJob = import("../../../src/gas/platform/resumable").ResumableJob<any>;

let emulator: Emulator;
let resumable: Resumable;
let dispatcher: Dispatcher;
let job: Job;
/** The jobs the dispatcher's table holds in this test. */
let table: AnyJob[];

/** What handleDispatch does with the table: continue paused jobs when there are any. */
function handleDispatch(): void {
  dispatcher.dispatch([
    {
      name: "continue-paused-jobs",
      pending: () => resumable.pausedJobs().length > 0,
      run: () => resumable.resumePausedJobs(table),
    },
  ]);
}

/** A job summing 1..20 in chunks of 4, each chunk costing `chunkMs` of emulated time; writes the sum at the end. */
function sumJob(chunkMs: number): { job: AnyJob; finishes: () => number } {
  let finishes = 0;
  const sum: import("../../../src/gas/platform/resumable").ResumableJob<{ next: number; sum: number }> = {
    name: "sum",
    permission: "run-jobs",
    begin: () => ({ next: 1, sum: 0 }),
    step: (s) => {
      emulator.clock.advance(chunkMs);
      let { next, sum } = s;
      for (let k = 0; k < 4 && next <= 20; k++) sum += next++;
      return { state: { next, sum }, done: next > 20 };
    },
    finish: (s) => {
      finishes++;
      SpreadsheetApp.getActive().getSheetByName("Sheet1")!.getRange("A1").setValue(s.sum);
      return { rowsAffected: 1, detail: `sum ${s.sum}` };
    },
  };
  table = [sum];
  return { job: sum, finishes: () => finishes };
}

beforeEach(() => {
  jest.resetModules();
  emulator = createEmulator();
  Object.assign(globalThis, emulator.globals);
  jest.spyOn(Date, "now").mockImplementation(() => emulator.clock.nowMs());
  resumable = require("../../../src/gas/platform/resumable");
  dispatcher = require("../../../src/gas/platform/dispatcher");
  job = require("../../../src/gas/platform/job");
  table = [];
  emulator.setHandlerRunner((handler) => {
    if (handler !== "handleDispatch") return false;
    emulator.execution(handleDispatch);
    return true;
  });
});

afterEach(() => jest.restoreAllMocks());

const a1 = () => emulator.spreadsheet.getSheetByName("Sheet1")!.getRange("A1").getValue();

describe("resumable jobs", () => {
  it("finishes in one run when the budget allows", () => {
    const { job: sum } = sumJob(1000);
    expect(resumable.runResumable(sum)).toEqual({
      status: "done",
      outcome: { rowsAffected: 1, detail: "sum 210" },
      chunks: 5,
    });
    expect(a1()).toBe(210);
    expect(resumable.pausedJobs()).toEqual([]);
  });

  it("checkpoints past the budget, shows nothing until done, and continues from the hourly dispatcher", () => {
    const { job: sum, finishes } = sumJob(100_000);
    const first = resumable.runResumable(sum, { budgetMs: 250_000 });
    expect(first).toEqual({ status: "paused", chunks: 2 });
    expect(a1()).toBe("");
    expect(resumable.pausedJobs()).toEqual(["sum"]);
    const dispatchers = () => emulator.triggers().filter((t) => t.handler === "handleDispatch");
    expect(dispatchers()).toHaveLength(1);
    // Each hourly run does what fits in the budget: two chunks, then two, then the last and the finish.
    const runs = emulator.advanceAndFire(3 * 3_600_000);
    expect(runs.map((r) => r.error)).toEqual(runs.map(() => null));
    expect(a1()).toBe(210);
    expect(finishes()).toBe(1);
    expect(resumable.pausedJobs()).toEqual([]);
    // Nothing is left to do: the dispatcher removed its own trigger.
    expect(dispatchers()).toHaveLength(0);
  });

  it("a continuation fired twice finishes the job once", () => {
    const { job: sum, finishes } = sumJob(100_000);
    resumable.runResumable(sum, { budgetMs: 450_000 });
    handleDispatch();
    handleDispatch();
    expect(finishes()).toBe(1);
    expect(a1()).toBe(210);
  });

  it("a crash mid-run leaves the old state and the last checkpoint; the next run completes", () => {
    const { job: sum, finishes } = sumJob(100_000);
    resumable.runResumable(sum, { budgetMs: 250_000 });
    emulator.faults.failAtCall(3, "Exceeded maximum execution time");
    expect(() => resumable.resumePausedJobs(table)).toThrow("Exceeded maximum execution time");
    expect(a1()).toBe("");
    emulator.faults.reset();
    resumable.resumePausedJobs(table);
    while (resumable.pausedJobs().length) resumable.resumePausedJobs(table);
    expect(a1()).toBe(210);
    expect(finishes()).toBe(1);
  });

  it("a big state is spread over several properties and read back whole", () => {
    const big: import("../../../src/gas/platform/resumable").ResumableJob<{ rows: string[]; i: number }> = {
      name: "big",
      permission: "run-jobs",
      begin: () => ({ rows: Array.from({ length: 800 }, (_, k) => `row ${k} ${"x".repeat(20)}`), i: 0 }),
      step: (s) => {
        emulator.clock.advance(200_000);
        return { state: { ...s, i: s.i + 1 }, done: s.i + 1 >= 2 };
      },
      finish: (s) => ({ rowsAffected: s.rows.length, detail: `rows ${s.rows.length}` }),
    };
    table = [big];
    expect(resumable.runResumable(big).status).toBe("paused");
    const pieces = [...emulator.properties.document.keys()].filter((k) => k.startsWith("resume:big:"));
    expect(pieces.length).toBeGreaterThan(4);
    expect(emulator.properties.document.get("resume:big")!.length).toBeLessThan(100);
    handleDispatch();
    expect(resumable.pausedJobs()).toEqual([]);
  });

  it("a paused job no longer in the table is dropped, not resumed forever", () => {
    const { job: sum } = sumJob(100_000);
    resumable.runResumable(sum, { budgetMs: 250_000 });
    table = [];
    handleDispatch();
    expect(resumable.pausedJobs()).toEqual([]);
    expect([...emulator.properties.document.keys()].filter((k) => k.startsWith("resume:"))).toEqual([]);
    expect(a1()).toBe("");
  });

  it("a viewer cannot start it", () => {
    const { job: sum } = sumJob(1000);
    emulator.properties.document.set("roles", JSON.stringify({ "v@example.com": "viewer" }));
    emulator.setUser("v@example.com");
    expect(() => resumable.runResumable(sum)).toThrow(/does not allow/);
    expect(a1()).toBe("");
  });
});

describe("locks", () => {
  it("a job that cannot take the document lock says so and writes nothing", () => {
    emulator.faults.lockContention();
    const before = JSON.stringify(emulator.snapshot().sheets.map((s) => s.values));
    expect(() =>
      job.runJob("demo", "run-jobs", () => {
        SpreadsheetApp.getActive().getSheetByName("Sheet1")!.getRange("A1").setValue("x");
        return { result: 1, outcome: { rowsAffected: 1 } };
      }),
    ).toThrow(/Another Sheet CRM job is writing to this spreadsheet; tried for 30 s/);
    const sheets = emulator.snapshot().sheets.filter((s) => s.name === "Sheet1");
    expect(JSON.stringify(sheets.map((s) => s.values))).toBe(before);
  });
});
