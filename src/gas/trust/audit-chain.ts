/**
 * The audit log's hash chain on the platform (the rules are in core/trust/audit-chain.ts): the digests,
 * what a cell reads as, and the chain's state kept in document properties under "auditChain":
 * - the key of the keyed digest (HMAC-SHA-256, Utilities.computeHmacSha256Signature). In the add-on only
 *   its own code reaches document properties, so an editor who changes the log cannot recompute the
 *   links; in the bound-script deployment editors can read the key too, as they can everything;
 * - the newest link, so entries cut from the end are seen;
 * - where each log tab (by sheet id, which survives the rename at rollover) starts, so entries cut from
 *   the start are seen, and a tab continues from the one before it.
 * https://developers.google.com/apps-script/reference/utilities/utilities#computeHmacSha256Signature(String,String,Charset)
 */
import { type ChainLink, type DigestOf, type SheetAnchor, hexOf } from "../../core/trust/audit-chain";
import { setDocumentJson } from "../platform/properties";

export const CHAIN_PROPERTY = "auditChain";

export interface ChainState {
  readonly key: string;
  /** The number of the first entry linked under this key (rows numbered below it are legacy). */
  readonly from: number;
  /** The newest link written; null before the first. */
  readonly tail: ChainLink | null;
  /** Sheet id → where that log tab's chain starts. */
  readonly sheets: Readonly<Record<string, SheetAnchor>>;
}

/**
 * The recorded state, or null when the document has none (never chained, or copied without it); from
 * `all` document properties when the caller has read them already.
 */
export function readChainState(all?: Readonly<Record<string, string>>): ChainState | null {
  const raw = all
    ? all[CHAIN_PROPERTY]
    : PropertiesService.getDocumentProperties().getProperty(CHAIN_PROPERTY);
  let state: ChainState | null = null;
  try {
    state = raw ? (JSON.parse(raw) as ChainState) : null;
  } catch {
    state = null;
  }
  return state && typeof state.key === "string" && state.key ? state : null;
}

export function saveChainState(state: ChainState): void {
  setDocumentJson(CHAIN_PROPERTY, state);
}

/** A fresh chain: a new random key (two version-4 UUIDs: 244 random bits), nothing written yet. */
export function newChainState(): ChainState {
  return {
    key: (Utilities.getUuid() + Utilities.getUuid()).replace(/-/g, ""),
    from: 1,
    tail: null,
    sheets: {},
  };
}

/** The keyed digest of the chain: HMAC-SHA-256 of the text under `key`, as hex. */
export function keyedDigest(key: string): DigestOf {
  return (text) => hexOf(Utilities.computeHmacSha256Signature(text, key, Utilities.Charset.UTF_8));
}

/** 15 minutes: every UTC offset in use is a multiple, so offsets change only on these boundaries. */
const OFFSET_SLOT_MS = 15 * 60_000;

/**
 * How a cell of the log reads as text for the chain, in the spreadsheet's time zone `zone`. Sheets keeps
 * a date-time as a serial number in the spreadsheet's time zone, so a date reads back as the same wall
 * clock even after the zone is changed (the instant moves): the text is that wall clock, to the second.
 * Other values read as their text; line ends are normalised (a cell keeps "\n" only).
 */
export function cellTexts(zone: string): (row: readonly unknown[]) => string[] {
  const offsets = new Map<number, number>();
  const offsetMs = (ms: number): number => {
    const slot = Math.floor(ms / OFFSET_SLOT_MS);
    let offset = offsets.get(slot);
    if (offset === undefined) {
      const z = Utilities.formatDate(new Date(slot * OFFSET_SLOT_MS), zone, "Z"); // "+0800"
      const sign = z.startsWith("-") ? -1 : 1;
      offset = sign * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5))) * 60_000;
      offsets.set(slot, offset);
    }
    return offset;
  };
  const text = (v: unknown): string => {
    if (v instanceof Date) {
      const ms = Math.round(v.getTime() / 1000) * 1000;
      return new Date(ms + offsetMs(ms)).toISOString().slice(0, 19).replace("T", " ");
    }
    return String(v ?? "").replace(/\r\n?/g, "\n");
  };
  return (row) => row.map(text);
}
