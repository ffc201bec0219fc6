/**
 * The question items of a Google Form: TextItem, ParagraphTextItem, MultipleChoiceItem, ListItem,
 * CheckboxItem, ScaleItem, the generic Item getItems() returns, Choice and ItemResponse.
 * https://developers.google.com/apps-script/reference/forms/text-item
 * https://developers.google.com/apps-script/reference/forms/multiple-choice-item
 * https://developers.google.com/apps-script/reference/forms/scale-item
 * https://developers.google.com/apps-script/reference/forms/item-response
 * Where a page does not say whether a call is refused (an answer that is none of a choice item's choices,
 * a scale answer out of bounds) the stricter behaviour is modelled: the call throws.
 */
import { gasError, wrap, type Env } from "./env";
import type { Answer, FormModel, ItemKind, ItemModel } from "./form-store";
import { newArray } from "./realm";

export const ITEM_TYPE = Object.freeze({
  CHECKBOX: "CHECKBOX",
  LIST: "LIST",
  MULTIPLE_CHOICE: "MULTIPLE_CHOICE",
  PARAGRAPH_TEXT: "PARAGRAPH_TEXT",
  SCALE: "SCALE",
  TEXT: "TEXT",
});

/** The Apps Script class of each kind of item. */
export const ITEM_CLASS: Readonly<Record<ItemKind, string>> = {
  TEXT: "TextItem",
  PARAGRAPH_TEXT: "ParagraphTextItem",
  MULTIPLE_CHOICE: "MultipleChoiceItem",
  LIST: "ListItem",
  CHECKBOX: "CheckboxItem",
  SCALE: "ScaleItem",
};

/** A new item's model with the defaults Google gives (a scale runs 1 to 5). */
export function newItem(id: number, kind: ItemKind): ItemModel {
  return {
    id,
    kind,
    title: "",
    helpText: "",
    required: false,
    choices: [],
    otherOption: false,
    lower: 1,
    upper: 5,
    leftLabel: "",
    rightLabel: "",
    deleted: false,
  };
}

/** An answer checked against its item; throws Apps Script-style errors for answers the item cannot take. */
export function checkedAnswer(env: Env, item: ItemModel, response: unknown): Answer {
  switch (item.kind) {
    case "SCALE": {
      const n = Number(response);
      if (!Number.isInteger(n) || n < item.lower || n > item.upper)
        throw gasError(env, `Invalid response for scale item "${item.title}": ${String(response)}`);
      return n;
    }
    case "CHECKBOX": {
      const list = Array.isArray(response) ? response.map(String) : null;
      if (!list || list.some((v) => !item.choices.includes(v) && !item.otherOption))
        throw gasError(env, `Invalid response for checkbox item "${item.title}"`);
      return list;
    }
    case "MULTIPLE_CHOICE":
    case "LIST": {
      const v = String(response ?? "");
      if (!item.choices.includes(v) && !(item.kind === "MULTIPLE_CHOICE" && item.otherOption))
        throw gasError(env, `Invalid response for item "${item.title}": ${v}`);
      return v;
    }
    default:
      return String(response ?? "");
  }
}

/** Choice: one option of a choice item. */
export class ChoiceApi {
  constructor(private readonly _value: string) {}
  getValue(): string {
    return this._value;
  }
}

/** ItemResponse: an answer to one item (made by createResponse or read from a submitted response). */
export class ItemResponseApi {
  constructor(
    private readonly _env: Env,
    readonly _form: FormModel,
    readonly _item: ItemModel,
    readonly _answer: Answer,
  ) {}
  getItem(): unknown {
    return itemApi(this._env, this._form, this._item);
  }
  /** Text for text and choice items, the number as text for a scale, String[] for a checkbox item. */
  getResponse(): string | string[] {
    const a = this._answer;
    return Array.isArray(a) ? newArray(this._env.realm, a as string[]) : String(a);
  }
}

/** What every item class shares. */
class BaseItemApi {
  constructor(
    readonly _env: Env,
    readonly _form: FormModel,
    readonly _model: ItemModel,
  ) {}
  protected _live(): ItemModel {
    if (this._model.deleted) throw gasError(this._env, "This item has been deleted.");
    return this._model;
  }
  getId(): number {
    return this._model.id;
  }
  getIndex(): number {
    return this._form.items.filter((i) => !i.deleted).indexOf(this._live());
  }
  getTitle(): string {
    return this._model.title;
  }
  setTitle(title: string): this {
    this._live().title = String(title);
    return this;
  }
  getHelpText(): string {
    return this._model.helpText;
  }
  setHelpText(text: string): this {
    this._live().helpText = String(text);
    return this;
  }
  getType(): string {
    return this._model.kind;
  }
}

/** Question items: required flag and responses. */
class QuestionItemApi extends BaseItemApi {
  isRequired(): boolean {
    return this._model.required;
  }
  setRequired(required: boolean): this {
    this._live().required = Boolean(required);
    return this;
  }
  createResponse(response: unknown): ItemResponseApi {
    const answer = checkedAnswer(this._env, this._live(), response);
    return wrap(this._env, "ItemResponse", new ItemResponseApi(this._env, this._form, this._model, answer));
  }
}

export class TextItemApi extends QuestionItemApi {}
export class ParagraphTextItemApi extends QuestionItemApi {}

/** Items with choices: multiple choice, list (drop-down) and checkbox items. */
class ChoiceItemApi extends QuestionItemApi {
  createChoice(value: string): ChoiceApi {
    return wrap(this._env, "Choice", new ChoiceApi(String(value)));
  }
  setChoiceValues(values: readonly string[]): this {
    if (!Array.isArray(values) || values.length === 0) throw gasError(this._env, "Invalid argument: values");
    this._live().choices = values.map(String);
    return this;
  }
  setChoices(choices: readonly ChoiceApi[]): this {
    if (!Array.isArray(choices) || choices.length === 0)
      throw gasError(this._env, "Invalid argument: choices");
    this._live().choices = choices.map((c) => (this._env.guard.unwrap(c) as ChoiceApi).getValue());
    return this;
  }
  getChoices(): ChoiceApi[] {
    return newArray(
      this._env.realm,
      this._model.choices.map((v) => wrap(this._env, "Choice", new ChoiceApi(v))),
    );
  }
}

export class ListItemApi extends ChoiceItemApi {}

export class MultipleChoiceItemApi extends ChoiceItemApi {
  showOtherOption(enabled: boolean): this {
    this._live().otherOption = Boolean(enabled);
    return this;
  }
  hasOtherOption(): boolean {
    return this._model.otherOption;
  }
}

export class CheckboxItemApi extends MultipleChoiceItemApi {}

/** ScaleItem: bounds 0 or 1 to 3…10, per setBounds' reference. */
export class ScaleItemApi extends QuestionItemApi {
  setBounds(lower: number, upper: number): this {
    // https://developers.google.com/apps-script/reference/forms/scale-item#setBounds(Integer,Integer)
    if (lower !== 0 && lower !== 1) throw gasError(this._env, "Invalid argument: lower");
    if (!Number.isInteger(upper) || upper < 3 || upper > 10)
      throw gasError(this._env, "Invalid argument: upper");
    const m = this._live();
    m.lower = lower;
    m.upper = upper;
    return this;
  }
  getLowerBound(): number {
    return this._model.lower;
  }
  getUpperBound(): number {
    return this._model.upper;
  }
  setLabels(lower: string, upper: string): this {
    const m = this._live();
    m.leftLabel = String(lower);
    m.rightLabel = String(upper);
    return this;
  }
  getLeftLabel(): string {
    return this._model.leftLabel;
  }
  getRightLabel(): string {
    return this._model.rightLabel;
  }
}

const CLASSES: Readonly<Record<ItemKind, new (env: Env, form: FormModel, m: ItemModel) => BaseItemApi>> = {
  TEXT: TextItemApi,
  PARAGRAPH_TEXT: ParagraphTextItemApi,
  MULTIPLE_CHOICE: MultipleChoiceItemApi,
  LIST: ListItemApi,
  CHECKBOX: CheckboxItemApi,
  SCALE: ScaleItemApi,
};

/** The typed item (TextItem, ScaleItem, …) for `model`, behind the guard. */
export function typedItemApi(env: Env, form: FormModel, model: ItemModel): BaseItemApi {
  return wrap(env, ITEM_CLASS[model.kind], new CLASSES[model.kind](env, form, model));
}

/** The generic Item getItems() returns: common getters and asTextItem() etc. for its own type only. */
export class ItemApi extends BaseItemApi {
  private _as(kind: ItemKind): BaseItemApi {
    if (this._model.kind !== kind)
      throw gasError(this._env, `Item ${this._model.id} is not a ${ITEM_CLASS[kind]}.`);
    return typedItemApi(this._env, this._form, this._model);
  }
  asTextItem() {
    return this._as("TEXT");
  }
  asParagraphTextItem() {
    return this._as("PARAGRAPH_TEXT");
  }
  asMultipleChoiceItem() {
    return this._as("MULTIPLE_CHOICE");
  }
  asListItem() {
    return this._as("LIST");
  }
  asCheckboxItem() {
    return this._as("CHECKBOX");
  }
  asScaleItem() {
    return this._as("SCALE");
  }
}

export function itemApi(env: Env, form: FormModel, model: ItemModel): ItemApi {
  return wrap(env, "Item", new ItemApi(env, form, model));
}
