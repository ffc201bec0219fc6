import { CHANNEL_KINDS, type Channel, type ChannelKind } from "./types";
import { unknownSmsFields } from "./sms-template";

/**
 * Channels as stored (document property "channels") and as the settings form sends them. Secrets — the
 * webhook URL (its token is the credential), the signing secret, the SMS gateway's headers — never go back
 * to the sidebar in clear: {@link maskChannel}.
 */
export interface ChannelSettings {
  readonly channels: readonly Channel[];
}

export const EMPTY_CHANNELS: ChannelSettings = { channels: [] };
/** Channels at most (each is one property-sized JSON entry among 9 KB). */
export const MAX_CHANNELS = 12;

const ID = /^[a-z0-9][a-z0-9-]{0,30}$/;
/** Robots are reached over HTTPS; plain http only on the loopback address (the offline test server). */
const WEBHOOK = /^(https:\/\/[^\s/?#]+|http:\/\/127\.0\.0\.1(:\d+)?)(\/[^\s]*)?$/;

export type ChannelCheck =
  { readonly ok: true; readonly channel: Channel } | { readonly ok: false; readonly error: string };

/** Validates one channel from untrusted input (a form, a stored property). Error texts are keys for text.ts. */
export function checkChannel(raw: unknown): ChannelCheck {
  if (!raw || typeof raw !== "object") return { ok: false, error: "notObject" };
  const r = raw as Record<string, unknown>;
  const kind = String(r.kind ?? "") as ChannelKind;
  if (!CHANNEL_KINDS.includes(kind)) return { ok: false, error: "kind" };
  const id = String(r.id ?? "");
  if (!ID.test(id) || id === "mail") return { ok: false, error: "id" };
  const name = String(r.name ?? "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 60);
  if (!name) return { ok: false, error: "name" };
  const url = String(r.url ?? "").trim();
  // Merge fields ({{Phone}}) are allowed in an SMS gateway's URL only.
  const shape = kind === "sms" ? url.replace(/\{\{\s*\w+\s*\}\}/g, "x") : url;
  if (!WEBHOOK.test(shape) || url.length > 1500) return { ok: false, error: "url" };
  if (kind === "sms") {
    const method = String(r.method ?? "post").toLowerCase();
    if (method !== "post" && method !== "get" && method !== "put") return { ok: false, error: "method" };
    const contentType = String(r.contentType ?? "application/json");
    if (contentType !== "application/json" && contentType !== "application/x-www-form-urlencoded")
      return { ok: false, error: "contentType" };
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((r.headers ?? {}) as Record<string, unknown>)) {
      if (!/^[A-Za-z0-9-]{1,64}$/.test(k) || /[\r\n]/.test(String(v))) return { ok: false, error: "headers" };
      headers[k] = String(v);
    }
    const bodyTemplate = String(r.bodyTemplate ?? "");
    if (unknownSmsFields(bodyTemplate + url).length) return { ok: false, error: "template" };
    if (contentType === "application/json" && bodyTemplate) {
      try {
        JSON.parse(bodyTemplate.replace(/\{\{\s*\w+\s*\}\}/g, "x"));
      } catch {
        return { ok: false, error: "templateJson" };
      }
    }
    const maxChars = Math.round(Number(r.maxChars ?? 300));
    if (!(maxChars >= 20 && maxChars <= 1000)) return { ok: false, error: "maxChars" };
    return {
      ok: true,
      channel: { id, kind, name, url, method, contentType, headers, bodyTemplate, maxChars },
    };
  }
  const secret = String(r.secret ?? "").trim();
  if (secret.length > 200 || /\s/.test(secret)) return { ok: false, error: "secret" };
  const format = r.format === "markdown" ? "markdown" : "text";
  return { ok: true, channel: { id, kind, name, url, secret, format } };
}

/** The stored channels, re-checked (a hand-edited entry that no longer validates is left out). */
export function readChannels(raw: unknown): ChannelSettings {
  const list = raw && typeof raw === "object" ? (raw as { channels?: unknown }).channels : null;
  if (!Array.isArray(list)) return EMPTY_CHANNELS;
  const channels: Channel[] = [];
  for (const c of list) {
    const r = checkChannel(c);
    if (r.ok && !channels.some((x) => x.id === r.channel.id)) channels.push(r.channel);
  }
  return { channels: channels.slice(0, MAX_CHANNELS) };
}

/** "••••" and the last four characters (nothing of a short secret). */
export function maskSecret(s: string): string {
  if (!s) return "";
  return s.length <= 8 ? "••••" : `••••${s.slice(-4)}`;
}

/** A webhook URL with everything after the host masked: the token in its path or query is the credential. */
export function maskUrl(url: string): string {
  const m = /^(https?:\/\/[^/?#]+)(.*)$/.exec(url);
  if (!m) return maskSecret(url);
  return m[2] ? `${m[1]}/${maskSecret(m[2])}` : m[1];
}

/** A channel as the sidebar may see it: every credential masked. */
export interface MaskedChannel {
  readonly id: string;
  readonly kind: ChannelKind;
  readonly name: string;
  readonly url: string;
  readonly secret: string;
  readonly format?: "text" | "markdown";
  readonly method?: string;
  readonly contentType?: string;
  /** Header names with masked values. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly bodyTemplate?: string;
  readonly maxChars?: number;
}

export function maskChannel(c: Channel): MaskedChannel {
  if (c.kind === "sms")
    return {
      id: c.id,
      kind: c.kind,
      name: c.name,
      url: maskUrl(c.url),
      secret: "",
      method: c.method,
      contentType: c.contentType,
      headers: Object.fromEntries(Object.entries(c.headers).map(([k, v]) => [k, maskSecret(v)])),
      bodyTemplate: c.bodyTemplate,
      maxChars: c.maxChars,
    };
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    url: maskUrl(c.url),
    secret: maskSecret(c.secret),
    format: c.format,
  };
}

/**
 * The channel a form saves: fields sent empty (or still masked, "••••…") keep the stored value, so a
 * manager can rename a robot without ever seeing or retyping its secret.
 */
export function mergeChannelInput(
  input: Record<string, unknown>,
  stored: Channel | undefined,
): Record<string, unknown> {
  if (!stored || stored.kind !== input.kind) return input;
  const kept = (v: unknown) => v === undefined || v === "" || String(v).includes("••••");
  const out: Record<string, unknown> = { ...input };
  if (kept(input.url)) out.url = stored.url;
  if (stored.kind !== "sms" && kept(input.secret)) out.secret = stored.secret;
  if (stored.kind === "sms") {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((input.headers ?? {}) as Record<string, unknown>))
      headers[k] = kept(v) && stored.headers[k] !== undefined ? stored.headers[k] : String(v);
    out.headers = headers;
  }
  return out;
}
