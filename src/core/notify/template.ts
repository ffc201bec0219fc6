import { escapeHtml } from "./escape";

/** Values for {{Placeholder}} names; lookups ignore case and spaces. */
export type TemplateValues = Readonly<Record<string, string>>;

/**
 * {{Name}} or {{Name|default}}: the braces found by a pattern with no nested choices (linear time on any
 * line), the name and default split in code. A pattern doing both backtracked cubically on "{{" + spaces.
 */
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

function fold(name: string): string {
  return name.replace(/\s+/g, "").toLowerCase();
}

/** A piece of one line: literal text, or a placeholder with its default. */
type Piece =
  { readonly text: string } | { readonly name: string; readonly fallback?: string; readonly whole: string };

/** What stands between the braces: the name and the default ("" when none), trimmed. */
function placeholderOf(inner: string): { readonly name: string; readonly fallback: string } {
  const bar = inner.indexOf("|");
  return bar < 0
    ? { name: inner.trim(), fallback: "" }
    : { name: inner.slice(0, bar).trim(), fallback: inner.slice(bar + 1).trim() };
}

function piecesOf(line: string): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  for (const m of line.matchAll(PLACEHOLDER)) {
    const { name, fallback } = placeholderOf(m[1]);
    if (name === "") continue; // "{{}}" or "{{|x}}" names nothing: literal text
    if (m.index! > last) out.push({ text: line.slice(last, m.index) });
    out.push({ name, whole: m[0], ...(fallback !== "" ? { fallback } : {}) });
    last = m.index! + m[0].length;
  }
  if (last < line.length) out.push({ text: line.slice(last) });
  return out;
}

/**
 * Where a sentence ends inside literal text: after . ! ? followed by a space (so "e.g.5" or an address in
 * the template stays whole), or after the full-width 。！？ wherever they stand; closing quotes and
 * brackets go with the sentence, the following spaces too.
 */
const SENTENCE_END = /(?:[.!?]+["'”’)\]]*(?:\s+|$)|[。！？]+[」』”’）)]*\s*)/g;

/** Splits one line's pieces into sentences (a placeholder never ends one). */
function sentencesOf(pieces: readonly Piece[]): Piece[][] {
  const sentences: Piece[][] = [];
  let current: Piece[] = [];
  for (const p of pieces) {
    if (!("text" in p)) {
      current.push(p);
      continue;
    }
    let last = 0;
    for (const m of p.text.matchAll(SENTENCE_END)) {
      const end = m.index! + m[0].length;
      if (end === last) continue;
      current.push({ text: p.text.slice(last, end) });
      sentences.push(current);
      current = [];
      last = end;
    }
    if (last < p.text.length) current.push({ text: p.text.slice(last) });
  }
  if (current.length) sentences.push(current);
  return sentences;
}

/**
 * Fills {{Name}}-style placeholders so that a mail never shows an empty one: a placeholder whose value is
 * blank takes its default when written {{Name|default}}, and otherwise its whole sentence is left out (a
 * line left with nothing goes too, and blank lines never pile up). "Your contact is {{Owner}}." disappears
 * for a customer without an owner instead of reading "Your contact is ." A name the values do not know
 * (settings refuse those) stays as written, so a typo shows in the preview.
 *
 * In "html" mode the values are HTML-escaped (the template itself is the user's own text and is escaped
 * too, then its line breaks become <br>), so data can never add markup.
 */
export function fillTemplate(template: string, values: TemplateValues, mode: "text" | "html"): string {
  const lookup = new Map(Object.entries(values).map(([k, v]) => [fold(k), v]));
  const esc = mode === "html" ? escapeHtml : (s: string) => s;
  const lines: string[] = [];
  for (const line of template.split(/\r?\n/)) {
    let dropped = false;
    let out = "";
    for (const sentence of sentencesOf(piecesOf(line))) {
      const parts: string[] = [];
      let keep = true;
      for (const p of sentence) {
        if ("text" in p) {
          parts.push(esc(p.text));
          continue;
        }
        const value = lookup.get(fold(p.name));
        if (value === undefined) parts.push(esc(p.whole));
        else if (value.trim()) parts.push(esc(value));
        else if (p.fallback !== undefined) parts.push(esc(p.fallback));
        else keep = false;
      }
      if (keep) out += parts.join("");
      else dropped = true;
    }
    if (dropped) {
      out = out.replace(/\s+$/, "");
      if (!out.trim()) continue;
    }
    lines.push(out);
  }
  // No run of blank lines where sentences went, none at the start or the end.
  const text = lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\n+$/g, "");
  return mode === "html" ? text.replace(/\n/g, "<br>\n") : text;
}

/** The placeholder names a template uses (without their defaults), in order of first use. */
export function placeholdersOf(template: string): string[] {
  const names: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) {
    const { name } = placeholderOf(m[1]);
    if (name !== "" && !names.includes(name)) names.push(name);
  }
  return names;
}
