import { describeVerification } from "../../core/trust/audit-chain";
import type { AuditLogCheck } from "../../shared/trust";
import { userLang } from "../platform/locale";
import { queuedEntryCount, verifyAuditLog } from "./audit-log";

/**
 * The audit log checked (server function verifyAuditLog and the "Verify audit log" menu item): the first
 * broken link or OK with the count, in the caller's language, and how many entries still wait in the
 * queue (they join the chain when written). Reads only.
 */
export function auditLogCheck(): AuditLogCheck {
  const verdict = verifyAuditLog();
  const waiting = queuedEntryCount();
  const lang = userLang();
  const queued =
    waiting === 0
      ? ""
      : lang === "zh-CN"
        ? ` 另有 ${waiting} 条条目正等待写入日志。`
        : ` ${waiting} more entr${waiting === 1 ? "y waits" : "ies wait"} to be written to the log.`;
  return { ...verdict, waiting, message: describeVerification(verdict, lang) + queued };
}
