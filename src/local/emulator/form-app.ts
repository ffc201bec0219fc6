/**
 * FormApp: Google Forms as a script sees them (create, openById, items, responses, a spreadsheet
 * destination) and as a respondent uses them (`formsOf(project).respond(…)`, what the published form does).
 * https://developers.google.com/apps-script/reference/forms/form-app
 * https://developers.google.com/apps-script/reference/forms/form
 * https://developers.google.com/apps-script/reference/forms/form-response
 *
 * Rules modelled:
 * - FormApp.create/openById need the `forms` scope (scopes.ts). A script opens only forms its effective
 *   user owns (stricter than Drive sharing, as drive.ts is for spreadsheets).
 * - setDestination(SPREADSHEET, id) adds a responses tab to that spreadsheet, as Sheets does; every
 *   response is kept in the form and appended there (form-store.ts), then the spreadsheet's installable
 *   form-submit triggers run, each as its own execution after the one that submitted, if any.
 * - A form not accepting responses refuses them; a required question left blank refuses the response
 *   (the published form does not let it be sent; for FormResponse.submit() the page is silent: stricter).
 * - Respondents' text is stored as text in the responses tab (never a formula).
 */
import { gasError, wrap, type Env } from "./env";
import { ITEM_TYPE, ItemResponseApi, checkedAnswer, itemApi, newItem, typedItemApi } from "./form-items";
import {
  addResponsesTab,
  appendResponseRow,
  formRegistry,
  liveItems,
  type Answer,
  type FormModel,
  type FormRegistry,
  type ItemKind,
  type ResponseDocument,
} from "./form-store";
import { checkCellGrowth } from "./limits";
import type { Project } from "./project";
import { HOST_REALM, isDate, newArray } from "./realm";
import type { Workbook } from "./workbook";

export const DESTINATION_TYPE = Object.freeze({ SPREADSHEET: "SPREADSHEET" });
export const NOT_ACCEPTING_TEXT = "This form is no longer accepting responses.";
const NO_FORM_TEXT = "No item with the given ID could be found, or you do not have permission to access it.";

const published = (form: FormModel) => `https://docs.google.com/forms/d/e/${form.publishedId}/viewform`;

/** What a submission needs: the project's registry, Drive, and the time. */
interface SubmitContext {
  readonly registry: FormRegistry;
  readonly project: Project;
  readonly now: () => number;
  /** Errors in the caller's realm (the bundle's for scripts, the host's for respondents). */
  readonly error: (message: string) => Error;
}

/** Records a response and delivers it to the destination spreadsheet and its triggers. */
function submitResponse(
  ctx: SubmitContext,
  form: FormModel,
  answers: ReadonlyMap<number, Answer>,
  email: string,
): string {
  if (!form.accepting) throw ctx.error(NOT_ACCEPTING_TEXT);
  const missing = liveItems(form).find((i) => {
    const a = answers.get(i.id);
    return i.required && (a === undefined || (Array.isArray(a) ? a.length === 0 : String(a).trim() === ""));
  });
  if (missing) throw ctx.error(`This is a required question: ${missing.title}`);
  if (form.collectEmail && !email)
    throw ctx.error("This form collects e-mail addresses: an e-mail is required.");
  const response = { id: ctx.registry.nextId("response"), timestamp: ctx.now(), email, answers };
  form.responses.push(response);
  const dest = form.destination;
  if (!dest) return response.id;
  const doc = ctx.registry.documents.get(dest.spreadsheetId);
  const wb = doc?.wb ?? ctx.project.files.get(dest.spreadsheetId)?.wb;
  const fields = wb ? appendResponseRow(wb, form, response) : null;
  if (!fields) form.destination = null;
  else doc?.fireFormSubmit(fields);
  return response.id;
}

/** FormResponse: a submitted response, or one being built by a script (withItemResponse, submit). */
export class FormResponseApi {
  private _answers = new Map<number, Answer>();
  private _id: string | null = null;
  private _timestamp: number | null = null;
  private _email = "";
  constructor(
    private readonly _env: Env,
    private readonly _ctx: SubmitContext,
    private readonly _form: FormModel,
    stored?: { id: string; timestamp: number; email: string; answers: ReadonlyMap<number, Answer> },
  ) {
    if (stored) {
      this._id = stored.id;
      this._timestamp = stored.timestamp;
      this._email = stored.email;
      this._answers = new Map(stored.answers);
    }
  }
  getId(): string | null {
    return this._id;
  }
  getTimestamp(): Date | null {
    return this._timestamp === null ? null : new this._env.realm.Date(this._timestamp);
  }
  /** The respondent's e-mail when the form collects it ("" otherwise). */
  getRespondentEmail(): string {
    return this._form.collectEmail ? this._email : "";
  }
  getItemResponses(): ItemResponseApi[] {
    const out = liveItems(this._form)
      .filter((i) => this._answers.has(i.id))
      .map((i) =>
        wrap(
          this._env,
          "ItemResponse",
          new ItemResponseApi(this._env, this._form, i, this._answers.get(i.id)!),
        ),
      );
    return newArray(this._env.realm, out);
  }
  getResponseForItem(item: { getId(): number }): ItemResponseApi | null {
    const model = liveItems(this._form).find((i) => i.id === item.getId());
    const answer = model ? this._answers.get(model.id) : undefined;
    if (!model || answer === undefined) return null;
    return wrap(this._env, "ItemResponse", new ItemResponseApi(this._env, this._form, model, answer));
  }
  withItemResponse(response: ItemResponseApi): this {
    if (this._id !== null) throw gasError(this._env, "A submitted response cannot be changed.");
    const r = this._env.guard.unwrap(response);
    if (r._form !== this._form) throw gasError(this._env, "The item response belongs to another form.");
    this._answers.set(r._item.id, r._answer);
    return this;
  }
  /**
   * A URL of the published form with these answers filled in ("usp=pp_url&entry.<id>=<answer>").
   * https://developers.google.com/apps-script/reference/forms/form-response#toPrefilledUrl()
   */
  toPrefilledUrl(): string {
    const params = ["usp=pp_url"];
    for (const item of liveItems(this._form)) {
      const a = this._answers.get(item.id);
      if (a === undefined) continue;
      for (const v of Array.isArray(a) ? a : [a])
        params.push(`entry.${item.id}=${encodeURIComponent(String(v))}`);
    }
    return `${published(this._form)}?${params.join("&")}`;
  }
  getEditResponseUrl(): string {
    if (this._id === null) throw gasError(this._env, "The response has not been submitted.");
    return `${published(this._form)}?edit2=${this._id}`;
  }
  submit(): this {
    if (this._id !== null) throw gasError(this._env, "This response has already been submitted.");
    this._id = submitResponse(this._ctx, this._form, this._answers, "");
    this._timestamp = this._form.responses[this._form.responses.length - 1].timestamp;
    return this;
  }
}

/** Form: one form, as its owner's script edits it. */
export class FormApi {
  constructor(
    private readonly _env: Env,
    private readonly _ctx: SubmitContext,
    readonly _model: FormModel,
  ) {}
  getId(): string {
    return this._model.id;
  }
  getTitle(): string {
    return this._model.title;
  }
  setTitle(title: string): this {
    this._model.title = String(title);
    return this;
  }
  getDescription(): string {
    return this._model.description;
  }
  setDescription(description: string): this {
    this._model.description = String(description);
    return this;
  }
  setConfirmationMessage(message: string): this {
    this._model.confirmation = String(message);
    return this;
  }
  getConfirmationMessage(): string {
    return this._model.confirmation;
  }
  getPublishedUrl(): string {
    return published(this._model);
  }
  getEditUrl(): string {
    return `https://docs.google.com/forms/d/${this._model.id}/edit`;
  }
  setCollectEmail(collect: boolean): this {
    this._model.collectEmail = Boolean(collect);
    return this;
  }
  collectsEmail(): boolean {
    return this._model.collectEmail;
  }
  setAcceptingResponses(enabled: boolean): this {
    this._model.accepting = Boolean(enabled);
    return this;
  }
  isAcceptingResponses(): boolean {
    return this._model.accepting;
  }
  /**
   * Sends responses to a spreadsheet: a new responses tab there (the previous link, if any, ends).
   * https://developers.google.com/apps-script/reference/forms/form#setDestination(DestinationType,String)
   */
  setDestination(type: string, id: string): this {
    if (type !== DESTINATION_TYPE.SPREADSHEET) throw gasError(this._env, "Invalid argument: type");
    const wb = this._spreadsheet(String(id));
    checkCellGrowth(this._env, wb, 1000 * (liveItems(this._model).length + 2));
    const sheet = addResponsesTab(wb, this._model);
    this._model.destination = { spreadsheetId: wb.id, sheetId: sheet.id };
    return this;
  }
  private _spreadsheet(id: string): Workbook {
    const doc = this._ctx.registry.documents.get(id);
    if (doc) return doc.wb;
    const file = this._ctx.project.files.get(id);
    const user = this._env.session.effectiveUser;
    if (!file || file.trashed || !(file.wb.owner === user || file.wb.editors.has(user)))
      throw gasError(this._env, "You do not have permission to access the requested document.");
    return file.wb;
  }
  getDestinationId(): string {
    if (!this._model.destination)
      throw gasError(this._env, "This form does not have a response destination.");
    return this._model.destination.spreadsheetId;
  }
  getDestinationType(): string {
    if (!this._model.destination)
      throw gasError(this._env, "This form does not have a response destination.");
    return DESTINATION_TYPE.SPREADSHEET;
  }
  removeDestination(): this {
    this._model.destination = null;
    return this;
  }
  private _add(kind: ItemKind): unknown {
    const model = newItem(Number(this._ctx.registry.nextId("item")), kind);
    this._model.items.push(model);
    return typedItemApi(this._env, this._model, model);
  }
  addTextItem() {
    return this._add("TEXT");
  }
  addParagraphTextItem() {
    return this._add("PARAGRAPH_TEXT");
  }
  addMultipleChoiceItem() {
    return this._add("MULTIPLE_CHOICE");
  }
  addListItem() {
    return this._add("LIST");
  }
  addCheckboxItem() {
    return this._add("CHECKBOX");
  }
  addScaleItem() {
    return this._add("SCALE");
  }
  getItems(type?: string): unknown[] {
    const items = liveItems(this._model).filter((i) => type === undefined || i.kind === type);
    return newArray(
      this._env.realm,
      items.map((i) => itemApi(this._env, this._model, i)),
    );
  }
  getItemById(id: number): unknown {
    const item = liveItems(this._model).find((i) => i.id === Number(id));
    return item ? itemApi(this._env, this._model, item) : null;
  }
  deleteItem(which: number | { getId(): number }): void {
    const items = liveItems(this._model);
    const item = typeof which === "number" ? items[which] : items.find((i) => i.id === which.getId());
    if (!item) throw gasError(this._env, "Invalid argument: item");
    item.deleted = true;
  }
  createResponse(): FormResponseApi {
    return wrap(this._env, "FormResponse", new FormResponseApi(this._env, this._ctx, this._model));
  }
  getResponses(timestamp?: Date): FormResponseApi[] {
    const after = timestamp && isDate(timestamp) ? timestamp.getTime() : -Infinity;
    return newArray(
      this._env.realm,
      this._model.responses
        .filter((r) => r.timestamp >= after)
        .map((r) =>
          wrap(this._env, "FormResponse", new FormResponseApi(this._env, this._ctx, this._model, r)),
        ),
    );
  }
  getResponse(id: string): FormResponseApi {
    const r = this._model.responses.find((x) => x.id === id);
    if (!r) throw gasError(this._env, "No response with ID " + id + " exists for this form.");
    return wrap(this._env, "FormResponse", new FormResponseApi(this._env, this._ctx, this._model, r));
  }
}

/** FormApp. */
export class FormAppApi {
  readonly DestinationType = DESTINATION_TYPE;
  readonly ItemType = ITEM_TYPE;
  constructor(
    private readonly _env: Env,
    private readonly _ctx: SubmitContext,
  ) {}
  private _api(form: FormModel): FormApi {
    return wrap(this._env, "Form", new FormApi(this._env, this._ctx, form));
  }
  /** A new, empty form in the effective user's Drive, accepting responses. */
  create(title: string): FormApi {
    if (typeof title !== "string" || !title) throw gasError(this._env, "Invalid argument: title");
    const form: FormModel = {
      id: this._ctx.registry.nextId("form"),
      publishedId: this._ctx.registry.nextId("published"),
      owner: this._env.session.effectiveUser,
      title,
      description: "",
      confirmation: "",
      collectEmail: false,
      accepting: true,
      items: [],
      destination: null,
      responses: [],
    };
    this._ctx.registry.forms.set(form.id, form);
    return this._api(form);
  }
  openById(id: string): FormApi {
    const form = this._ctx.registry.forms.get(String(id));
    if (!form || form.owner !== this._env.session.effectiveUser) throw gasError(this._env, NO_FORM_TEXT);
    return this._api(form);
  }
  openByUrl(url: string): FormApi {
    const m = /\/forms\/d\/([^/]+)\//.exec(String(url));
    return this.openById(m ? m[1] : "");
  }
}

/** FormApp for one document's executions; the document is registered to receive its forms' responses. */
export function formApp(env: Env, project: Project, document: ResponseDocument): FormAppApi {
  const registry = formRegistry(project);
  registry.documents.set(document.wb.id, document);
  const ctx: SubmitContext = {
    registry,
    project,
    now: () => env.clock.nowMs(),
    error: (m) => gasError(env, m),
  };
  return wrap(env, "FormApp", new FormAppApi(env, ctx));
}

/** A respondent's answers: question title → text, scale number, or the choices of a checkbox item. */
export type RespondentAnswers = Readonly<Record<string, string | number | readonly string[]>>;

/** What a respondent can do with a project's published forms (tests and the demo: no Apps Script call). */
export interface FormRespondent {
  /** Form ids, newest last. */
  formIds(): readonly string[];
  /** The form's title and question titles (for assertions). */
  describe(formId: string): { title: string; questions: readonly string[]; responses: number };
  /**
   * Submits as a respondent would through the published form: answers by question title, checked as the
   * form checks them; the destination's form-submit triggers run before this returns. Returns the
   * response id.
   */
  respond(formId: string, answers: RespondentAnswers, options?: { readonly email?: string }): string;
  /** The form and answers a pre-filled URL carries (what the respondent sees filled in). */
  prefilled(url: string): { formId: string; answers: Record<string, string | string[]> };
}

/** The respondent's view of `project`'s forms, sharing the emulator's clock. */
export function formsOf(project: Project, now: () => number): FormRespondent {
  const registry = formRegistry(project);
  const ctx: SubmitContext = { registry, project, now, error: (m) => new Error(m) };
  const formOf = (id: string) => {
    const f = registry.forms.get(id);
    if (!f) throw new Error(`no form "${id}"`);
    return f;
  };
  const hostEnv = { realm: HOST_REALM } as unknown as Env;
  return {
    formIds: () => [...registry.forms.keys()],
    describe(formId) {
      const f = formOf(formId);
      return { title: f.title, questions: liveItems(f).map((i) => i.title), responses: f.responses.length };
    },
    respond(formId, answers, options = {}) {
      const form = formOf(formId);
      const byTitle = new Map(liveItems(form).map((i) => [i.title, i]));
      const checked = new Map<number, Answer>();
      for (const [title, value] of Object.entries(answers)) {
        const item = byTitle.get(title);
        if (!item) throw new Error(`form "${form.title}" has no question "${title}"`);
        if (value === "" || (Array.isArray(value) && value.length === 0)) continue;
        try {
          checked.set(item.id, checkedAnswer(hostEnv, item, value));
        } catch (e) {
          throw new Error((e as Error).message);
        }
      }
      return submitResponse(ctx, form, checked, options.email ?? "");
    },
    prefilled(url) {
      const m = /\/forms\/d\/e\/([^/]+)\/viewform\?(.*)$/.exec(url);
      const form = m && [...registry.forms.values()].find((f) => f.publishedId === m[1]);
      if (!m || !form) throw new Error(`not a pre-filled form URL: ${url}`);
      const byId = new Map(liveItems(form).map((i) => [String(i.id), i]));
      const answers: Record<string, string | string[]> = {};
      for (const part of m[2].split("&")) {
        const [k, v = ""] = part.split("=");
        const item = k.startsWith("entry.") ? byId.get(k.slice(6)) : undefined;
        if (!item) continue;
        const text = decodeURIComponent(v.replace(/\+/g, " "));
        if (item.kind === "CHECKBOX")
          answers[item.title] = [...((answers[item.title] as string[]) ?? []), text];
        else answers[item.title] = text;
      }
      return { formId: form.id, answers };
    },
  };
}
