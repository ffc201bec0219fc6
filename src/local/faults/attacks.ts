/**
 * The attack kinds of the fault suite (issue 15): each attack runs on fresh books with the built bundle as
 * an adversary would — a sales rep, a viewer, a stranger with edit access, a caller whose e-mail Google
 * hides, an editor of the log or the backups, a hostile file — and reports whether it SUCCEEDED (a leak,
 * an unaudited change, a mail to an outsider, a crash or hang, a formula stored live). Every numbered
 * finding of the issue has at least one attack; all must fail.
 */
import { AttackSetupError, type Attack, type AttackEnv } from "./attacks/attack";
import { AUDIT_ATTACKS } from "./attacks/audit";
import { BACKUP_ATTACKS } from "./attacks/backups";
import { INPUT_ATTACKS } from "./attacks/input";
import { MAIL_ATTACKS } from "./attacks/mail";
import { ROLE_ATTACKS } from "./attacks/roles";
import { SECRET_ATTACKS } from "./attacks/secrets";

export type { Attack, AttackEnv } from "./attacks/attack";

/** Every attack, by the issue's item. */
export const ATTACKS: readonly Attack[] = [
  ...MAIL_ATTACKS,
  ...ROLE_ATTACKS,
  ...SECRET_ATTACKS,
  ...BACKUP_ATTACKS,
  ...AUDIT_ATTACKS,
  ...INPUT_ATTACKS,
].sort((a, b) => a.item - b.item);

export interface AttackResult {
  readonly name: string;
  readonly item: number;
  readonly succeeded: boolean;
  /** Why it succeeded, or "refused". */
  readonly detail: string;
  readonly ms: number;
}

/**
 * Runs one attack. An attack that throws succeeded too: either the bundle crashed under it, or its own
 * control failed (the honest path broke), and then its "refused" would prove nothing.
 */
export function runAttack(attack: Attack, env: AttackEnv): AttackResult {
  const started = performance.now();
  let found: string | null;
  try {
    found = attack.run(env);
  } catch (e) {
    const err = e as Error;
    found = err instanceof AttackSetupError ? err.message : `crashed: ${err.message}`;
  }
  return {
    name: attack.name,
    item: attack.item,
    succeeded: found !== null,
    detail: found ?? "refused",
    ms: Math.round(performance.now() - started),
  };
}

export interface AttackSummary {
  readonly tried: number;
  readonly succeeded: number;
  /** Names of the attacks that succeeded. */
  readonly failures: readonly string[];
  readonly results: readonly AttackResult[];
}

export interface AttackOptions extends Partial<AttackEnv> {
  /** One line per attack goes here (default console.log). */
  readonly log?: (line: string) => void;
  /** Only the attacks with these names (default every one). */
  readonly only?: readonly string[];
}

/** Runs every attack (or `only` those), logging one line each. */
export function runAttacks(options: AttackOptions = {}): AttackSummary {
  const log = options.log ?? ((line: string) => console.log(line));
  const env: AttackEnv = { dist: options.dist, seed: options.seed ?? 1, weaken: options.weaken };
  const chosen = options.only ? ATTACKS.filter((a) => options.only!.includes(a.name)) : ATTACKS;
  const results = chosen.map((attack) => {
    const r = runAttack(attack, env);
    log(
      `attack ${r.name} (item ${r.item}): ${r.succeeded ? `SUCCEEDED — ${r.detail}` : "refused"} [${r.ms} ms]`,
    );
    return r;
  });
  const failures = results.filter((r) => r.succeeded).map((r) => r.name);
  return { tried: results.length, succeeded: failures.length, failures, results };
}
