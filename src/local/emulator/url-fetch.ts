/**
 * UrlFetchApp: fetch and fetchAll with real HTTP to 127.0.0.1 only (there is no network here), the daily
 * quota, Apps Script's error texts, and fault injection. Reference:
 * https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app
 * https://developers.google.com/apps-script/reference/url-fetch/http-response
 * Quotas (URL Fetch calls 20,000 a day for consumer accounts, 100,000 for Google Workspace; URL length
 * 2 kB; POST size 50 MB): https://developers.google.com/apps-script/guides/services/quotas
 */
import { gasError, wrap, type Env } from "./env";
import type { Project } from "./project";
import { newArray, newObject } from "./realm";
import { fetchBlocking, type WireRequest, type WireResponse } from "./url-fetch-transport";
import { BlobApi, newBlob, toBuffer } from "./utilities";

export const URL_FETCH_LIMITS = Object.freeze({
  consumerDailyCalls: 20_000,
  workspaceDailyCalls: 100_000,
  urlLength: 2 * 1024,
  postBytes: 50 * 1024 * 1024,
});
export const URL_FETCH_QUOTA_TEXT = "Service invoked too many times for one day: urlfetch.";
export const URL_LENGTH_TEXT = "Limit Exceeded: URLFetch URL Length.";
export const POST_SIZE_TEXT = "Limit Exceeded: URLFetch POST Size.";
/**
 * How long a request may take before Apps Script gives up. Google's pages give no figure; 60 s is the
 * commonly observed one, so it is the default (tests set a shorter one).
 */
export const DEFAULT_FETCH_TIMEOUT_MS = 60_000;
/** The one header the emulator adds: its clock, so a local test server judges timestamps by emulated time. */
export const EMULATOR_NOW_HEADER = "X-Emulator-Now";

const DAY_MS = 24 * 3_600_000;
const METHODS = new Set(["get", "delete", "patch", "post", "put"]);
const OPTIONS = new Set([
  "method",
  "contentType",
  "headers",
  "payload",
  "muteHttpExceptions",
  "followRedirects",
  "validateHttpsCertificates",
  "escaping",
]);

/** A request as the emulator recorded it (after the call was allowed), with what came of it. */
export interface FetchRecord {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly at: Date;
  readonly status: number | null;
  readonly error: string | null;
}

/** Per user, the calls of the last 24 hours (the quota window), kept per project. */
const LEDGERS = new WeakMap<Project, Map<string, number[]>>();

function ledgerOf(project: Project): Map<string, number[]> {
  let l = LEDGERS.get(project);
  if (!l) LEDGERS.set(project, (l = new Map()));
  return l;
}

/** Test controls: quota, failures, timeout; and every request made. */
export class UrlFetchControl {
  /** Every request sent (or refused by a fault) in order. */
  readonly requests: FetchRecord[] = [];
  timeoutMs = DEFAULT_FETCH_TIMEOUT_MS;
  /** A daily quota for this test instead of the consumer / Workspace figure. */
  quota: number | null = null;
  private failures: string[] = [];
  private remainingOverride: number | null = null;

  /** The next `n` requests throw `message` (Apps Script's text for a network failure by default). */
  failNext(n = 1, message = "Address unavailable"): this {
    for (let i = 0; i < n; i++) this.failures.push(message);
    return this;
  }
  /** Sets how many calls remain today for the current user. */
  remaining(n: number): this {
    this.remainingOverride = n;
    return this;
  }
  reset(): this {
    this.failures = [];
    this.remainingOverride = null;
    this.quota = null;
    this.timeoutMs = DEFAULT_FETCH_TIMEOUT_MS;
    return this;
  }
  /** @internal */
  takeFailure(): string | null {
    return this.failures.shift() ?? null;
  }
  /** @internal */
  takeRemaining(): number | null {
    const r = this.remainingOverride;
    this.remainingOverride = null;
    return r;
  }
}

interface FetchOptions {
  method?: string;
  contentType?: string;
  headers?: Record<string, unknown>;
  payload?: unknown;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
  validateHttpsCertificates?: boolean;
  escaping?: boolean;
}

/** HTTPResponse: the answer's code, headers and body. */
export class HttpResponseApi {
  constructor(
    private readonly _env: Env,
    private readonly _status: number,
    private readonly _headers: readonly (readonly [string, string])[],
    private readonly _body: Buffer,
  ) {}
  getResponseCode(): number {
    return this._status;
  }
  getContentText(charset?: string): string {
    const cs = String(charset ?? "UTF-8").toLowerCase();
    return this._body.toString(cs === "us-ascii" || cs === "iso-8859-1" ? "latin1" : "utf8");
  }
  getContent(): number[] {
    return newArray(
      this._env.realm,
      Array.from(this._body, (b) => (b > 127 ? b - 256 : b)),
    );
  }
  getBlob(): BlobApi {
    return newBlob(this._env, Buffer.from(this._body), this._contentType(), null);
  }
  /** One value per header name (the last sent). */
  getHeaders(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of this._headers) out[k] = v;
    return newObject(this._env.realm, out);
  }
  /** Every header; names sent more than once have an array of their values. */
  getAllHeaders(): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of this._headers) {
      const prev = out[k];
      out[k] = prev === undefined ? v : newArray(this._env.realm, [...([] as string[]).concat(prev), v]);
    }
    return newObject(this._env.realm, out);
  }
  private _contentType(): string | null {
    const h = this._headers.find(([k]) => k.toLowerCase() === "content-type");
    return h ? h[1] : null;
  }
}

/** A fetchAll request: the URL and the fetch options in one object. */
interface RequestObject extends FetchOptions {
  url?: string;
}

export class UrlFetchAppApi {
  constructor(
    private readonly _env: Env,
    private readonly _project: Project,
    private readonly _control: UrlFetchControl,
  ) {}

  fetch(url: unknown, params?: FetchOptions): HttpResponseApi {
    const wire = this._prepare(url, params ?? {});
    this._spend(1);
    return this._answer(wire, params ?? {}, fetchBlocking([wire.request])[0]);
  }

  fetchAll(requests: unknown): HttpResponseApi[] {
    if (!Array.isArray(requests)) throw gasError(this._env, "Invalid argument: requests");
    const list = (requests as unknown[]).map((r) => {
      const o: RequestObject = typeof r === "string" ? { url: r } : { ...(r as RequestObject) };
      const { url, ...params } = o;
      return { wire: this._prepare(url, params), params };
    });
    this._spend(list.length);
    const answers = fetchBlocking(list.map((x) => x.wire.request));
    return newArray(
      this._env.realm,
      list.map((x, i) => this._answer(x.wire, x.params, answers[i])),
    );
  }

  /** getRequest(url, params): the request fetch would send, without sending it. */
  getRequest(url: unknown, params?: FetchOptions): Record<string, unknown> {
    const { request, bodyText } = this._prepare(url, params ?? {});
    return newObject(this._env.realm, {
      url: request.url,
      method: request.method.toLowerCase(),
      headers: newObject(this._env.realm, { ...request.headers }),
      payload: bodyText,
      contentType: request.headers["Content-Type"] ?? "",
      followRedirects: request.followRedirects,
      validateHttpsCertificates: request.validateHttpsCertificates,
      muteHttpExceptions: Boolean(params?.muteHttpExceptions),
    });
  }

  /** Checks the URL and options and builds the request (nothing is counted or sent). */
  private _prepare(url: unknown, params: FetchOptions): { request: WireRequest; bodyText: string } {
    for (const k of Object.keys(params))
      if (!OPTIONS.has(k)) throw gasError(this._env, `not emulated: UrlFetchApp option ${k}`);
    const text = String(url ?? "");
    if (text.length > URL_FETCH_LIMITS.urlLength) throw gasError(this._env, URL_LENGTH_TEXT);
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      throw gasError(this._env, `Invalid argument: ${text}`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
      throw gasError(this._env, `Invalid argument: ${text}`);
    if (parsed.hostname !== "127.0.0.1") {
      throw gasError(
        this._env,
        `UrlFetchApp (offline emulator): only 127.0.0.1 is reachable here, there is no network; ` +
          `refused ${parsed.protocol}//${parsed.host}`,
      );
    }
    const method = String(params.method ?? "get").toLowerCase();
    if (!METHODS.has(method)) throw gasError(this._env, `Invalid argument: method`);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(params.headers ?? {})) headers[k] = String(v);
    let body: Buffer | null = null;
    const payload = params.payload;
    if (payload !== undefined && payload !== null) {
      const blob = this._env.guard.unwrap(payload) as unknown;
      if (blob instanceof BlobApi) {
        body = Buffer.from(blob._raw());
      } else if (typeof payload === "string" || Array.isArray(payload)) {
        body = toBuffer(payload);
      } else if (typeof payload === "object") {
        // An object payload is sent as an HTML form (blobs in it would make a multipart form: not emulated).
        const form = new URLSearchParams();
        for (const [k, v] of Object.entries(payload as Record<string, unknown>)) {
          if (v !== null && typeof v === "object")
            throw gasError(this._env, "not emulated: UrlFetchApp multipart payload");
          form.append(k, String(v));
        }
        body = Buffer.from(form.toString(), "utf8");
      } else {
        body = toBuffer(String(payload));
      }
      if (body.length > URL_FETCH_LIMITS.postBytes) throw gasError(this._env, POST_SIZE_TEXT);
      const hasType = Object.keys(headers).some((k) => k.toLowerCase() === "content-type");
      if (!hasType) headers["Content-Type"] = params.contentType ?? "application/x-www-form-urlencoded";
    }
    headers[EMULATOR_NOW_HEADER] = String(this._env.clock.nowMs());
    return {
      request: {
        url: parsed.toString(),
        method: method.toUpperCase(),
        headers,
        body: body === null ? null : body.toString("base64"),
        followRedirects: params.followRedirects !== false,
        validateHttpsCertificates: params.validateHttpsCertificates !== false,
        timeoutMs: this._control.timeoutMs,
      },
      bodyText: body === null ? "" : body.toString("utf8"),
    };
  }

  /** Takes `n` calls from the effective user's rolling 24-hour quota, or throws Apps Script's text. */
  private _spend(n: number): void {
    const user = this._env.session.effectiveUser;
    const now = this._env.clock.nowMs();
    const ledger = ledgerOf(this._project);
    const quota = this._quota(user);
    const live = (ledger.get(user) ?? []).filter((t) => t > now - DAY_MS);
    const override = this._control.takeRemaining();
    // An override leaves exactly that many calls for now: pad the window with calls made at this instant.
    if (override !== null) while (quota - live.length > override) live.push(now);
    ledger.set(user, live);
    if (live.length + n > quota) throw gasError(this._env, URL_FETCH_QUOTA_TEXT);
    for (let i = 0; i < n; i++) live.push(now);
  }

  private _quota(user: string): number {
    if (this._control.quota !== null) return this._control.quota;
    const domain = this._project.workspaceDomain;
    return domain !== null && user.toLowerCase().endsWith("@" + domain)
      ? URL_FETCH_LIMITS.workspaceDailyCalls
      : URL_FETCH_LIMITS.consumerDailyCalls;
  }

  /** The response, or Apps Script's exception for a failure (and for a 4xx/5xx unless muted). */
  private _answer(
    wire: { request: WireRequest; bodyText: string },
    params: FetchOptions,
    got: WireResponse,
  ): HttpResponseApi {
    const { request } = wire;
    const record = (status: number | null, error: string | null) =>
      this._control.requests.push({
        url: request.url,
        method: request.method,
        headers: { ...request.headers },
        body: wire.bodyText,
        at: new Date(this._env.clock.nowMs()),
        status,
        error,
      });
    const injected = this._control.takeFailure();
    if (injected) {
      record(null, injected);
      throw gasError(this._env, `${injected}: ${request.url}`);
    }
    // The clock moves by the time the request really took (a timeout by the whole timeout).
    this._env.clock.advance(Math.max(0, got.elapsedMs));
    if (!got.ok) {
      const text =
        got.kind === "timeout"
          ? `Timeout: ${request.url}`
          : got.kind === "host"
            ? `UrlFetchApp (offline emulator): only 127.0.0.1 is reachable here; refused ${got.message}`
            : `Address unavailable: ${request.url}`;
      record(null, text);
      throw gasError(this._env, text);
    }
    record(got.status, null);
    const body = Buffer.from(got.body, "base64");
    if (got.status >= 400 && !params.muteHttpExceptions) {
      const preview = body.toString("utf8").slice(0, 200);
      throw gasError(
        this._env,
        `Request failed for ${request.url} returned code ${got.status}. Truncated server response: ` +
          `${preview} (use muteHttpExceptions option to examine full response)`,
      );
    }
    return wrap(this._env, "HTTPResponse", new HttpResponseApi(this._env, got.status, got.headers, body));
  }
}

/** The guarded UrlFetchApp global and its test controls. */
export function urlFetchApp(env: Env, project: Project, control: UrlFetchControl): UrlFetchAppApi {
  return wrap(env, "UrlFetchApp", new UrlFetchAppApi(env, project, control));
}
