/** Raised when another job holds the document lock past the timeout; the message is for the user. */
export class LockBusyError extends Error {
  constructor(readonly waitedMs: number) {
    super(
      `Another Sheet CRM job is writing to this spreadsheet; tried for ${Math.round(waitedMs / 1000)} s. Try again shortly.`,
    );
    this.name = "LockBusyError";
  }
}

/**
 * Runs `job` holding the document lock, so two users, triggers or sidebar calls never interleave writes.
 * The lock is released however the job ends.
 */
export function withDocumentLock<T>(job: () => T, timeoutMs = 30_000): T {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(timeoutMs)) throw new LockBusyError(timeoutMs);
  try {
    const result = job();
    SpreadsheetApp.flush();
    return result;
  } finally {
    lock.releaseLock();
  }
}
