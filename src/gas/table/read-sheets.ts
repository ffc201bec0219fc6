import { CUSTOMERS, SHEETS } from "../../core/schema/sheets";
import { customerIdSet, type ValidateOptions } from "../../core/table/validate/validate-table";
import type { Lang } from "../../core/schema/types";
import type { FixOptions } from "../../core/table/fix/propose-tidy";
import { readTable, type TableSnapshot } from "../platform/sheet-table";
import { customColumnTypes, teamTableSettings } from "./settings";

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

/**
 * How validation and safe fixes read a table's cells: in the user's language, under the tab's own name, in
 * the spreadsheet's zone (`timeZone`, read once per run), with the types the user gave their own columns.
 */
function teamLists(): Pick<ValidateOptions, "valueLists" | "owners"> {
  const team = teamTableSettings();
  return { valueLists: team.lists, owners: team.owners };
}

export function readOptions(
  table: TableSnapshot,
  lang: Lang,
  timeZone: string,
): FixOptions & Pick<ValidateOptions, "valueLists" | "owners"> {
  return {
    lang,
    sheetName: table.sheet.getName(),
    timeZone,
    customColumnTypes: customColumnTypes(table.spec.key),
    // The team's dropdown lists and members' names (settings): validation judges cells by them.
    ...teamLists(),
  };
}
