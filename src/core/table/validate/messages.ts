import type { Lang, Localized } from "../../schema/types";

/** What a problem breaks. Type rules are named after the column type they check. */
export type ProblemRule =
  | "required"
  | "unique"
  | "unknown-customer"
  | "enum"
  | "range"
  | "formula"
  | "missing-column"
  | "duplicate-column"
  | "date"
  | "datetime"
  | "email"
  | "phone"
  | "integer"
  | "number"
  | "currency"
  | "percent"
  | "boolean";

const CATALOGUE: Readonly<Record<ProblemRule, Localized>> = {
  required: { en: "{column} is required.", "zh-CN": "{column}为必填项。" },
  unique: { en: "{column} must be unique; same as {other}.", "zh-CN": "{column}不能重复，与 {other} 相同。" },
  "unknown-customer": {
    en: "No customer has the ID {value}.",
    "zh-CN": "客户编号 {value} 不存在。",
  },
  enum: { en: "{column} must be one of: {options}.", "zh-CN": "{column}只能是：{options}。" },
  range: { en: "{column} must be between {min} and {max}.", "zh-CN": "{column}应在 {min} 到 {max} 之间。" },
  formula: {
    en: "Looks like a formula; it is kept as text and neutralised on export.",
    "zh-CN": "内容像公式；将按文本保存，导出时会被转义。",
  },
  "missing-column": { en: "Required column {column} is missing.", "zh-CN": "缺少必填列“{column}”。" },
  "duplicate-column": {
    en: "Column {column} appears twice; only the first is used.",
    "zh-CN": "列“{column}”出现了两次，只使用第一列。",
  },
  date: {
    en: "{column} is not a date (e.g. 2025-03-01).",
    "zh-CN": "{column}不是有效日期（例如 2025-03-01）。",
  },
  datetime: {
    en: "{column} is not a date/time (e.g. 2025-03-01 09:30).",
    "zh-CN": "{column}不是有效的日期时间（例如 2025-03-01 09:30）。",
  },
  email: { en: "{column} is not an e-mail address.", "zh-CN": "{column}不是有效的电子邮件地址。" },
  phone: {
    en: "{column} is not a phone number (mobile, landline with area code, or +country number).",
    "zh-CN": "{column}不是有效电话（手机号、带区号的座机或 +国家码号码）。",
  },
  integer: { en: "{column} must be a whole number.", "zh-CN": "{column}必须是整数。" },
  number: { en: "{column} must be a number.", "zh-CN": "{column}必须是数字。" },
  currency: {
    en: "{column} is not an amount (e.g. 50000, ¥50,000, 1.2万).",
    "zh-CN": "{column}不是有效金额（例如 50000、¥50,000、1.2万）。",
  },
  percent: { en: "{column} must be a percentage (e.g. 12%).", "zh-CN": "{column}必须是百分比（例如 12%）。" },
  boolean: { en: "{column} must be yes or no.", "zh-CN": "{column}只能填“是”或“否”。" },
};

/** The explanation of the impossible-date case, where the text has a date shape but no such day exists. */
const IMPOSSIBLE_DATE: Localized = {
  en: "{column} names a day that does not exist.",
  "zh-CN": "{column}中的日期不存在。",
};

/** Fills `{name}` slots of a rule's message in a language; unknown slots stay visible, so gaps show. */
export function problemMessage(
  rule: ProblemRule | "impossible-date",
  lang: Lang,
  slots: Readonly<Record<string, string | number>>,
): string {
  const template = rule === "impossible-date" ? IMPOSSIBLE_DATE : CATALOGUE[rule];
  return template[lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in slots ? String(slots[k]) : m));
}
