import { readAnalysisSettings, type AnalysisSettings } from "../../core/analysis/settings";
import { getDocumentJson, setDocumentJson } from "../platform/properties";

const KEY = "analysis";

/** The stored "analysis" setting; unreadable values fall back to their defaults. */
export function loadAnalysisSettings(): AnalysisSettings {
  return readAnalysisSettings(getDocumentJson<unknown>(KEY, {})).settings;
}

/** Merges `changes` into the stored setting; refuses (and stores nothing) when any value is bad. */
export function storeAnalysisSettings(changes: Partial<AnalysisSettings>) {
  const { settings, errors } = readAnalysisSettings({ ...loadAnalysisSettings(), ...changes });
  if (errors.length) return { ok: false as const, errors };
  setDocumentJson(KEY, settings);
  return { ok: true as const, settings };
}
