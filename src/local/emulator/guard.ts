import type { CallCounter } from "./counter";

/**
 * Runs before every counted call; may throw (fault injection, time limit). `target` is the emulator object
 * called and `args` its arguments (the cost model reads a Range's size from them).
 */
export type BeforeCall = (key: string, target: object, args: readonly unknown[]) => void;

/**
 * Property names that test tooling (jest's equality and printing, Promise resolution) probes on any object;
 * reading them must not count as the add-on using an unemulated member.
 */
const PROBES = new Set(["then", "toJSON", "asymmetricMatch", "nodeType", "tagName", "inspect"]);

/**
 * Wraps emulated objects in a Proxy: reading a member the emulation lacks throws
 * "not emulated: Class.member" (so no test passes by accident), and every method call is counted and
 * passes the fault gate first (calls the emulation makes internally are not counted). Members named with a
 * leading "_" are emulator internals, hidden from the bundle. Methods returning their own object (builders)
 * return the proxy. Errors reach the bundle as its own realm's Error, so `e instanceof Error` holds there.
 */
/** Proxy → emulator object, shared by every guard so objects of one guard can be passed to another's. */
const TARGETS = new WeakMap<object, object>();

export class Guard {
  /** Calls in progress: only the outermost (the bundle's own) call is counted and gated. */
  private depth = 0;

  constructor(
    private readonly counter: CallCounter,
    private readonly beforeCall: BeforeCall,
    private readonly RealmError: ErrorConstructor = Error,
  ) {}

  /** `e` as an Error of the bundle's realm (same message, name and stack). */
  private toRealm(e: unknown): unknown {
    if (e instanceof this.RealmError || Object.prototype.toString.call(e) !== "[object Error]") return e;
    const original = e as Error;
    const converted = new this.RealmError(original.message);
    converted.name = original.name;
    converted.stack = original.stack;
    return converted;
  }

  wrap<T extends object>(cls: string, target: T): T {
    const counter = this.counter;
    const gate = this.beforeCall;
    const self = this;
    const methods = new Map<string, unknown>();
    const proxy: T = new Proxy(target, {
      get(t, prop, receiver) {
        if (typeof prop === "symbol") return Reflect.get(t, prop, receiver);
        if (prop.startsWith("_") || prop.startsWith("$$") || prop.startsWith("@@")) return undefined;
        if (!(prop in t)) {
          if (PROBES.has(prop)) return undefined;
          throw new self.RealmError(`not emulated: ${cls}.${prop}`);
        }
        const value = Reflect.get(t, prop, t);
        if (typeof value !== "function" || prop === "constructor") return value;
        let method = methods.get(prop);
        if (!method) {
          const key = `${cls}.${prop}`;
          method = function (this: unknown, ...args: unknown[]) {
            self.depth++;
            try {
              if (self.depth === 1) {
                counter.hit(key);
                gate(key, t, args);
              }
              const result = (value as (...a: unknown[]) => unknown).apply(t, args);
              return result === t ? proxy : result;
            } catch (e) {
              throw self.toRealm(e);
            } finally {
              self.depth--;
            }
          };
          methods.set(prop, method);
        }
        return method;
      },
      set(t, prop, value) {
        if (typeof prop === "string" && !prop.startsWith("_") && !(prop in t)) {
          throw new self.RealmError(`not emulated: ${cls}.${prop} (assignment)`);
        }
        return Reflect.set(t, prop, value);
      },
    });
    TARGETS.set(proxy, target);
    return proxy;
  }

  /** The emulator object behind a proxy the bundle passed back (or `x` itself). */
  unwrap<T>(x: T): T {
    return (x && typeof x === "object" ? (TARGETS.get(x as object) as T | undefined) : undefined) ?? x;
  }
}
