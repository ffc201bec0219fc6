import { CUSTOMERS, SHEETS } from "../../core/schema/sheets";
import { customerIdSet } from "../../core/table/validate/validate-table";
import { readTable, type TableSnapshot } from "../platform/sheet-table";

/** Every canonical sheet that exists, each read in one batch, plus the customer IDs they may point at. */
export function readAllTables(): { tables: TableSnapshot[]; customerIds: ReadonlySet<string> | undefined } {
  const tables = SHEETS.map((spec) => readTable(spec)).filter((t): t is TableSnapshot => t !== null);
  const customers = tables.find((t) => t.spec.key === "Customers");
  const customerIds = customers ? customerIdSet(CUSTOMERS, customers.headers, customers.rows) : undefined;
  return { tables, customerIds };
}

/** The customer IDs of the Customers sheet (one read), or undefined when there is no such sheet. */
export function readCustomerIds(): ReadonlySet<string> | undefined {
  const customers = readTable(CUSTOMERS);
  return customers ? customerIdSet(CUSTOMERS, customers.headers, customers.rows) : undefined;
}
