/**
 * What an attack is: a named adversary's try against the built bundle, judged by what it got. An attack
 * SUCCEEDS when it got what the add-on must refuse: a leak, an unaudited change, a mail to an outsider, a
 * crash or hang, a formula stored live. Each also checks a control (the honest path works), so "refused"
 * never means "the set-up was broken".
 */
import type { LoadedBundle } from "../../load-bundle";

/** What every attack is given: where the bundle is, the workbook's seed, and an optional weakening. */
export interface AttackEnv {
  readonly dist?: string;
  readonly seed: number;
  /**
   * Called on every book an attack builds, once its set-up is done and before the attack: a test weakens
   * the book here (say, a role table granting the attacker) to prove the attack would see a success.
   */
  readonly weaken?: (loaded: LoadedBundle) => void;
}

/** A fault in the attack's own set-up or control: the attack proves nothing until it is fixed. */
export class AttackSetupError extends Error {}

/** Fails the attack's set-up unless `ok`: each attack first shows the honest path works. */
export function control(ok: boolean, what: string): void {
  if (!ok) throw new AttackSetupError(`control failed: ${what}`);
}

/** One attack. */
export interface Attack {
  /** kebab-case, unique. */
  readonly name: string;
  /** The numbered finding of issue 15 it retries. */
  readonly item: number;
  /** What the adversary does, in a few words. */
  readonly tries: string;
  /** Runs on fresh books; answers why the attack succeeded, or null when it was refused or harmless. */
  readonly run: (env: AttackEnv) => string | null;
}

/** The first success `judge` finds among `cases` (each judged in turn, stopping there), or null. */
export function firstFound<T>(cases: readonly T[], judge: (c: T) => string | null): string | null {
  for (const c of cases) {
    const found = judge(c);
    if (found !== null) return found;
  }
  return null;
}
