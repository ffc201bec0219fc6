/** Apps Script stops a run at 6 minutes; jobs stop and checkpoint at 4.5 to leave time to save. */
export const DEFAULT_BUDGET_MS = 270_000;

/** A job's saved progress between runs. `state` is the job's own JSON. */
export interface Checkpoint<S> {
  readonly job: string;
  /** Distinguishes runs, so a stale continuation trigger cannot resume a newer run of the same job. */
  readonly runId: string;
  /** Chunks done so far. */
  readonly chunks: number;
  /** How many runs (the first plus continuations) have worked on it. */
  readonly runs: number;
  readonly startedAt: string;
  readonly user: string;
  readonly state: S;
}

/**
 * Whether another chunk fits in the budget: it is started only if the time used plus the slowest chunk
 * seen so far (a chunk's cost varies, the slowest is the safe estimate) stays within `budgetMs`.
 * @param elapsedMs time since this run started
 * @param slowestChunkMs the longest chunk of this run so far (0 before the first)
 */
export function fitsAnotherChunk(elapsedMs: number, slowestChunkMs: number, budgetMs: number): boolean {
  return elapsedMs + slowestChunkMs <= budgetMs;
}

/** A job that gave up after this many continuation runs is stuck, not slow; it stops and says so. */
export const MAX_RUNS = 50;

/** Splits a string into pieces of at most `size` characters (to spread JSON over 9 KB properties). */
export function splitText(text: string, size: number): string[] {
  if (size < 1) throw new Error("piece size must be positive");
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length ? out : [""];
}
