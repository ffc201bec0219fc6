import type { Clock } from "./clock";
import type { Guard } from "./guard";
import { newError, type Realm } from "./realm";

/**
 * Where an execution comes from. It decides whether an editor UI exists (SpreadsheetApp.getUi) and how
 * Session.getActiveUser() is shown.
 */
export type ExecutionContext =
  "menu" | "sidebar" | "simple-trigger" | "installable-trigger" | "time-trigger" | "webapp" | "api";

/** What decides whether an active user's e-mail is visible (see identity.ts). */
export interface IdentityRules {
  /** The Google Workspace domain shared by the developer and the users, or null (consumer accounts). */
  readonly workspaceDomain: string | null;
  /** Who wrote the script: the add-on's publisher, or a bound script's owner. */
  readonly developer: string;
}

/** Who is running and where: set per test, read by Session and the permission checks. */
export interface SessionState {
  /** The user at the keyboard (Session.getActiveUser), "" when unknown. */
  activeUser: string;
  /** Whose authority the code runs with (the trigger's creator for installable triggers). */
  effectiveUser: string;
  owner: string;
  locale: string;
  scriptTimeZone: string;
  /** The running execution's context ("sidebar" outside any execution). */
  context: ExecutionContext;
  /** Whether the running execution has an editor UI (SpreadsheetApp.getUi() works). */
  ui: boolean;
  readonly identity: IdentityRules;
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
