import { normalizeEmail } from "../escape";
import { isMember, type Team } from "../team";
import {
  ALERT_KINDS,
  WATCHED_STAGES,
  type AlertKind,
  type AlertRule,
  type AlertSettings,
  type WatchedStage,
} from "./types";

/** Each rule's number: its default and range. Amounts are in the sheet's currency. */
export const THRESHOLDS: Readonly<
  Record<AlertKind, { readonly initial: number; readonly min: number; readonly max: number }>
> = {
  turned: { initial: 0, min: 0, max: 0 },
  "p-alive": { initial: 0.3, min: 0.01, max: 0.99 },
  "big-order": { initial: 10_000, min: 1, max: 1e12 },
  complaint: { initial: 2, min: 1, max: 5 },
  overdue: { initial: 30, min: 1, max: 3650 },
  "key-idle": { initial: 30, min: 1, max: 3650 },
};

/** At most this many listed recipients per rule (the document property stays small). */
export const MAX_RULE_EMAILS = 20;

/** Every rule, off until a manager switches it on: to the Owner and the managers, by each one's choice. */
export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  rules: ALERT_KINDS.map((kind) => ({
    kind,
    enabled: false,
    threshold: THRESHOLDS[kind].initial,
    stages: kind === "turned" ? [...WATCHED_STAGES] : [],
    recipients: { owner: true, managers: true, emails: [] },
    channel: "choice",
  })),
};

/** A problem with one field of the form: `field` like "rules.big-order.threshold", `code` a text key. */
export interface AlertSettingsProblem {
  readonly field: string;
  readonly code: "threshold" | "stages" | "notMember" | "tooMany" | "channel";
  readonly value?: string;
}

export type AlertSettingsCheck =
  | { readonly ok: true; readonly settings: AlertSettings }
  | { readonly ok: false; readonly problems: readonly AlertSettingsProblem[] };

/**
 * Validates settings from a form. Unknown kinds are ignored and missing ones keep their defaults;
 * recipients must be team members (an alert carries customer data: it never leaves the team) and the
 * channel must be "choice", "mail" or a channel that exists.
 */
export function checkAlertSettings(
  raw: unknown,
  channelIds: readonly string[],
  team: Team,
): AlertSettingsCheck {
  const problems: AlertSettingsProblem[] = [];
  const given = new Map<string, Record<string, unknown>>();
  const list = raw && typeof raw === "object" ? (raw as { rules?: unknown }).rules : null;
  if (Array.isArray(list))
    for (const r of list)
      if (r && typeof r === "object")
        given.set(String((r as { kind?: unknown }).kind), r as Record<string, unknown>);
  const rules = DEFAULT_ALERT_SETTINGS.rules.map((d): AlertRule => {
    const r = given.get(d.kind);
    if (!r) return d;
    const field = (name: string) => `rules.${d.kind}.${name}`;
    const range = THRESHOLDS[d.kind];
    let threshold = d.threshold;
    if (d.kind !== "turned") {
      const n = Number(r.threshold);
      if (!Number.isFinite(n) || n < range.min || n > range.max)
        problems.push({ field: field("threshold"), code: "threshold", value: String(r.threshold) });
      else
        threshold =
          d.kind === "overdue" || d.kind === "key-idle" || d.kind === "complaint" ? Math.round(n) : n;
    }
    let stages: WatchedStage[] = [];
    if (d.kind === "turned") {
      const s = Array.isArray(r.stages) ? r.stages.map(String) : [...d.stages];
      stages = WATCHED_STAGES.filter((w) => s.includes(w));
      if (!stages.length) problems.push({ field: field("stages"), code: "stages" });
    }
    const rec = (r.recipients && typeof r.recipients === "object" ? r.recipients : {}) as Record<
      string,
      unknown
    >;
    const emails: string[] = [];
    for (const e of Array.isArray(rec.emails) ? rec.emails : []) {
      const email = normalizeEmail(e);
      if (!email || !isMember(team, email))
        problems.push({ field: field("recipients"), code: "notMember", value: String(e) });
      else if (!emails.includes(email)) emails.push(email);
    }
    if (emails.length > MAX_RULE_EMAILS) problems.push({ field: field("recipients"), code: "tooMany" });
    const channel = String(r.channel ?? "choice");
    if (channel !== "choice" && channel !== "mail" && !channelIds.includes(channel))
      problems.push({ field: field("channel"), code: "channel", value: channel });
    return {
      kind: d.kind,
      enabled: r.enabled === true,
      threshold,
      stages,
      recipients: { owner: rec.owner !== false, managers: rec.managers !== false, emails },
      channel,
    };
  });
  return problems.length ? { ok: false, problems } : { ok: true, settings: { rules } };
}

/**
 * The stored settings, read leniently: a rule that no longer validates (a member who left the team, a
 * deleted channel) keeps what still holds — the member dropped, the channel back to each one's choice.
 */
export function readAlertSettings(raw: unknown, channelIds: readonly string[], team: Team): AlertSettings {
  const first = checkAlertSettings(raw, channelIds, team);
  if (first.ok) return first.settings;
  const list = raw && typeof raw === "object" ? (raw as { rules?: unknown }).rules : null;
  const repaired = (Array.isArray(list) ? list : []).map((r) => {
    const o = (r && typeof r === "object" ? r : {}) as Record<string, unknown>;
    const rec = (o.recipients && typeof o.recipients === "object" ? o.recipients : {}) as Record<
      string,
      unknown
    >;
    const channel = String(o.channel ?? "choice");
    return {
      ...o,
      channel: channel === "mail" || channelIds.includes(channel) ? channel : "choice",
      recipients: {
        ...rec,
        emails: (Array.isArray(rec.emails) ? rec.emails : [])
          .filter((e) => isMember(team, String(e)))
          .slice(0, MAX_RULE_EMAILS),
      },
    };
  });
  const second = checkAlertSettings({ rules: repaired }, channelIds, team);
  return second.ok ? second.settings : DEFAULT_ALERT_SETTINGS;
}

/** What decides which conditions a rule sees: a change re-baselines it (nothing old fires at once). */
export function ruleFingerprint(rule: AlertRule): string {
  return rule.kind === "turned"
    ? `turned:${[...rule.stages].sort().join("+")}`
    : `${rule.kind}:${rule.threshold}`;
}
