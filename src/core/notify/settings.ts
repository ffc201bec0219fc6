import type { Lang } from "../schema/types";
import { isEmail } from "./escape";
import { DEFAULT_RULES, RESERVED_RULE_IDS, type ReminderRule } from "./rules";
import { placeholdersOf } from "./template";

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
  /** Language of mails to recipients not listed in `langs`. */
  readonly defaultLang: Lang;
  /** Recipient e-mail (lower case) → language. */
  readonly langs: Readonly<Record<string, Lang>>;
  readonly welcome: {
    readonly enabled: boolean;
    readonly subject: string;
    readonly body: string;
  };
}

export const DEFAULT_NOTIFY_SETTINGS: NotifySettings = {
  managers: [],
  reminderHour: 8,
  weekday: 1,
  reportHour: 9,
  rules: DEFAULT_RULES,
  defaultLang: "en",
  langs: {},
  welcome: {
    enabled: false,
    subject: "Welcome, {{Name}}",
    body: "Dear {{Name}},\n\nThank you for choosing us. {{Owner}} will be your contact.\n\nBest regards",
  },
};

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

function validateRule(raw: unknown, i: number, errors: SettingsError[]): ReminderRule | undefined {
  const at = `rules[${i}]`;
  if (!isObject(raw)) {
    errors.push({ field: at, message: "must be an object" });
    return undefined;
  }
  const id = typeof raw.id === "string" ? raw.id.trim() : "";
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(id) || (RESERVED_RULE_IDS as readonly string[]).includes(id))
    errors.push({
      field: `${at}.id`,
      message: "must be 1–40 lower-case letters, digits or hyphens, not reserved",
    });
  const priority = raw.priority;
  if (!Number.isInteger(priority) || (priority as number) < 1 || (priority as number) > 99)
    errors.push({ field: `${at}.priority`, message: "must be a whole number from 1 to 99" });
  const enabled = raw.enabled === undefined ? true : raw.enabled;
  if (typeof enabled !== "boolean") errors.push({ field: `${at}.enabled`, message: "must be true or false" });
  const days = raw.days;
  const checkDays = () => {
    if (!Number.isInteger(days) || (days as number) < 0 || (days as number) > 3650)
      errors.push({ field: `${at}.days`, message: "must be a whole number of days from 0 to 3650" });
  };
  const base = { id, priority: priority as number, enabled: enabled as boolean };
  switch (raw.kind) {
    case "status-idle":
      checkDays();
      if (typeof raw.status !== "string" || !/^[a-z_]{1,30}$/.test(raw.status))
        errors.push({ field: `${at}.status`, message: "must be a status key such as following_up" });
      return { ...base, kind: "status-idle", status: String(raw.status), days: days as number };
    case "vip-idle":
      checkDays();
      return { ...base, kind: "vip-idle", days: days as number };
    case "overdue-order":
      return { ...base, kind: "overdue-order" };
    case "next-follow-up":
      return { ...base, kind: "next-follow-up" };
    default:
      errors.push({
        field: `${at}.kind`,
        message: "must be status-idle, vip-idle, overdue-order or next-follow-up",
      });
      return undefined;
  }
}

/**
 * Validates settings as submitted (from the sidebar, or as read back from properties). Missing fields take
 * their defaults; wrong ones are reported with their path and nothing is accepted. E-mails are stored
 * lower case; duplicate rule ids are refused since the send log keys on them.
 */
export function validateNotifySettings(raw: unknown): SettingsResult {
  const errors: SettingsError[] = [];
  const src = isObject(raw) ? raw : {};
  if (!isObject(raw)) errors.push({ field: "", message: "settings must be an object" });
  const d = DEFAULT_NOTIFY_SETTINGS;

  const managersRaw = src.managers ?? d.managers;
  const managers: string[] = [];
  if (!Array.isArray(managersRaw)) errors.push({ field: "managers", message: "must be a list of e-mails" });
  else
    managersRaw.forEach((m, i) => {
      if (!isEmail(m))
        errors.push({ field: `managers[${i}]`, message: `"${String(m)}" is not an e-mail address` });
      else if (!managers.includes(m.trim().toLowerCase())) managers.push(m.trim().toLowerCase());
    });

  const hour = (key: "reminderHour" | "reportHour") => {
    const v = src[key] ?? d[key];
    if (!isHour(v)) errors.push({ field: key, message: "must be a whole hour from 0 to 23" });
    return v as number;
  };
  const reminderHour = hour("reminderHour");
  const reportHour = hour("reportHour");
  const weekday = src.weekday ?? d.weekday;
  if (!Number.isInteger(weekday) || (weekday as number) < 1 || (weekday as number) > 7)
    errors.push({ field: "weekday", message: "must be 1 (Monday) to 7 (Sunday)" });

  const rulesRaw = src.rules ?? d.rules;
  const rules: ReminderRule[] = [];
  if (!Array.isArray(rulesRaw)) errors.push({ field: "rules", message: "must be a list" });
  else
    rulesRaw.forEach((r, i) => {
      const rule = validateRule(r, i, errors);
      if (!rule) return;
      if (rules.some((x) => x.id === rule.id))
        errors.push({ field: `rules[${i}].id`, message: `duplicate rule id "${rule.id}"` });
      rules.push(rule);
    });

  const defaultLang = src.defaultLang ?? d.defaultLang;
  if (!isLang(defaultLang)) errors.push({ field: "defaultLang", message: 'must be "en" or "zh-CN"' });
  const langsRaw = src.langs ?? d.langs;
  const langs: Record<string, Lang> = {};
  if (!isObject(langsRaw)) errors.push({ field: "langs", message: "must map e-mails to en or zh-CN" });
  else
    for (const [email, lang] of Object.entries(langsRaw)) {
      if (!isEmail(email)) errors.push({ field: `langs.${email}`, message: "key is not an e-mail address" });
      else if (!isLang(lang)) errors.push({ field: `langs.${email}`, message: 'must be "en" or "zh-CN"' });
      else langs[email.trim().toLowerCase()] = lang;
    }

  const welcomeRaw = src.welcome ?? d.welcome;
  let welcome = d.welcome;
  if (!isObject(welcomeRaw)) errors.push({ field: "welcome", message: "must be an object" });
  else {
    const enabled = welcomeRaw.enabled ?? d.welcome.enabled;
    const subject = welcomeRaw.subject ?? d.welcome.subject;
    const body = welcomeRaw.body ?? d.welcome.body;
    if (typeof enabled !== "boolean")
      errors.push({ field: "welcome.enabled", message: "must be true or false" });
    if (typeof subject !== "string" || !subject.trim() || subject.length > 200)
      errors.push({ field: "welcome.subject", message: "must be 1–200 characters" });
    if (typeof body !== "string" || !body.trim() || body.length > 5000)
      errors.push({ field: "welcome.body", message: "must be 1–5000 characters" });
    for (const [field, text] of [
      ["welcome.subject", subject],
      ["welcome.body", body],
    ] as const) {
      if (typeof text !== "string") continue;
      const unknown = placeholdersOf(text).filter(
        (p) => !WELCOME_PLACEHOLDERS.some((w) => w.toLowerCase() === p.replace(/\s+/g, "").toLowerCase()),
      );
      if (unknown.length)
        errors.push({
          field,
          message: `unknown placeholder ${unknown.map((u) => `{{${u}}}`).join(", ")}; use ${WELCOME_PLACEHOLDERS.map((w) => `{{${w}}}`).join(", ")}`,
        });
    }
    welcome = { enabled: enabled as boolean, subject: subject as string, body: body as string };
  }

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      managers,
      reminderHour,
      weekday: weekday as number,
      reportHour,
      rules,
      defaultLang: defaultLang as Lang,
      langs,
      welcome,
    },
  };
}

/** The language of mails to `email`. */
export function langFor(settings: NotifySettings, email: string): Lang {
  return settings.langs[email.toLowerCase()] ?? settings.defaultLang;
}
