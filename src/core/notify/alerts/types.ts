/**
 * Threshold and event alerts: rules over the book (a customer turns At risk or Lost, P(alive) falls below
 * X, an order above X, a complaint, a payment overdue more than N days, no contact for N days on a key
 * customer), each with its recipients (team members only) and channel.
 */

/** The rules there are; one of each per document. */
export type AlertKind = "turned" | "p-alive" | "big-order" | "complaint" | "overdue" | "key-idle";
export const ALERT_KINDS: readonly AlertKind[] = [
  "turned",
  "p-alive",
  "big-order",
  "complaint",
  "overdue",
  "key-idle",
];

/** The lifecycle stages the "turned" rule watches. */
export type WatchedStage = "at_risk" | "lost";
export const WATCHED_STAGES: readonly WatchedStage[] = ["at_risk", "lost"];

/** Who gets an alert: the customer's Owner (when a team member), the managers, and listed members. */
export interface AlertRecipients {
  readonly owner: boolean;
  readonly managers: boolean;
  /** Team members' addresses (lower case); anyone outside the team is dropped when the alert is raised. */
  readonly emails: readonly string[];
}

/**
 * How an alert travels: "choice" — each recipient's own choice for reports and alerts (Settings →
 * Channels), "mail", or a configured channel's id (a group robot posts once per run for all its recipients).
 */
export type AlertChannel = string;

export interface AlertRule {
  readonly kind: AlertKind;
  readonly enabled: boolean;
  /**
   * The rule's number: p-alive — a share (0–1, below it fires); big-order — an amount (above it fires);
   * complaint — a rating (at or below it counts, as does a negative comment); overdue and key-idle — days.
   * "turned" has none (0).
   */
  readonly threshold: number;
  /** "turned" only: the stages that fire. */
  readonly stages: readonly WatchedStage[];
  readonly recipients: AlertRecipients;
  readonly channel: AlertChannel;
}

export interface AlertSettings {
  readonly rules: readonly AlertRule[];
}

/**
 * Something a rule sees now: `subject` names the thing (a CustomerID, an OrderID, a feedback fingerprint)
 * so that the same condition seen again is the same event.
 */
export interface AlertCandidate {
  readonly kind: AlertKind;
  readonly subject: string;
  readonly customerId: string;
  /** The figure that fired it, as text ("lost", "0.12", "12000", "45"). */
  readonly value: string;
  /** What it refers to besides the customer (an OrderID), "" for none. */
  readonly ref: string;
}

/**
 * One line of the Alerts tab:
 * - raised: an event that fired; delivered to its recipients (SendLog rows say which) and listed in the
 *   sidebar until acknowledged.
 * - baseline: a condition that already held when its rule was switched on (or its threshold changed):
 *   remembered so it never fires, never sent, never listed.
 * - armed: the marker that a rule has been evaluated with `subject` = its definition's fingerprint.
 * A raised or baseline line is open while `cleared` is "": the same subject cannot fire again until the
 * condition has stopped holding (then `cleared` is set, and a later return fires anew).
 */
export type AlertStatus = "raised" | "baseline" | "armed";

export interface AlertRecord {
  /** `${kind}|${subject}|${raised day}`: unique, and the SendLog note of its deliveries. */
  readonly id: string;
  readonly kind: AlertKind;
  readonly customerId: string;
  readonly subject: string;
  /** ISO instant it was raised. */
  readonly raised: string;
  readonly value: string;
  readonly ref: string;
  /** Team members it went to, lower case. */
  readonly recipients: readonly string[];
  /** The rule's channel when it was raised. */
  readonly channel: AlertChannel;
  readonly status: AlertStatus;
  /** ISO instant the condition stopped holding (or the rule was switched off); "" while open. */
  readonly cleared: string;
  readonly ackBy: string;
  readonly ackAt: string;
}
