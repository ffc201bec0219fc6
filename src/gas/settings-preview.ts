/**
 * The settings form's live preview of the welcome template: the text as a customer with an owner and one
 * without would read it, filled by the very function the mails use (core/notify/template.ts), so a
 * sentence whose placeholder is empty is left out in the preview exactly as in the mail.
 */
import { DEFAULT_NOTIFY_SETTINGS, WELCOME_PLACEHOLDERS, welcomeTemplate } from "../core/notify/settings";
import { fillTemplate } from "../core/notify/template";
import type { Lang } from "../core/schema/types";
import type { TemplatePreview } from "../shared/table-settings";
import { requirePermission } from "./platform/guard";

const SAMPLE: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  en: {
    Name: "Acme Ltd",
    ContactName: "Alice Chen",
    Owner: "wang@example.com",
    CustomerID: "C00301",
    Region: "Shanghai",
  },
  "zh-CN": {
    Name: "星辰科技有限公司",
    ContactName: "李娜",
    Owner: "wang@example.com",
    CustomerID: "001",
    Region: "上海",
  },
};

/** Longest template text previewed (the settings refuse longer ones anyway). */
const MAX = 5200;

export function previewWelcomeTemplate(subject: unknown, body: unknown, lang: unknown): TemplatePreview {
  requirePermission("manage-settings");
  const l: Lang = lang === "en" ? "en" : "zh-CN";
  const text = (v: unknown) => (typeof v === "string" ? v.slice(0, MAX) : "");
  const template = welcomeTemplate(
    { ...DEFAULT_NOTIFY_SETTINGS, welcome: { enabled: true, subject: text(subject), body: text(body) } },
    l,
  );
  const fill = (values: Readonly<Record<string, string>>) => ({
    subject: fillTemplate(template.subject, values, "text"),
    body: fillTemplate(template.body, values, "text"),
  });
  const builtIn = welcomeTemplate(DEFAULT_NOTIFY_SETTINGS, l);
  return {
    withOwner: fill(SAMPLE[l]),
    withoutOwner: fill({ ...SAMPLE[l], Owner: "", ContactName: "" }),
    builtIn,
    fields: [...WELCOME_PLACEHOLDERS],
  };
}
