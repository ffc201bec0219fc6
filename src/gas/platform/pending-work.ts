/**
 * Work the hourly dispatcher owes the document besides its scheduled jobs, as document properties (each
 * run is a fresh execution, so nothing can be remembered anywhere else): a paused resumable job's
 * checkpoint, and the mark that Orders changed since the last classification.
 */

/** Prefix of a paused resumable job's checkpoint ("resume:<job>", pieces "resume:<job>:<i>"). */
export const RESUME_PREFIX = "resume:";
/** When Orders were first edited since the last classification (ISO instant). */
export const RECLASSIFY_MARK = "classifyDirtySince";
/** Set while some campaign is scheduled (src/gas/campaigns/store.ts): its mails go out from the hourly runs. */
export const CAMPAIGNS_ACTIVE = "campaignsActive";
/** Set while some alert rule is on (src/gas/notify/alerts/store.ts): the hourly runs evaluate the rules. */
export const ALERTS_ACTIVE = "alertsActive";

/** Names of jobs with a saved checkpoint, from the document's property keys. */
export function pausedJobNames(keys: readonly string[]): string[] {
  return keys
    .filter((k) => k.startsWith(RESUME_PREFIX) && !k.slice(RESUME_PREFIX.length).includes(":"))
    .map((k) => k.slice(RESUME_PREFIX.length));
}

/** Whether the document's property keys show work waiting for the dispatcher. */
export function hasPendingWork(keys: readonly string[]): boolean {
  return (
    keys.includes(RECLASSIFY_MARK) ||
    keys.includes(CAMPAIGNS_ACTIVE) ||
    keys.includes(ALERTS_ACTIVE) ||
    pausedJobNames(keys).length > 0
  );
}
