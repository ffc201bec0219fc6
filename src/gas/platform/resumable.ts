import type { Permission } from "../../core/access/roles";
import {
  DEFAULT_BUDGET_MS,
  MAX_RUNS,
  fitsAnotherChunk,
  splitText,
  type Checkpoint,
} from "../../core/trust/resumable";
import { appendJobEntry } from "../trust/audit-log";
import { requirePermission } from "./guard";
import type { JobOutcome } from "./job";
import { currentUser } from "./locale";
import { withDocumentLock } from "./lock";

/**
 * A job that may outlast one Apps Script run. `begin` and `step` only read and compute (their state is
 * checkpointed as JSON); `finish` makes the result visible in one go, so a run killed at any point leaves
 * the sheet either as it was or fully updated. `step` may be repeated after a crash, so it must be a pure
 * function of its state.
 */
export interface ResumableJob<S> {
  readonly name: string;
  readonly permission: Permission;
  begin(): S;
  step(state: S): { readonly state: S; readonly done: boolean };
  finish(state: S): JobOutcome;
}

export type ResumableResult =
  | { readonly status: "done"; readonly outcome: JobOutcome; readonly chunks: number }
  | { readonly status: "paused"; readonly chunks: number };

export interface ResumableOptions {
  /** Time this run may use before it checkpoints and hands over to a trigger. */
  readonly budgetMs?: number;
  /** Delay of the one-off continuation trigger. */
  readonly continueAfterMs?: number;
}

export const RESUME_HANDLER = "handleResumeJob";
const PREFIX = "resume:";
/** Property values must stay under 9 KB; JSON is spread over pieces of this many characters. */
const PIECE = 2_000;

const registry = new Map<string, ResumableJob<unknown>>();

/** Makes a job resumable by name; call at module load so the continuation trigger can find it. */
export function registerResumable<S>(job: ResumableJob<S>): void {
  registry.set(job.name, job as ResumableJob<unknown>);
}

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

function scheduleContinuation(afterMs: number): void {
  const pending = ScriptApp.getProjectTriggers().some((t) => t.getHandlerFunction() === RESUME_HANDLER);
  if (!pending) ScriptApp.newTrigger(RESUME_HANDLER).timeBased().after(afterMs).create();
}

/** Names of jobs with a saved checkpoint (paused, waiting for their continuation). */
export function pausedJobs(): string[] {
  return props()
    .getKeys()
    .filter((k) => k.startsWith(PREFIX) && !k.slice(PREFIX.length).includes(":"))
    .map((k) => k.slice(PREFIX.length));
}

/**
 * Runs or resumes a registered job under the document lock: chunks until done or until the next chunk
 * might not fit the budget, then checkpoints and schedules one continuation trigger. The caller's role
 * is checked first; one audit entry is written when the job finishes or fails.
 */
export function runResumable(name: string, options: ResumableOptions = {}): ResumableResult {
  const job = registry.get(name);
  if (!job) throw new Error(`No resumable job named "${name}".`);
  requirePermission(job.permission);
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const started = Date.now();
  try {
    return withDocumentLock(() => {
      const saved = loadCheckpoint(name);
      let cp: Checkpoint<unknown> = saved
        ? { ...saved, runs: saved.runs + 1 }
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
      for (;;) {
        const chunkStart = Date.now();
        const { state, done } = job.step(cp.state);
        cp = { ...cp, state, chunks: cp.chunks + 1 };
        slowest = Math.max(slowest, Date.now() - chunkStart);
        if (done) break;
        if (!fitsAnotherChunk(Date.now() - started, slowest, budgetMs)) {
          saveCheckpoint(cp);
          scheduleContinuation(options.continueAfterMs ?? 60_000);
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
 * The one-off continuation trigger: removes itself, then resumes every paused job. Firing twice is
 * harmless: the second run finds the checkpoint gone (or waits for the lock held by the first).
 */
export function handleResumeJob(e?: { triggerUid?: string }): void {
  for (const t of ScriptApp.getProjectTriggers()) {
    if (t.getHandlerFunction() === RESUME_HANDLER && (!e?.triggerUid || t.getUniqueId() === e.triggerUid))
      ScriptApp.deleteTrigger(t);
  }
  for (const name of pausedJobs()) if (registry.has(name)) runResumable(name);
}
