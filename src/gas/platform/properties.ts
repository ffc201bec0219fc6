import { utf8Length } from "../../core/table/import/utf8-size";

/** Apps Script rejects property values over 9 KB; check first so the error names the setting. */
const MAX_VALUE_BYTES = 9 * 1024;

/** A JSON value from document properties, or `fallback` when absent or unreadable. */
export function getDocumentJson<T>(key: string, fallback: T): T {
  const raw = PropertiesService.getDocumentProperties().getProperty(key);
  if (raw === null || raw === "") return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

export function setDocumentJson(key: string, value: unknown): void {
  const raw = JSON.stringify(value);
  const bytes = utf8Length(raw);
  if (bytes > MAX_VALUE_BYTES) {
    throw new Error(
      `Setting "${key}" is ${bytes} bytes; Apps Script allows ${MAX_VALUE_BYTES} per property.`,
    );
  }
  PropertiesService.getDocumentProperties().setProperty(key, raw);
}
