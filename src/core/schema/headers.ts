import { SHEETS } from "./sheets";
import type { ColumnSpec, EnumOption, Lang, SheetSpec } from "./types";

/**
 * Folds a header or enum spelling to a comparison form: NFKC (full-width to half-width), lower case,
 * without spaces, underscores, hyphens, dots, colons or the "*" some users add to required columns.
 */
export function normalizeLabel(text: string): string {
  return String(text)
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_\-.:：*（）()]/g, "");
}

function columnSpellings(column: ColumnSpec): string[] {
  return [column.key, column.header.en, column.header["zh-CN"], ...column.aliases];
}

const lookupCache = new WeakMap<SheetSpec, ReadonlyMap<string, ColumnSpec>>();

/** Spelling → column for one sheet. Canonical spellings win over aliases of another column. */
function headerLookup(spec: SheetSpec): ReadonlyMap<string, ColumnSpec> {
  let map = lookupCache.get(spec);
  if (!map) {
    const built = new Map<string, ColumnSpec>();
    for (const column of spec.columns) {
      for (const s of [column.key, column.header.en, column.header["zh-CN"]])
        built.set(normalizeLabel(s), column);
    }
    for (const column of spec.columns) {
      for (const s of column.aliases) {
        const k = normalizeLabel(s);
        if (!built.has(k)) built.set(k, column);
      }
    }
    map = built;
    lookupCache.set(spec, map);
  }
  return map;
}

/** The schema column a header cell names, if any. */
export function columnForHeader(spec: SheetSpec, header: unknown): ColumnSpec | undefined {
  if (header === null || header === undefined || header === "") return undefined;
  return headerLookup(spec).get(normalizeLabel(String(header)));
}

/** How a sheet's header row maps onto a schema. Indexes are 0-based positions in the header row. */
export interface HeaderMap {
  readonly spec: SheetSpec;
  /** Column key → 0-based index of the first header naming it. */
  readonly index: ReadonlyMap<string, number>;
  /** Headers that name no schema column: the user's own columns, kept untouched. */
  readonly custom: readonly { readonly index: number; readonly header: string }[];
  /** Schema columns named by more than one header: the later ones are treated as custom. */
  readonly duplicates: readonly { readonly index: number; readonly key: string }[];
  /** Schema columns the sheet lacks. */
  readonly missing: readonly ColumnSpec[];
}

/** Maps a header row onto a schema; zh-CN, en and alias spellings are equivalent. */
export function mapHeaders(spec: SheetSpec, headerRow: readonly unknown[]): HeaderMap {
  const index = new Map<string, number>();
  const custom: { index: number; header: string }[] = [];
  const duplicates: { index: number; key: string }[] = [];
  headerRow.forEach((cell, i) => {
    const column = columnForHeader(spec, cell);
    if (!column) {
      if (cell !== "" && cell !== null && cell !== undefined) custom.push({ index: i, header: String(cell) });
    } else if (index.has(column.key)) {
      duplicates.push({ index: i, key: column.key });
      custom.push({ index: i, header: String(cell) });
    } else {
      index.set(column.key, i);
    }
  });
  const missing = spec.columns.filter((c) => !index.has(c.key));
  return { spec, index, custom, duplicates, missing };
}

/** The canonical sheet a tab name stands for (any language or alias), if any. */
export function sheetSpecForName(name: string): SheetSpec | undefined {
  const n = normalizeLabel(name);
  return SHEETS.find((s) =>
    [s.key, s.name.en, s.name["zh-CN"], ...s.aliases].some((a) => normalizeLabel(a) === n),
  );
}

/**
 * Guesses which canonical sheet a header row belongs to, for imports of unnamed files. Each sheet scores
 * the share of its required columns present plus a small bonus per other recognised column; the best score
 * wins, ties go to the earlier sheet in SHEETS. Undefined when no sheet has all its required columns.
 */
export function detectSheet(headerRow: readonly unknown[]): SheetSpec | undefined {
  let best: { spec: SheetSpec; score: number } | undefined;
  for (const spec of SHEETS) {
    const map = mapHeaders(spec, headerRow);
    const required = spec.columns.filter((c) => c.required);
    if (required.some((c) => !map.index.has(c.key))) continue;
    const score = map.index.size / spec.columns.length + required.length;
    if (!best || score > best.score) best = { spec, score };
  }
  return best?.spec;
}

/** The option an enum cell names, in either language or by alias. */
export function enumOption(column: ColumnSpec, value: unknown): EnumOption | undefined {
  if (!column.options || value === null || value === undefined || value === "") return undefined;
  const n = normalizeLabel(String(value));
  return column.options.find((o) =>
    [o.key, o.label.en, o.label["zh-CN"], ...(o.aliases ?? [])].some((s) => normalizeLabel(s) === n),
  );
}

/** The header text for a column in a language. */
export function headerText(column: ColumnSpec, lang: Lang): string {
  return column.header[lang];
}
