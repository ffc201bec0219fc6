import type { DateKey } from "../../calendar";
import { ruleFingerprint } from "./settings";
import type { AlertCandidate, AlertKind, AlertRecord, AlertRule, AlertSettings } from "./types";

/** What one run changes in the Alerts tab. */
export interface AlertPlan {
  /** Events that fire now: to be delivered and listed. */
  readonly raised: readonly AlertRecord[];
  /** Conditions remembered without firing (a rule switched on or changed), and the rule's armed marker. */
  readonly quiet: readonly AlertRecord[];
  /** Open lines whose condition no longer holds (or whose rule is off or changed): ids to mark cleared. */
  readonly cleared: ReadonlySet<string>;
}

export interface PlanContext {
  readonly now: string;
  readonly day: DateKey;
  /** The team members an alert about `candidate` goes to under `rule`. */
  readonly recipientsOf: (rule: AlertRule, candidate: AlertCandidate) => readonly string[];
}

/**
 * Fires each event once. A condition fires when its rule sees it and no open line has its subject; the
 * line stays open while the condition holds, so the next runs (hourly) see it and stay quiet. It is
 * cleared when the condition stops holding, so a customer who comes back and is lost again fires again.
 * A rule switched on (or whose threshold or stages change) first records what already holds as baseline:
 * turning alerts on never floods anyone with the past.
 */
export function planAlerts(
  settings: AlertSettings,
  candidates: ReadonlyMap<AlertKind, readonly AlertCandidate[]>,
  records: readonly AlertRecord[],
  ctx: PlanContext,
): AlertPlan {
  const raised: AlertRecord[] = [];
  const quiet: AlertRecord[] = [];
  const cleared = new Set<string>();
  const taken = new Set(records.map((r) => r.id));
  const idFor = (kind: AlertKind, subject: string) => {
    const base = `${kind}|${subject}|${ctx.day}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}#${n}`;
    taken.add(id);
    return id;
  };
  const line = (
    rule: AlertRule,
    c: AlertCandidate,
    status: AlertRecord["status"],
    recipients: readonly string[],
  ): AlertRecord => ({
    id: idFor(rule.kind, c.subject),
    kind: rule.kind,
    customerId: c.customerId,
    subject: c.subject,
    raised: ctx.now,
    value: c.value,
    ref: c.ref,
    recipients,
    channel: rule.channel,
    status,
    cleared: "",
    ackBy: "",
    ackAt: "",
  });
  for (const rule of settings.rules) {
    const open = records.filter((r) => r.kind === rule.kind && r.cleared === "");
    const fp = ruleFingerprint(rule);
    const armed = open.some((r) => r.status === "armed" && r.subject === fp);
    if (!rule.enabled || !armed) for (const r of open) cleared.add(r.id);
    if (!rule.enabled) continue;
    const seen = new Map<string, AlertCandidate>();
    for (const c of candidates.get(rule.kind) ?? []) if (!seen.has(c.subject)) seen.set(c.subject, c);
    if (!armed) {
      quiet.push(
        line(rule, { kind: rule.kind, subject: fp, customerId: "", value: "", ref: "" }, "armed", []),
      );
      for (const c of seen.values()) quiet.push(line(rule, c, "baseline", []));
      continue;
    }
    const openSubjects = new Set(open.filter((r) => r.status !== "armed").map((r) => r.subject));
    for (const r of open) if (r.status !== "armed" && !seen.has(r.subject)) cleared.add(r.id);
    for (const c of seen.values())
      if (!openSubjects.has(c.subject)) raised.push(line(rule, c, "raised", ctx.recipientsOf(rule, c)));
  }
  return { raised, quiet, cleared };
}
