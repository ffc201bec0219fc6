import type { Lang, Localized } from "../schema/types";
import TEXT from "./notify-text.json";

/** A catalogue entry: both languages, and the English singular when a count of one reads differently. */
export interface TextEntry extends Localized {
  readonly en_one?: string;
}

/**
 * Every word the notify feature writes — mails, the report sheet, SendLog notes, menus, alerts and settings
 * errors — kept as data (notify-text.json), one section per use, so translators edit one file. Typed here:
 * an entry missing a language fails to compile.
 */
const CATALOGUE = TEXT satisfies Readonly<Record<string, Readonly<Record<string, TextEntry>>>>;

export type TextSection = keyof typeof CATALOGUE;
export type TextKey<S extends TextSection> = keyof (typeof CATALOGUE)[S] & string;

/** Slot values of an entry; `n` also picks the English singular. */
export type Slots = Readonly<Record<string, string | number>>;

/**
 * The entry `section.key` in `lang` with its `{name}` slots filled. A slot left without a value stays
 * visible as written, so a gap shows in tests rather than as an empty phrase.
 */
export function say<S extends TextSection>(
  section: S,
  key: TextKey<S>,
  lang: Lang,
  slots: Slots = {},
): string {
  const entry = (CATALOGUE[section] as Readonly<Record<string, TextEntry>>)[key];
  const text = lang === "en" && slots.n === 1 && entry.en_one !== undefined ? entry.en_one : entry[lang];
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in slots ? String(slots[k]) : m));
}

/** The entry `section.key` in both languages (menu labels, which the menu draws in the user's language). */
export function localized<S extends TextSection>(section: S, key: TextKey<S>): Localized {
  const entry = (CATALOGUE[section] as Readonly<Record<string, TextEntry>>)[key];
  return { en: entry.en, "zh-CN": entry["zh-CN"] };
}

/** A per-language function of the entry, for code that formats many rows in one language. */
export function sayer<S extends TextSection>(
  section: S,
  lang: Lang,
): (key: TextKey<S>, slots?: Slots) => string {
  return (key, slots) => say(section, key, lang, slots);
}
