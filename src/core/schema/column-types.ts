import type { ColumnType } from "./types";

/**
 * A type read from what is typed: a cell that cannot be read as its type is a problem named by the type
 * (the problem rules "date", "phone", …: core/table/validate/messages.ts).
 */
export type ReadType = Exclude<ColumnType, "id" | "text">;

/** Types whose cells hold the reading (a number, a date, true/false), not the text typed. */
export const STORED_AS_READ_TYPES: readonly ReadType[] = [
  "date",
  "datetime",
  "integer",
  "number",
  "currency",
  "percent",
  "boolean",
];

/** Every type read from what is typed. */
export const READ_TYPES: readonly ReadType[] = ["enum", "email", "owner", "phone", ...STORED_AS_READ_TYPES];

/** Every column type, in the order ColumnType declares them. */
export const COLUMN_TYPES: readonly ColumnType[] = ["id", "text", ...READ_TYPES];
