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

/** UTF-8 bytes of a string (surrogate pairs joined; lone surrogates become U+FFFD). */
export function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    let cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function base64(bytes: readonly number[]): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += b === undefined ? "=" : B64[(n >> 6) & 63];
    out += c === undefined ? "=" : B64[n & 63];
  }
  return out;
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
  let chunk: number[] = [];
  for (const ch of clean) {
    const b = utf8Bytes(ch);
    // 45 bytes → 60 base64 characters + 12 of framing stays under 75.
    if (chunk.length + b.length > 45) {
      words.push(`=?UTF-8?B?${base64(chunk)}?=`);
      chunk = [];
    }
    chunk.push(...b);
  }
  if (chunk.length) words.push(`=?UTF-8?B?${base64(chunk)}?=`);
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
  return (base64(utf8Bytes(text.replace(/\r?\n/g, "\r\n"))).match(/.{1,76}/g) ?? []).join("\r\n");
}

/**
 * The .eml text of a mail with a plain-text and an HTML alternative. The boundary is derived from the content
 * (so the output is deterministic) and cannot occur in base64 bodies, which never contain "=_".
 */
export function toEml(m: EmlInput): string {
  const boundary = `=_sheetcrm_${base64(utf8Bytes(m.subject + m.to))
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
