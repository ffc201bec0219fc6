import type { ColumnCategory, ColumnSpec, ColumnType, EnumOption, Localized } from "./types";

/** Compact column constructor: keeps the schema tables readable. */
export function col(
  key: string,
  en: string,
  zh: string,
  type: ColumnType,
  category: ColumnCategory,
  extra: Partial<Omit<ColumnSpec, "key" | "header" | "type" | "category">> = {},
): ColumnSpec {
  return {
    key,
    header: { en, "zh-CN": zh },
    aliases: extra.aliases ?? [],
    type,
    required: extra.required ?? false,
    unique: extra.unique ?? false,
    category,
    owned: extra.owned ?? false,
    ...(extra.options ? { options: extra.options } : {}),
    ...(extra.sensitive ? { sensitive: true } : {}),
    ...(extra.min !== undefined ? { min: extra.min } : {}),
    ...(extra.max !== undefined ? { max: extra.max } : {}),
    ...(extra.width !== undefined ? { width: extra.width } : {}),
  };
}

/** Compact enum option constructor. */
export function opt(key: string, en: string, zh: string, ...aliases: string[]): EnumOption {
  const label: Localized = { en, "zh-CN": zh };
  return aliases.length ? { key, label, aliases } : { key, label };
}
