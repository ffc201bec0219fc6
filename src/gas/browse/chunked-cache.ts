import { splitUtf8 } from "../../core/table/import/utf8-size";

/**
 * Long text values in the document cache, cut into entries of at most 90 KB of UTF-8 (CacheService holds
 * 100 KB a value and 1,000 values a cache, and keeps the values farthest from expiry when more are put:
 * https://developers.google.com/apps-script/reference/cache/cache). Entry `<key>:0` starts with the
 * number of entries and a bar. Reading any number of values costs two getAll calls, writing one putAll.
 */
const CHUNK_BYTES = 90_000;

function cache(): GoogleAppsScript.Cache.Cache | null {
  return CacheService.getDocumentCache();
}

/** The values stored under `keys` (null for a value missing or partly evicted). */
export function getChunked(keys: readonly string[]): Map<string, string | null> {
  const out = new Map<string, string | null>(keys.map((k) => [k, null]));
  const store = cache();
  if (!store || keys.length === 0) return out;
  const firsts = store.getAll(keys.map((k) => `${k}:0`));
  const counts = new Map<string, number>();
  const more: string[] = [];
  for (const k of keys) {
    const head = firsts[`${k}:0`];
    const bar = head ? head.indexOf("|") : -1;
    const n = bar > 0 ? Number(head!.slice(0, bar)) : 0;
    if (!(n >= 1)) continue;
    counts.set(k, n);
    for (let i = 1; i < n; i++) more.push(`${k}:${i}`);
  }
  const rest = more.length ? store.getAll(more) : {};
  for (const [k, n] of counts) {
    const head = firsts[`${k}:0`]!;
    const parts = [head.slice(head.indexOf("|") + 1)];
    for (let i = 1; i < n; i++) {
      const part = rest[`${k}:${i}`];
      if (part === undefined) break;
      parts.push(part);
    }
    if (parts.length === n) out.set(k, parts.join(""));
  }
  return out;
}

/** Whether a value is stored under each key (its first entry, one getAll; no value is decoded). */
export function hasChunked(keys: readonly string[]): boolean[] {
  const store = cache();
  if (!store || keys.length === 0) return keys.map(() => false);
  const firsts = store.getAll(keys.map((k) => `${k}:0`));
  return keys.map((k) => firsts[`${k}:0`] !== undefined);
}

/** Removes the values stored under `keys`, every entry of each (two cache calls). */
export function removeChunked(keys: readonly string[]): void {
  const store = cache();
  if (!store || keys.length === 0) return;
  const firsts = store.getAll(keys.map((k) => `${k}:0`));
  const all: string[] = [];
  for (const k of keys) {
    const head = firsts[`${k}:0`];
    const n = head ? Number(head.slice(0, Math.max(0, head.indexOf("|")))) : 0;
    for (let i = 0; i < Math.max(1, n); i++) all.push(`${k}:${i}`);
  }
  store.removeAll(all);
}

/**
 * Stores `values` (key → text) in one putAll for `seconds`. A cache that refuses (a quota, a size) costs
 * the next execution a recomputation only, so the failure is swallowed.
 */
export function putChunked(values: ReadonlyMap<string, string>, seconds: number): void {
  const store = cache();
  if (!store || values.size === 0) return;
  const entries: Record<string, string> = {};
  for (const [k, text] of values) {
    // Room for the count and its bar in the first entry.
    const pieces = splitUtf8(text, CHUNK_BYTES - 16);
    pieces.forEach((p, i) => (entries[`${k}:${i}`] = i === 0 ? `${pieces.length}|${p}` : p));
  }
  try {
    store.putAll(entries, seconds);
  } catch {
    // Not cached: computed again next time.
  }
}
