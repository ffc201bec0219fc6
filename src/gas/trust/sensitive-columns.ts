import type { HeaderMap } from "../../core/schema/headers";
import type { SheetSpec } from "../../core/schema/types";
import { readTrustSettings } from "./settings";

/** Keys of the sensitive columns of `spec`: marked in the schema, or added in settings (customers only). */
export function sensitiveKeys(spec: SheetSpec): ReadonlySet<string> {
  const keys = new Set(spec.columns.filter((c) => c.sensitive).map((c) => c.key));
  if (spec.key === "Customers") for (const k of readTrustSettings().extraSensitive) keys.add(k);
  return keys;
}

/** 0-based header positions of the sensitive columns present in a sheet, with their keys. */
export function sensitivePositions(spec: SheetSpec, map: HeaderMap): ReadonlyMap<number, string> {
  const out = new Map<number, string>();
  for (const key of sensitiveKeys(spec)) {
    const index = map.index.get(key);
    if (index !== undefined) out.set(index, key);
  }
  return out;
}
