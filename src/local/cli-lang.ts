/**
 * The language of the command line's own messages (usage errors, file errors, progress): zh-CN when the
 * command line says `--lang zh-CN`, else when the system locale does (LC_ALL, LC_MESSAGES or LANG starting
 * with zh_CN, zh-CN, zh_SG or zh-Hans, as POSIX orders them), else English.
 */
import type { Lang } from "../core/schema/types";

/** A message in both languages. */
export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

/** The first of LC_ALL, LC_MESSAGES, LANG that is set (POSIX precedence), as the system's locale. */
function systemLocale(env: NodeJS.ProcessEnv): string {
  return env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
}

/** The messages' language for `argv` under `env` (the book's language is the --lang flag alone). */
export function cliLang(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Lang {
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i] === "--lang" ? argv[i + 1] : /^--lang=(.*)$/.exec(argv[i])?.[1];
    if (value === "zh-CN") return "zh-CN";
    if (value === "en") return "en";
  }
  return /^zh[_-](CN|SG|Hans)/i.test(systemLocale(env)) ? "zh-CN" : "en";
}

/** The text of `m` in `lang`. */
export function say(m: Bilingual, lang: Lang): string {
  return lang === "zh-CN" ? m.zh : m.en;
}
