import type { Clock } from "./clock";
import type { Guard } from "./guard";
import { newError, type Realm } from "./realm";

/** Who is running and where: set per test, read by Session and the permission checks. */
export interface SessionState {
  activeUser: string;
  effectiveUser: string;
  owner: string;
  locale: string;
  scriptTimeZone: string;
}

/** What every emulated object needs: the bundle's realm, the clock, the guard and the session. */
export interface Env {
  readonly realm: Realm;
  readonly clock: Clock;
  readonly guard: Guard;
  readonly session: SessionState;
}

/** Wraps `obj` in the guard as Apps Script class `cls`. */
export function wrap<T extends object>(env: Env, cls: string, obj: T): T {
  return env.guard.wrap(cls, obj);
}

/** An error the bundle can catch as its own `Error`. */
export function gasError(env: Env, message: string): Error {
  return newError(env.realm, message);
}
