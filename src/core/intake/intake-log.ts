/**
 * The intake log: one row per form submission saying what became of it (added, updated, feedback, or
 * review with the reason), in a tab of the add-on's own named in the book's language (FormIntake /
 * 表单收件, found under either name, as system-tabs.ts names the others). Rows whose outcome is "review"
 * are the review list: nothing a respondent sent is lost, the answers are in the row and the raw response
 * stays in the form's responses tab the row points at.
 */
import type { Lang, Localized } from "../schema/types";
import type { FormKind } from "./form-spec";

export const INTAKE_TAB: Localized = { en: "FormIntake", "zh-CN": "表单收件" };

export type IntakeOutcome = "added" | "updated" | "feedback" | "review";

export const INTAKE_HEADERS: readonly Localized[] = [
  { en: "ReceivedAt", "zh-CN": "收到时间" },
  { en: "Form", "zh-CN": "表单" },
  { en: "Outcome", "zh-CN": "结果" },
  { en: "CustomerID", "zh-CN": "客户编号" },
  { en: "Reason", "zh-CN": "原因" },
  { en: "CSAT", "zh-CN": "满意度" },
  { en: "NPS", "zh-CN": "推荐值" },
  { en: "Answers", "zh-CN": "回答" },
  { en: "Response", "zh-CN": "原始回复" },
];

const OUTCOMES: Readonly<Record<IntakeOutcome, Localized>> = {
  added: { en: "added", "zh-CN": "新增客户" },
  updated: { en: "updated", "zh-CN": "已更新" },
  feedback: { en: "feedback", "zh-CN": "已记入反馈" },
  review: { en: "review", "zh-CN": "待审核" },
};

const FORMS: Readonly<Record<FormKind, Localized>> = {
  signup: { en: "sign-up", "zh-CN": "客户登记" },
  survey: { en: "survey", "zh-CN": "满意度调查" },
};

/** One submission as the log keeps it. */
export interface IntakeEntry {
  /** The caller's Date (or ISO text read back). */
  readonly receivedAt: unknown;
  readonly form: FormKind;
  readonly outcome: IntakeOutcome;
  readonly customerId: string;
  readonly reason: string;
  readonly csat: number | null;
  readonly nps: number | null;
  /** "question: answer" lines. */
  readonly answers: string;
  /** Where the raw response is: "<responses tab sheet id>:<row>" (the key that makes intake idempotent). */
  readonly response: string;
}

/** The log row of an entry, labels in `lang`. */
export function intakeRow(e: IntakeEntry, lang: Lang): unknown[] {
  return [
    e.receivedAt,
    FORMS[e.form][lang],
    OUTCOMES[e.outcome][lang],
    e.customerId,
    e.reason,
    e.csat ?? "",
    e.nps ?? "",
    e.answers,
    e.response,
  ];
}

function keyOf<K extends string>(table: Readonly<Record<K, Localized>>, cell: unknown): K | undefined {
  const text = String(cell ?? "").trim();
  return (Object.keys(table) as K[]).find((k) => table[k].en === text || table[k]["zh-CN"] === text);
}

const numberOr = (v: unknown): number | null =>
  v === "" || v === null || v === undefined || !Number.isFinite(Number(v)) ? null : Number(v);

/** Entries from log rows (header excluded), labels read in either language; other rows skipped. */
export function parseIntakeRows(rows: readonly (readonly unknown[])[]): IntakeEntry[] {
  const out: IntakeEntry[] = [];
  for (const r of rows) {
    const form = keyOf(FORMS, r[1]);
    const outcome = keyOf(OUTCOMES, r[2]);
    if (!form || !outcome) continue;
    out.push({
      receivedAt: r[0],
      form,
      outcome,
      customerId: String(r[3] ?? ""),
      reason: String(r[4] ?? ""),
      csat: numberOr(r[5]),
      nps: numberOr(r[6]),
      answers: String(r[7] ?? ""),
      response: String(r[8] ?? ""),
    });
  }
  return out;
}

/** The answers of a submission as the log shows them: one "question: answer" per line. */
export function answersText(named: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(named)
    .filter(([, v]) => v.some((x) => String(x).trim() !== ""))
    .map(([k, v]) => `${k}: ${v.join(", ")}`)
    .join("\n");
}
