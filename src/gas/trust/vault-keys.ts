import { base64Decode, base64Encode } from "../../core/trust/bytes";
import { KEY_BYTES, NONCE_BYTES, makeNonce } from "../../core/trust/crypto";

/**
 * The vault's AES-256 keys, one ring per document, in document properties. Script properties are shared
 * by every installation of an add-on, so a key there would be every customer's key
 * (https://developers.google.com/apps-script/guides/properties); document properties are reached only
 * through the add-on's code, which a document's editors cannot change. (In a bound-script deployment,
 * editors can edit the code and so read every property: there the key protects nothing from them.)
 *
 * The ring: the current key (`vaultKey`, its id in `vaultKeyId`, "k0" when absent) seals every new
 * value; keys retired by a rotation (`vaultRetiredKeys`) still open what they sealed — vault entries not
 * yet re-sealed, and vault copies in backups made before the rotation — until no registered backup
 * predates their retirement (vault-rotation.ts).
 */
const KEY_PROPERTY = "vaultKey";
const KEY_ID_PROPERTY = "vaultKeyId";
const RETIRED_PROPERTY = "vaultRetiredKeys";
const COUNTER_PROPERTY = "vaultNonceCounter";
/** The id of a key made before keys had ids (every vault row without a Key cell was sealed with it). */
export const FIRST_KEY_ID = "k0";

/** One key of the ring. */
export interface VaultKey {
  readonly id: string;
  readonly key: Uint8Array;
}

/** A retired key as stored: its bytes (base64) and when it was retired (epoch ms). */
interface RetiredKey {
  readonly key: string;
  readonly retiredAt: number;
}

type Props = GoogleAppsScript.Properties.Properties;

function digestBytes(text: string): Uint8Array {
  const signed = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text);
  return Uint8Array.from(signed, (b) => b & 0xff);
}

/** 32 fresh random bytes: the SHA-256 of two UUIDs (Apps Script has no crypto.getRandomValues). */
function freshKey(): Uint8Array {
  return digestBytes(Utilities.getUuid() + Utilities.getUuid()).subarray(0, KEY_BYTES);
}

function docProps(): Props {
  return PropertiesService.getDocumentProperties();
}

function retiredOf(props: Props): Record<string, RetiredKey> {
  const raw = props.getProperty(RETIRED_PROPERTY);
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as Record<string, RetiredKey>;
    return typeof parsed === "object" && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

/** Runs `body` under the script lock, so two first uses (or two rotations) cannot both make a key. */
function underScriptLock<T>(body: () => T): T {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(10_000)) throw new Error("The vault key is being changed by another run; try again.");
  try {
    return body();
  } finally {
    lock.releaseLock();
  }
}

/**
 * The current key, made on first use. `sealedBefore` says whether this document already holds sealed
 * values (a vault tab or queued vault rows): only then may a key an older version kept in script
 * properties be adopted — it moves here with its nonce counter and is deleted there, a one-time
 * migration. It is safe because only bound-script versions (one document, whose script properties are
 * that document's) ever stored the key there, and moving it keeps every value it sealed readable; a
 * document without sealed values (every new add-on install, whose script properties are shared by all
 * installations) never reads script properties and makes a key of its own.
 */
export function currentKey(sealedBefore: () => boolean = () => false): VaultKey {
  const props = docProps();
  const stored = props.getProperty(KEY_PROPERTY);
  if (stored) return { id: props.getProperty(KEY_ID_PROPERTY) || FIRST_KEY_ID, key: base64Decode(stored) };
  return underScriptLock(() => {
    const again = props.getProperty(KEY_PROPERTY);
    if (again) return { id: props.getProperty(KEY_ID_PROPERTY) || FIRST_KEY_ID, key: base64Decode(again) };
    const script = sealedBefore() ? PropertiesService.getScriptProperties() : null;
    const legacy = script?.getProperty(KEY_PROPERTY) ?? null;
    const key = legacy ? base64Decode(legacy) : freshKey();
    const values: Record<string, string> = {
      [KEY_PROPERTY]: base64Encode(key),
      [KEY_ID_PROPERTY]: FIRST_KEY_ID,
    };
    const counter = legacy ? script!.getProperty(COUNTER_PROPERTY) : null;
    if (counter) values[COUNTER_PROPERTY] = counter;
    props.setProperties(values);
    if (legacy) {
      script!.deleteProperty(KEY_PROPERTY);
      script!.deleteProperty(COUNTER_PROPERTY);
    }
    return { id: FIRST_KEY_ID, key };
  });
}

/** The id of the current key without making one ("" when the document has no key yet). */
export function currentKeyId(): string {
  const props = docProps();
  return props.getProperty(KEY_PROPERTY) ? props.getProperty(KEY_ID_PROPERTY) || FIRST_KEY_ID : "";
}

/**
 * A reader of keys by id (a vault row's Key cell; "" is the first key), over one read of the ring made on
 * first use; `current` gives the current key (made, or moved from script properties, when there is none).
 * Throws for an id the ring no longer holds, naming it.
 */
export function keyReader(current: () => VaultKey): (id: string) => Uint8Array {
  let ring: { current: VaultKey; retired: Record<string, RetiredKey> } | null = null;
  const cache = new Map<string, Uint8Array>();
  return (raw) => {
    ring ??= { current: current(), retired: retiredOf(docProps()) };
    const id = raw || FIRST_KEY_ID;
    if (id === ring.current.id) return ring.current.key;
    const hit = cache.get(id);
    if (hit) return hit;
    const entry = ring.retired[id];
    if (!entry) throw new Error(`The key ${id} this value was sealed with is no longer held.`);
    const key = base64Decode(entry.key);
    cache.set(id, key);
    return key;
  };
}

/** Retired keys: id → when retired (epoch ms). */
export function retiredKeys(): Readonly<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [id, k] of Object.entries(retiredOf(docProps()))) out[id] = k.retiredAt;
  return out;
}

/** The next key id after every id the ring has used: k1, k2, … */
function nextKeyId(current: string, retired: Readonly<Record<string, unknown>>): string {
  const n = [current, ...Object.keys(retired)]
    .map((id) => Number(/^k(\d+)$/.exec(id)?.[1] ?? -1))
    .reduce((a, b) => Math.max(a, b), -1);
  return `k${n + 1}`;
}

/**
 * Makes a new current key and retires `from` (the current one), in one setProperties call (a run cut before it changes
 * nothing; after it, both keys are held). `extra` properties (the rotation's state) go in the same call.
 * Returns the retired and the new key.
 */
export function mintKey(
  from: VaultKey,
  now: number,
  extra: (to: string) => Record<string, string>,
): { from: VaultKey; to: VaultKey } {
  return underScriptLock(() => {
    const props = docProps();
    if ((props.getProperty(KEY_ID_PROPERTY) || FIRST_KEY_ID) !== from.id)
      throw new Error("The vault key was just rotated by another run; nothing was changed.");
    const retired = retiredOf(props);
    const to: VaultKey = { id: nextKeyId(from.id, retired), key: freshKey() };
    const ring = { ...retired, [from.id]: { key: base64Encode(from.key), retiredAt: now } };
    props.setProperties({
      [KEY_PROPERTY]: base64Encode(to.key),
      [KEY_ID_PROPERTY]: to.id,
      [RETIRED_PROPERTY]: JSON.stringify(ring),
      ...extra(to.id),
    });
    return { from, to };
  });
}

/** Forgets retired keys (none of whose values is held any more). */
export function dropRetiredKeys(ids: readonly string[]): void {
  if (!ids.length) return;
  underScriptLock(() => {
    const props = docProps();
    const retired = retiredOf(props);
    for (const id of ids) delete retired[id];
    if (Object.keys(retired).length) props.setProperty(RETIRED_PROPERTY, JSON.stringify(retired));
    else props.deleteProperty(RETIRED_PROPERTY);
  });
}

/**
 * Reserves `n` nonce counters (kept beside the key in document properties). The script lock (not the
 * document lock, which the calling job already holds) makes read-and-bump atomic across users and
 * triggers, so no counter (and with the random half, no nonce) is ever handed out twice. Null when the
 * lock is busy: the caller then uses fully random 96-bit nonces (safe for far more values than a sheet
 * holds) rather than leave a typed plaintext in the cell. One counter serves every key of the ring.
 */
function reserveCounters(n: number): number | null {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(10_000)) return null;
  try {
    const props = docProps();
    const first = Number(props.getProperty(COUNTER_PROPERTY) || "0");
    props.setProperty(COUNTER_PROPERTY, String(first + n));
    return first;
  } finally {
    lock.releaseLock();
  }
}

/** A nonce source for `n` encryptions: counter + per-batch random, or all-random when no counter. */
export function nonces(n: number): () => Uint8Array {
  if (n <= 0) return () => new Uint8Array(0);
  const first = reserveCounters(n);
  if (first === null) return () => digestBytes(Utilities.getUuid()).subarray(0, NONCE_BYTES);
  // One random half per batch: the counters already differ within it.
  const random = digestBytes(Utilities.getUuid());
  let counter = first;
  return () => makeNonce(counter++, random);
}
