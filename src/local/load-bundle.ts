import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { createEmulator, type Emulator, type EmulatorOptions, type ExecutionContext } from "./emulator";
import { callFromClient, copyIntoRealm, type BridgeResult } from "./emulator/bridge";
import { DEFAULT_COSTS, type ExecutionStats } from "./emulator/cost-model";
import type { Realm } from "./emulator/realm";

// gas-local ships no types; its require(folder, globals, {filter}) evaluates the matching files of a folder
// in the context made from `globals` (a context given is used as it is) and returns that context.
const gasLocal = require("gas-local") as {
  require(folder: string, globals: object, options?: { filter?: (file: string) => boolean }): object;
};

export interface LoadBundleOptions extends Omit<EmulatorOptions, "realm" | "htmlFiles"> {
  /** Folder holding the built Code.js and *.html (default <repo>/dist). */
  readonly dist?: string;
  /** Extra or replacement HTML files. */
  readonly htmlFiles?: Record<string, string>;
}

/** The top-level functions of dist/Code.js, callable as Apps Script would (menus, triggers, google.script.run). */
export type BundleContext = Record<string, (...args: unknown[]) => any>;

export interface InvokeOptions {
  /** Where the execution comes from (default "sidebar", as emulator.execution). */
  readonly context?: ExecutionContext;
  /** Who calls it (default the emulator's current user). */
  readonly user?: string;
  /** Whose authority it runs with, when not the caller's (a web app executing as its deployer). */
  readonly effectiveUser?: string;
}

export interface LoadedBundle {
  readonly emulator: Emulator;
  /**
   * The bundle's global scope. Calling one of its functions from outside is one execution, run on a fresh
   * evaluation of Code.js (so no module state survives from an earlier execution); calls inside an
   * execution are plain calls.
   */
  readonly ctx: BundleContext;
  /** Every top-level function name of Code.js. */
  readonly functionNames: readonly string[];
  /** Mean wall-clock ms of one evaluation of Code.js on this machine (what each execution pays first). */
  readonly coldLoadMs: number;
  /** Evaluations of Code.js so far (the first at load, then one per execution after the first). */
  readonly coldLoads: number;
  /** One record per execution started through ctx, invoke, run or a trigger (emulator.costs.executions). */
  readonly executions: readonly ExecutionStats[];
  /** Runs `name` as one execution in `options.context`, with `args` as they are (no bridge rules). */
  invoke(name: string, args: readonly unknown[], options?: InvokeOptions): unknown;
  /**
   * A google.script.run call from the sidebar (bridge rules, context "sidebar"): the value the success
   * handler would get, or a throw with the failure handler's error.
   */
  run(name: string, ...args: unknown[]): any;
  /** The same call answered as {ok, value} or {ok: false, error}. */
  call(name: string, args: readonly unknown[]): BridgeResult;
}

const DEFAULT_DIST = path.join(__dirname, "..", "..", "dist");

/** Compiled Code.js by path, reused while the file is unchanged: compiling is the cost paid only once. */
const compiled = new Map<string, { readonly stamp: string; readonly script: vm.Script }>();

function compile(file: string): vm.Script {
  const st = statSync(file);
  const stamp = `${st.size}:${st.mtimeMs}`;
  const hit = compiled.get(file);
  if (hit && hit.stamp === stamp) return hit.script;
  const script = new vm.Script(readFileSync(file, "utf8"), { filename: file });
  compiled.set(file, { stamp, script });
  return script;
}

/**
 * Makes the context's Date follow the emulated clock: `new Date()` and `Date.now()` read it, every other
 * form is the realm's own Date, and instances stay `instanceof Date` (same prototype).
 */
function installClockDate(context: vm.Context, now: () => number): void {
  context.__emulatedNow = now;
  vm.runInContext(
    `(function () {
      var NativeDate = Date;
      var now = __emulatedNow;
      function EmulatedDate() {
        if (!new.target) return new NativeDate(now()).toString();
        var args = arguments.length === 0 ? [now()] : Array.prototype.slice.call(arguments);
        return Reflect.construct(NativeDate, args, new.target);
      }
      EmulatedDate.prototype = NativeDate.prototype;
      Object.defineProperty(NativeDate.prototype, "constructor", { value: EmulatedDate, writable: true, configurable: true });
      Object.setPrototypeOf(EmulatedDate, NativeDate);
      EmulatedDate.now = function () { return now(); };
      EmulatedDate.UTC = NativeDate.UTC;
      EmulatedDate.parse = NativeDate.parse;
      globalThis.Date = EmulatedDate;
      delete globalThis.__emulatedNow;
    })();`,
    context,
  );
}

/** The context a trigger's handler runs in, read from its event (for the execution record). */
function triggerContext(event: unknown): ExecutionContext {
  const e = (event ?? {}) as Record<string, unknown>;
  if (!("triggerUid" in e)) return "simple-trigger";
  return "source" in e ? "installable-trigger" : "time-trigger";
}

/**
 * Loads dist/Code.js into a vm context whose only globals are the emulated Apps Script services (plus the
 * language's own built-ins), with the emulator built in that context's realm and its cost model on (unless
 * `costModel: false`). Apps Script runs every server call, menu item and trigger as a new execution with a
 * fresh global scope (only Properties, Cache and the documents keep state), so each execution started from
 * outside re-evaluates Code.js in the same context (same realm: Dates stay `instanceof Date`) after clearing
 * the previous evaluation's globals. https://developers.google.com/apps-script/guides/v8-runtime
 */
export function loadBundle(options: LoadBundleOptions = {}): LoadedBundle {
  const dist = options.dist ?? DEFAULT_DIST;
  const codeFile = path.resolve(dist, "Code.js");
  if (!existsSync(codeFile)) throw new Error(`${codeFile} not found: run \`node build.mjs\` first`);
  const script = compile(codeFile);
  const context = vm.createContext({});
  let clockNow = () => Date.now();
  installClockDate(context, () => clockNow());
  const realm: Realm = {
    Date: vm.runInContext("Date", context),
    Array: vm.runInContext("Array", context),
    Object: vm.runInContext("Object", context),
    Error: vm.runInContext("Error", context),
    Function: vm.runInContext("Function", context),
  };
  const htmlFiles: Record<string, string> = {};
  for (const f of readdirSync(dist)) {
    if (f.endsWith(".html")) htmlFiles[f.replace(/\.html$/, "")] = readFileSync(path.join(dist, f), "utf8");
  }
  // The manifest that ships: calls needing a scope it does not declare are refused, as on Google.
  const manifest = path.join(dist, "appsscript.json");
  const oauthScopes = existsSync(manifest)
    ? (JSON.parse(readFileSync(manifest, "utf8")) as { oauthScopes?: string[] }).oauthScopes
    : undefined;
  const emulator = createEmulator({
    oauthScopes,
    ...options,
    costModel: options.costModel ?? DEFAULT_COSTS,
    realm,
    htmlFiles: { ...htmlFiles, ...options.htmlFiles },
  });
  clockNow = () => emulator.clock.nowMs();
  Object.assign(context, emulator.globals);

  // Everything on the global object before Code.js runs stays; whatever it adds is the bundle's own.
  const baseline = new Set(Object.getOwnPropertyNames(context));
  const ctx = context as unknown as BundleContext;
  /** The functions of the current evaluation (what the wrappers on the global call). */
  let current = new Map<string, (...args: unknown[]) => unknown>();
  let loads = 0;
  let loadMsTotal = 0;
  /** Whether the current evaluation has not served an execution yet, and what it cost. */
  let pristine = false;
  let pristineMs = 0;

  /** Evaluates Code.js afresh: the first time through gas-local, later from the compiled script. */
  const evaluate = (): void => {
    // Deleting through the host's view of a context leaves the context's own binding in place, so every
    // global of the previous evaluation is set to undefined instead (a var without initializer, a
    // property an execution added); the new evaluation then declares its own.
    for (const name of Object.getOwnPropertyNames(context)) {
      if (!baseline.has(name)) ctx[name] = undefined as never;
    }
    const started = performance.now();
    if (loads === 0) gasLocal.require(dist, context, { filter: (f) => path.resolve(f) === codeFile });
    else script.runInContext(context);
    const ms = performance.now() - started;
    loads++;
    loadMsTotal += ms;
    current = new Map();
    for (const name of Object.getOwnPropertyNames(context)) {
      const fn = ctx[name];
      if (baseline.has(name) || typeof fn !== "function") continue;
      current.set(name, fn);
      ctx[name] = wrapperOf(name);
    }
    pristine = true;
    pristineMs = ms;
  };

  let depth = 0;
  /** Runs `name` from outside as one execution on a fresh evaluation; inside one, as a plain call. */
  const enter = (
    name: string,
    args: readonly unknown[],
    stats: { readonly context: string; readonly run: (body: () => unknown) => unknown },
  ): unknown => {
    if (depth > 0) return callCurrent(name, args);
    const recording = emulator.costs.begin(name, stats.context);
    let error: unknown = null;
    depth++;
    try {
      return stats.run(() => {
        if (!pristine) evaluate();
        emulator.costs.addLoadMs(pristineMs);
        pristine = false;
        return callCurrent(name, args);
      });
    } catch (e) {
      error = e;
      throw e;
    } finally {
      depth--;
      if (recording) emulator.costs.end(error);
    }
  };
  const callCurrent = (name: string, args: readonly unknown[]): unknown => {
    const fn = current.get(name);
    if (!fn) throw new realm.Error(`Script function not found: ${name}`);
    return fn(...args);
  };
  const wrappers = new Map<string, (...args: unknown[]) => unknown>();
  function wrapperOf(name: string): (...args: unknown[]) => unknown {
    let w = wrappers.get(name);
    if (!w) {
      w = (...args: unknown[]) =>
        enter(name, args, { context: "sidebar", run: (body) => emulator.execution(body) });
      wrappers.set(name, w);
    }
    return w;
  }

  evaluate();
  const functionNames = [...current.keys()];
  emulator.setHandlerRunner((handler, event) => {
    if (!current.has(handler)) return false;
    // The emulator already opened the execution (context, user, limits); this is its fresh evaluation.
    enter(handler, [event], { context: triggerContext(event), run: (body) => body() });
    return true;
  });

  const invoke = (name: string, args: readonly unknown[], opts: InvokeOptions = {}): unknown =>
    enter(name, args, {
      context: opts.context ?? "sidebar",
      run: (body) =>
        emulator.execution(body, {
          context: opts.context,
          user: opts.user,
          effectiveUser: opts.effectiveUser,
        }),
    });
  const bridgeTarget = {
    functionNames,
    invoke: (name: string, args: readonly unknown[], o: { readonly context: "sidebar" }) =>
      invoke(
        name,
        args.map((a) => copyIntoRealm(a, realm)),
        o,
      ),
  };
  const call = (name: string, args: readonly unknown[]) => callFromClient(bridgeTarget, name, args);

  return {
    emulator,
    ctx,
    functionNames,
    get coldLoadMs() {
      return loads === 0 ? 0 : loadMsTotal / loads;
    },
    get coldLoads() {
      return loads;
    },
    executions: emulator.costs.executions,
    invoke,
    call,
    run(name, ...args) {
      const result = call(name, args);
      if (result.ok) return result.value;
      const err = new Error(result.error.message);
      err.name = result.error.name;
      throw err;
    },
  };
}
