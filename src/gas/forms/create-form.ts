// Makes the sign-up form or the satisfaction survey in the book's language, linked to this spreadsheet
// (its answers land in a responses tab here), and the one form-submit trigger that takes them in.
// https://developers.google.com/apps-script/reference/forms/form#setDestination(DestinationType,String)
// An add-on may hold one form-submit trigger per user per document
// (https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions): both forms
// answer into this spreadsheet, so one trigger serves both.
import {
  FORM_DESCRIPTIONS,
  FORM_TITLES,
  fieldChoices,
  fieldTitles,
  formFields,
  type FieldSpec,
  type FormKind,
} from "../../core/intake/form-spec";
import type { Lang } from "../../core/schema/types";
import type { ValueLists } from "../../core/table/validate/value-lists";
import { bookLang } from "../notify/mail-lang";
import { currentUser } from "../platform/locale";
import { documentTriggers } from "../platform/triggers";
import { valueLists } from "../table/settings";
import { readFormRecords, storeFormRecord, type FormRecord } from "./form-records";

export const FORM_SUBMIT_HANDLER = "handleFormSubmit";

type Form = GoogleAppsScript.Forms.Form;

function addQuestion(form: Form, f: FieldSpec, lang: Lang, lists: ValueLists): void {
  const help = f.help?.[lang] ?? "";
  switch (f.kind) {
    case "text":
      form.addTextItem().setTitle(f.title[lang]).setHelpText(help).setRequired(Boolean(f.required));
      return;
    case "paragraph":
      form.addParagraphTextItem().setTitle(f.title[lang]).setHelpText(help).setRequired(Boolean(f.required));
      return;
    case "choice":
      form
        .addMultipleChoiceItem()
        .setTitle(f.title[lang])
        .setHelpText(help)
        .setChoiceValues([...fieldChoices(f.key, lang, lists)])
        .setRequired(Boolean(f.required));
      return;
    case "scale": {
      const s = f.scale!;
      form
        .addScaleItem()
        .setTitle(f.title[lang])
        .setHelpText(help)
        .setBounds(s.lower, s.upper)
        .setLabels(s.labels[0][lang], s.labels[1][lang])
        .setRequired(Boolean(f.required));
    }
  }
}

/** The form's record when it still exists and opens for this user; null otherwise. */
function existing(kind: FormKind): FormRecord | null {
  const record = readFormRecords()[kind];
  if (!record) return null;
  try {
    FormApp.openById(record.formId);
    return record;
  } catch {
    return null;
  }
}

/** This user's form-submit trigger here, made once. */
export function ensureFormSubmitTrigger(): void {
  const mine = documentTriggers().filter((t) => t.getEventType() === ScriptApp.EventType.ON_FORM_SUBMIT);
  if (mine.some((t) => t.getHandlerFunction() === FORM_SUBMIT_HANDLER)) return;
  for (const t of mine) ScriptApp.deleteTrigger(t);
  ScriptApp.newTrigger(FORM_SUBMIT_HANDLER)
    .forSpreadsheet(SpreadsheetApp.getActive())
    .onFormSubmit()
    .create();
}

/**
 * The form of `kind` for this document: the one made before when it still opens, else a new one in the
 * book's language linked to this spreadsheet. The trigger is made either way. Caller holds the lock.
 */
export function createIntakeForm(kind: FormKind): { record: FormRecord; created: boolean } {
  const found = existing(kind);
  ensureFormSubmitTrigger();
  if (found) return { record: found, created: false };
  const lang = bookLang();
  const ss = SpreadsheetApp.getActive();
  const form = FormApp.create(`${FORM_TITLES[kind][lang]} — ${ss.getName()}`);
  form.setDescription(FORM_DESCRIPTIONS[kind][lang]);
  const lists = valueLists();
  for (const f of formFields(kind)) addQuestion(form, f, lang, lists);
  const before = new Set(ss.getSheets().map((s) => s.getSheetId()));
  form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  SpreadsheetApp.flush();
  const tab = ss.getSheets().find((s) => !before.has(s.getSheetId()));
  if (!tab) throw new Error("The form's responses tab did not appear in this spreadsheet.");
  const record: FormRecord = {
    formId: form.getId(),
    sheetId: tab.getSheetId(),
    publishedUrl: form.getPublishedUrl(),
    editUrl: form.getEditUrl(),
    lang,
    titles: fieldTitles(kind, lang),
    createdBy: currentUser(),
  };
  storeFormRecord(kind, record);
  return { record, created: true };
}
