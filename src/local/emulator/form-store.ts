/**
 * Google Forms as the emulator keeps them: one registry per Apps Script project (forms live in Drive, like
 * the spreadsheets a script creates), the forms' items and responses, and the documents that can receive
 * responses (each emulated document registers itself so a submission reaches its form-submit triggers).
 *
 * What a submission does to its destination spreadsheet follows Google's pages: responses are always kept
 * in the form's own store, and with a spreadsheet destination each one is also appended as a row of the
 * responses tab (Timestamp first, then one column per question)
 * (https://developers.google.com/apps-script/reference/forms/destination-type); then the spreadsheet's
 * installable form-submit triggers run with `values` (the row as shown, in sheet order), `namedValues`
 * (question title → [answer]) and `range` (the new row)
 * (https://developers.google.com/apps-script/guides/triggers/events#form-submit).
 */
import type { Book } from "./book";
import type { Cell } from "./cells";
import { setCellValue } from "./range";
import type { Project } from "./project";
import type { SheetModel, Workbook } from "./workbook";
import { zonedParts } from "./zone";

/** FormApp.ItemType names the emulation supports. */
export type ItemKind = "TEXT" | "PARAGRAPH_TEXT" | "MULTIPLE_CHOICE" | "LIST" | "CHECKBOX" | "SCALE";

/** One question of a form. */
export interface ItemModel {
  readonly id: number;
  readonly kind: ItemKind;
  title: string;
  helpText: string;
  required: boolean;
  choices: string[];
  otherOption: boolean;
  lower: number;
  upper: number;
  leftLabel: string;
  rightLabel: string;
  deleted: boolean;
}

/** An answer: text, a scale's number, or a checkbox item's choices. */
export type Answer = string | number | readonly string[];

/** A submitted response as the form's store keeps it. */
export interface ResponseModel {
  readonly id: string;
  readonly timestamp: number;
  readonly email: string;
  readonly answers: ReadonlyMap<number, Answer>;
}

export interface DestinationModel {
  readonly spreadsheetId: string;
  /** The responses tab's sheet id in the destination (found again by id when the tab is renamed). */
  readonly sheetId: number;
}

export interface FormModel {
  readonly id: string;
  /** The id in the published (respondent) URL, distinct from the edit id as on Google. */
  readonly publishedId: string;
  readonly owner: string;
  title: string;
  description: string;
  confirmation: string;
  collectEmail: boolean;
  accepting: boolean;
  items: ItemModel[];
  destination: DestinationModel | null;
  readonly responses: ResponseModel[];
}

/** The form-submit event's fields, built in the receiving document's facades. */
export interface SubmitFields {
  readonly sheet: SheetModel;
  readonly row: number;
  readonly width: number;
  readonly values: readonly string[];
  readonly namedValues: Readonly<Record<string, readonly string[]>>;
}

/** A document that receives responses: its workbook and how its form-submit triggers are fired. */
export interface ResponseDocument {
  readonly wb: Workbook;
  readonly book: Book;
  /** Runs the document's installable form-submit triggers (after the running execution, if any). */
  readonly fireFormSubmit: (fields: SubmitFields) => void;
}

/** Every form of one project, and the documents that can receive their responses. */
export class FormRegistry {
  readonly forms = new Map<string, FormModel>();
  readonly documents = new Map<string, ResponseDocument>();
  private seq = 0;

  /** A fresh id for a form, item or response (a different shape each, none meaningful). */
  nextId(kind: "form" | "published" | "item" | "response"): string {
    const n = ++this.seq;
    switch (kind) {
      case "form":
        return "1FormEmulated" + String(n).padStart(31, "0");
      case "published":
        return "1FAIpQLSeEmulated" + String(n).padStart(39, "0");
      case "item":
        return String(1_000_000_000 + n * 7_919);
      case "response":
        return "2_ABaOnuEmulated" + String(n).padStart(20, "0");
    }
  }
}

const REGISTRIES = new WeakMap<Project, FormRegistry>();

/** The project's forms (created on first use). */
export function formRegistry(project: Project): FormRegistry {
  let r = REGISTRIES.get(project);
  if (!r) REGISTRIES.set(project, (r = new FormRegistry()));
  return r;
}

/** The questions of a form that take answers, in form order. */
export function liveItems(form: FormModel): ItemModel[] {
  return form.items.filter((i) => !i.deleted);
}

/**
 * The responses tab's fixed headers. Google documents no text for them; these are the ones Sheets shows
 * in English and Chinese (zh-CN) spreadsheets. The add-on must never rely on them: it knows its tab by id.
 */
export function responseHeaders(locale: string): { timestamp: string; email: string; tab: string } {
  return /^zh/i.test(locale)
    ? { timestamp: "时间戳记", email: "电子邮件地址", tab: "表单回复" }
    : { timestamp: "Timestamp", email: "Email Address", tab: "Form Responses" };
}

/** A new responses tab in `wb` (first position, "Form Responses N"), with its header row; returns it. */
export function addResponsesTab(wb: Workbook, form: FormModel): SheetModel {
  const labels = responseHeaders(wb.locale);
  let n = 1;
  while (wb.sheets.some((s) => s.name.toLowerCase() === `${labels.tab} ${n}`.toLowerCase())) n++;
  const sheet = wb.addSheet(`${labels.tab} ${n}`, 0);
  const headers = headerRow(form, labels);
  sheet.maxColumns = Math.max(headers.length, 1);
  headers.forEach((h, i) => setCellValue(sheet.grid.cell(1, i + 1), h));
  sheet.frozenRows = 1;
  return sheet;
}

function headerRow(form: FormModel, labels: { timestamp: string; email: string }): string[] {
  return [
    labels.timestamp,
    ...(form.collectEmail ? [labels.email] : []),
    ...liveItems(form).map((i) => i.title),
  ];
}

/** Sheet text of an answer: a checkbox item's choices joined by ", " as Sheets shows them. */
export function answerText(a: Answer | undefined): string {
  if (a === undefined) return "";
  return Array.isArray(a) ? a.join(", ") : String(a);
}

/** A respondent's text is stored as the value it is: an answer "=…" never becomes a formula. */
function storeText(cell: Cell, text: string): void {
  cell.v = text;
  delete cell.formula;
}

/** The timestamp as the responses tab shows it (en: 11/23/2026 17:00:00; zh: 2026/11/23 17:00:00). */
function timestampText(ms: number, wb: Workbook): string {
  const p = zonedParts(ms, wb.timeZone);
  const time = `${p.hour}:${String(p.minute).padStart(2, "0")}:${String(p.second).padStart(2, "0")}`;
  return /^zh/i.test(wb.locale)
    ? `${p.year}/${p.month}/${p.day} ${time}`
    : `${p.month}/${p.day}/${p.year} ${time}`;
}

/**
 * Appends `response` to the responses tab of `wb` (adding a header for any question added since) and
 * returns the event fields. Null when the tab was deleted (Google then unlinks the form).
 */
export function appendResponseRow(
  wb: Workbook,
  form: FormModel,
  response: ResponseModel,
): SubmitFields | null {
  const sheet = wb.sheets.find((s) => s.id === form.destination?.sheetId);
  if (!sheet) return null;
  const labels = responseHeaders(wb.locale);
  const width = (): number => {
    let w = 0;
    while (sheet.grid.get(1, w + 1) && sheet.grid.get(1, w + 1)!.v !== "") w++;
    return w;
  };
  const headers: string[] = [];
  for (let c = 1; c <= width(); c++) headers.push(String(sheet.grid.get(1, c)!.v));
  for (const h of headerRow(form, labels)) {
    if (headers.includes(h)) continue;
    headers.push(h);
    setCellValue(sheet.grid.cell(1, headers.length), h);
  }
  sheet.maxColumns = Math.max(sheet.maxColumns, headers.length);
  let row = 2;
  while (
    headers.some((_, c) => {
      const cell = sheet.grid.get(row, c + 1);
      return cell && cell.v !== "";
    })
  )
    row++;
  if (row > sheet.maxRows) sheet.maxRows = row;
  const byTitle = new Map(liveItems(form).map((i) => [i.title, i]));
  const values: string[] = [];
  const namedValues: Record<string, string[]> = {};
  headers.forEach((h, c) => {
    const cell = sheet.grid.cell(row, c + 1);
    let shown: string;
    if (c === 0) {
      setCellValue(cell, new Date(response.timestamp));
      shown = timestampText(response.timestamp, wb);
    } else if (h === labels.email && form.collectEmail) {
      storeText(cell, response.email);
      shown = response.email;
    } else {
      const item = byTitle.get(h);
      const answer = item ? response.answers.get(item.id) : undefined;
      if (typeof answer === "number") setCellValue(cell, answer);
      else storeText(cell, answerText(answer));
      shown = answerText(answer);
    }
    values.push(shown);
    namedValues[h] = [shown];
  });
  return { sheet, row, width: headers.length, values, namedValues };
}
