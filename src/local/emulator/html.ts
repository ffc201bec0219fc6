import type { Env } from "./env";
import { gasError, wrap } from "./env";
import type { RecordedHtml } from "./ui";
import { addMethods, namedAfterKeys } from "./builder-methods";

export const SANDBOX_MODE = Object.freeze({ EMULATED: "EMULATED", IFRAME: "IFRAME", NATIVE: "NATIVE" });
export const XFRAME_OPTIONS_MODE = Object.freeze({ ALLOWALL: "ALLOWALL", DEFAULT: "DEFAULT" });

/** HtmlOutput's stored properties: getX returns what setX kept (setters chain), named after Apps Script's. */
const STORED = { Title: "title", Width: "width", Height: "height" } as const;
type Stored = { title: string; width: number | null; height: number | null };

// The accessors made from STORED (added below the class), typed for callers.
export interface HtmlOutputApi {
  getTitle(): string;
  setTitle(title: string): this;
  getWidth(): number | null;
  setWidth(width: number): this;
  getHeight(): number | null;
  setHeight(height: number): this;
}

/** An HtmlOutput; the ui recorder reads it back through _record. */
export class HtmlOutputApi {
  _stored: Stored = { title: "", width: null, height: null };
  constructor(private _content: string) {}
  getContent(): string {
    return this._content;
  }
  setContent(c: string): this {
    this._content = String(c);
    return this;
  }
  append(c: string): this {
    this._content += String(c);
    return this;
  }
  appendUntrusted(c: string): this {
    this._content += escapeHtml(String(c));
    return this;
  }
  clear(): this {
    this._content = "";
    return this;
  }
  setSandboxMode(): this {
    return this;
  }
  setXFrameOptionsMode(): this {
    return this;
  }
  setFaviconUrl(): this {
    return this;
  }
  addMetaTag(): this {
    return this;
  }
  _record(): RecordedHtml {
    return { ...this._stored, html: this._content };
  }
}

addMethods(HtmlOutputApi, namedAfterKeys("get", STORED), function (key) {
  return this._stored[key as keyof Stored];
});
addMethods(HtmlOutputApi, namedAfterKeys("set", STORED), function (key, value) {
  const k = key as keyof Stored;
  this._stored = { ...this._stored, [k]: k === "title" ? String(value) : Number(value) };
  return this;
});

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

/**
 * Compiles Apps Script scriptlets: `<? code ?>`, `<?= printed, escaped ?>` and `<?!= printed raw ?>`,
 * with the template's properties in scope.
 */
function compileTemplate(
  source: string,
  makeFunction: FunctionConstructor,
): (data: Record<string, unknown>, esc: (s: string) => string) => string {
  let body = "let __out = '';\n";
  const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let last = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    body += `__out += ${JSON.stringify(source.slice(last, m.index))};\n`;
    if (m[1] === "=") body += `__out += __esc(String(${m[2].trim()}));\n`;
    else if (m[1] === "!=") body += `__out += String(${m[2].trim()});\n`;
    else body += `${m[2]}\n`;
    last = re.lastIndex;
  }
  body += `__out += ${JSON.stringify(source.slice(last))};\nreturn __out;`;
  // Compiled in the bundle's realm, so scriptlets can call Apps Script services and the bundle's functions.
  const fn = new makeFunction("__data", "__esc", `with (__data) {\n${body}\n}`) as (
    d: Record<string, unknown>,
    e: (s: string) => string,
  ) => string;
  return fn;
}

/** An HtmlTemplate: assign properties, then evaluate() into an HtmlOutput. */
export class HtmlTemplateApi {
  [key: string]: unknown;
  constructor(
    private readonly _env: Env,
    private readonly _source: string,
  ) {}
  getCode(): string {
    return this._source;
  }
  getRawContent(): string {
    return this._source;
  }
  evaluate(): HtmlOutputApi {
    const data: Record<string, unknown> = {};
    for (const k of Object.keys(this)) if (!k.startsWith("_")) data[k] = this[k];
    try {
      return wrap(
        this._env,
        "HtmlOutput",
        new HtmlOutputApi(compileTemplate(this._source, this._env.realm.Function)(data, escapeHtml)),
      );
    } catch (e) {
      throw gasError(this._env, (e as Error).message);
    }
  }
}

/** HtmlService; files are the project's HTML files by name (with or without ".html"). */
export class HtmlServiceApi {
  readonly SandboxMode = SANDBOX_MODE;
  readonly XFrameOptionsMode = XFRAME_OPTIONS_MODE;
  constructor(
    private readonly _env: Env,
    private readonly _files: Record<string, string>,
  ) {}
  private _file(name: string): string {
    const n = String(name).replace(/\.html$/, "");
    const found = this._files[n] ?? this._files[`${n}.html`];
    if (found === undefined) throw gasError(this._env, `No HTML file named ${n} was found.`);
    return found;
  }
  createHtmlOutput(html?: string): HtmlOutputApi {
    return wrap(this._env, "HtmlOutput", new HtmlOutputApi(html === undefined ? "" : String(html)));
  }
  createHtmlOutputFromFile(name: string): HtmlOutputApi {
    return wrap(this._env, "HtmlOutput", new HtmlOutputApi(this._file(name)));
  }
  createTemplate(html: string): HtmlTemplateApi {
    return templateProxy(this._env, String(html));
  }
  createTemplateFromFile(name: string): HtmlTemplateApi {
    return templateProxy(this._env, this._file(name));
  }
}

/** Templates take arbitrary properties (t.data = ...), so their proxy allows assignment of new names. */
function templateProxy(env: Env, source: string): HtmlTemplateApi {
  const t = new HtmlTemplateApi(env, source);
  const guarded = wrap(env, "HtmlTemplate", t);
  return new Proxy(guarded, {
    set: (_g, prop, value) => Reflect.set(t, prop, value),
    get: (g, prop) =>
      typeof prop === "string" && Object.prototype.hasOwnProperty.call(t, prop) && !prop.startsWith("_")
        ? t[prop]
        : Reflect.get(g, prop),
  });
}
