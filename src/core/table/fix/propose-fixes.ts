import { mapHeaders } from "../../schema/headers";
import type { ColumnSpec, ColumnType, Lang, SheetSpec } from "../../schema/types";
import { a1 } from "../a1";
import { isBlank } from "../parse";
import { displayValue, readCell, readEnum, sameValue } from "../validate/read-cell";
import { isEmptyRow } from "../validate/validate-table";

/** Which safe rewrite a fix applies. */
export type FixRule = "trim" | "date" | "phone" | "email" | "number" | "boolean" | "enum-label";

/** One proposed cell change. `before` is the value read; `after` what would be written. */
export interface FixChange {
  readonly sheet: string;
  readonly a1: string;
  /** 1-based sheet row and 0-based column index. */
  readonly row: number;
  readonly columnIndex: number;
  readonly key: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly rule: FixRule;
}

export interface FixOptions {
  readonly lang: Lang;
  readonly sheetName?: string;
  readonly timeZone?: string;
  readonly customColumnTypes?: Readonly<Record<string, ColumnType>>;
}

const RULE_BY_TYPE: Readonly<Record<ColumnType, FixRule>> = {
  id: "trim",
  text: "trim",
  enum: "enum-label",
  email: "email",
  phone: "phone",
  date: "date",
  datetime: "date",
  integer: "number",
  number: "number",
  currency: "number",
  percent: "number",
  boolean: "boolean",
};

/** The language a header cell is written in (Chinese if it has any CJK character): enum labels follow it. */
export function headerLanguage(header: unknown): Lang {
  return /[\u4e00-\u9fff]/.test(String(header)) ? "zh-CN" : "en";
}

/**
 * The safe value of one cell of a column, or undefined when it should stay as it is: cells that cannot be
 * read are left for the user (they show up in validation instead); cells already canonical are left.
 * Canonical forms: trimmed text, ISO dates (`2025-03-01`, datetimes `2025-03-01 10:30:00`), E.164 phones,
 * lower-case e-mails, numbers for numeric text ("¥50,000" → 50000), true/false, and enum labels in the
 * language of the column's header.
 */
export function safeValue(
  type: ColumnType,
  column: ColumnSpec | undefined,
  header: unknown,
  value: unknown,
  options: { readonly lang: Lang; readonly timeZone?: string },
): unknown {
  if (isBlank(value)) return typeof value === "string" && value !== "" ? "" : undefined;
  let after: unknown;
  if (type === "enum" && column) {
    const option = readEnum(column, value);
    if (!option) return undefined;
    after = option.label[headerLanguage(header)];
  } else {
    const reading = readCell(type, value, options);
    if (!reading.ok) return undefined;
    after = reading.value;
  }
  return sameValue(after, value) ? undefined : after;
}

/**
 * Proposes every safe rewrite of a table (see {@link safeValue}), row-major. Only columns of the schema
 * and custom columns with a declared type are touched; blank rows and unreadable cells are left alone.
 * Pure: applying the changes is the caller's job, after showing them.
 */
export function proposeFixes(
  spec: SheetSpec,
  headerRow: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: FixOptions,
): FixChange[] {
  const sheet = options.sheetName ?? spec.name[options.lang];
  const map = mapHeaders(spec, headerRow);
  const targets: { index: number; key: string; type: ColumnType; column?: ColumnSpec }[] = spec.columns
    .filter((c) => map.index.has(c.key) && !c.owned)
    .map((c) => ({ index: map.index.get(c.key)!, key: c.key, type: c.type, column: c }));
  for (const custom of map.custom) {
    const type = options.customColumnTypes?.[custom.header.trim()];
    if (type) targets.push({ index: custom.index, key: custom.header, type });
  }
  targets.sort((x, y) => x.index - y.index);
  const changes: FixChange[] = [];
  rows.forEach((row, r) => {
    if (isEmptyRow(row)) return;
    for (const t of targets) {
      const after = safeValue(t.type, t.column, headerRow[t.index], row[t.index], options);
      if (after === undefined) continue;
      changes.push({
        sheet,
        a1: a1(r + 2, t.index),
        row: r + 2,
        columnIndex: t.index,
        key: t.key,
        before: row[t.index],
        after,
        rule:
          typeof row[t.index] === "string" && after === String(row[t.index]).trim()
            ? "trim"
            : RULE_BY_TYPE[t.type],
      });
    }
  });
  return changes;
}

/** A change as a line of the preview: `Customers!D2: " 138 1234 5678" → "+8613812345678" (phone)`. */
export function describeFix(change: FixChange): string {
  return `${change.sheet}!${change.a1}: "${displayValue(change.before)}" → "${displayValue(change.after)}" (${change.rule})`;
}

/**
 * A short fingerprint of a proposal (32-bit FNV-1a over each change's address and before/after text, in
 * hex). Preview hands it out; apply recomputes it from a fresh read and refuses to write if it differs,
 * so a change made by someone in between is never overwritten.
 */
export function fixFingerprint(changes: readonly FixChange[]): string {
  let h = 0x811c9dc5;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  };
  for (const c of changes)
    feed(`${c.sheet}!${c.a1}\u0000${displayValue(c.before)}\u0000${displayValue(c.after)}\u0001`);
  return `${changes.length}-${h.toString(16).padStart(8, "0")}`;
}
