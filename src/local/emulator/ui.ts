import type { Env } from "./env";
import { gasError, wrap } from "./env";

export type MenuEntry =
  | { readonly kind: "item"; readonly caption: string; readonly handler: string }
  | { readonly kind: "separator" }
  | { readonly kind: "submenu"; readonly caption: string; readonly items: readonly MenuEntry[] };

/** A menu added to the UI: a custom menu (createMenu) or the add-on menu (createAddonMenu). */
export interface RecordedMenu {
  readonly title: string;
  readonly addon: boolean;
  readonly items: readonly MenuEntry[];
}

export interface RecordedAlert {
  readonly kind: "alert" | "prompt";
  readonly title: string;
  readonly message: string;
  readonly buttons: string;
  /** What the scripted answer (or the default) returned. */
  readonly answer: string;
}

/** Recorded HtmlOutput shown in a sidebar or dialog. */
export interface RecordedHtml {
  readonly title: string;
  readonly html: string;
  readonly width: number | null;
  readonly height: number | null;
}

/** A scripted answer: a button name ("YES", "OK", "CANCEL"...), and for prompts the typed text. */
export type ScriptedAnswer = string | { readonly button: string; readonly text?: string };

export const BUTTON = Object.freeze({ CLOSE: "CLOSE", OK: "OK", CANCEL: "CANCEL", YES: "YES", NO: "NO" });
export const BUTTON_SET = Object.freeze({
  OK: "OK",
  OK_CANCEL: "OK_CANCEL",
  YES_NO: "YES_NO",
  YES_NO_CANCEL: "YES_NO_CANCEL",
});

/** Everything the add-on showed: menus, alerts, prompts, sidebars, dialogs and toasts. */
export class UiRecorder {
  menus: RecordedMenu[] = [];
  alerts: RecordedAlert[] = [];
  sidebars: RecordedHtml[] = [];
  dialogs: (RecordedHtml & { modal: boolean })[] = [];
  toasts: { message: string; title: string; timeoutSeconds: number }[] = [];
  /** Queue of scripted answers consumed by alert/prompt in order; when empty, alerts answer OK / YES. */
  answers: ScriptedAnswer[] = [];

  /** The recorded add-on menu's items (the last one added), or null. */
  addonMenu(): RecordedMenu | null {
    return [...this.menus].reverse().find((m) => m.addon) ?? null;
  }

  reset(): void {
    this.menus = [];
    this.alerts = [];
    this.sidebars = [];
    this.dialogs = [];
    this.toasts = [];
    this.answers = [];
  }
}

class MenuApi {
  private readonly _items: MenuEntry[] = [];
  constructor(
    private readonly _env: Env,
    private readonly _ui: UiRecorder,
    private readonly _title: string,
    private readonly _addon: boolean,
  ) {}
  addItem(caption: string, functionName: string): this {
    if (typeof functionName !== "string" || !functionName)
      throw gasError(this._env, "Invalid argument: functionName");
    this._items.push({ kind: "item", caption: String(caption), handler: functionName });
    return this;
  }
  addSeparator(): this {
    this._items.push({ kind: "separator" });
    return this;
  }
  addSubMenu(menu: MenuApi): this {
    const sub = this._env.guard.unwrap(menu);
    this._items.push({ kind: "submenu", caption: sub._title, items: [...sub._items] });
    return this;
  }
  addToUi(): void {
    // Adding a menu with the same title again replaces it, as re-running onOpen does.
    this._ui.menus = this._ui.menus.filter((m) => !(m.title === this._title && m.addon === this._addon));
    this._ui.menus.push({ title: this._title, addon: this._addon, items: [...this._items] });
  }
}

function htmlOf(env: Env, output: unknown): RecordedHtml {
  const o = env.guard.unwrap(output) as { _record?: () => RecordedHtml };
  if (!o || typeof o._record !== "function") throw gasError(env, "Invalid argument: userInterface");
  return o._record();
}

function answerFor(ui: UiRecorder, buttons: string): { button: string; text: string } {
  const next = ui.answers.shift();
  if (next === undefined) {
    return { button: buttons === "YES_NO" || buttons === "YES_NO_CANCEL" ? "YES" : "OK", text: "" };
  }
  return typeof next === "string"
    ? { button: next, text: "" }
    : { button: next.button, text: next.text ?? "" };
}

/** SpreadsheetApp.getUi(). */
export class UiApi {
  readonly Button = BUTTON;
  readonly ButtonSet = BUTTON_SET;
  constructor(
    private readonly _env: Env,
    private readonly _ui: UiRecorder,
  ) {}
  createMenu(caption: string): MenuApi {
    return wrap(this._env, "Menu", new MenuApi(this._env, this._ui, String(caption), false));
  }
  createAddonMenu(): MenuApi {
    return wrap(this._env, "Menu", new MenuApi(this._env, this._ui, "", true));
  }
  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons); returns the clicked Button. */
  alert(a: string, b?: string, c?: string): string {
    return this._ask("alert", a, b, c).button;
  }
  /** prompt(…) takes the same argument forms as alert; returns a PromptResponse. */
  prompt(a: string, b?: string, c?: string): unknown {
    const { button, text } = this._ask("prompt", a, b, c);
    return wrap(this._env, "PromptResponse", {
      getResponseText: () => text,
      getSelectedButton: () => button,
    });
  }
  /** Resolves alert/prompt's three argument forms, records the dialog and returns the scripted answer. */
  private _ask(
    kind: "alert" | "prompt",
    a: string,
    b?: string,
    c?: string,
  ): { button: string; text: string } {
    const [title, message, buttons] =
      c !== undefined
        ? [a, b!, c]
        : b !== undefined && b in BUTTON_SET
          ? ["", a, b]
          : b !== undefined
            ? [a, b, "OK"]
            : ["", a, "OK"];
    const answer = answerFor(this._ui, String(buttons));
    this._ui.alerts.push({
      kind,
      title: String(title),
      message: String(message),
      buttons: String(buttons),
      answer: answer.button,
    });
    return answer;
  }
  showSidebar(output: unknown): void {
    this._ui.sidebars.push(htmlOf(this._env, output));
  }
  showModalDialog(output: unknown, title: string): void {
    this._ui.dialogs.push({ ...htmlOf(this._env, output), title: String(title), modal: true });
  }
  showModelessDialog(output: unknown, title: string): void {
    this._ui.dialogs.push({ ...htmlOf(this._env, output), title: String(title), modal: false });
  }
}
