import { utf8Length } from "../../core/table/import/utf8-size";
import { hexOf } from "../../core/trust/audit-chain";

/**
 * Rows for an owner-only tab (the audit log, the vault) that the caller could not write wait in document
 * properties under `prefix` until a write that succeeds stores them first. A property value may hold
 * 9 KB and a store 500 KB (https://developers.google.com/apps-script/guides/services/quotas), so:
 * - rows go in batches of at most QUEUE_BATCH_BYTES per value, and a row larger than one value is split
 *   over several values (read back whole);
 * - the queue is bounded (MAX_QUEUE_BYTES of the 500 KB store): past it, queueing fails with a clear error
 *   instead of filling the store;
 * - each value's key says what kind of call queued it and whose it is (a short digest of the e-mail), so
 *   the audit log can give each kind and each user only a share of the queue (audit-log.ts).
 * All values of one call are stored with one setProperties, so a cut execution leaves all or none.
 */
export const MAX_QUEUE_BYTES = 100 * 1024;
/** Bytes of one queued value: under the 9 KB a property value may hold, with room for its key. */
export const QUEUE_BATCH_BYTES = 8 * 1024;

/** Whose rows a value holds: the kind of call ("write" or "disclose", audit-log.ts) and the user. */
export interface QueueTag {
  readonly kind: QueueKind;
  readonly user: string;
}
export type QueueKind = "write" | "disclose";

/** Bytes queued, in total and per (kind, user tag), to share the queue out. */
export interface QueueUsage {
  readonly total: number;
  readonly byKind: Readonly<Record<QueueKind, number>>;
  /** Keyed `${kind}:${userTag(user)}`. */
  readonly byUser: Readonly<Record<string, number>>;
}

/** The rows queued under `prefix`, oldest first, the keys holding them and their size in the store. */
export interface QueuedRows {
  readonly keys: readonly string[];
  readonly rows: readonly unknown[][];
  readonly bytes: number;
  readonly usage: QueueUsage;
}

const KIND_LETTER: Readonly<Record<QueueKind, string>> = { write: "w", disclose: "d" };
// <stamp>-<n>.<kind>.<user tag>.<id>.<part>-<parts>; queues of earlier versions used <stamp>:<id>.
const KEY = /^(\d{15}-\d{4})\.([wd])\.([0-9a-f-]{1,16})\.([^.]+)\.(\d{3})-(\d{3})$/;
const OLD_KEY = /^\d{15}:/;

/** A short, fixed-width stand-in for an e-mail in keys ("-" for none). */
export function userTag(user: string): string {
  const email = user.trim().toLowerCase();
  if (!email) return "-";
  return hexOf(
    Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, email, Utilities.Charset.UTF_8).slice(0, 5),
  );
}

/** The queue under `prefix`, from `all` document properties when the caller has read them already. */
export function readQueue(
  prefix: string,
  all: Readonly<Record<string, string>> = PropertiesService.getDocumentProperties().getProperties(),
): QueuedRows {
  const keys = Object.keys(all)
    .filter((k) => k.startsWith(prefix))
    .sort();
  const byKind: Record<QueueKind, number> = { write: 0, disclose: 0 };
  const byUser: Record<string, number> = {};
  const rows: unknown[][] = [];
  let bytes = 0;
  let parts: string[] = [];
  let group = "";
  for (const key of keys) {
    const size = utf8Length(key) + utf8Length(all[key]);
    bytes += size;
    const m = KEY.exec(key.slice(prefix.length));
    const kind: QueueKind = m?.[2] === "d" ? "disclose" : "write";
    byKind[kind] += size;
    const who = `${kind}:${m ? m[3] : "-"}`;
    byUser[who] = (byUser[who] ?? 0) + size;
    if (!m) {
      if (OLD_KEY.test(key.slice(prefix.length))) rows.push(...(JSON.parse(all[key]) as unknown[][]));
      continue;
    }
    // A split row's parts follow each other in key order; the last one completes it. A part whose
    // siblings are missing is skipped (and removed with the rest once the queue is stored).
    if (m[4] !== group) parts = [];
    group = m[4];
    parts.push(all[key]);
    if (Number(m[5]) === Number(m[6]) && parts.length === Number(m[6]))
      rows.push(...(JSON.parse(parts.join("")) as unknown[][]));
  }
  return { keys, rows, bytes, usage: { total: bytes, byKind, byUser } };
}

/** What the queue waits for, to say so when it is full: its tab and what its rows hold ("entries"). */
export interface QueueOwner {
  readonly prefix: string;
  readonly tab: string;
  readonly holds: string;
}

/** The values `rows` take in the queue: batches of whole rows, a row too big for one value split. */
function queueValues(rows: readonly unknown[][]): string[][] {
  const values: string[][] = [];
  let batch: unknown[][] = [];
  const flush = () => {
    if (batch.length) values.push([JSON.stringify(batch)]);
    batch = [];
  };
  for (const row of rows) {
    const alone = JSON.stringify([row]);
    if (utf8Length(alone) > QUEUE_BATCH_BYTES) {
      flush();
      values.push(splitUtf8(alone, QUEUE_BATCH_BYTES));
      continue;
    }
    if (batch.length && utf8Length(JSON.stringify([...batch, row])) > QUEUE_BATCH_BYTES) flush();
    batch.push(row);
  }
  flush();
  return values;
}

/** `text` cut into pieces of at most `maxBytes` UTF-8 bytes each, never inside a character. */
function splitUtf8(text: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  let piece = "";
  let size = 0;
  for (const ch of text) {
    const n = utf8Length(ch);
    if (size + n > maxBytes) {
      pieces.push(piece);
      piece = "";
      size = 0;
    }
    piece += ch;
    size += n;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** Longest key: prefix, then 15 + 1 + 4 stamp, kind, a tag of up to 16, a 36-character id, the part. */
const KEY_OVERHEAD = 15 + 1 + 4 + 1 + 1 + 1 + 16 + 1 + 36 + 1 + 7;

/**
 * Queues rows after the `queuedBytes` already waiting, a row too big for one value split over several,
 * or throws, naming `failure` (why the tab could not be written), when the queue would pass
 * MAX_QUEUE_BYTES. `tag` says whose rows they are (default: a write of nobody in particular).
 */
export function enqueueRows(
  owner: QueueOwner,
  rows: readonly unknown[][],
  queuedBytes: number,
  failure: unknown,
  tag: QueueTag = { kind: "write", user: "" },
): void {
  const values = queueValues(rows);
  const adding = values.flat().reduce((n, v) => n + utf8Length(v) + owner.prefix.length + KEY_OVERHEAD, 0);
  if (queuedBytes + adding > MAX_QUEUE_BYTES) {
    const why = failure instanceof Error ? failure.message : String(failure);
    throw new Error(
      `The ${owner.tab} tab could not be written (${why}) and ${Math.round(queuedBytes / 1024)} KB of ` +
        `${owner.holds} already wait for it, so ${Math.ceil(adding / 1024)} KB more do not fit; the ` +
        `spreadsheet's owner must run Set up / repair (or make any edit) so they are stored, then try again.`,
    );
  }
  const stamp = String(Date.now()).padStart(15, "0");
  const who = `${KIND_LETTER[tag.kind]}.${userTag(tag.user)}`;
  const record: Record<string, string> = {};
  values.forEach((pieces, n) => {
    const id = Utilities.getUuid();
    const count = String(pieces.length).padStart(3, "0");
    pieces.forEach((piece, p) => {
      const key = `${stamp}-${String(n).padStart(4, "0")}.${who}.${id}.${String(p + 1).padStart(3, "0")}-${count}`;
      record[owner.prefix + key] = piece;
    });
  });
  PropertiesService.getDocumentProperties().setProperties(record);
}
