/**
 * The one argument parser of the offline commands (demo, classify, analyze, bench, faults): each command
 * declares its flags once (name, value, help in en and zh-CN), and gets `--help`, one-line usage errors
 * (exit 2), one-line file errors (exit 2) and its help text from that declaration.
 *
 * Exit codes, as README.md states them: 0 done and clean, 1 bad rows seen or the run failed, 2 a usage
 * error or an input file that cannot be read.
 */
import { accessSync, constants, statSync } from "node:fs";
import type { Lang } from "../core/schema/types";
import { cliLang, say, type Bilingual } from "./cli-lang";

/** One flag: `--name VALUE`, or a switch when `value` is absent. */
export interface FlagSpec {
  readonly name: string;
  /** The value's placeholder in the usage ("FILE", "N", "en|zh-CN"); absent for a switch. */
  readonly value?: string;
  /** May be given more than once (every value kept, in order). */
  readonly repeat?: boolean;
  readonly required?: boolean;
  readonly help: Bilingual;
}

/**
 * A flag `--name VALUE` with its help, as every command declares them:
 * `flag("out", "DIR", { en: "the output folder", zh: "输出目录" }, { required: true })`.
 * An undefined `value` makes it a switch (see switchFlag).
 */
export function flag(
  name: string,
  value: string | undefined,
  help: Bilingual,
  more: Pick<FlagSpec, "repeat" | "required"> = {},
): FlagSpec {
  return { name, ...(value === undefined ? {} : { value }), ...more, help };
}

/** A switch: `--name`, no value. */
export function switchFlag(name: string, help: Bilingual): FlagSpec {
  return flag(name, undefined, help);
}

/** A command: its name (`npm run NAME`), what it does, its flags and notes for --help. */
export interface CommandSpec {
  readonly command: string;
  readonly summary: Bilingual;
  readonly flags: readonly FlagSpec[];
  /** Extra paragraphs of the help (outputs, exit codes). */
  readonly notes?: Bilingual;
}

/** A bad command line: one line on stderr, exit code 2. */
export class UsageError extends Error {
  constructor(readonly text: Bilingual) {
    super(text.en);
  }
}

/** An input file that cannot be read (or an output that cannot be written): one line, exit code 2. */
export class FileError extends Error {
  constructor(readonly text: Bilingual) {
    super(text.en);
  }
}

/** Whole numbers, or any number, between bounds. */
interface NumberRule {
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
}

/** The parsed flags of a command line. */
export class Flags {
  constructor(private readonly values: ReadonlyMap<string, readonly string[]>) {}

  /** The flag's (last) value, or undefined. */
  get(name: string): string | undefined {
    const all = this.values.get(name);
    return all?.[all.length - 1];
  }

  /** Every value of a repeatable flag, in order. */
  all(name: string): readonly string[] {
    return this.values.get(name) ?? [];
  }

  /** Whether the flag (a switch, or one with a value) was given. */
  has(name: string): boolean {
    return this.values.has(name);
  }

  /** The flag as a number within `rule`, or `fallback` when absent. */
  number(name: string, fallback: number, rule: NumberRule): number {
    const raw = this.get(name);
    if (raw === undefined) return fallback;
    const v = raw.trim() === "" ? NaN : Number(raw);
    if (!Number.isFinite(v) || v < rule.min || v > rule.max || (rule.integer && !Number.isInteger(v))) {
      const range = `${rule.min}–${rule.max}`;
      throw new UsageError({
        en: `--${name} must be ${rule.integer ? "a whole number" : "a number"} from ${range}, not "${raw}"`,
        zh: `--${name} 须为 ${range} 之间的${rule.integer ? "整数" : "数字"}，而不是 "${raw}"`,
      });
    }
    return v;
  }

  /** The flag as one of `choices`, or `fallback` when absent. */
  oneOf<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const raw = this.get(name);
    if (raw === undefined) return fallback;
    if (!(choices as readonly string[]).includes(raw))
      throw new UsageError({
        en: `--${name} must be ${choices.join(" or ")}, not "${raw}"`,
        zh: `--${name} 只能是 ${choices.join(" 或 ")}，而不是 "${raw}"`,
      });
    return raw as T;
  }

  /** The flag as a calendar day YYYY-MM-DD, or undefined when absent. */
  day(name: string): string | undefined {
    const raw = this.get(name);
    if (raw === undefined) return undefined;
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
    const ok =
      m !== null &&
      new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toISOString().slice(0, 10) === raw &&
      +m[1] >= 1900;
    if (!ok)
      throw new UsageError({
        en: `--${name} must be a date YYYY-MM-DD (e.g. 2006-12-31), not "${raw}"`,
        zh: `--${name} 须为 YYYY-MM-DD 格式的日期（如 2006-12-31），而不是 "${raw}"`,
      });
    return raw;
  }
}

/**
 * Parses `argv` against `spec`: `--name value`, `--name=value` and switches. Returns "help" for --help or
 * -h anywhere. Throws UsageError for an unknown flag, a missing value, a value given to a switch or a
 * missing required flag.
 */
export function parseFlags(spec: CommandSpec, argv: readonly string[]): Flags | "help" {
  if (argv.some((a) => a === "--help" || a === "-h")) return "help";
  const byName = new Map(spec.flags.map((f) => [f.name, f]));
  const values = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/s.exec(arg);
    const flag = m ? byName.get(m[1]) : undefined;
    if (!m || !flag)
      throw new UsageError({
        en: m ? `unknown flag ${arg.split("=")[0]}` : `unexpected argument "${arg}"`,
        zh: m ? `未知参数 ${arg.split("=")[0]}` : `多余的参数 "${arg}"`,
      });
    let value: string;
    if (flag.value === undefined) {
      if (m[2] !== undefined)
        throw new UsageError({ en: `--${flag.name} takes no value`, zh: `--${flag.name} 不带值` });
      value = "";
    } else if (m[2] !== undefined) value = m[2];
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--"))
        throw new UsageError({
          en: `--${flag.name} needs a value (${flag.value})`,
          zh: `--${flag.name} 缺少取值（${flag.value}）`,
        });
      value = next;
      i++;
    }
    // A repeatable flag keeps every value; any other, given twice, takes the last (as most tools do).
    const seen = values.get(flag.name);
    if (seen && flag.repeat) seen.push(value);
    else values.set(flag.name, [value]);
  }
  const missing = spec.flags.filter((f) => f.required && !values.has(f.name));
  if (missing.length)
    throw new UsageError({
      en: `${missing.map((f) => `--${f.name}`).join(" and ")} ${missing.length > 1 ? "are" : "is"} required`,
      zh: `缺少必需的参数 ${missing.map((f) => `--${f.name}`).join("、")}`,
    });
  return new Flags(values);
}

/** `--name=value` written as `--name value`, for code that reads argv by position (the benches). */
export function splitEquals(argv: readonly string[]): string[] {
  return argv.flatMap((a) => {
    const m = /^(--[a-z][a-z0-9-]*)=(.*)$/s.exec(a);
    return m ? [m[1], m[2]] : [a];
  });
}

function flagUsage(f: FlagSpec): string {
  const text = f.value === undefined ? `--${f.name}` : `--${f.name} ${f.value}`;
  return f.required ? text : `[${text}${f.repeat ? " …" : ""}]`;
}

/** "usage: npm run NAME -- FLAGS" on one line. */
export function usageLine(spec: CommandSpec, lang: Lang): string {
  const head = lang === "zh-CN" ? "用法" : "usage";
  return `${head}: npm run ${spec.command} -- ${spec.flags.map(flagUsage).join(" ")}`;
}

/** The whole --help text: usage, summary, every flag with its help, the notes. */
export function helpText(spec: CommandSpec, lang: Lang): string {
  const width = Math.max(...spec.flags.map((f) => `--${f.name} ${f.value ?? ""}`.length));
  const lines = spec.flags.map((f) => {
    const name = `--${f.name} ${f.value ?? ""}`.padEnd(width);
    const help = say(f.help, lang).split("\n");
    return [`  ${name}  ${help[0]}`, ...help.slice(1).map((h) => `  ${" ".repeat(width)}  ${h}`)].join("\n");
  });
  const help = `  ${"--help".padEnd(width)}  ${lang === "zh-CN" ? "显示本说明" : "show this help"}`;
  const blocks = [usageLine(spec, lang), say(spec.summary, lang), [...lines, help].join("\n")];
  if (spec.notes) blocks.push(say(spec.notes, lang));
  return blocks.join("\n\n");
}

/** What Node's file errors mean, in both languages. */
const ERRNO: Readonly<Record<string, Bilingual>> = {
  ENOENT: { en: "no such file or directory", zh: "文件或目录不存在" },
  EACCES: { en: "permission denied", zh: "没有访问权限" },
  EPERM: { en: "permission denied", zh: "没有访问权限" },
  EISDIR: { en: "is a directory, not a file", zh: "这是一个目录，不是文件" },
  ENOTDIR: { en: "a part of the path is not a directory", zh: "路径中有一部分不是目录" },
  EMFILE: { en: "too many open files", zh: "打开的文件过多" },
  ENOSPC: { en: "no space left on the device", zh: "磁盘空间不足" },
  EROFS: { en: "read-only file system", zh: "文件系统只读" },
};

/** A Node file error (ENOENT, EACCES, …) as a FileError naming its path; null for other errors. */
export function fileErrorOf(e: unknown): FileError | null {
  if (e instanceof FileError) return e;
  const err = e as NodeJS.ErrnoException | null;
  const reason = err && typeof err.code === "string" ? ERRNO[err.code] : undefined;
  if (!reason) return null;
  const file = err!.path ?? "";
  return new FileError({
    en: `${file ? `${file}: ` : ""}${reason.en}`,
    zh: `${file ? `${file}：` : ""}${reason.zh}`,
  });
}

/** Throws a FileError unless `file` is a readable file (checked before any work starts). */
export function requireReadable(file: string, what: Bilingual = { en: "input file", zh: "输入文件" }): void {
  try {
    accessSync(file, constants.R_OK);
    if (!statSync(file).isFile()) throw Object.assign(new Error(), { code: "EISDIR", path: file });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const reason = ERRNO[err.code ?? ""] ?? { en: err.message, zh: err.message };
    throw new FileError({
      en: `cannot read ${what.en} ${file}: ${reason.en}`,
      zh: `无法读取${what.zh} ${file}：${reason.zh}`,
    });
  }
}

/**
 * Runs a command: parses `argv` against `spec` (printing the help for --help), then `body`. A usage
 * error, or a file that cannot be read or written, is printed as ONE line on stderr and gives exit code
 * 2; any other failure one line and exit code 1 (the stack too when SHEET_CRM_DEBUG is set). Messages are
 * in the language `cliLang` picks (--lang zh-CN, or a zh_CN system locale).
 */
export async function runCommand(
  spec: CommandSpec,
  argv: readonly string[],
  body: (flags: Flags, lang: Lang) => Promise<number>,
): Promise<number> {
  const lang = cliLang(argv);
  const prefix = `npm run ${spec.command}`;
  const sep = lang === "zh-CN" ? "：" : ": ";
  try {
    const flags = parseFlags(spec, argv);
    if (flags === "help") {
      console.log(helpText(spec, lang));
      return 0;
    }
    return await body(flags, lang);
  } catch (e) {
    if (e instanceof UsageError) {
      const hint = lang === "zh-CN" ? `（用法见 ${prefix} -- --help）` : ` (see ${prefix} -- --help)`;
      console.error(`${prefix}${sep}${say(e.text, lang)}${hint}`);
      return 2;
    }
    const fileError = fileErrorOf(e);
    if (fileError) {
      console.error(`${prefix}${sep}${say(fileError.text, lang)}`);
      return 2;
    }
    console.error(`${prefix}${sep}${lang === "zh-CN" ? "运行失败" : "failed"}${sep}${oneLine(e)}`);
    if (process.env.SHEET_CRM_DEBUG && e instanceof Error && e.stack) console.error(e.stack);
    return 1;
  }
}

/** An error's message on one line. */
export function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, " ").trim();
}
