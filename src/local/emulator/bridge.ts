/**
 * google.script.run's rules for what crosses between the sidebar and the server
 * (https://developers.google.com/apps-script/guides/html/communication#parameters_and_return_values,
 * https://developers.google.com/apps-script/guides/html/reference/run):
 * - Legal parameters are primitives (Number, Boolean, String, null) and objects and arrays made of them;
 *   a form element is legal only as the only parameter. A Date, a function, a DOM element other than a
 *   form, or any other prohibited type, even inside an object or array, makes the request fail; so does a
 *   circular reference. Undefined fields within arrays become null. The server gets a copy.
 * - Return values follow the same rules; a returned Date, anywhere in the value, makes the success handler
 *   get null (reported by tanaikech, "Values to transfer between Javascript and Google Apps Script with
 *   google.script.run", 2023: https://tanaikech.github.io/2023/08/28/report-values-to-transfer-between-javascript-and-google-apps-script-with-google.script.run/).
 * - Server functions whose names end with "_" are private: google.script.run cannot call them
 *   (https://developers.google.com/apps-script/guides/html/communication#private_functions).
 */
import type { Realm } from "./realm";

/** What the client receives for one call: the success handler's value or the failure handler's error. */
export type BridgeResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: { readonly name: string; readonly message: string } };

/** A form element as the client sends it: its named fields (the only legal non-plain parameter). */
export interface FormParameter {
  readonly $form: Readonly<Record<string, string | readonly string[]>>;
}

/** The bundle as the bridge needs it: its callable names and a way to run one as a fresh execution. */
export interface BridgeTarget {
  /** Every top-level function name of Code.js. */
  readonly functionNames: readonly string[];
  /** Runs `name` as one execution in context "sidebar" with bundle-realm copies of `args`. */
  invoke(name: string, args: readonly unknown[], options: { readonly context: "sidebar" }): unknown;
}

/** The client's error for an illegal parameter (Apps Script words it this way in the browser console). */
export function illegalValueText(path: string): string {
  return `Failed due to illegal value in property: ${path}`;
}

const tagOf = (x: unknown) => Object.prototype.toString.call(x);

/** A plain object of any realm: {} literal or Object.create(null). */
function isPlainObject(x: object): boolean {
  if (tagOf(x) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(x);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function isForm(x: unknown): x is FormParameter {
  return typeof x === "object" && x !== null && "$form" in x && Object.keys(x).length === 1;
}

/**
 * The first illegal spot of a parameter list ("0", "1.when", "0.items.2"), or null when every parameter
 * may cross. A form is legal only as the only parameter.
 */
export function illegalParameter(args: readonly unknown[]): string | null {
  const seen = new Set<object>();
  const walk = (v: unknown, path: string, top: boolean): string | null => {
    if (v === null || v === undefined) return null;
    const t = typeof v;
    if (t === "string" || t === "number" || t === "boolean") return null;
    if (t !== "object") return path; // function, symbol, bigint
    const o = v as object;
    if (top && isForm(o)) return args.length === 1 ? null : path;
    if (seen.has(o)) return path; // circular
    seen.add(o);
    try {
      if (Array.isArray(o)) {
        for (let i = 0; i < o.length; i++) {
          const bad = walk(o[i], `${path}.${i}`, false);
          if (bad) return bad;
        }
        return null;
      }
      if (!isPlainObject(o)) return path; // Date, Map, RegExp, class instances, DOM elements
      for (const [k, x] of Object.entries(o)) {
        const bad = walk(x, `${path}.${k}`, false);
        if (bad) return bad;
      }
      return null;
    } finally {
      seen.delete(o);
    }
  };
  for (let i = 0; i < args.length; i++) {
    const bad = walk(args[i], String(i), true);
    if (bad) return bad;
  }
  return null;
}

/**
 * A copy of a legal parameter built in the bundle's realm (the server gets a copy, and its arrays and
 * objects are its own realm's). Undefined inside arrays becomes null.
 */
export function copyIntoRealm(value: unknown, realm: Realm): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const out = new realm.Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++)
      out[i] = value[i] === undefined ? null : copyIntoRealm(value[i], realm);
    return out;
  }
  const source = isForm(value) ? value.$form : (value as Record<string, unknown>);
  const out = new realm.Object() as Record<string, unknown>;
  for (const [k, x] of Object.entries(source)) out[k] = copyIntoRealm(x, realm);
  return out;
}

function holdsDate(v: unknown, seen: Set<object>): boolean {
  if (v === null || typeof v !== "object") return false;
  if (tagOf(v) === "[object Date]") return true;
  if (seen.has(v)) return false;
  seen.add(v);
  return Object.values(v).some((x) => holdsDate(x, seen));
}

/**
 * What the success handler receives for a server function's return value: null for undefined and for a
 * value holding a Date anywhere; otherwise a copy as JSON carries it (undefined and functions inside arrays
 * become null, inside objects they are left out). A circular value cannot be sent: the call fails.
 */
export function toClientValue(value: unknown): unknown {
  if (value === undefined || holdsDate(value, new Set())) return null;
  return JSON.parse(JSON.stringify(value) ?? "null");
}

/** Whether google.script.run may call `name`: a top-level function of Code.js not ending in "_". */
export function isClientCallable(target: BridgeTarget, name: string): boolean {
  return typeof name === "string" && !name.endsWith("_") && target.functionNames.includes(name);
}

function failure(e: unknown): BridgeResult {
  const err = e as { name?: unknown; message?: unknown } | null;
  return {
    ok: false,
    error: {
      name: typeof err?.name === "string" ? err.name : "Error",
      message: typeof err?.message === "string" ? err.message : String(e),
    },
  };
}

/**
 * One google.script.run call as the sidebar makes it: the name must be callable, the parameters legal;
 * the function runs as a fresh execution in context "sidebar"; its return value reaches the client as
 * google.script.run delivers it, and a throw reaches the failure handler as {name, message}.
 */
export function callFromClient(target: BridgeTarget, name: string, args: readonly unknown[]): BridgeResult {
  if (!isClientCallable(target, name)) {
    return failure({ name: "Error", message: `Script function not found: ${name}` });
  }
  const bad = illegalParameter(args);
  if (bad !== null) return failure({ name: "Error", message: illegalValueText(bad) });
  try {
    return { ok: true, value: toClientValue(target.invoke(name, args, { context: "sidebar" })) };
  } catch (e) {
    return failure(e);
  }
}
