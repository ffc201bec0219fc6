import type { ChannelRequest, SmsChannel } from "./types";

/** The merge fields an SMS gateway template may use. */
export const SMS_FIELDS = ["Phone", "Text", "Title"] as const;
export type SmsField = (typeof SMS_FIELDS)[number];

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** The merge fields `template` names that are not known (empty when all are). */
export function unknownSmsFields(template: string): string[] {
  const out: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER))
    if (!(SMS_FIELDS as readonly string[]).includes(m[1]) && !out.includes(m[1])) out.push(m[1]);
  return out;
}

/** A value inside a JSON string literal: the template writes the quotes, the value cannot close them. */
function jsonInside(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** Fills `template`, each value encoded by `encode`; an unknown field is an error (never left as text). */
export function fillTemplate(
  template: string,
  values: Readonly<Record<SmsField, string>>,
  encode: (v: string) => string,
): string {
  const unknown = unknownSmsFields(template);
  if (unknown.length) throw new Error(`Unknown merge field: {{${unknown[0]}}}`);
  return template.replace(PLACEHOLDER, (_, k: SmsField) => encode(values[k] ?? ""));
}

/**
 * The gateway request for one SMS: the URL's fields URL-encoded, the body's encoded for its content type
 * (JSON string escapes or form encoding), so a customer's name with quotes, ampersands or line breaks can
 * never add a field or change the recipient. A JSON body that does not parse is refused.
 */
export function renderSmsRequest(
  channel: SmsChannel,
  values: Readonly<Record<SmsField, string>>,
): ChannelRequest {
  const url = fillTemplate(channel.url, values, encodeURIComponent);
  const json = channel.contentType === "application/json";
  const payload = channel.bodyTemplate
    ? fillTemplate(channel.bodyTemplate, values, json ? jsonInside : encodeURIComponent)
    : "";
  if (json && payload) JSON.parse(payload);
  return {
    url,
    method: channel.method,
    contentType: channel.contentType,
    headers: { ...channel.headers },
    payload,
  };
}
