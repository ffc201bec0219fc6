/**
 * The two forms the add-on makes: a customer sign-up form and a satisfaction survey (CSAT 1–5, NPS 0–10,
 * free text), each question in the book's language. A question either fills a Customers column (sign-up)
 * or a survey answer; both carry a "reference code" question the add-on pre-fills with the customer's
 * token (customer-token.ts) in the links it sends, so a known customer is recognised even when the
 * e-mail changed.
 */
import { CONSENT_OPTIONS, CUSTOMER_TYPES } from "../schema/options";
import type { Lang, Localized } from "../schema/types";
import type { ValueLists } from "../table/validate/value-lists";

export type FormKind = "signup" | "survey";

/** What an answer is for: a Customers column, or one of the survey's own answers. */
export type FieldKey =
  | "Name"
  | "ContactName"
  | "Email"
  | "Phone"
  | "Region"
  | "CustomerType"
  | "MarketingConsent"
  | "Token"
  | "CSAT"
  | "NPS"
  | "Comment";

/**
 * The sign-up fields that fill the Customers column of the same key: what a sign-up writes, what the
 * "confirm your details" form is pre-filled with.
 */
export const CUSTOMER_FIELDS: readonly FieldKey[] = [
  "Name",
  "ContactName",
  "Email",
  "Phone",
  "Region",
  "CustomerType",
  "MarketingConsent",
];

export interface FieldSpec {
  readonly key: FieldKey;
  readonly kind: "text" | "paragraph" | "choice" | "scale";
  readonly title: Localized;
  readonly help?: Localized;
  readonly required?: boolean;
  /** Scale bounds and end labels. */
  readonly scale?: { readonly lower: 0 | 1; readonly upper: number; readonly labels: Localized[] };
}

const TOKEN_FIELD: FieldSpec = {
  key: "Token",
  kind: "text",
  title: { en: "Reference code (leave as it is)", "zh-CN": "参考码（请保持不变）" },
  help: {
    en: "Filled in when you open the link we sent you; leave it empty otherwise.",
    "zh-CN": "通过我们发送的链接打开时已自动填写；否则请留空。",
  },
};

export const SIGNUP_FIELDS: readonly FieldSpec[] = [
  {
    key: "Name",
    kind: "text",
    required: true,
    title: { en: "Company or your name", "zh-CN": "公司或您的姓名" },
  },
  { key: "ContactName", kind: "text", title: { en: "Contact person", "zh-CN": "联系人" } },
  { key: "Email", kind: "text", title: { en: "E-mail", "zh-CN": "电子邮件" } },
  {
    key: "Phone",
    kind: "text",
    title: { en: "Phone", "zh-CN": "联系电话" },
    help: { en: "An e-mail or a phone is needed.", "zh-CN": "电子邮件与电话至少填写一项。" },
  },
  { key: "Region", kind: "text", title: { en: "City or region", "zh-CN": "所在地区" } },
  { key: "CustomerType", kind: "choice", title: { en: "You are", "zh-CN": "客户类型" } },
  {
    key: "MarketingConsent",
    kind: "choice",
    required: true,
    title: { en: "May we e-mail you news and offers?", "zh-CN": "是否同意接收我们的邮件？" },
  },
  TOKEN_FIELD,
];

export const SURVEY_FIELDS: readonly FieldSpec[] = [
  {
    key: "CSAT",
    kind: "scale",
    required: true,
    title: { en: "How satisfied are you with us?", "zh-CN": "您对我们的服务满意吗？" },
    scale: {
      lower: 1,
      upper: 5,
      labels: [
        { en: "Very dissatisfied", "zh-CN": "非常不满意" },
        { en: "Very satisfied", "zh-CN": "非常满意" },
      ],
    },
  },
  {
    key: "NPS",
    kind: "scale",
    required: true,
    title: {
      en: "How likely are you to recommend us to a friend or colleague?",
      "zh-CN": "您向朋友或同事推荐我们的可能性有多大？",
    },
    scale: {
      lower: 0,
      upper: 10,
      labels: [
        { en: "Not at all likely", "zh-CN": "完全不可能" },
        { en: "Extremely likely", "zh-CN": "极有可能" },
      ],
    },
  },
  {
    key: "Comment",
    kind: "paragraph",
    title: { en: "Anything you would like to tell us?", "zh-CN": "您还有什么想告诉我们的？" },
  },
  {
    key: "Email",
    kind: "text",
    title: { en: "Your e-mail (optional)", "zh-CN": "您的电子邮件（选填）" },
  },
  TOKEN_FIELD,
];

export const FORM_TITLES: Readonly<Record<FormKind, Localized>> = {
  signup: { en: "Customer sign-up", "zh-CN": "客户登记表" },
  survey: { en: "Satisfaction survey", "zh-CN": "满意度调查" },
};

export const FORM_DESCRIPTIONS: Readonly<Record<FormKind, Localized>> = {
  signup: {
    en: "Tell us how to reach you. Your details go only to our customer list.",
    "zh-CN": "请留下您的联系方式，信息仅用于我们的客户名单。",
  },
  survey: {
    en: "Two quick questions and a comment: it takes a minute.",
    "zh-CN": "两个简单问题和一条意见，只需一分钟。",
  },
};

/** The questions of form `kind`. */
export function formFields(kind: FormKind): readonly FieldSpec[] {
  return kind === "signup" ? SIGNUP_FIELDS : SURVEY_FIELDS;
}

/**
 * A choice question's choices in `lang`: customer types from the team's dropdown list when it has one
 * (Settings → Dropdown lists), else the built-in labels; consent yes/no.
 */
export function fieldChoices(key: FieldKey, lang: Lang, lists?: ValueLists): readonly string[] {
  if (key === "MarketingConsent") return CONSENT_OPTIONS.map((o) => o.label[lang]);
  if (key === "CustomerType") {
    const team = lists?.["Customers.CustomerType"];
    return team && team.length ? team.map((v) => v.value) : CUSTOMER_TYPES.map((o) => o.label[lang]);
  }
  return [];
}

/** The title → key map the add-on stores for a form it made (titles are in the book's language then). */
export function fieldTitles(kind: FormKind, lang: Lang): Record<string, FieldKey> {
  return Object.fromEntries(formFields(kind).map((f) => [f.title[lang], f.key]));
}
