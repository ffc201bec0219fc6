import type { Permission } from "../../core/access/roles";
import {
  DEFAULT_BUDGET_MS,
  MAX_RUNS,
  fitsAnotherChunk,
  splitText,
  type Checkpoint,
} from "../../core/trust/resumable";
import { appendJobEntry } from "../trust/audit-log";
import { syncDispatcher } from "./dispatcher";
import { requirePermission } from "./guard";
import type { JobOutcome } from "./job";
import { currentUser } from "./locale";
import { withDocumentLock } from "./lock";
import { RESUME_PREFIX, pausedJobNames } from "./pending-work";

/**
 * A job that may outlast one Apps Script run (6 minutes). Jobs are passed around as values and the
 * dispatcher finds paused ones in an explicit table (src/gas/scheduled-jobs.ts), never in a registry
 * filled as modules load: every run is a fresh execution, so only properties carry over. `begin` and `step` only read and compute (their state is
 * checkpointed as JSON); `finish` makes the result visible in one go, so a run killed at any point leaves
 * the sheet either as it was or fully updated. `step` may be repeated after a crash, so it must be a pure
 * function of its state; a step that writes (a restore, sheet by sheet) saves its progress with
 * `run.save` before it writes, so a repeat knows what was already done.
 */
export interface ResumableJob<S> {
  readonly name: string;
  readonly permission: Permission;
  begin(): S;
  step(state: S, run: StepContext<S>): { readonly state: S; readonly done: boolean };
  finish(state: S): JobOutcome;
  /**
   * How much work the step about to run will do, in any unit its time is proportional to (cells it reads,
   * say). When given, the run estimates the next step from the slowest time per unit seen so far rather
   * than from the slowest step, so one big step after several small ones does not start too late.
   */
  size?(state: S): number;
}

/** What a step may ask of the run it is part of. */
export interface StepContext<S> {
  /**
   * Saves `state` as the checkpoint now, mid-step: for a step that writes, so a run cut after this point
   * resumes from `state` (its writes done) instead of from the state the step started from.
   */
  save(state: S): void;
  /** Time left in this run's budget (a step that writes in pieces stops when it runs short). */
  msLeft(): number;
}

export type ResumableResult =
  | { readonly status: "done"; readonly outcome: JobOutcome; readonly chunks: number }
  | { readonly status: "paused"; readonly chunks: number };

export interface ResumableOptions {
  /** Time this run may use before it checkpoints and leaves the rest to the next dispatcher run. */
  readonly budgetMs?: number;
}

const PREFIX = RESUME_PREFIX;
/** Property values must stay under 9 KB; JSON is spread over pieces of this many characters. */
const PIECE = 2_000;

function props(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties();
}

function loadCheckpoint(name: string): Checkpoint<unknown> | null {
  const all = props().getProperties();
  const head = all[PREFIX + name];
  if (!head) return null;
  const { pieces } = JSON.parse(head) as { pieces: number };
  let text = "";
  for (let i = 0; i < pieces; i++) {
    const piece = all[`${PREFIX}${name}:${i}`];
    // A missing piece means the save was cut short: treat as no checkpoint and start clean.
    if (piece === undefined) return null;
    text += piece;
  }
  return JSON.parse(text) as Checkpoint<unknown>;
}

function clearCheckpoint(name: string): void {
  const p = props();
  for (const key of p.getKeys())
    if (key === PREFIX + name || key.startsWith(`${PREFIX}${name}:`)) p.deleteProperty(key);
}

/** Saves all pieces and the head in one setProperties call, so a checkpoint is written whole or not at all. */
function saveCheckpoint(cp: Checkpoint<unknown>): void {
  const pieces = splitText(JSON.stringify(cp), PIECE);
  const values: Record<string, string> = { [PREFIX + cp.job]: JSON.stringify({ pieces: pieces.length }) };
  pieces.forEach((piece, i) => (values[`${PREFIX}${cp.job}:${i}`] = piece));
  props().setProperties(values);
}

/** Names of jobs with a saved checkpoint (paused, waiting for the dispatcher's next run). */
export function pausedJobs(): string[] {
  return pausedJobNames(props().getKeys());
}

/**
 * Runs or resumes `job` under the document lock: chunks until done or until the next chunk might not fit
 * the budget, then checkpoints and makes sure the hourly dispatcher is there to continue it (an add-on
 * cannot schedule a sooner one-off trigger: https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions). The caller's role
 * is checked first; one audit entry is written when the job finishes or fails.
 */
export function runResumable<S>(job: ResumableJob<S>, options: ResumableOptions = {}): ResumableResult {
  const name = job.name;
  requirePermission(job.permission);
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const started = Date.now();
  try {
    return withDocumentLock(() => {
      const saved = loadCheckpoint(name);
      let cp: Checkpoint<S> = saved
        ? ({ ...saved, runs: saved.runs + 1 } as Checkpoint<S>)
        : {
            job: name,
            runId: Utilities.getUuid(),
            chunks: 0,
            runs: 1,
            startedAt: new Date(started).toISOString(),
            user: currentUser(),
            state: job.begin(),
          };
      if (cp.runs > MAX_RUNS) {
        clearCheckpoint(name);
        throw new Error(`Job "${name}" did not finish in ${MAX_RUNS} runs; stopped. Nothing was changed.`);
      }
      let slowest = 0;
      let perUnit = 0;
      const run: StepContext<S> = {
        save: (state) => saveCheckpoint({ ...cp, state }),
        msLeft: () => budgetMs - (Date.now() - started),
      };
      for (;;) {
        const chunkStart = Date.now();
        const size = job.size?.(cp.state) ?? 0;
        const { state, done } = job.step(cp.state, run);
        cp = { ...cp, state, chunks: cp.chunks + 1 };
        const took = Date.now() - chunkStart;
        slowest = Math.max(slowest, took);
        if (size > 0) perUnit = Math.max(perUnit, took / size);
        if (done) break;
        const next = job.size && perUnit > 0 ? job.size(cp.state) * perUnit : slowest;
        if (!fitsAnotherChunk(Date.now() - started, next, budgetMs)) {
          saveCheckpoint(cp);
          syncDispatcher();
          return { status: "paused" as const, chunks: cp.chunks };
        }
      }
      const outcome = job.finish(cp.state);
      clearCheckpoint(name);
      appendJobEntry({
        job: name,
        user: cp.user,
        at: new Date(started),
        rows: outcome.rowsAffected,
        detail: `${outcome.detail ?? "ok"} (${cp.chunks} chunks, ${cp.runs} runs)`,
      });
      return { status: "done" as const, outcome, chunks: cp.chunks };
    });
  } catch (e) {
    appendJobEntry({
      job: name,
      user: currentUser(),
      at: new Date(started),
      rows: 0,
      detail: `failed: ${(e as Error).message}`,
    });
    throw e;
  }
}

/**
 * Resumes every paused job found in `jobs` (the dispatcher's table). A checkpoint of a job that is no
 * longer in the table is dropped (its run never made anything visible). Running twice is harmless: the
 * second run finds the checkpoint gone, or waits for the lock held by the first.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each job has its own state type
export function resumePausedJobs(jobs: readonly ResumableJob<any>[]): void {
  for (const name of pausedJobs()) {
    const job = jobs.find((j) => j.name === name);
    if (job) runResumable(job);
    else clearCheckpoint(name);
  }
}
