import type { SendLogEntry } from "../send-log";
import { routeFor, type ChannelChoices } from "../channels/choices";
import type { Channel } from "../channels/types";
import type { Route } from "../channels/choices";
import { isMember, type Team } from "../team";
import { normalizeEmail } from "../escape";
import type { AlertCandidate, AlertChannel, AlertRecord, AlertRule } from "./types";

/** The SendLog rule of an alert delivery (its Note holds the alert's id). */
export const ALERT_LOG_RULE = "alert";
/** A delivery that failed this many times is given up (it stays listed in the sidebar). */
export const MAX_ALERT_TRIES = 3;
/** Alerts older than this are no longer delivered (still listed): news a week old is no alert. */
export const ALERT_DELIVER_DAYS = 7;

/**
 * Who gets an alert about a customer whose Owner is `ownerEmail`: the Owner when the rule says so and
 * they are a team member, the managers, and the listed members — only team members, each once.
 */
export function alertRecipients(
  rule: AlertRule,
  ownerEmail: string,
  managers: readonly string[],
  team: Team,
): string[] {
  const out: string[] = [];
  const add = (e: string) => {
    const n = normalizeEmail(e);
    if (n && isMember(team, n) && !out.includes(n)) out.push(n);
  };
  if (rule.recipients.owner && ownerEmail) add(ownerEmail);
  if (rule.recipients.managers) managers.forEach(add);
  rule.recipients.emails.forEach(add);
  return out;
}

/** `recipientsOf` for the planner, given each customer's Owner address. */
export function recipientsBy(
  ownerOf: (customerId: string) => string,
  managers: readonly string[],
  team: Team,
): (rule: AlertRule, candidate: AlertCandidate) => string[] {
  return (rule, c) => alertRecipients(rule, ownerOf(c.customerId), managers, team);
}

/**
 * How an alert reaches `recipient`: "choice" follows their choice for reports and alerts, "mail" is mail,
 * a channel id is that channel while it exists (SMS only with their mobile), else mail — an alert is
 * never silenced by a deleted or half-configured channel.
 */
export function alertRoute(
  channel: AlertChannel,
  recipient: string,
  choices: ChannelChoices,
  channels: readonly Channel[],
): Route {
  if (channel === "mail") return { via: "mail" };
  if (channel === "choice") return routeFor(choices, channels, recipient, "reports");
  const c = channels.find((x) => x.id === channel);
  if (!c) return { via: "mail" };
  const phone = choices[normalizeEmail(recipient)]?.phone ?? "";
  if (c.kind === "sms" && !phone) return { via: "mail" };
  return { via: "channel", channel: c, phone };
}

/** One message of a run: where it goes, for whom, and the alerts it carries (each once). */
export interface AlertDelivery {
  /** "mail:<address>", "sms:<channel>:<phone>" or "chat:<channel>": one message per destination per run. */
  readonly destination: string;
  readonly route: Route;
  readonly recipients: readonly string[];
  readonly alerts: readonly AlertRecord[];
}

function destinationOf(route: Route, recipient: string): string {
  if (route.via === "mail") return `mail:${recipient}`;
  return route.channel.kind === "sms" ? `sms:${route.channel.id}:${route.phone}` : `chat:${route.channel.id}`;
}

/**
 * What is still owed: each (recipient, raised alert) of the last ALERT_DELIVER_DAYS without a sent or
 * pending SendLog row (pending: maybe sent, never twice), tried fewer than MAX_ALERT_TRIES times — batched
 * into one message per destination. A group robot gets one message for all its recipients.
 */
export function planDeliveries(
  records: readonly AlertRecord[],
  log: readonly SendLogEntry[],
  since: string,
  routeOf: (alert: AlertRecord, recipient: string) => Route,
): AlertDelivery[] {
  const done = new Set<string>();
  const tries = new Map<string, number>();
  for (const e of log) {
    if (e.rule !== ALERT_LOG_RULE) continue;
    const key = `${e.recipient}\u0000${e.note}`;
    if (e.status === "sent" || e.status === "pending") done.add(key);
    if (e.status === "failed") tries.set(key, (tries.get(key) ?? 0) + 1);
  }
  const byDestination = new Map<string, { route: Route; recipients: string[]; alerts: AlertRecord[] }>();
  for (const alert of records) {
    if (alert.status !== "raised" || alert.raised < since) continue;
    for (const recipient of alert.recipients) {
      const key = `${recipient}\u0000${alert.id}`;
      if (done.has(key) || (tries.get(key) ?? 0) >= MAX_ALERT_TRIES) continue;
      const route = routeOf(alert, recipient);
      const dest = destinationOf(route, recipient);
      let d = byDestination.get(dest);
      if (!d) byDestination.set(dest, (d = { route, recipients: [], alerts: [] }));
      if (!d.recipients.includes(recipient)) d.recipients.push(recipient);
      if (!d.alerts.includes(alert)) d.alerts.push(alert);
    }
  }
  return [...byDestination].map(([destination, d]) => ({ destination, ...d }));
}

/**
 * The SendLog rows of one delivery: one per (recipient, alert) the message carries for them, so each
 * recipient's share is known to be sent (or not) on the next run.
 */
export function deliveryRows(
  d: AlertDelivery,
  base: Omit<SendLogEntry, "recipient" | "customerId" | "rule" | "note">,
): SendLogEntry[] {
  const rows: SendLogEntry[] = [];
  for (const recipient of d.recipients)
    for (const a of d.alerts)
      if (a.recipients.includes(recipient))
        rows.push({ ...base, recipient, customerId: a.customerId, rule: ALERT_LOG_RULE, note: a.id });
  return rows;
}
