/**
 * Customers for files that come without a customers file: the offline tools (demo, classify CLI) list the
 * customers that orders, interactions or feedback name, as someone starting a Customers tab would.
 */
import { mapHeaders } from "../core/schema/headers";
import { CUSTOMERS } from "../core/schema/sheets";
import type { Lang, SheetSpec } from "../core/schema/types";

/** The distinct, trimmed CustomerIDs that `rows` name, in order of first appearance (none without the column). */
export function namedCustomerIds(
  spec: SheetSpec,
  headers: readonly unknown[],
  rows: readonly (readonly unknown[])[],
): string[] {
  const at = mapHeaders(spec, headers).index.get("CustomerID");
  const ids = new Set<string>();
  if (at !== undefined)
    for (const row of rows) {
      const id = String(row[at] ?? "").trim();
      if (id) ids.add(id);
    }
  return [...ids];
}

/** A Customers grid: the CustomerID header in `lang`, then one row per ID. */
export function customersGrid(ids: readonly string[], lang: Lang): unknown[][] {
  const header = CUSTOMERS.columns.find((c) => c.key === "CustomerID")!.header[lang];
  return [[header], ...ids.map((id) => [id])];
}
