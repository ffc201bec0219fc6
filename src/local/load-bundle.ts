import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { createEmulator, type Emulator, type EmulatorOptions } from "./emulator";
import type { Realm } from "./emulator/realm";

// gas-local ships no types; its require(folder, globals, {filter}) evaluates every matching file in one context.
const gasLocal = require("gas-local") as {
  require(
    folder: string,
    globals: object,
    options?: { filter?: (file: string) => boolean },
  ): Record<string, unknown>;
};

export interface LoadBundleOptions extends Omit<EmulatorOptions, "realm" | "htmlFiles"> {
  /** Folder holding the built Code.js and *.html (default <repo>/dist). */
  readonly dist?: string;
  /** Extra or replacement HTML files. */
  readonly htmlFiles?: Record<string, string>;
}

/** The top-level functions of dist/Code.js, callable as Apps Script would (menus, triggers, google.script.run). */
export type BundleContext = Record<string, (...args: unknown[]) => any>;

export interface LoadedBundle {
  readonly emulator: Emulator;
  readonly ctx: BundleContext;
}

const DEFAULT_DIST = path.join(__dirname, "..", "..", "dist");

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

/**
 * Loads dist/Code.js into a fresh vm context whose only globals are the emulated Apps Script services
 * (plus the language's own built-ins), with the emulator built in that context's realm. Time-driven, edit
 * and open triggers call the bundle's top-level functions.
 */
export function loadBundle(options: LoadBundleOptions = {}): LoadedBundle {
  const dist = options.dist ?? DEFAULT_DIST;
  const globals: Record<string, unknown> = {};
  const context = vm.createContext(globals);
  let clockNow = () => Date.now();
  installClockDate(context, () => clockNow());
  const realm: Realm = {
    Date: vm.runInContext("Date", context),
    Array: vm.runInContext("Array", context),
    Object: vm.runInContext("Object", context),
    Error: vm.runInContext("Error", context),
    Function: vm.runInContext("Function", context),
  };
  const codeFile = path.resolve(dist, "Code.js");
  if (!existsSync(codeFile)) throw new Error(`${codeFile} not found: run \`node build.mjs\` first`);
  const htmlFiles: Record<string, string> = {};
  for (const f of readdirSync(dist)) {
    if (f.endsWith(".html")) htmlFiles[f.replace(/\.html$/, "")] = readFileSync(path.join(dist, f), "utf8");
  }
  const emulator = createEmulator({ ...options, realm, htmlFiles: { ...htmlFiles, ...options.htmlFiles } });
  clockNow = () => emulator.clock.nowMs();
  Object.assign(globals, emulator.globals);
  const ctx = gasLocal.require(dist, globals, {
    filter: (f) => path.resolve(f) === codeFile,
  }) as unknown as BundleContext;
  // Each call of a top-level function from outside is one execution (menus, triggers, google.script.run).
  for (const name of Object.keys(ctx)) {
    const fn = ctx[name];
    if (typeof fn !== "function" || name in emulator.globals || name === "Date") continue;
    ctx[name] = (...args: unknown[]) => emulator.execution(() => fn(...args));
  }
  emulator.setHandlerRunner((handler, event) => {
    const fn = ctx[handler];
    if (typeof fn !== "function") return false;
    fn(event);
    return true;
  });
  return { emulator, ctx };
}
