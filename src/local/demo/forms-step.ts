/**
 * The demo's form intake: the owner makes the sign-up form and the satisfaction survey from the menu,
 * respondents answer them as they would through the published forms (a new customer, the same person
 * again, a bad answer; a survey answer by e-mail, one nobody can be matched to), and what became of each
 * response (the intake tab's row) goes to out/forms/responses.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { formsOf } from "../emulator/form-app";
import type { LoadedBundle } from "../load-bundle";

export interface FormsRun {
  readonly forms: readonly {
    readonly title: string;
    readonly url: string;
    readonly questions: readonly string[];
  }[];
  readonly responses: readonly {
    readonly form: string;
    readonly answers: Record<string, unknown>;
    readonly outcome: unknown[];
  }[];
  readonly counts: Readonly<Record<string, number>>;
}

/** The first consenting-free e-mail of the book's customers (the survey's known respondent). */
function knownEmail(bundle: LoadedBundle): string {
  const s = bundle.emulator.spreadsheet.getSheets().find((x) => /^(Customers|客户)$/.test(x.getName()));
  if (!s || s.getLastRow() < 2) return "nobody@example.com";
  const [h, ...rows] = s.getDataRange().getValues();
  const at = h.findIndex((x) => /^(Email|电子邮件)$/.test(String(x)));
  return String(rows.find((r) => /@/.test(String(r[at])))?.[at] ?? "nobody@example.com");
}

export function runFormsStep(bundle: LoadedBundle): FormsRun {
  const { emulator, ctx } = bundle;
  const respondent = formsOf(emulator.project, () => emulator.clock.nowMs());
  const signup = ctx.menuCreateSignupForm();
  const survey = ctx.menuCreateSurvey();
  const [signupId, surveyId] = respondent.formIds().slice(-2);
  const q = (id: string) => respondent.describe(id).questions;
  const [name, contact, email, phone, region, , consent] = q(signupId);
  const yes = /[\u4e00-\u9fff]/.test(name) ? "是" : "Yes";
  const [csat, nps, comment, surveyEmail] = q(surveyId);
  const asked: { form: string; id: string; answers: Record<string, string | number> }[] = [
    {
      form: "signup",
      id: signupId,
      answers: {
        [name]: "晨光文具",
        [contact]: "周晨",
        [email]: "chen@chenguang.example",
        [phone]: "13812345678",
        [region]: "杭州",
        [consent]: yes,
      },
    },
    {
      form: "signup",
      id: signupId,
      answers: {
        [name]: "晨光文具有限公司",
        [email]: "CHEN@chenguang.example",
        [phone]: "+86 138 1234 5678",
        [consent]: yes,
      },
    },
    {
      form: "signup",
      id: signupId,
      answers: { [name]: "错误示例", [email]: "not-an-email", [phone]: "12", [consent]: yes },
    },
    {
      form: "survey",
      id: surveyId,
      answers: { [csat]: 4, [nps]: 9, [comment]: "送货很快，服务很好", [surveyEmail]: knownEmail(bundle) },
    },
    {
      form: "survey",
      id: surveyId,
      answers: { [csat]: 2, [nps]: 4, [comment]: "no one knows me", [surveyEmail]: "stranger@example.com" },
    },
  ];
  const tab = () => emulator.spreadsheet.getSheets().find((s) => /^(FormIntake|表单收件)$/.test(s.getName()));
  const responses = asked.map((a) => {
    const before = tab()?.getLastRow() ?? 1;
    respondent.respond(a.id, a.answers);
    const log = tab();
    const outcome =
      log && log.getLastRow() > before ? log.getRange(log.getLastRow(), 1, 1, 9).getValues()[0] : [];
    return { form: a.form, answers: a.answers, outcome };
  });
  const counts: Record<string, number> = {};
  for (const r of responses) {
    const key = String(r.outcome[2] ?? "none");
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return {
    forms: [
      { title: respondent.describe(signupId).title, url: signup.publishedUrl, questions: q(signupId) },
      { title: respondent.describe(surveyId).title, url: survey.publishedUrl, questions: q(surveyId) },
    ],
    responses,
    counts,
  };
}

/** Writes out/forms/responses.json (forms, each response and what became of it); returns its path. */
export function writeFormsRun(out: string, run: FormsRun): string {
  const dir = path.join(out, "forms");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "responses.json");
  writeFileSync(file, JSON.stringify(run, null, 2) + "\n");
  return file;
}
