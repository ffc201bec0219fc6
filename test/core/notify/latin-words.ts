/** The entities escapeHtml writes, and the non-breaking space of empty bars. */
const ENTITIES: Readonly<Record<string, string>> = {
  lt: "<",
  gt: ">",
  quot: '"',
  amp: "&",
  "#39": "'",
  nbsp: " ",
};

/**
 * What is left of a mail or sheet text once markup, the data it shows and the words every language keeps
 * (the product's name, ABC, VIP) are taken out: in a zh-CN mail, no Latin word may remain.
 */
export function latinWords(text: string, data: readonly string[] = []): string[] {
  let t = text
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<style[^>]*>[\s\S]*?<\/style>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&(lt|gt|quot|amp|#39|nbsp);/g, (_, e: string) => ENTITIES[e])
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, " ");
  // Longest first; single characters (an ABC class "C") are no word and must not cut "Sheet CRM" apart.
  for (const d of [...data].sort((a, b) => b.length - a.length)) if (d.length > 1) t = t.split(d).join(" ");
  t = t.replace(/Sheet CRM|\bABC\b|\bVIP\b/g, " ");
  return t.match(/[A-Za-z]{2,}/g) ?? [];
}
