import type { ColumnType, SheetKey } from "../../core/schema/types";
import { requirePermission } from "../platform/guard";
import { getDocumentJson, setDocumentJson } from "../platform/properties";

const KEY = "tableCustomColumns";
const TYPES: readonly ColumnType[] = [
  "id",
  "text",
  "enum",
  "email",
  "phone",
  "date",
  "datetime",
  "integer",
  "number",
  "currency",
  "percent",
  "boolean",
];

type Stored = Partial<Record<SheetKey, Record<string, ColumnType>>>;

/** Types the user declared for their own columns of a sheet, by header text. */
export function customColumnTypes(sheet: SheetKey): Readonly<Record<string, ColumnType>> {
  return getDocumentJson<Stored>(KEY, {})[sheet] ?? {};
}

export function getCustomColumnTypes(sheet: SheetKey): Readonly<Record<string, ColumnType>> {
  requirePermission("view");
  return customColumnTypes(sheet);
}

/** Declares (replaces) the types of a sheet's own columns; "text" or unknown types are not stored. */
export function setCustomColumnTypes(sheet: SheetKey, types: Readonly<Record<string, ColumnType>>): void {
  requirePermission("manage-settings");
  const clean: Record<string, ColumnType> = {};
  for (const [header, type] of Object.entries(types)) {
    if (!TYPES.includes(type)) throw new Error(`Unknown column type "${type}" for column "${header}".`);
    if (type !== "text" && header.trim()) clean[header.trim()] = type;
  }
  setDocumentJson(KEY, { ...getDocumentJson<Stored>(KEY, {}), [sheet]: clean });
}
