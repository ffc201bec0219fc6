/**
 * The erasure list: one entry per customer erased (a GDPR / PIPL erasure request), kept in document
 * properties so that a restore of anything made before the erasure erases them again. An entry holds no
 * personal data in the clear: the CustomerID sealed (AES-GCM, with a key of the document's own), the
 * pseudonym their orders now carry, and when. (The send log, which no backup holds, needs no entry.)
 */

/** One erasure as stored. */
export interface Erasure {
  /** The CustomerID, sealed. */
  readonly id: string;
  /** What replaced the CustomerID in their orders (ERASED-…). */
  readonly pseudonym: string;
  /** When it was erased (epoch ms). */
  readonly at: number;
}

/** How an entry is stored: a short array, so a property value holds many. */
type Stored = readonly [string, string, number];

const PSEUDONYM = /^ERASED-[0-9a-f]{6,64}$/;

/** The pseudonym for a keyed digest (hex): "ERASED-" and its first 12 hex digits. */
export function pseudonymOf(digestHex: string): string {
  const hex = digestHex.toLowerCase().replace(/[^0-9a-f]/g, "");
  if (hex.length < 12) throw new Error("a pseudonym needs a digest of at least 12 hex digits");
  return `ERASED-${hex.slice(0, 12)}`;
}

/** Whether a value is a pseudonym this module made (an order already pseudonymised). */
export function isPseudonym(value: unknown): boolean {
  return typeof value === "string" && PSEUDONYM.test(value);
}

function entryOf(raw: unknown): Erasure | null {
  if (!Array.isArray(raw) || raw.length !== 3) return null;
  const [id, pseudonym, at] = raw as unknown[];
  if (typeof id !== "string" || !id) return null;
  if (!isPseudonym(pseudonym) || typeof at !== "number" || !Number.isFinite(at)) return null;
  return { id, pseudonym: pseudonym as string, at };
}

/**
 * The erasures stored in `texts` (property values, in any order), oldest first. A value that is not a
 * JSON list, or an entry that is not well formed, is skipped: it erases nothing it does not say.
 */
export function parseErasures(texts: readonly (string | null | undefined)[]): Erasure[] {
  const out: Erasure[] = [];
  for (const text of texts) {
    if (!text) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      continue;
    }
    if (!Array.isArray(parsed)) continue;
    for (const raw of parsed) {
      const e = entryOf(raw);
      if (e) out.push(e);
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** UTF-8 length of a JSON text of ASCII and (rarely) other characters. */
function byteLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 2 : 3;
  }
  return n;
}

/**
 * `list` as property values of at most `maxBytes` each (a property holds 9 KB:
 * https://developers.google.com/apps-script/guides/services/quotas), oldest first.
 */
export function packErasures(list: readonly Erasure[], maxBytes: number): string[] {
  const values: string[] = [];
  let batch: Stored[] = [];
  for (const e of list) {
    const stored: Stored = [e.id, e.pseudonym, e.at];
    if (byteLength(JSON.stringify([stored])) > maxBytes) throw new Error("an erasure entry is too large");
    if (batch.length && byteLength(JSON.stringify([...batch, stored])) > maxBytes) {
      values.push(JSON.stringify(batch));
      batch = [];
    }
    batch.push(stored);
  }
  if (batch.length) values.push(JSON.stringify(batch));
  return values;
}

/**
 * The erasures a restore of data made at `since` (epoch ms) must apply again: those made after it. A
 * customer erased, their ID reused by a new customer and that one erased too has two entries with the same
 * ID; data made before the first erasure is the first customer's, so only the earliest entry after
 * `since` applies for each ID (`idOf` opens an entry's sealed ID).
 */
export function erasuresSince(
  list: readonly Erasure[],
  since: number,
  idOf: (e: Erasure) => string,
): { readonly erasure: Erasure; readonly id: string }[] {
  const seen = new Set<string>();
  const out: { erasure: Erasure; id: string }[] = [];
  for (const erasure of [...list].sort((a, b) => a.at - b.at)) {
    if (!(erasure.at > since)) continue;
    const id = idOf(erasure);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ erasure, id });
  }
  return out;
}

/**
 * The erasures still needed: those some backup predates (`backupTimes`, epoch ms of every registered
 * backup, which a restore may bring back). An erasure newer than no backup can never be undone by one.
 */
export function neededErasures(list: readonly Erasure[], backupTimes: readonly number[]): Erasure[] {
  return list.filter((e) => backupTimes.some((t) => t < e.at));
}
