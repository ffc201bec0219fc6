/**
 * What one form submission does to the book, decided from the sheets' cells alone: a sign-up adds a
 * customer (next ID in the sheet's own pattern, CreatedAt and UpdatedAt) or updates the one it is (same
 * reference token, e-mail or phone, compared normalised as unique columns are), never a second row; a
 * survey answer becomes one Feedback row of the customer its token or e-mail names. Every value is judged
 * by the table's own rules (validateTable: required, types, dropdown lists, bounds, formula-like text) and
 * a submission breaking any of them, or matching two customers, goes to review with the reason instead.
 */
import { CUSTOMERS, FEEDBACK } from "../schema/sheets";
import { mapHeaders } from "../schema/headers";
import type { Lang, Localized, SheetSpec } from "../schema/types";
import { nextCustomerIds } from "../table/ids/customer-ids";
import { isBlank, parseEmail, parsePhone } from "../table/parse";
import { customerIdKey, validateTable } from "../table/validate/validate-table";
import { uniqueKey } from "../table/validate/read-cell";
import type { ValueLists } from "../table/validate/value-lists";
import { resolveCustomerToken } from "./customer-token";
import { CUSTOMER_FIELDS, type FieldKey } from "./form-spec";

/** A submission's answers by field (blank answers left out). */
export type Answers = Partial<Readonly<Record<FieldKey, string>>>;

/** A table as read in one batch: the header row and the data rows (row i is sheet row i + 2). */
export interface TableCells {
  readonly headers: readonly unknown[];
  readonly rows: readonly (readonly unknown[])[];
}

export interface IntakeContext {
  readonly lang: Lang;
  readonly timeZone: string;
  readonly valueLists?: ValueLists;
  /** The document's token key (customer-token.ts). */
  readonly tokenKey: string;
  /** The stamp written to CreatedAt / UpdatedAt (the caller's Date of now). */
  readonly now: unknown;
  /** The Feedback Date of a survey answer (the caller's Date of today in the spreadsheet's zone). */
  readonly today: unknown;
}

export type SignupPlan =
  | { readonly kind: "added"; readonly customerId: string; readonly row: readonly unknown[] }
  | {
      readonly kind: "updated";
      readonly customerId: string;
      /** 0-based data row. */
      readonly rowIndex: number;
      /** 0-based column → new value; only cells that change (and UpdatedAt). */
      readonly cells: ReadonlyMap<number, unknown>;
    }
  | { readonly kind: "review"; readonly reason: string; readonly customerId?: string };

export type SurveyPlan =
  | {
      readonly kind: "feedback";
      readonly customerId: string;
      readonly row: readonly unknown[];
      readonly csat: number;
      readonly nps: number;
    }
  | { readonly kind: "review"; readonly reason: string; readonly csat?: number; readonly nps?: number };

const REASONS = {
  noContact: { en: "Neither an e-mail nor a phone was given.", "zh-CN": "电子邮件和电话都没有填写。" },
  badToken: {
    en: "The reference code is not one the add-on gave (altered, or the customer was deleted).",
    "zh-CN": "参考码不是本插件发出的（被改动过，或该客户已删除）。",
  },
  twoCustomers: {
    en: "It matches two customers: {a} and {b}.",
    "zh-CN": "同时匹配两位客户：{a} 和 {b}。",
  },
  taken: {
    en: "The {what} belongs to another customer ({id}).",
    "zh-CN": "该{what}属于另一位客户（{id}）。",
  },
  noCustomer: {
    en: "No customer has this reference code or e-mail.",
    "zh-CN": "没有客户对应这个参考码或电子邮件。",
  },
  score: {
    en: "{what} must be a whole number from {min} to {max}.",
    "zh-CN": "{what}须为 {min} 到 {max} 的整数。",
  },
  email: { en: "e-mail", "zh-CN": "电子邮件" },
  phone: { en: "phone", "zh-CN": "电话" },
} satisfies Record<string, Localized>;

function say(key: keyof typeof REASONS, lang: Lang, slots: Record<string, string | number> = {}): string {
  return REASONS[key][lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in slots ? String(slots[k]) : m));
}

/** The Category a survey answer is filed under in Feedback. */
export const SURVEY_CATEGORY: Localized = { en: "Survey", "zh-CN": "满意度调查" };

/** A customer found by what a submission carries. */
interface Match {
  readonly index: number;
  readonly id: string;
  readonly by: "token" | "email" | "phone";
}

/** Where each Customers column is, and the customers' IDs by normalised key. */
function customerIndex(customers: TableCells) {
  const map = mapHeaders(CUSTOMERS, customers.headers);
  const at = (key: string) => map.index.get(key);
  const idAt = at("CustomerID");
  const ids = customers.rows.map((r) =>
    idAt === undefined || isBlank(r[idAt]) ? "" : String(r[idAt]).trim(),
  );
  return { map, at, ids };
}

/** The first row whose `column` holds `value` under the column's normalisation, or -1. */
function findBy(
  customers: TableCells,
  at: number | undefined,
  type: "email" | "phone",
  value: string,
): number {
  if (at === undefined) return -1;
  const want = uniqueKey(type, value);
  return customers.rows.findIndex((r) => !isBlank(r[at]) && uniqueKey(type, r[at]) === want);
}

/**
 * Who the submission is: its token's customer, else by e-mail, else by phone. An unknown token, or an
 * e-mail and a phone naming two different customers, is a reason for review rather than a guess.
 */
function identify(
  customers: TableCells,
  answers: Answers,
  ctx: IntakeContext,
): { match: Match | null } | { reason: string } {
  const { at, ids } = customerIndex(customers);
  const found: Match[] = [];
  if (answers.Token) {
    const id = resolveCustomerToken(ctx.tokenKey, answers.Token, ids);
    if (id === undefined) return { reason: say("badToken", ctx.lang) };
    found.push({ index: ids.indexOf(id), id, by: "token" });
  }
  const email = answers.Email && parseEmail(answers.Email).ok ? answers.Email : undefined;
  const phone = answers.Phone && parsePhone(answers.Phone).ok ? answers.Phone : undefined;
  for (const [by, value] of [
    ["email", email],
    ["phone", phone],
  ] as const) {
    if (!value) continue;
    const i = findBy(customers, at(by === "email" ? "Email" : "Phone"), by, value);
    if (i >= 0) found.push({ index: i, id: ids[i] || `#${i + 2}`, by });
  }
  const first = found[0];
  const other = found.find((m) => m.index !== first?.index);
  if (first && other) {
    // A token says who it is: an e-mail or phone of someone else would be taken from them.
    if (first.by === "token")
      return {
        reason: say("taken", ctx.lang, { what: say(other.by as "email" | "phone", ctx.lang), id: other.id }),
      };
    return { reason: say("twoCustomers", ctx.lang, { a: first.id, b: other.id }) };
  }
  return { match: first ?? null };
}

/** Problems of `row` in the columns `keys`, as one sentence per problem (table rules, book language). */
function problemsIn(
  spec: SheetSpec,
  table: TableCells,
  row: readonly unknown[],
  keys: ReadonlySet<string>,
  ctx: IntakeContext,
  knownCustomerIds?: ReadonlySet<string>,
): string[] {
  return validateTable(spec, table.headers, [row], {
    lang: ctx.lang,
    timeZone: ctx.timeZone,
    valueLists: ctx.valueLists,
    ...(knownCustomerIds ? { knownCustomerIds } : {}),
  })
    .filter((p) => keys.has(p.key) && p.severity !== "warning")
    .map((p) => p.message);
}

/**
 * The plan for one sign-up: added, updated, or review with the reason. Blank answers never erase a
 * cell; an update writes only what changes, plus UpdatedAt. The caller made sure the sheet has a column
 * for every field (set-up's repair of just those columns).
 */
export function planSignup(customers: TableCells, answers: Answers, ctx: IntakeContext): SignupPlan {
  if (!answers.Email && !answers.Phone) return { kind: "review", reason: say("noContact", ctx.lang) };
  const who = identify(customers, answers, ctx);
  if ("reason" in who) return { kind: "review", reason: who.reason };
  const { at, ids } = customerIndex(customers);
  const width = customers.headers.length;
  const given = CUSTOMER_FIELDS.filter((k) => answers[k] !== undefined && at(k) !== undefined);
  if (!who.match) {
    const row: unknown[] = Array.from({ length: width }, () => "");
    const id = nextCustomerIds(ids, 1)[0];
    const set = (key: string, v: unknown) => {
      const c = at(key);
      if (c !== undefined) row[c] = v;
    };
    for (const k of given) set(k, answers[k]);
    set("CustomerID", id);
    set("CreatedAt", ctx.now);
    set("UpdatedAt", ctx.now);
    const problems = problemsIn(CUSTOMERS, customers, row, new Set([...given, "CustomerID"]), ctx);
    if (problems.length) return { kind: "review", reason: problems.join(" ") };
    return { kind: "added", customerId: id, row };
  }
  const { index, id } = who.match;
  const old = customers.rows[index];
  const row = [...old];
  const cells = new Map<number, unknown>();
  const changed = new Set<string>();
  for (const k of given) {
    const c = at(k)!;
    if (!isBlank(old[c]) && sameAnswer(k, old[c], answers[k]!)) continue;
    row[c] = answers[k];
    cells.set(c, answers[k]);
    changed.add(k);
  }
  const problems = problemsIn(CUSTOMERS, customers, row, changed, ctx);
  if (problems.length) return { kind: "review", reason: problems.join(" "), customerId: id };
  // A changed e-mail or phone must not be another customer's (the table's unique rule).
  for (const k of ["Email", "Phone"] as const) {
    if (!changed.has(k)) continue;
    const other = findBy(customers, at(k), k === "Email" ? "email" : "phone", answers[k]!);
    if (other >= 0 && other !== index)
      return {
        kind: "review",
        reason: say("taken", ctx.lang, {
          what: say(k === "Email" ? "email" : "phone", ctx.lang),
          id: ids[other],
        }),
        customerId: id,
      };
  }
  const updatedAt = at("UpdatedAt");
  if (updatedAt !== undefined) cells.set(updatedAt, ctx.now);
  return { kind: "updated", customerId: id, rowIndex: index, cells };
}

/** Whether a cell already says what the answer says (e-mails and phones compared normalised). */
function sameAnswer(key: FieldKey, cell: unknown, answer: string): boolean {
  if (key === "Email") return uniqueKey("email", cell) === uniqueKey("email", answer);
  if (key === "Phone") return uniqueKey("phone", cell) === uniqueKey("phone", answer);
  return String(cell).trim() === answer;
}

/** A survey score as a whole number within bounds, or NaN. */
function score(text: string | undefined, min: number, max: number): number {
  const n = Number(String(text ?? "").trim());
  return Number.isInteger(n) && n >= min && n <= max && String(text).trim() !== "" ? n : NaN;
}

/**
 * The plan for one survey answer: a Feedback row (Date, CustomerID, Rating = CSAT, Category "Survey",
 * Comment) for the customer the token, else the e-mail, names; review when none does or a value breaks
 * the Feedback sheet's rules. The NPS answer is returned for the intake log (Feedback has no column
 * for it).
 */
export function planSurvey(
  customers: TableCells,
  feedback: TableCells,
  answers: Answers,
  ctx: IntakeContext,
): SurveyPlan {
  const csat = score(answers.CSAT, 1, 5);
  const nps = score(answers.NPS, 0, 10);
  const scores = { ...(csat === csat ? { csat } : {}), ...(nps === nps ? { nps } : {}) };
  if (nps !== nps)
    return {
      kind: "review",
      reason: say("score", ctx.lang, { what: ctx.lang === "en" ? "NPS" : "推荐值", min: 0, max: 10 }),
      ...scores,
    };
  const who = identify(customers, { Token: answers.Token, Email: answers.Email }, ctx);
  if ("reason" in who) return { kind: "review", reason: who.reason, ...scores };
  if (!who.match) return { kind: "review", reason: say("noCustomer", ctx.lang), ...scores };
  const map = mapHeaders(FEEDBACK, feedback.headers);
  const row: unknown[] = Array.from({ length: feedback.headers.length }, () => "");
  const values: Record<string, unknown> = {
    Date: ctx.today,
    CustomerID: who.match.id,
    Rating: answers.CSAT ?? "",
    Category: SURVEY_CATEGORY[ctx.lang],
    Comment: answers.Comment ?? "",
  };
  for (const [k, v] of Object.entries(values)) {
    const c = map.index.get(k);
    if (c !== undefined) row[c] = k === "Rating" && csat === csat ? csat : v;
  }
  const ids = new Set(customerIndex(customers).ids.filter(Boolean).map(customerIdKey));
  const problems = problemsIn(FEEDBACK, feedback, row, new Set(Object.keys(values)), ctx, ids);
  if (problems.length) return { kind: "review", reason: problems.join(" "), ...scores };
  return { kind: "feedback", customerId: who.match.id, row, csat, nps };
}
