import { LIFECYCLE_LABELS } from "../classify/labels";
import { CN8_SEGMENTS, OTHERS, RFM10_SEGMENTS, TIER_SEGMENTS } from "../classify/settings";
import type { Lang, Localized } from "../schema/types";

const KNOWN: readonly { readonly key: string; readonly label: Localized }[] = [
  ...RFM10_SEGMENTS,
  ...CN8_SEGMENTS,
  ...TIER_SEGMENTS,
  { key: "others", label: OTHERS },
];

const fold = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_'’-]/g, "");
const BY_SPELLING = new Map<string, string>();
for (const s of KNOWN)
  for (const spelling of [s.key, s.label.en, s.label["zh-CN"]]) BY_SPELLING.set(fold(spelling), s.key);

/**
 * The stable key of a segment, from its key (as the history sheet stores it) or its label in either language
 * (as the Customers sheet shows it). Unknown names (a user's renamed segment) are returned as written.
 */
export function segmentKey(nameOrKey: string): string {
  return BY_SPELLING.get(fold(nameOrKey)) ?? nameOrKey.trim();
}

/** A segment key's label in `lang`; unknown keys are shown as they are. */
export function segmentLabel(key: string, lang: Lang): string {
  return KNOWN.find((s) => s.key === key)?.label[lang] ?? key;
}

/** Best to worst, so matrices and counts read top-down; unknown keys sort after, alphabetically. */
const ORDER = [
  ...RFM10_SEGMENTS.map((s) => s.key),
  ...CN8_SEGMENTS.map((s) => s.key),
  ...TIER_SEGMENTS.map((s) => s.key),
  "others",
];

export function segmentOrder(keys: Iterable<string>): string[] {
  const rank = (k: string) => {
    const i = ORDER.indexOf(k);
    return i < 0 ? ORDER.length : i;
  };
  return [...new Set(keys)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Segments whose customers are worth saving: valuable once, now slipping away. */
const AT_RISK = new Set([
  "at_risk",
  "cant_lose_them",
  "need_attention",
  "about_to_sleep",
  "important_retain",
  "important_keep",
]);

export function isAtRiskSegment(nameOrKey: string): boolean {
  return AT_RISK.has(segmentKey(nameOrKey));
}

const LIFECYCLE_BY_SPELLING = new Map<string, string>();
for (const [key, label] of Object.entries(LIFECYCLE_LABELS))
  for (const spelling of [key, label.en, label["zh-CN"]]) LIFECYCLE_BY_SPELLING.set(fold(spelling), key);

/**
 * A Lifecycle cell as the report counts it: the stage key when the cell names a stage in either language
 * (so a book whose labels changed language still counts one stage once), else the text as written.
 */
export function lifecycleKey(cell: string): string {
  return LIFECYCLE_BY_SPELLING.get(fold(cell)) ?? cell.trim();
}

/** A lifecycle key's label in `lang`; anything else is shown as it is. */
export function lifecycleLabel(key: string, lang: Lang): string {
  return (LIFECYCLE_LABELS as Readonly<Record<string, Localized>>)[key]?.[lang] ?? key;
}
