import type { Lang } from "../schema/types";
import { escapeHtml } from "./escape";

/**
 * The most HTML one mail may hold, in UTF-8 bytes. Gmail clips a message body past about 102 KB and hides
 * the rest behind "[Message clipped] View entire message" (Google documents no figure; observed, e.g.
 * https://shkspr.mobi/blog/2019/05/102kb-ought-to-be-enough-for-any-email/), so every mail stays under
 * 100 KB: the digest by its 25-item cap and clipped fields, the report by its capped lists.
 */
export const MAX_MAIL_HTML_BYTES = 100 * 1024;

/** The mail's UTF-8 size in bytes (a Chinese character takes three). */
export function htmlBytes(html: string): number {
  let n = 0;
  for (const ch of html) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** `text` cut to `max` characters (code points, so no emoji is split), with "…" when cut. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join("") + "…";
}

export const FONT = "font-family:Arial,Helvetica,sans-serif;";
/** Secondary text: grey, small. */
export const MUTED = "color:#5f6368;font-size:12px;";

/**
 * A mail as one standalone HTML document that reads from a 375 px phone up: a single fluid column at most
 * 600 px wide (a fixed 600 px table only for Outlook's Word engine, which ignores max-width), inline styles
 * only, and long words (addresses, IDs) allowed to wrap so that nothing forces the page wider than the
 * screen. No scripts, images or external resources.
 */
export function mailDocument(lang: Lang, title: string, body: string): string {
  return (
    `<!DOCTYPE html>\n<html lang="${lang}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head>\n` +
    `<body style="margin:0;padding:0;background:#f6f8fa;">\n` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f6f8fa;"><tr><td align="center" style="padding:12px 6px;">\n` +
    `<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->\n` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:#ffffff;border:1px solid #e3e6ea;">` +
    `<tr><td style="padding:14px 12px;${FONT}font-size:14px;line-height:1.45;color:#202124;word-break:break-word;overflow-wrap:anywhere;">\n` +
    body +
    `\n</td></tr></table>\n<!--[if mso]></td></tr></table><![endif]-->\n</td></tr></table>\n</body></html>\n`
  );
}

/** A paragraph of escaped text with extra inline style. */
export function para(text: string, style = ""): string {
  return `<p style="margin:8px 0;${style}">${escapeHtml(text)}</p>`;
}
