import { setScheduled } from "../platform/dispatcher";
import { runJob } from "../platform/job";
import type { Cadence } from "../platform/schedule";
import { backupSheets, fullBackupSheetNames } from "./backups";

/** The weekly backup: Mondays in the 2 o'clock hour of the spreadsheet's zone, before the nightly classification. */
export const WEEKLY_BACKUP_CADENCE: Cadence = { kind: "weekly", weekday: 1, hour: 2 };

/** Backs up every canonical sheet and the vault (still encrypted) as one job (role check, document lock, audit entry); returns the copies. */
export function backupAll(reason: string): string[] {
  return runJob(`backup (${reason})`, "run-jobs", () => {
    const names = fullBackupSheetNames();
    const made = backupSheets(names, reason);
    return { result: made, outcome: { rowsAffected: 0, detail: `${made.length} sheet(s) backed up` } };
  });
}

/** Turns the weekly backup on (a setting; the hourly dispatcher runs it). Idempotent. */
export function turnOnWeeklyBackup(): void {
  setScheduled("weeklyBackup", true);
}
