import { escapeHtml } from "./escape";

/** Values for {{Placeholder}} names; lookups ignore case and spaces. */
export type TemplateValues = Readonly<Record<string, string>>;

const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

function fold(name: string): string {
  return name.replace(/\s+/g, "").toLowerCase();
}

/**
 * Fills {{Name}}-style placeholders. In "html" mode the values are HTML-escaped (the template itself is the
 * user's own text and is escaped too, then its line breaks become <br>), so data can never add markup.
 * Unknown placeholders are left as written, so a typo is visible in the preview rather than silently blank.
 */
export function fillTemplate(template: string, values: TemplateValues, mode: "text" | "html"): string {
  const lookup = new Map(Object.entries(values).map(([k, v]) => [fold(k), v]));
  if (mode === "text") {
    return template.replace(PLACEHOLDER, (whole, name: string) => lookup.get(fold(name)) ?? whole);
  }
  const parts: string[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    parts.push(escapeHtml(template.slice(last, m.index)));
    const value = lookup.get(fold(m[1]));
    parts.push(escapeHtml(value ?? m[0]));
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(escapeHtml(template.slice(last)));
  return parts.join("").replace(/\r?\n/g, "<br>\n");
}

/** The placeholder names a template uses, in order of first use. */
export function placeholdersOf(template: string): string[] {
  const names: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) if (!names.includes(m[1])) names.push(m[1]);
  return names;
}
