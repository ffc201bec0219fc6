import { getDocumentJson, setDocumentJson } from "../platform/properties";

/** The trust feature's settings, kept in document properties under "trust". */
export interface TrustSettings {
  /** Entries an AuditLog sheet holds before it rolls over to a new one. */
  readonly auditMaxRows: number;
  /** Backup sets kept; older ones are deleted after each backup. */
  readonly backupKeep: number;
  /** Customer column keys treated as sensitive beyond those the schema marks. */
  readonly extraSensitive: readonly string[];
}

export const DEFAULT_TRUST_SETTINGS: TrustSettings = {
  auditMaxRows: 20_000,
  backupKeep: 10,
  extraSensitive: [],
};

const KEY = "trust";

export function readTrustSettings(): TrustSettings {
  const stored = getDocumentJson<Partial<TrustSettings>>(KEY, {});
  return { ...DEFAULT_TRUST_SETTINGS, ...stored };
}

/** Saves settings after checking them; throws with a message naming the bad field. */
export function saveTrustSettings(next: Partial<TrustSettings>): TrustSettings {
  const merged = { ...readTrustSettings(), ...next };
  if (!Number.isInteger(merged.auditMaxRows) || merged.auditMaxRows < 100 || merged.auditMaxRows > 500_000)
    throw new Error("auditMaxRows must be a whole number from 100 to 500000");
  if (!Number.isInteger(merged.backupKeep) || merged.backupKeep < 1 || merged.backupKeep > 100)
    throw new Error("backupKeep must be a whole number from 1 to 100");
  if (!Array.isArray(merged.extraSensitive) || merged.extraSensitive.some((k) => typeof k !== "string"))
    throw new Error("extraSensitive must be a list of column keys");
  setDocumentJson(KEY, merged);
  return merged;
}
