import type { ChatKind } from "./types";
import { utf8Length } from "../../table/import/utf8-size";

/**
 * Customer data inside chat messages must stay plain text: no mention (<@userid> in WeCom, <at> in Feishu,
 * <!channel> / <@U…> in Slack, @mobile in DingTalk), no link, no formatting. Slack documents its own
 * escaping (& < > as entities: https://api.slack.com/reference/surfaces/formatting#escaping); WeCom,
 * DingTalk and Feishu document none, so the characters their syntaxes start with are replaced by their
 * full-width look-alikes, which every platform shows as text and Chinese readers read as the same sign.
 */
const FULL_WIDTH: Readonly<Record<string, string>> = {
  "<": "＜",
  ">": "＞",
  "@": "＠",
  "[": "［",
  "]": "］",
  "*": "＊",
  _: "＿",
  "`": "｀",
  "#": "＃",
  "~": "～",
  "|": "｜",
};

/** Control characters but line feeds and tabs, and the Unicode line/paragraph separators, become spaces. */
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    " ",
  );
}

/** `text` (customer data) safe inside a message of `kind`: shown as written, never interpreted. */
export function escapeFor(kind: ChatKind | "sms", text: unknown): string {
  const s = plain(String(text ?? ""));
  if (kind === "slack") return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  if (kind === "sms") return s;
  return s.replace(/[<>@[\]*_`#~|]/g, (c) => FULL_WIDTH[c]);
}

/** The UTF-8 length of `s` in bytes (the unit the robots' size limits are stated in). */
export const utf8Bytes = utf8Length;

/**
 * `lines` joined by line feeds when they fit in `max` (by `measure`); else the first whole lines that fit
 * followed by "…(+N)" naming how many lines were left out (a first line too long on its own is cut).
 */
export function fitLines(
  lines: readonly string[],
  max: number,
  measure: (s: string) => number = utf8Bytes,
): string {
  const all = lines.join("\n");
  if (measure(all) <= max) return all;
  const out: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const cost = measure(lines[i]) + (out.length ? 1 : 0);
    const markerAfter = 1 + measure(`…(+${lines.length - i - 1})`);
    if (used + cost + markerAfter > max) {
      const tail = `…(+${lines.length - i})`;
      if (!out.length) return `${cutTo(lines[0], max - measure(tail) - 1, measure)}\n${tail}`;
      return `${out.join("\n")}\n${tail}`;
    }
    out.push(lines[i]);
    used += cost;
  }
  return out.join("\n");
}

/** The longest prefix of `s` (whole code points) within `max` by `measure`. */
export function cutTo(s: string, max: number, measure: (s: string) => number = utf8Bytes): string {
  let out = "";
  for (const ch of s) {
    if (measure(out + ch) > max) break;
    out += ch;
  }
  return out;
}
