import { base64Encode, utf8Encode } from "../trust/bytes";

/** A sent mail as an RFC 5322 message: multipart/alternative, UTF-8, base64 bodies, RFC 2047 subject. */
export interface EmlInput {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly date: Date;
  /** Display name of the sender, if any. */
  readonly name?: string;
  readonly replyTo?: string;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

/**
 * A header value: ASCII text as is, anything else as RFC 2047 encoded words ("=?UTF-8?B?...?="), split on
 * whole characters so no word exceeds 75 characters. CR, LF and controls never reach the header.
 */
export function encodeHeader(value: string): string {
  const clean = value.replace(CONTROL, " ");
  if (/^[\x20-\x7e]*$/.test(clean)) return clean;
  const words: string[] = [];
  let chunk = "";
  // Whole characters per word: 45 bytes make 60 base64 characters, plus 12 of framing, under 75.
  for (const ch of clean) {
    if (chunk && utf8Encode(chunk + ch).length > 45) {
      words.push(`=?UTF-8?B?${base64Encode(utf8Encode(chunk))}?=`);
      chunk = "";
    }
    chunk += ch;
  }
  if (chunk) words.push(`=?UTF-8?B?${base64Encode(utf8Encode(chunk))}?=`);
  return words.join("\r\n ");
}

function address(email: string, name?: string): string {
  const addr = email.replace(CONTROL, "").replace(/[<>\s]/g, "");
  if (!name) return addr;
  const display = name.replace(CONTROL, " ");
  const shown = /^[\x20-\x7e]*$/.test(display)
    ? `"${display.replace(/["\\]/g, "\\$&")}"`
    : encodeHeader(display);
  return `${shown} <${addr}>`;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** RFC 5322 date in UTC ("Mon, 23 Nov 2026 08:00:00 +0000"). */
export function rfc5322Date(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return (
    `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`
  );
}

function body64(text: string): string {
  return (base64Encode(utf8Encode(text.replace(/\r?\n/g, "\r\n"))).match(/.{1,76}/g) ?? []).join("\r\n");
}

/**
 * The .eml text of a mail with a plain-text and an HTML alternative. The boundary is derived from the content
 * (so the output is deterministic) and cannot occur in base64 bodies, which never contain "=_".
 */
export function toEml(m: EmlInput): string {
  const boundary = `=_sheetcrm_${base64Encode(utf8Encode(m.subject + m.to))
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(0, 16)}`;
  const headers = [
    `From: ${address(m.from, m.name)}`,
    `To: ${address(m.to)}`,
    ...(m.replyTo ? [`Reply-To: ${address(m.replyTo)}`] : []),
    `Subject: ${encodeHeader(m.subject)}`,
    `Date: ${rfc5322Date(m.date)}`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  const part = (type: string, content: string) =>
    [
      `--${boundary}`,
      `Content-Type: ${type}; charset=UTF-8`,
      "Content-Transfer-Encoding: base64",
      "",
      body64(content),
    ].join("\r\n");
  return [
    ...headers,
    "",
    "This is a multi-part message in MIME format.",
    part("text/plain", m.text),
    part("text/html", m.html),
    `--${boundary}--`,
    "",
  ].join("\r\n");
}
