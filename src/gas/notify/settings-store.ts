import {
  DEFAULT_NOTIFY_SETTINGS,
  validateNotifySettings,
  type NotifySettings,
  type SettingsResult,
} from "../../core/notify/settings";
import { userLang } from "../platform/locale";
import { getDocumentJson, setDocumentJson } from "../platform/properties";

const KEY = "notify";

/**
 * The stored settings, validated again on read: a hand-edited or older property that no longer validates
 * falls back to the defaults rather than mailing the wrong people.
 */
export function loadNotifySettings(): NotifySettings {
  const r = validateNotifySettings(getDocumentJson<unknown>(KEY, {}));
  return r.ok ? r.settings : DEFAULT_NOTIFY_SETTINGS;
}

/**
 * Validates (messages in the user's language) and stores; on any error nothing is stored. setDocumentJson
 * enforces the 9 KB limit.
 */
export function saveNotifySettingsValue(raw: unknown): SettingsResult {
  const r = validateNotifySettings(raw, userLang());
  if (!r.ok) return r;
  try {
    setDocumentJson(KEY, r.settings);
  } catch (e) {
    return { ok: false, errors: [{ field: "", message: (e as Error).message }] };
  }
  return r;
}
