// The form-submit trigger: each answer of the sign-up form or the survey is judged by the table's rules
// and upserted (src/core/intake/intake-plan.ts) under the document lock, written through writeValues,
// logged in the intake tab (review rows carry the reason) and audited as one job. It runs as the user who
// made the form (installable triggers run as their creator); a response already logged is not taken twice
// (another manager's trigger, a retried execution).
import { answersText } from "../../core/intake/intake-log";
import type { IntakeEntry } from "../../core/intake/intake-log";
import { planSignup, planSurvey, type Answers, type IntakeContext } from "../../core/intake/intake-plan";
import { CUSTOMER_FIELDS, type FieldKey, type FormKind } from "../../core/intake/form-spec";
import { CUSTOMERS, FEEDBACK } from "../../core/schema/sheets";
import { bookLang } from "../notify/mail-lang";
import { runJob } from "../platform/job";
import { spreadsheetTimeZone } from "../platform/locale";
import { KEEP, readTable, writeRows, type TableSnapshot } from "../platform/sheet-table";
import { repairSheet } from "../table/setup";
import { isoToSheetDate } from "../table/sheet-dates";
import { valueLists } from "../table/settings";
import { appendIntake, intakeTab, readIntake } from "./intake-tab";
import { readFormRecords, tokenKey, type FormRecord } from "./form-records";

type SubmitEvent = GoogleAppsScript.Events.SheetsOnFormSubmit;

/** The columns a sign-up may fill (added to the sheet when missing, header cells only). */
const SIGNUP_COLUMNS = new Set<string>(["CustomerID", ...CUSTOMER_FIELDS, "CreatedAt", "UpdatedAt"]);

/** The answers by field, from the event's question title → [answer] (blank answers left out). */
export function answersOf(
  named: Readonly<Record<string, readonly unknown[]>>,
  titles: Readonly<Record<string, FieldKey>>,
): Answers {
  const out: Partial<Record<FieldKey, string>> = {};
  for (const [title, values] of Object.entries(named)) {
    const key = titles[title];
    const text = (values ?? [])
      .map((v) => String(v ?? "").trim())
      .filter(Boolean)
      .join(", ");
    if (key && text) out[key] = text;
  }
  return out;
}

function context(): IntakeContext {
  const now = new Date();
  const zone = spreadsheetTimeZone();
  const day = Utilities.formatDate(now, zone, "yyyy-MM-dd");
  return {
    lang: bookLang(),
    timeZone: zone,
    valueLists: valueLists(),
    tokenKey: tokenKey(),
    now,
    // Today as a date cell of the sheet's zone, as a typed date is.
    today: isoToSheetDate(day, zone),
  };
}

/** Writes one row's changed cells (KEEP elsewhere) or appends a row, in one setValues. */
function writeRow(
  table: TableSnapshot,
  index: number,
  cells: ReadonlyMap<number, unknown> | readonly unknown[],
) {
  const width = table.headers.length;
  const row = Array.isArray(cells)
    ? [...cells]
    : Array.from({ length: width }, (_, c) =>
        (cells as ReadonlyMap<number, unknown>).has(c)
          ? (cells as ReadonlyMap<number, unknown>).get(c)
          : KEEP,
      );
  writeRows(table, index, [row]);
}

/** Takes one submission in (caller holds the lock); returns its log entry. */
function intake(
  kind: FormKind,
  answers: Answers,
  base: Omit<IntakeEntry, "outcome" | "customerId" | "reason" | "csat" | "nps">,
): IntakeEntry {
  const ctx = context();
  const lang = ctx.lang;
  if (kind === "signup") {
    repairSheet(CUSTOMERS, lang, SIGNUP_COLUMNS);
    const customers = readTable(CUSTOMERS)!;
    const plan = planSignup(customers, answers, ctx);
    if (plan.kind === "added") writeRow(customers, customers.rows.length, plan.row);
    if (plan.kind === "updated") writeRow(customers, plan.rowIndex, plan.cells);
    return {
      ...base,
      outcome: plan.kind,
      customerId: plan.customerId ?? "",
      reason: plan.kind === "review" ? plan.reason : "",
      csat: null,
      nps: null,
    };
  }
  const customers = readTable(CUSTOMERS) ?? { headers: [], rows: [] };
  repairSheet(FEEDBACK, lang);
  const feedback = readTable(FEEDBACK)!;
  const plan = planSurvey(customers, feedback, answers, ctx);
  if (plan.kind === "feedback") writeRow(feedback, feedback.rows.length, plan.row);
  return {
    ...base,
    outcome: plan.kind,
    customerId: plan.kind === "feedback" ? plan.customerId : "",
    reason: plan.kind === "review" ? plan.reason : "",
    csat: plan.csat ?? null,
    nps: plan.nps ?? null,
  };
}

/** The installable form-submit trigger's handler. Responses of forms the add-on did not make are left alone. */
export function onFormSubmit(e: SubmitEvent): IntakeEntry | null {
  const sheet = e.range.getSheet();
  const records = readFormRecords();
  const kind = (Object.keys(records) as FormKind[]).find((k) => records[k]!.sheetId === sheet.getSheetId());
  if (!kind) return null;
  const record: FormRecord = records[kind]!;
  const named = e.namedValues as unknown as Record<string, unknown[]>;
  const answers = answersOf(named, record.titles);
  const response = `${sheet.getSheetId()}:${e.range.getRow()}`;
  return runJob("form-intake", "edit-all", () => {
    const log = intakeTab();
    if (readIntake(log).some((x) => x.response === response))
      return { result: null, outcome: { rowsAffected: 0, detail: `${response} already taken in` } };
    const entry = intake(kind, answers, {
      receivedAt: new Date(),
      form: kind,
      answers: answersText(named as Record<string, string[]>),
      response,
    });
    appendIntake(log, entry);
    return {
      result: entry,
      outcome: {
        rowsAffected: entry.outcome === "review" ? 0 : 1,
        detail: `${kind} ${entry.outcome}${entry.customerId ? ` ${entry.customerId}` : ""} (${response})`,
      },
    };
  });
}
