import { DEFAULT_SETTINGS, validateSettings, type ClassifySettings } from "../../core/classify";
import { getDocumentJson, setDocumentJson } from "../platform/properties";

/** Document property holding the classification settings (partial JSON; defaults fill the rest). */
export const SETTINGS_KEY = "classify";

/** The stored settings, completed with defaults; the defaults when the stored value no longer validates. */
export function loadSettings(): ClassifySettings {
  const checked = validateSettings(getDocumentJson<unknown>(SETTINGS_KEY, {}));
  return checked.ok ? checked.settings : DEFAULT_SETTINGS;
}

/** Validates and stores; nothing is stored when any field is invalid. */
export function storeSettings(input: unknown): ReturnType<typeof validateSettings> {
  const checked = validateSettings(input);
  if (checked.ok) setDocumentJson(SETTINGS_KEY, checked.settings);
  return checked;
}
