import type { Book } from "../book";
import { enumReader } from "../book/cells";
import { mapHeaders } from "../schema/headers";
import { CUSTOMERS } from "../schema/sheets";

/** The Customers column whose "yes" lets a welcome mail go out. */
export const CONSENT_COLUMN = "MarketingConsent";

/**
 * The CustomerIDs whose MarketingConsent cell says yes (Yes, 是, 同意, a ticked checkbox…), read from the
 * same Customers cells `book` was built from (data row i is sheet row i + 2). Consent is opt-in: a blank or
 * unreadable cell, a "no", or a sheet without the column consents to nothing.
 */
export function consentedCustomers(
  book: Book,
  headers: readonly unknown[],
  rows: readonly (readonly unknown[])[],
): ReadonlySet<string> {
  const out = new Set<string>();
  const at = mapHeaders(CUSTOMERS, headers).index.get(CONSENT_COLUMN);
  if (at === undefined) return out;
  const read = enumReader(CUSTOMERS.columns.find((c) => c.key === CONSENT_COLUMN));
  const { customers } = book;
  for (let c = 0; c < customers.known; c++) {
    const row = rows[customers.row[c] - 2];
    if (row && read(row[at]).key === "yes") out.add(customers.ids[c]);
  }
  return out;
}
