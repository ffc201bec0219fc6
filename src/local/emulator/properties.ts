import { gasError, wrap, type Env } from "./env";
import { newArray, newObject } from "./realm";

/**
 * Apps Script's per-value and per-store limits, "Properties value size 9 KB / val" and "Properties total
 * storage 500 KB / property store" (https://developers.google.com/apps-script/guides/services/quotas),
 * counted in UTF-8 bytes of key + value.
 */
export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;
export const VALUE_TOO_LARGE_TEXT = "Value too large for property";
export const STORE_FULL_TEXT =
  "You have exceeded the property storage quota. Please remove some properties and try again.";

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

/** One property store (document, user or script). */
export class PropertiesApi {
  constructor(
    private readonly _env: Env,
    readonly _data: Map<string, string>,
  ) {}

  private _check(next: Map<string, string>): void {
    let total = 0;
    for (const [k, v] of next) {
      if (bytes(k) + bytes(v) > PROPERTY_VALUE_LIMIT) throw gasError(this._env, VALUE_TOO_LARGE_TEXT);
      total += bytes(k) + bytes(v);
    }
    if (total > PROPERTY_STORE_LIMIT) throw gasError(this._env, STORE_FULL_TEXT);
  }

  getProperty(key: string): string | null {
    return this._data.get(String(key)) ?? null;
  }
  setProperty(key: string, value: string): this {
    const next = new Map(this._data).set(String(key), String(value));
    this._check(next);
    this._data.set(String(key), String(value));
    return this;
  }
  setProperties(props: Record<string, unknown>, deleteAllOthers = false): this {
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this._data);
    for (const [k, v] of Object.entries(props)) next.set(k, String(v));
    this._check(next);
    this._data.clear();
    for (const [k, v] of next) this._data.set(k, v);
    return this;
  }
  getProperties(): Record<string, string> {
    return newObject(this._env.realm, Object.fromEntries(this._data));
  }
  getKeys(): string[] {
    return newArray(this._env.realm, [...this._data.keys()]);
  }
  deleteProperty(key: string): this {
    this._data.delete(String(key));
    return this;
  }
  deleteAllProperties(): this {
    this._data.clear();
    return this;
  }
}

/**
 * PropertiesService: the project's script store (shared by every document and user of the project), the
 * document's store, and the project's store of the effective user (an installable trigger reads and writes
 * its creator's). https://developers.google.com/apps-script/guides/properties
 */
export class PropertiesServiceApi {
  constructor(
    private readonly _env: Env,
    readonly _stores: {
      document: Map<string, string>;
      script: Map<string, string>;
      users: Map<string, Map<string, string>>;
    },
  ) {}
  getDocumentProperties(): PropertiesApi {
    return wrap(this._env, "Properties", new PropertiesApi(this._env, this._stores.document));
  }
  getScriptProperties(): PropertiesApi {
    return wrap(this._env, "Properties", new PropertiesApi(this._env, this._stores.script));
  }
  getUserProperties(): PropertiesApi {
    const user = this._env.session.effectiveUser;
    let store = this._stores.users.get(user);
    if (!store) this._stores.users.set(user, (store = new Map()));
    return wrap(this._env, "Properties", new PropertiesApi(this._env, store));
  }
}
