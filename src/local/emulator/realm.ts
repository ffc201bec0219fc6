/**
 * The JavaScript realm the add-on bundle runs in. Values handed to the bundle are created with its own
 * constructors, so `v instanceof Date` and `Array.isArray` hold inside the bundle as they do in Apps Script.
 */
export interface Realm {
  readonly Date: DateConstructor;
  readonly Array: ArrayConstructor;
  readonly Object: ObjectConstructor;
  readonly Error: ErrorConstructor;
  /** Compiles code whose free names resolve to the bundle's globals (HtmlService templates). */
  readonly Function: FunctionConstructor;
}

export const HOST_REALM: Realm = { Date, Array, Object, Error, Function };

/** A Date from any realm (the emulator never trusts instanceof across realms). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === "[object Date]";
}

export function newDate(realm: Realm, ms: number): Date {
  return new realm.Date(ms);
}

/** A bundle-realm array holding `items` (a shallow copy). */
export function newArray<T>(realm: Realm, items: readonly T[]): T[] {
  const out = new realm.Array<T>(items.length);
  for (let i = 0; i < items.length; i++) out[i] = items[i];
  return out;
}

/** A bundle-realm plain object with `props`. */
export function newObject<T extends object>(realm: Realm, props: T): T {
  return realm.Object.assign(new realm.Object(), props) as T;
}

/** An Error of the bundle's realm (so `e instanceof Error` holds inside it). */
export function newError(realm: Realm, message: string): Error {
  return new realm.Error(message);
}
