import {
  checkAlertSettings,
  readAlertSettings,
  type AlertSettings,
  type AlertSettingsCheck,
} from "../../../core/notify/alerts";
import { syncDispatcher } from "../../platform/dispatcher";
import { ALERTS_ACTIVE } from "../../platform/pending-work";
import { getDocumentJson, setDocumentJson } from "../../platform/properties";
import { loadChannels } from "../channels/store";
import { loadTeam } from "../team";

/** Document property of the alert rules (thresholds, recipients, channel per rule). */
const RULES_KEY = "alertRules";

/** The rules as stored, re-checked against today's team and channels. */
export function loadAlertSettings(): AlertSettings {
  return readAlertSettings(
    getDocumentJson<unknown>(RULES_KEY, null),
    loadChannels().map((c) => c.id),
    loadTeam(),
  );
}

/**
 * Validates and stores the rules; while any is on the hourly dispatcher evaluates them (the ALERTS_ACTIVE
 * mark keeps its trigger installed even when no other scheduled feature is on).
 */
export function storeAlertSettings(raw: unknown): AlertSettingsCheck {
  const checked = checkAlertSettings(
    raw,
    loadChannels().map((c) => c.id),
    loadTeam(),
  );
  if (!checked.ok) return checked;
  setDocumentJson(RULES_KEY, checked.settings);
  const props = PropertiesService.getDocumentProperties();
  if (checked.settings.rules.some((r) => r.enabled)) props.setProperty(ALERTS_ACTIVE, "1");
  else props.deleteProperty(ALERTS_ACTIVE);
  syncDispatcher();
  return checked;
}

/** Whether the hourly runs evaluate alerts. */
export function alertsActive(): boolean {
  return PropertiesService.getDocumentProperties().getProperty(ALERTS_ACTIVE) !== null;
}
