/**
 * A team's own dropdown lists (customer types, statuses, regions…): kept as a setting, passed into
 * validation and into the Sheets dropdowns. A column without a list of the team's uses the built-in options
 * (either language, every alias). A column with one accepts exactly its values (compared as headers are:
 * case, width and spaces folded); values already in the sheet that the list no longer holds are reported by
 * validation and never erased.
 */
import type { Checked } from "../../checked";
import { normalizeLabel } from "../../schema/headers";
import { SHEETS } from "../../schema/sheets";
import type { ColumnSpec, EnumOption, Lang, SheetKey, SheetSpec } from "../../schema/types";

/** One value of a team's list: the text people pick, and the built-in option it means, if any. */
export interface ListValue {
  /** As shown in the dropdown and written in cells. */
  readonly value: string;
  /**
   * The built-in option key it stands for ("following_up", "vip"…), so reminders and reports still
   * understand a renamed value; absent for a value of the team's own.
   */
  readonly key?: string;
}

/** "Customers.Status" → the team's list for that column. Columns not named use the built-in options. */
export type ValueLists = Readonly<Record<string, readonly ListValue[]>>;

/** A column a team may keep a list for, named "Sheet.Column". */
export interface ListColumn {
  readonly id: string;
  readonly sheet: SheetKey;
  readonly column: ColumnSpec;
}

/** Text columns a team may turn into a dropdown by giving them a list. */
const LISTABLE_TEXT: readonly string[] = ["Customers.Region", "Customers.Industry", "Customers.Source"];

/**
 * Consent gates mails (yes or no, nothing else), so its list is not the team's to edit.
 * See src/core/notify/consent.ts.
 */
const FIXED: readonly string[] = ["Customers.MarketingConsent"];

/** The most values one list holds (a dropdown longer than this is no longer read by anyone). */
export const MAX_LIST_VALUES = 200;
/** The longest value in characters. */
export const MAX_VALUE_LENGTH = 100;

/** The columns whose lists a team may edit, in the order settings shows them. */
export const LIST_COLUMNS: readonly ListColumn[] = SHEETS.flatMap((spec) =>
  spec.columns
    .filter((c) => !c.owned)
    .map((c) => ({ id: `${spec.key}.${c.key}`, sheet: spec.key, column: c }))
    .filter((l) => (l.column.type === "enum" && !FIXED.includes(l.id)) || LISTABLE_TEXT.includes(l.id)),
);

/** The id of a sheet's column in a {@link ValueLists}. */
export function listId(sheet: SheetKey, columnKey: string): string {
  return `${sheet}.${columnKey}`;
}

/**
 * The list a column has when the team kept none, as the settings form starts it: the built-in labels in
 * `lang`, each carrying its key; empty for a text column.
 */
export function builtInList(column: ColumnSpec, lang: Lang): ListValue[] {
  return (column.options ?? []).map((o) => ({ value: o.label[lang], key: o.key }));
}

/** A list's values as enum options: a value of the team's own gets a key of its own text. */
function optionsOf(list: readonly ListValue[]): EnumOption[] {
  return list.map((v) => ({
    key: v.key ?? `custom:${v.value}`,
    label: { en: v.value, "zh-CN": v.value },
  }));
}

/**
 * A sheet's spec as the team's lists make it: every listed column an enum whose options are the list's
 * values (a listable text column becomes an enum when it has a list); other columns as they are. Returns
 * `spec` itself when no list applies, so callers may compare by identity.
 */
export function applyValueLists(spec: SheetSpec, lists: ValueLists | undefined): SheetSpec {
  if (!lists) return spec;
  let changed = false;
  const columns = spec.columns.map((c) => {
    const id = listId(spec.key, c.key);
    const list = lists[id];
    if (!list || !LIST_COLUMNS.some((l) => l.id === id)) return c;
    changed = true;
    return { ...c, type: "enum" as const, options: optionsOf(list) };
  });
  return changed ? { ...spec, columns } : spec;
}

/** One problem in submitted lists: which list (and value) and what is wrong, in the user's language. */
export interface ListProblem {
  readonly field: string;
  readonly message: string;
}

const MESSAGES = {
  notObject: { en: "Lists must be an object of column → values.", "zh-CN": "列表格式应为“列 → 值列表”。" },
  unknownColumn: {
    en: "{field} is not a column whose list can be edited.",
    "zh-CN": "“{field}”不是可编辑列表的列。",
  },
  notList: { en: "{field} must be a list of values.", "zh-CN": "“{field}”必须是值的列表。" },
  empty: { en: "{field}: a list needs at least one value.", "zh-CN": "“{field}”：列表至少需要一个值。" },
  tooMany: {
    en: "{field}: at most {max} values.",
    "zh-CN": "“{field}”：最多 {max} 个值。",
  },
  blank: { en: "{field}: a value is blank.", "zh-CN": "“{field}”：有空白的值。" },
  tooLong: {
    en: "{field}: “{value}” is longer than {max} characters.",
    "zh-CN": "“{field}”：“{value}”超过 {max} 个字符。",
  },
  twice: {
    en: "{field}: “{value}” is listed twice.",
    "zh-CN": "“{field}”：“{value}”重复了。",
  },
  badKey: {
    en: "{field}: “{value}” stands for an unknown option “{key}”.",
    "zh-CN": "“{field}”：“{value}”对应的选项“{key}”不存在。",
  },
} as const;

function say(key: keyof typeof MESSAGES, lang: Lang, slots: Readonly<Record<string, string | number>>) {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in slots ? String(slots[k]) : m));
}

/**
 * Checks lists as a settings form sends them: `{ "Customers.Status": [{ value, key? }, …] }` (a value may
 * also be a bare string). Values are trimmed; a list must hold 1 to {@link MAX_LIST_VALUES} distinct values
 * (compared as cells are matched) of at most {@link MAX_VALUE_LENGTH} characters; a key must name one of
 * the column's built-in options. Every problem is reported, with messages in `lang`; nothing is accepted
 * unless all is well. A column left out keeps the built-in options.
 */
export function validateValueLists(raw: unknown, lang: Lang = "en"): Checked<ValueLists, ListProblem> {
  const problems: ListProblem[] = [];
  const add = (field: string, key: keyof typeof MESSAGES, slots: Record<string, string | number> = {}) =>
    problems.push({ field, message: say(key, lang, { field, ...slots }) });
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    add("", "notObject");
    return { ok: false, problems };
  }
  const out: Record<string, ListValue[]> = {};
  for (const [field, values] of Object.entries(raw as Record<string, unknown>)) {
    const target = LIST_COLUMNS.find((l) => l.id === field);
    if (!target) {
      add(field, "unknownColumn");
      continue;
    }
    if (!Array.isArray(values)) {
      add(field, "notList");
      continue;
    }
    if (values.length === 0) add(field, "empty");
    if (values.length > MAX_LIST_VALUES) add(field, "tooMany", { max: MAX_LIST_VALUES });
    const seen = new Set<string>();
    const list: ListValue[] = [];
    for (const v of values.slice(0, MAX_LIST_VALUES)) {
      const o = (typeof v === "object" && v !== null ? v : { value: v }) as {
        value?: unknown;
        key?: unknown;
      };
      const value = typeof o.value === "string" ? o.value.replace(/\s+/g, " ").trim() : "";
      if (!value) {
        add(field, "blank");
        continue;
      }
      if (value.length > MAX_VALUE_LENGTH) {
        add(field, "tooLong", { value: `${value.slice(0, 20)}…`, max: MAX_VALUE_LENGTH });
        continue;
      }
      const folded = normalizeLabel(value);
      if (seen.has(folded)) {
        add(field, "twice", { value });
        continue;
      }
      seen.add(folded);
      const key = o.key === undefined || o.key === null || o.key === "" ? undefined : String(o.key);
      if (key !== undefined && !(target.column.options ?? []).some((opt) => opt.key === key)) {
        add(field, "badKey", { value, key });
        continue;
      }
      list.push(key === undefined ? { value } : { value, key });
    }
    out[field] = list;
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: out };
}

/**
 * Stored lists read back fail-closed: a list that no longer validates (hand-edited, or a column gone) is
 * dropped, so its column falls back to the built-in options rather than rejecting every cell.
 */
export function readValueLists(stored: unknown): ValueLists {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return {};
  const out: Record<string, readonly ListValue[]> = {};
  for (const [field, values] of Object.entries(stored as Record<string, unknown>)) {
    const one = validateValueLists({ [field]: values });
    if (one.ok) out[field] = one.value[field];
  }
  return out;
}
