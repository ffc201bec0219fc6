/**
 * The resumable framework's step hooks, from source against the emulator: a job that says how big its next
 * step is gets it estimated from the time per unit seen so far, and a step that saves mid-way resumes
 * from what it saved after a cut.
 */
import { createEmulator, type Emulator } from "../../../src/local/emulator";

type Resumable = typeof import("../../../src/gas/platform/resumable");
type Job<S> = import("../../../src/gas/platform/resumable").ResumableJob<S>;

let emulator: Emulator;
let resumable: Resumable;

beforeEach(() => {
  jest.resetModules();
  emulator = createEmulator();
  Object.assign(globalThis, emulator.globals);
  jest.spyOn(Date, "now").mockImplementation(() => emulator.clock.nowMs());
  resumable = require("../../../src/gas/platform/resumable");
});

afterEach(() => jest.restoreAllMocks());

/** Steps of these sizes, each taking size × 1 s of emulated time; `ran` lists the steps each run did. */
function sizedJob(sizes: readonly number[], withSize: boolean): { job: Job<{ i: number }>; ran: number[][] } {
  const ran: number[][] = [[]];
  const job: Job<{ i: number }> = {
    name: "sized",
    permission: "run-jobs",
    begin: () => ({ i: 0 }),
    step: (s) => {
      emulator.clock.advance(sizes[s.i] * 1000);
      ran[ran.length - 1].push(s.i);
      return { state: { i: s.i + 1 }, done: s.i + 1 >= sizes.length };
    },
    finish: () => ({ rowsAffected: 0 }),
    ...(withSize ? { size: (s: { i: number }) => sizes[s.i] ?? 0 } : {}),
  };
  return { job, ran };
}

describe("resumable step hooks", () => {
  const sizes = [5, 5, 5, 100, 5];

  it("without sizes, a big step after small ones starts late and overruns the budget", () => {
    const { job } = sizedJob(sizes, false);
    const started = emulator.clock.nowMs();
    expect(resumable.runResumable(job, { budgetMs: 60_000 }).status).toBe("paused");
    // Estimated from the slowest step so far (5 s), the 100 s step started at 15 s.
    expect(emulator.clock.nowMs() - started).toBe(115_000);
  });

  it("with sizes, the big step waits for a run of its own; no run passes its budget but the first step", () => {
    const { job, ran } = sizedJob(sizes, true);
    const started = emulator.clock.nowMs();
    expect(resumable.runResumable(job, { budgetMs: 60_000 }).status).toBe("paused");
    expect(ran).toEqual([[0, 1, 2]]);
    expect(emulator.clock.nowMs() - started).toBeLessThanOrEqual(60_000);
    ran.push([]);
    expect(resumable.runResumable(job, { budgetMs: 60_000 }).status).toBe("paused");
    // A run always does one step (the big one here); the next small one would pass the budget.
    expect(ran[1]).toEqual([3]);
    ran.push([]);
    expect(resumable.runResumable(job, { budgetMs: 60_000 }).status).toBe("done");
    expect(ran[2]).toEqual([4]);
  });

  it("a step that saves mid-way and is cut resumes from what it saved, not from where it began", () => {
    const writes: string[] = [];
    let cut = true;
    const job: Job<{ phase: "copy" | "write" | "done" }> = {
      name: "saver",
      permission: "run-jobs",
      begin: () => ({ phase: "copy" }),
      step: (s, run) => {
        if (s.phase === "copy") {
          writes.push("copy");
          run.save({ phase: "write" });
        }
        if (cut) {
          cut = false;
          throw new Error("Exceeded maximum execution time");
        }
        writes.push("write");
        expect(run.msLeft()).toBeGreaterThan(0);
        return { state: { phase: "done" }, done: true };
      },
      finish: () => ({ rowsAffected: 1 }),
    };
    expect(() => resumable.runResumable(job)).toThrow("Exceeded maximum execution time");
    expect(resumable.pausedJobs()).toEqual(["saver"]);
    expect(resumable.runResumable(job).status).toBe("done");
    // The copy was made once: the repeat began from the saved "write" phase.
    expect(writes).toEqual(["copy", "write"]);
    expect(resumable.pausedJobs()).toEqual([]);
  });
});
