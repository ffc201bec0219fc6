/**
 * The audit of the server call that is running, so that an audited call leaves exactly one entry. The
 * server-function wrapper (src/gas/server-functions.ts) opens a collector around the implementation and
 * writes the call's one entry; a job that runs inside it (runJob, a resumable job, set-up, a reveal)
 * hands its outcome to the collector instead of writing an entry of its own. Menu items and triggers open
 * no collector, so their jobs log themselves as before.
 *
 * Module state is per execution: Apps Script runs every google.script.run call, menu item and trigger as
 * an execution of its own with a fresh global scope
 * (https://developers.google.com/apps-script/guides/html/reference/run), and the collector is restored
 * on the way out however the call ends.
 */

/** What a job inside an audited call did: its name, the rows it changed, and what it says. */
export interface JobReport {
  readonly job: string;
  readonly rows: number;
  readonly detail: string;
}

let collector: JobReport[] | null = null;

/** Runs `body` with `reports` collecting what the jobs inside it report. */
export function collectingJobReports<T>(reports: JobReport[], body: () => T): T {
  const outer = collector;
  collector = reports;
  try {
    return body();
  } finally {
    collector = outer;
  }
}

/**
 * Hands a job's outcome to the audited server call running it. Returns false when no call collects
 * (a menu item, a trigger): then the job writes its own entry.
 */
export function reportToCall(report: JobReport): boolean {
  if (!collector) return false;
  collector.push(report);
  return true;
}
