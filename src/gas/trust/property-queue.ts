import { utf8Length } from "../../core/table/import/utf8-size";

/**
 * Rows for an owner-only tab (the audit log, the vault) that the caller could not write wait in document
 * properties under `prefix`, one key per batch so no single value passes the 9 KB a property may hold,
 * until a write that succeeds stores them first. The queue is bounded (MAX_QUEUE_BYTES of the 500 KB
 * store): past it, queueing fails with a clear error instead of filling the store.
 * https://developers.google.com/apps-script/guides/services/quotas (properties value size, total storage)
 */
const MAX_QUEUE_BYTES = 100 * 1024;
/** Bytes of one queued batch: under the 9 KB a property value may hold, with room for its key. */
export const QUEUE_BATCH_BYTES = 8 * 1024;

/** The rows queued under `prefix`, oldest first, the keys holding them and their size in the store. */
export interface QueuedRows {
  readonly keys: readonly string[];
  readonly rows: readonly unknown[][];
  readonly bytes: number;
}

export function readQueue(prefix: string): QueuedRows {
  const all = PropertiesService.getDocumentProperties().getProperties();
  const keys = Object.keys(all)
    .filter((k) => k.startsWith(prefix))
    .sort();
  const bytes = keys.reduce((n, k) => n + utf8Length(k) + utf8Length(all[k]), 0);
  return { keys, rows: keys.flatMap((k) => JSON.parse(all[k]) as unknown[][]), bytes };
}

/** What the queue waits for, to say so when it is full: its tab and what its rows hold ("entries"). */
export interface QueueOwner {
  readonly prefix: string;
  readonly tab: string;
  readonly holds: string;
}

/**
 * Queues rows (each at most QUEUE_BATCH_BYTES as JSON) in batches of at most QUEUE_BATCH_BYTES after the
 * `queuedBytes` already waiting, or throws, naming `failure` (why the tab could not be written), when the
 * queue would pass MAX_QUEUE_BYTES.
 */
export function enqueueRows(
  owner: QueueOwner,
  rows: readonly unknown[][],
  queuedBytes: number,
  failure: unknown,
): void {
  const batches: string[] = [];
  let batch: unknown[][] = [];
  for (const row of rows) {
    if (batch.length && utf8Length(JSON.stringify([...batch, row])) > QUEUE_BATCH_BYTES) {
      batches.push(JSON.stringify(batch));
      batch = [];
    }
    batch.push(row);
  }
  if (batch.length) batches.push(JSON.stringify(batch));
  const adding = batches.reduce((n, b) => n + utf8Length(b) + owner.prefix.length + 52, 0);
  if (queuedBytes + adding > MAX_QUEUE_BYTES) {
    const why = failure instanceof Error ? failure.message : String(failure);
    throw new Error(
      `The ${owner.tab} tab could not be written (${why}) and ${Math.round(queuedBytes / 1024)} KB of ` +
        `${owner.holds} already wait for it; the spreadsheet's owner must run Set up / repair (or make any ` +
        `edit) so they are stored, then try again.`,
    );
  }
  const props = PropertiesService.getDocumentProperties();
  for (const b of batches) {
    const stamp = String(Date.now()).padStart(15, "0");
    props.setProperty(`${owner.prefix}${stamp}:${Utilities.getUuid()}`, b);
  }
}
