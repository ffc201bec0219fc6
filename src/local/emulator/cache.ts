import { gasError, wrap, type Env } from "./env";
import { newObject } from "./realm";

export const CACHE_VALUE_LIMIT = 100 * 1024;
export const CACHE_KEY_LIMIT = 250;
const DEFAULT_TTL_S = 600;
const MAX_TTL_S = 21600;

interface Entry {
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
    const ttl = Math.min(Math.max(1, expirationInSeconds), MAX_TTL_S);
    this._data.set(String(key), { value: String(value), expires: this._env.clock.nowMs() + ttl * 1000 });
  }
  putAll(values: Record<string, string>, expirationInSeconds = DEFAULT_TTL_S): void {
    for (const [k, v] of Object.entries(values)) this._checked(k, String(v));
    for (const [k, v] of Object.entries(values)) this.put(k, v, expirationInSeconds);
  }
  remove(key: string): void {
    this._data.delete(String(key));
  }
  removeAll(keys: string[]): void {
    for (const k of keys) this._data.delete(String(k));
  }
}

export class CacheServiceApi {
  constructor(
    private readonly _env: Env,
    private readonly _stores: Map<string, Map<string, Entry>>,
  ) {}
  private _cache(scope: string): CacheApi {
    let m = this._stores.get(scope);
    if (!m) this._stores.set(scope, (m = new Map()));
    return wrap(this._env, "Cache", new CacheApi(this._env, m));
  }
  getScriptCache(): CacheApi {
    return this._cache("script");
  }
  getDocumentCache(): CacheApi {
    return this._cache("document");
  }
  getUserCache(): CacheApi {
    return this._cache(`user:${this._env.session.activeUser}`);
  }
}
