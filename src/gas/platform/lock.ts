/** Raised when another job holds the document lock past the timeout; the message is for the user. */
export class LockBusyError extends Error {
  constructor(readonly waitedMs: number) {
    super(
      `Another Sheet CRM job is writing to this spreadsheet; tried for ${Math.round(waitedMs / 1000)} s. Try again shortly.`,
    );
    this.name = "LockBusyError";
  }
}

/** Nesting depth of withDocumentLock in this execution (module state is per execution). */
let held = 0;

/**
 * Runs `job` holding the document lock, so two users, triggers or sidebar calls never interleave writes.
 * The lock is released however the job ends. A call inside another (a job that writes an audit entry
 * while it holds the lock) runs inside the lock already held.
 */
export function withDocumentLock<T>(job: () => T, timeoutMs = 30_000): T {
  if (held > 0) return job();
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(timeoutMs)) throw new LockBusyError(timeoutMs);
  held++;
  try {
    const result = job();
    SpreadsheetApp.flush();
    return result;
  } finally {
    held--;
    lock.releaseLock();
  }
}
