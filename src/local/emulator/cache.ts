import { gasError, wrap, type Env } from "./env";
import { newObject } from "./realm";

/**
 * Cache limits (https://developers.google.com/apps-script/reference/cache/cache#put(String,String,Integer)):
 * "The maximum length of a key is 250 characters. The maximum amount of data that can be stored per key is
 * 100KB." "The maximum time allowed for expiration is 21600 seconds (6 hours)." "The cap for cached items is
 * 1,000. If more than 1,000 items are written, the cache stores the 900 items farthest from expiration."
 * An expiration above the maximum is refused (stricter than trimming it; Google documents no text, ours
 * follows its "Argument too large" pattern).
 */
export const CACHE_VALUE_LIMIT = 100 * 1024;
export const CACHE_KEY_LIMIT = 250;
export const CACHE_ITEM_CAP = 1000;
const CACHE_KEPT_AFTER_CAP = 900;
const DEFAULT_TTL_S = 600;
export const CACHE_MAX_TTL_S = 21600;

export interface Entry {
  readonly value: string;
  readonly expires: number;
}

/** A Cache: values expire on the emulated clock; Apps Script's size limits throw its texts. */
export class CacheApi {
  constructor(
    private readonly _env: Env,
    private readonly _data: Map<string, Entry>,
  ) {}

  private _live(key: string): Entry | undefined {
    const e = this._data.get(key);
    if (e && e.expires <= this._env.clock.nowMs()) {
      this._data.delete(key);
      return undefined;
    }
    return e;
  }
  private _checked(key: string, value: string): void {
    if (key.length > CACHE_KEY_LIMIT) throw gasError(this._env, "Argument too large: key");
    if (Buffer.byteLength(value, "utf8") > CACHE_VALUE_LIMIT)
      throw gasError(this._env, "Argument too large: value");
  }
  private _ttl(expirationInSeconds: number): number {
    const ttl = Number(expirationInSeconds);
    if (!Number.isFinite(ttl)) throw gasError(this._env, "Invalid argument: expirationInSeconds");
    if (ttl > CACHE_MAX_TTL_S) throw gasError(this._env, "Argument too large: expirationInSeconds");
    return Math.max(1, ttl);
  }
  /** Past the item cap, keeps the 900 entries farthest from expiration. */
  private _cap(): void {
    const now = this._env.clock.nowMs();
    for (const [k, e] of this._data) if (e.expires <= now) this._data.delete(k);
    if (this._data.size <= CACHE_ITEM_CAP) return;
    const keep = [...this._data].sort((a, b) => b[1].expires - a[1].expires).slice(0, CACHE_KEPT_AFTER_CAP);
    this._data.clear();
    for (const [k, e] of keep) this._data.set(k, e);
  }
  get(key: string): string | null {
    return this._live(String(key))?.value ?? null;
  }
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const e = this._live(String(k));
      if (e) out[k] = e.value;
    }
    return newObject(this._env.realm, out);
  }
  put(key: string, value: string, expirationInSeconds = DEFAULT_TTL_S): void {
    this._checked(String(key), String(value));
    const ttl = this._ttl(expirationInSeconds);
    this._data.delete(String(key));
    this._data.set(String(key), { value: String(value), expires: this._env.clock.nowMs() + ttl * 1000 });
    this._cap();
  }
  putAll(values: Record<string, string>, expirationInSeconds = DEFAULT_TTL_S): void {
    const ttl = this._ttl(expirationInSeconds);
    for (const [k, v] of Object.entries(values)) this._checked(k, String(v));
    const expires = this._env.clock.nowMs() + ttl * 1000;
    for (const [k, v] of Object.entries(values)) {
      this._data.delete(k);
      this._data.set(k, { value: String(v), expires });
    }
    this._cap();
  }
  remove(key: string): void {
    this._data.delete(String(key));
  }
  removeAll(keys: string[]): void {
    for (const k of keys) this._data.delete(String(k));
  }
}

/** Cache stores by scope: "script" and "user:<email>" are the project's, "document" the document's. */
export type CacheStores = Map<string, Map<string, Entry>>;

export class CacheServiceApi {
  constructor(
    private readonly _env: Env,
    private readonly _project: CacheStores,
    private readonly _document: CacheStores,
  ) {}
  private _cache(stores: CacheStores, scope: string): CacheApi {
    let m = stores.get(scope);
    if (!m) stores.set(scope, (m = new Map()));
    return wrap(this._env, "Cache", new CacheApi(this._env, m));
  }
  getScriptCache(): CacheApi {
    return this._cache(this._project, "script");
  }
  getDocumentCache(): CacheApi {
    return this._cache(this._document, "document");
  }
  /** The effective user's cache (an installable trigger uses its creator's). */
  getUserCache(): CacheApi {
    return this._cache(this._project, `user:${this._env.session.effectiveUser}`);
  }
}
