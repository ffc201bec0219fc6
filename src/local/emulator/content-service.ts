/**
 * ContentService: the text a web app (doGet/doPost) answers with, and its MIME type. A TextOutput's type
 * is TEXT until set; setMimeType takes only the enum's values. Apps Script serves a TextOutput with HTTP
 * 200 whatever it holds: a script cannot choose the status code or add headers.
 * https://developers.google.com/apps-script/reference/content/content-service
 * https://developers.google.com/apps-script/reference/content/text-output
 * https://developers.google.com/apps-script/guides/content
 */
import { gasError, wrap, type Env } from "./env";

export const MIME_TYPE = Object.freeze({
  ATOM: "application/atom+xml",
  CSV: "text/csv",
  ICAL: "text/calendar",
  JAVASCRIPT: "application/javascript",
  JSON: "application/json",
  RSS: "application/rss+xml",
  TEXT: "text/plain",
  VCARD: "text/vcard",
  XML: "text/xml",
});

const KNOWN = new Set<string>(Object.values(MIME_TYPE));

/** A TextOutput: content, MIME type and an optional download file name. */
export class TextOutputApi {
  private _mime: string = MIME_TYPE.TEXT;
  private _fileName: string | null = null;
  constructor(
    private readonly _env: Env,
    private _content: string,
  ) {}
  getContent(): string {
    return this._content;
  }
  setContent(content: string): this {
    this._content = String(content);
    return this;
  }
  append(addedContent: string): this {
    this._content += String(addedContent);
    return this;
  }
  clear(): this {
    this._content = "";
    return this;
  }
  getMimeType(): string {
    return this._mime;
  }
  setMimeType(mimeType: string): this {
    if (!KNOWN.has(mimeType)) throw gasError(this._env, "Invalid argument: mimeType");
    this._mime = mimeType;
    return this;
  }
  getFileName(): string | null {
    return this._fileName;
  }
  downloadAsFile(filename: string): this {
    this._fileName = String(filename);
    return this;
  }
}

export class ContentServiceApi {
  readonly MimeType = MIME_TYPE;
  constructor(private readonly _env: Env) {}
  createTextOutput(content?: string): TextOutputApi {
    return wrap(
      this._env,
      "TextOutput",
      new TextOutputApi(this._env, content === undefined ? "" : String(content)),
    );
  }
}

export function contentService(env: Env): ContentServiceApi {
  return wrap(env, "ContentService", new ContentServiceApi(env));
}
