import { mapHeaders } from "../../schema/headers";
import type { ColumnSpec, ColumnType, SheetSpec } from "../../schema/types";

/** A column a fix may write: a user-editable schema column, or a custom column with a declared type. */
export interface FixTarget {
  /** 0-based column index. */
  readonly index: number;
  readonly key: string;
  readonly type: ColumnType;
  readonly column?: ColumnSpec;
}

/**
 * The columns of a table that fixes may write, left to right: schema columns the sheet has, except the
 * add-on's own (owned) ones, and custom columns the user declared a type for.
 */
export function fixTargets(
  spec: SheetSpec,
  headerRow: readonly unknown[],
  customColumnTypes?: Readonly<Record<string, ColumnType>>,
): FixTarget[] {
  const map = mapHeaders(spec, headerRow);
  const targets: FixTarget[] = spec.columns
    .filter((c) => map.index.has(c.key) && !c.owned)
    .map((c) => ({ index: map.index.get(c.key)!, key: c.key, type: c.type, column: c }));
  for (const custom of map.custom) {
    const type = customColumnTypes?.[custom.header.trim()];
    if (type) targets.push({ index: custom.index, key: custom.header, type });
  }
  return targets.sort((x, y) => x.index - y.index);
}
