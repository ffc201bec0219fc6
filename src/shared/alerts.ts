/**
 * The sidebar's alert list (acknowledge) and the alert rules' settings form. Everyone with a role sees the
 * alerts sent to them (owners and managers see all) and may acknowledge those; owners and managers edit the
 * rules. Acknowledging and saving are audited.
 */
import type { AlertKind, AlertSettings, AlertSettingsCheck, WatchedStage } from "../core/notify/alerts";

export type {
  AlertChannel,
  AlertKind,
  AlertRecipients,
  AlertRule,
  AlertSettings,
  AlertSettingsCheck,
  AlertSettingsProblem,
  WatchedStage,
} from "../core/notify/alerts";

/** The rules in the form's order (a copy of core's ALERT_KINDS). */
export const ALERT_KIND_LIST: readonly AlertKind[] = [
  "turned",
  "p-alive",
  "big-order",
  "complaint",
  "overdue",
  "key-idle",
];
export const WATCHED_STAGE_LIST: readonly WatchedStage[] = ["at_risk", "lost"];

/** One alert as the list shows it: its text rendered by the server in the language asked for. */
export interface AlertListItem {
  readonly id: string;
  readonly kind: AlertKind;
  readonly customerId: string;
  readonly text: string;
  /** ISO instant. */
  readonly raised: string;
  readonly recipients: readonly string[];
  readonly ackBy: string;
  readonly ackAt: string;
  /** Whether the condition still holds. */
  readonly open: boolean;
}

export interface AlertList {
  /** Newest first; unacknowledged first when both are asked for. */
  readonly items: readonly AlertListItem[];
  /** Whether the caller may run "Check now" (owners and managers). */
  readonly canCheck: boolean;
}

/** What one run of the rules did. */
export interface AlertRunSummary {
  readonly raised: number;
  readonly baseline: number;
  readonly cleared: number;
  readonly sent: number;
  readonly failed: number;
  readonly deferred: number;
  readonly pending: number;
}

/** The rules form's data: the rules, and what it may pick from. */
export interface AlertRulesView {
  readonly settings: AlertSettings;
  readonly channels: readonly { readonly id: string; readonly name: string; readonly kind: string }[];
  /** Team members (lower case), for the recipients picker. */
  readonly team: readonly string[];
  /** Each rule's threshold range. */
  readonly ranges: Readonly<Record<AlertKind, { readonly min: number; readonly max: number }>>;
}

export interface AlertsApi {
  listAlerts(lang: string, includeAcknowledged?: boolean): AlertList;
  acknowledgeAlert(id: string, lang: string): AlertList;
  /** Evaluates the rules and delivers now, as the hourly run does. */
  checkAlertsNow(): AlertRunSummary;
  getAlertRules(): AlertRulesView;
  saveAlertRules(settings: AlertSettings): AlertSettingsCheck;
}
