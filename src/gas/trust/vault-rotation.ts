import type { RotationResult } from "../../shared/privacy";
import { currentRole } from "../platform/guard";
import { runJob } from "../platform/job";
import { currentUser } from "../platform/locale";
import { getDocumentJson } from "../platform/properties";
import { readRegistry } from "./backup-registry";
import { resealStale, vaultKeyNow } from "./vault";
import { isSystemTabName } from "../../core/schema/system-tabs";
import { currentKeyId, dropRetiredKeys, mintKey, retiredKeys } from "./vault-keys";

/** A rotation under way: the key everything is being re-sealed with. Deleted when every entry is. */
const ROTATION_PROPERTY = "vaultRotation";
/**
 * Time one run spends re-sealing before it writes what it did (Apps Script stops a run at 6 minutes:
 * https://developers.google.com/apps-script/guides/services/quotas); the rest waits for the next run.
 */
const RESEAL_BUDGET_MS = 240_000;

interface RotationState {
  readonly to: string;
  readonly startedAt: number;
}

/**
 * Retired keys no value needs any more: not the key of an entry that could not be re-sealed, and not
 * older than a registered backup whose vault copy it may have sealed (a restore brings such a copy back,
 * still readable; the next rotation re-seals it).
 */
function unneededKeys(inUse: readonly string[]): string[] {
  const vaultSets = readRegistry().sets.filter((s) => s.tabs.some((t) => isSystemTabName("vault", t.sheet)));
  return Object.entries(retiredKeys())
    .filter(([id, retiredAt]) => !inUse.includes(id) && !vaultSets.some((s) => s.at < retiredAt))
    .map(([id]) => id);
}

/**
 * "Rotate encryption key" (owner only; audited as a job): a new key becomes current and the old one is
 * retired, in one properties write; then every vault entry is re-sealed with the new key. The old key is
 * kept until every entry is re-sealed, so a run cut at any point loses nothing: entries not re-sealed
 * yet still open with it. A run that ran out of time says so; running it again continues the same
 * rotation (no new key) until it is done.
 */
export function rotateVaultKey(): RotationResult {
  return runJob("Rotate encryption key", "manage-settings", () => {
    // The vault tab is the owner's (owner-only protection), and so is choosing its key.
    if (currentRole() !== "owner")
      throw new Error("Only the spreadsheet's owner may rotate the encryption key; nothing was changed.");
    const started = Date.now();
    const state = getDocumentJson<RotationState | null>(ROTATION_PROPERTY, null);
    const continuing = state !== null && state.to === currentKeyId();
    const keyId = continuing
      ? state.to
      : mintKey(vaultKeyNow(), started, (to) => ({
          [ROTATION_PROPERTY]: JSON.stringify({ to, startedAt: started, by: currentUser() }),
        })).to.id;
    const pass = resealStale(started + RESEAL_BUDGET_MS);
    const done = pass.remaining === 0;
    let dropped: string[] = [];
    if (done) {
      PropertiesService.getDocumentProperties().deleteProperty(ROTATION_PROPERTY);
      dropped = unneededKeys(pass.keysInUse);
      dropRetiredKeys(dropped);
    }
    const retiredKept = Object.keys(retiredKeys()).length;
    const detail =
      `key ${keyId}${continuing ? " (continued)" : ""}: ${pass.resealed} value(s) re-sealed` +
      (done ? "" : `, ${pass.remaining} left (run it again)`) +
      (pass.unreadable ? `, ${pass.unreadable} unreadable left as they were` : "") +
      `; ${retiredKept} retired key(s) kept`;
    return {
      result: {
        keyId,
        resealed: pass.resealed,
        remaining: pass.remaining,
        unreadable: pass.unreadable,
        retiredKeysKept: retiredKept,
        done,
      },
      outcome: { rowsAffected: pass.resealed, detail },
    };
  });
}
