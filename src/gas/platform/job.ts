import type { Permission } from "../../core/access/roles";
import { admitAuditedCall, appendJobEntry } from "../trust/audit-log";
import { requirePermission } from "./guard";
import { currentUser } from "./locale";
import { withDocumentLock } from "./lock";

/** What a job reports for the audit trail. */
export interface JobOutcome {
  readonly rowsAffected: number;
  readonly detail?: string;
}

/**
 * Runs a writing job the one safe way: role check, document lock, then one audit entry (also when the job
 * fails, with the error). `body` returns its result and what it changed. The role check is the menu's and
 * the triggers' (a server function's wrapper has checked already); inside an audited server call the
 * entry becomes that call's one entry (appendJobEntry, platform/call-audit.ts).
 */
export function runJob<T>(
  name: string,
  permission: Permission,
  body: () => { result: T; outcome: JobOutcome },
): T {
  requirePermission(permission);
  // Fails closed, before anything changes, when the audit log could not record the job's entry.
  admitAuditedCall("write", currentUser());
  const started = new Date();
  try {
    const { result, outcome } = withDocumentLock(body);
    appendJobEntry({
      job: name,
      user: currentUser(),
      at: started,
      rows: outcome.rowsAffected,
      detail: outcome.detail ?? "ok",
    });
    return result;
  } catch (e) {
    appendJobEntry({
      job: name,
      user: currentUser(),
      at: started,
      rows: 0,
      detail: `failed: ${(e as Error).message}`,
    });
    throw e;
  }
}
