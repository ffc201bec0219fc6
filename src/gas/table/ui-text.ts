import type { Lang, Localized } from "../../core/schema/types";
import uiText from "./ui-text.json";

/** The table feature's dialog texts (data in ui-text.json); `{name}` slots are filled by {@link say}. */
const TEXT = uiText satisfies Readonly<Record<string, Localized>>;

export type TextKey = keyof typeof TEXT;

export function say(key: TextKey, lang: Lang, slots: Readonly<Record<string, string | number>> = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in slots ? String(slots[k]) : m));
}
