// Entry points of form intake (menu handlers and the form-submit trigger); main.ts re-exports them.
import type { FormKind } from "../../core/intake/form-spec";
import { escapeHtml } from "../../core/notify/escape";
import { byManual } from "../../core/notify/send-log";
import type { Lang } from "../../core/schema/types";
import type { FormReviewItem } from "../../shared/forms";
import { bookLang } from "../notify/mail-lang";
import { runJob } from "../platform/job";
import { currentUser } from "../platform/locale";
import { sendConfirmDetails, type ConfirmRun } from "./confirm-details";
import { createIntakeForm } from "./create-form";
import { formReviewItems } from "./review";
import { onFormSubmit } from "./on-submit";

const say = (lang: Lang, en: string, zh: string) => (lang === "en" ? en : zh);

/** Creates (or finds) the form of `kind` and shows its links. */
function createAndShow(kind: FormKind): { publishedUrl: string; editUrl: string; created: boolean } {
  const { record, created } = runJob(`create-${kind}-form`, "run-jobs", () => {
    const made = createIntakeForm(kind);
    return {
      result: made,
      outcome: {
        rowsAffected: made.created ? 1 : 0,
        detail: `${made.record.formId}${made.created ? " created" : " exists"}`,
      },
    };
  });
  const lang = bookLang();
  const html =
    `<p style="font:14px Arial,sans-serif;">${escapeHtml(
      created
        ? say(
            lang,
            "The form is ready; its answers come into this spreadsheet.",
            "表单已创建，回复会自动进入本表格。",
          )
        : say(lang, "This spreadsheet already has this form.", "本表格已有这个表单。"),
    )}</p>` +
    `<p style="font:14px Arial,sans-serif;">${escapeHtml(say(lang, "Link to share:", "分享链接："))}<br>` +
    `<a href="${escapeHtml(record.publishedUrl)}" target="_blank">${escapeHtml(record.publishedUrl)}</a></p>` +
    `<p style="font:14px Arial,sans-serif;">${escapeHtml(say(lang, "Edit the form:", "编辑表单："))}<br>` +
    `<a href="${escapeHtml(record.editUrl)}" target="_blank">${escapeHtml(record.editUrl)}</a></p>`;
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(html).setWidth(520).setHeight(260),
    kind === "signup"
      ? say(lang, "Customer sign-up form", "客户登记表")
      : say(lang, "Satisfaction survey", "满意度调查"),
  );
  return { publishedUrl: record.publishedUrl, editUrl: record.editUrl, created };
}

export function menuCreateSignupForm() {
  return createAndShow("signup");
}

export function menuCreateSurvey() {
  return createAndShow("survey");
}

/** Mails "confirm your details" to consenting customers not mailed it before; says what happened. */
export function menuSendConfirmDetails(): ConfirmRun {
  const run = runJob("confirm-details", "run-jobs", () => {
    const r = sendConfirmDetails(byManual(currentUser()));
    return {
      result: r,
      outcome: {
        rowsAffected: r.sent,
        detail: `sent ${r.sent}, failed ${r.failed}, deferred ${r.deferred}, already ${r.alreadySent}`,
      },
    };
  });
  const lang = bookLang();
  SpreadsheetApp.getActive().toast(
    say(
      lang,
      `Sent ${run.sent}, failed ${run.failed}, left for the next run ${run.deferred}, mailed before ${run.alreadySent}; ${run.notAsked} without consent or address were not mailed.`,
      `已发送 ${run.sent} 封，失败 ${run.failed} 封，留待下次 ${run.deferred} 封，此前已发 ${run.alreadySent} 封；${run.notAsked} 位未同意或无邮箱，未发送。`,
    ),
    "Sheet CRM",
    10,
  );
  return run;
}

/** Shows the review list in a dialog (the intake tab holds it too, with every other submission). */
export function menuShowFormReview(): FormReviewItem[] {
  const items = formReviewItems();
  const lang = bookLang();
  const rows = items
    .map(
      (i) =>
        `<tr><td>${escapeHtml(i.receivedAt.slice(0, 16).replace("T", " "))}</td><td>${escapeHtml(i.reason)}</td>` +
        `<td style="white-space:pre-wrap">${escapeHtml(i.answers)}</td></tr>`,
    )
    .join("");
  const html = items.length
    ? `<table style="font:13px Arial,sans-serif;border-collapse:collapse" border="1" cellpadding="4"><tr><th>${escapeHtml(
        say(lang, "Received", "收到时间"),
      )}</th><th>${escapeHtml(say(lang, "Why", "原因"))}</th><th>${escapeHtml(say(lang, "Answers", "回答"))}</th></tr>${rows}</table>`
    : `<p style="font:14px Arial,sans-serif;">${escapeHtml(say(lang, "Nothing to review.", "没有待审核的回复。"))}</p>`;
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(html).setWidth(680).setHeight(480),
    say(lang, "Form answers to review", "待审核的表单回复"),
  );
  return items;
}

/** The installable form-submit trigger (made with either form). */
export function handleFormSubmit(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  onFormSubmit(e);
}
