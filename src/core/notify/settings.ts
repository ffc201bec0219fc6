import type { Lang } from "../schema/types";
import { isEmail } from "./escape";
import { DEFAULT_RULES, RESERVED_RULE_IDS, type ReminderRule } from "./rules";
import { placeholdersOf } from "./template";
import { say, type Slots, type TextKey } from "./text";

/** The language of mails: "auto" follows the spreadsheet (its locale, zh_CN → zh-CN), else as set. */
export type MailLang = Lang | "auto";

/** Everything the notify feature is configured with; stored as the document property "notify". */
export interface NotifySettings {
  /** Receive the weekly report and the reminders of customers without an Owner. */
  readonly managers: readonly string[];
  /** Local hour (0–23, spreadsheet time zone) of the daily reminder run. */
  readonly reminderHour: number;
  /** ISO weekday (1 = Monday … 7 = Sunday) of the weekly report. */
  readonly weekday: number;
  /** Local hour (0–23) of the weekly report. */
  readonly reportHour: number;
  readonly rules: readonly ReminderRule[];
  /**
   * A reminder still due is mailed again to the same person only after this many days (1 = every day);
   * sooner only when it escalates (more overdue, a new follow-up date). New items always go.
   */
  readonly repeatDays: number;
  /**
   * Language of mails to recipients not listed in `langs`, and of the report sheet: "auto" takes the
   * spreadsheet's (gas/notify/mail-lang.ts).
   */
  readonly defaultLang: MailLang;
  /** Recipient e-mail (lower case) → language. */
  readonly langs: Readonly<Record<string, Lang>>;
  /** Subject and body "" use the built-in text in each mail's language (see {@link welcomeTemplate}). */
  readonly welcome: {
    readonly enabled: boolean;
    readonly subject: string;
    readonly body: string;
  };
}

/** Days before a still-due reminder is mailed again, by default. */
export const DEFAULT_REPEAT_DAYS = 3;

export const DEFAULT_NOTIFY_SETTINGS: NotifySettings = {
  managers: [],
  reminderHour: 8,
  weekday: 1,
  reportHour: 9,
  rules: DEFAULT_RULES,
  repeatDays: DEFAULT_REPEAT_DAYS,
  defaultLang: "auto",
  langs: {},
  welcome: { enabled: false, subject: "", body: "" },
};

/**
 * The welcome text of earlier versions' defaults: stored settings that still hold it use the built-in
 * text instead, which drops "… will be your contact." when there is no contact.
 */
const LEGACY_WELCOME = {
  subject: "Welcome, {{Name}}",
  body: "Dear {{Name}},\n\nThank you for choosing us. {{Owner}} will be your contact.\n\nBest regards",
};

/**
 * The welcome template a mail in `lang` uses: the user's subject and body, or for either left empty (or
 * still an earlier version's default) the built-in one in `lang` from the catalogue.
 */
export function welcomeTemplate(
  settings: NotifySettings,
  lang: Lang,
): { readonly subject: string; readonly body: string } {
  const { subject, body } = settings.welcome;
  const own = (text: string, legacy: string) => text.trim() !== "" && text !== legacy;
  return {
    subject: own(subject, LEGACY_WELCOME.subject) ? subject : say("welcome", "subject", lang),
    body: own(body, LEGACY_WELCOME.body) ? body : say("welcome", "body", lang),
  };
}

/** Placeholders a welcome template may use. */
export const WELCOME_PLACEHOLDERS = ["Name", "ContactName", "Owner", "CustomerID", "Region"] as const;

/** One problem in submitted settings: the field path and what is wrong with it. */
export interface SettingsError {
  readonly field: string;
  readonly message: string;
}

export type SettingsResult =
  | { readonly ok: true; readonly settings: NotifySettings }
  | { readonly ok: false; readonly errors: readonly SettingsError[] };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isLang = (v: unknown): v is Lang => v === "en" || v === "zh-CN";
const isHour = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 23;
const isWhole = (v: unknown, min: number, max: number): v is number =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** Collects errors with their message in the user's language. */
class Errors {
  readonly list: SettingsError[] = [];
  constructor(private readonly lang: Lang) {}
  add(field: string, key: TextKey<"settings">, slots?: Slots): void {
    this.list.push({ field, message: say("settings", key, this.lang, slots) });
  }
}

function validateRule(raw: unknown, i: number, errors: Errors): ReminderRule | undefined {
  const at = `rules[${i}]`;
  if (!isObject(raw)) {
    errors.add(at, "mustBeObject");
    return undefined;
  }
  const id = typeof raw.id === "string" ? raw.id.trim() : "";
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(id) || (RESERVED_RULE_IDS as readonly string[]).includes(id))
    errors.add(`${at}.id`, "ruleId");
  const priority = raw.priority;
  if (!isWhole(priority, 1, 99)) errors.add(`${at}.priority`, "priority");
  const enabled = raw.enabled === undefined ? true : raw.enabled;
  if (typeof enabled !== "boolean") errors.add(`${at}.enabled`, "boolean");
  const days = raw.days;
  const checkDays = () => {
    if (!isWhole(days, 0, 3650)) errors.add(`${at}.days`, "days");
  };
  const base = { id, priority: priority as number, enabled: enabled as boolean };
  switch (raw.kind) {
    case "status-idle":
      checkDays();
      if (typeof raw.status !== "string" || !/^[a-z_]{1,30}$/.test(raw.status))
        errors.add(`${at}.status`, "status");
      return { ...base, kind: "status-idle", status: String(raw.status), days: days as number };
    case "vip-idle":
      checkDays();
      return { ...base, kind: "vip-idle", days: days as number };
    case "overdue-order":
      return { ...base, kind: "overdue-order" };
    case "next-follow-up":
      return { ...base, kind: "next-follow-up" };
    default:
      errors.add(`${at}.kind`, "kind");
      return undefined;
  }
}

/**
 * Validates settings as submitted (from the sidebar, or as read back from properties). Missing fields take
 * their defaults; wrong ones are reported with their path and a message in `lang`, and nothing is
 * accepted. E-mails are stored lower case; duplicate rule ids are refused since the send log keys on them.
 */
export function validateNotifySettings(raw: unknown, lang: Lang = "en"): SettingsResult {
  const errors = new Errors(lang);
  const src = isObject(raw) ? raw : {};
  if (!isObject(raw)) errors.add("", "notObject");
  const d = DEFAULT_NOTIFY_SETTINGS;

  const managersRaw = src.managers ?? d.managers;
  const managers: string[] = [];
  if (!Array.isArray(managersRaw)) errors.add("managers", "emailList");
  else
    managersRaw.forEach((m, i) => {
      if (!isEmail(m)) errors.add(`managers[${i}]`, "notEmail", { value: String(m) });
      else if (!managers.includes(m.trim().toLowerCase())) managers.push(m.trim().toLowerCase());
    });

  const hour = (key: "reminderHour" | "reportHour") => {
    const v = src[key] ?? d[key];
    if (!isHour(v)) errors.add(key, "hour");
    return v as number;
  };
  const reminderHour = hour("reminderHour");
  const reportHour = hour("reportHour");
  const weekday = src.weekday ?? d.weekday;
  if (!isWhole(weekday, 1, 7)) errors.add("weekday", "weekday");

  const rulesRaw = src.rules ?? d.rules;
  const rules: ReminderRule[] = [];
  if (!Array.isArray(rulesRaw)) errors.add("rules", "list");
  else
    rulesRaw.forEach((r, i) => {
      const rule = validateRule(r, i, errors);
      if (!rule) return;
      if (rules.some((x) => x.id === rule.id)) errors.add(`rules[${i}].id`, "duplicateRule", { id: rule.id });
      rules.push(rule);
    });
  const repeatDays = src.repeatDays ?? d.repeatDays;
  if (!isWhole(repeatDays, 1, 30)) errors.add("repeatDays", "repeatDays");

  const defaultLang = src.defaultLang ?? d.defaultLang;
  if (!isLang(defaultLang) && defaultLang !== "auto") errors.add("defaultLang", "defaultLang");
  const langsRaw = src.langs ?? d.langs;
  const langs: Record<string, Lang> = {};
  if (!isObject(langsRaw)) errors.add("langs", "langs");
  else
    for (const [email, l] of Object.entries(langsRaw)) {
      if (!isEmail(email)) errors.add(`langs.${email}`, "langKey");
      else if (!isLang(l)) errors.add(`langs.${email}`, "lang");
      else langs[email.trim().toLowerCase()] = l;
    }

  const welcomeRaw = src.welcome ?? d.welcome;
  let welcome = d.welcome;
  if (!isObject(welcomeRaw)) errors.add("welcome", "mustBeObject");
  else {
    const enabled = welcomeRaw.enabled ?? d.welcome.enabled;
    const subject = welcomeRaw.subject ?? d.welcome.subject;
    const body = welcomeRaw.body ?? d.welcome.body;
    if (typeof enabled !== "boolean") errors.add("welcome.enabled", "boolean");
    if (typeof subject !== "string" || subject.length > 200) errors.add("welcome.subject", "subject");
    if (typeof body !== "string" || body.length > 5000) errors.add("welcome.body", "body");
    for (const [field, text] of [
      ["welcome.subject", subject],
      ["welcome.body", body],
    ] as const) {
      if (typeof text !== "string") continue;
      const unknown = placeholdersOf(text).filter(
        (p) => !WELCOME_PLACEHOLDERS.some((w) => w.toLowerCase() === p.replace(/\s+/g, "").toLowerCase()),
      );
      if (unknown.length)
        errors.add(field, "placeholder", {
          unknown: unknown.map((u) => `{{${u}}}`).join(", "),
          known: WELCOME_PLACEHOLDERS.map((w) => `{{${w}}}`).join(", "),
        });
    }
    welcome = { enabled: enabled as boolean, subject: subject as string, body: body as string };
  }

  if (errors.list.length) return { ok: false, errors: errors.list };
  return {
    ok: true,
    settings: {
      managers,
      reminderHour,
      weekday: weekday as number,
      reportHour,
      rules,
      repeatDays: repeatDays as number,
      defaultLang: defaultLang as MailLang,
      langs,
      welcome,
    },
  };
}

/**
 * The language of mails to `email`: the one set for that address, else the default, where "auto" means
 * `bookLang` (the spreadsheet's language, which the Apps Script side reads).
 */
export function langFor(settings: NotifySettings, email: string, bookLang: Lang): Lang {
  const own: Lang | undefined = settings.langs[email.toLowerCase()];
  return own ?? defaultLangOf(settings, bookLang);
}

/** The language of the report sheet and of mails to anyone without a language of their own. */
export function defaultLangOf(settings: NotifySettings, bookLang: Lang): Lang {
  return settings.defaultLang === "auto" ? bookLang : settings.defaultLang;
}
