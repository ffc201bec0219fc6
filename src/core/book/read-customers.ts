import type { ColumnDayReader } from "../calendar";
import { ownerDirectory, readOwnerCell, type OwnerDirectory } from "../access/owner-names";
import { normalizeEmail } from "../notify/escape";
import { CUSTOMERS } from "../schema/sheets";
import { listId, type ValueLists } from "../table/validate/value-lists";
import { amountOfCell, cellText, enumReader, isBlankCell, isBlankRow, textOfCell } from "./cells";
import type { FingerprintIndex } from "./fingerprint-index";
import { columnsLike, columnsOf } from "./arena";
import { cellProblem, dateProblem, sheetColumns, type SheetColumns } from "./sheet-columns";
import type { BookProblem, CustomerTable, SheetCells } from "./types";

/** What the first pass over Customers found: where each row's customer is and which row each one takes. */
export interface CustomerRows {
  readonly columns: SheetColumns | null;
  readonly rowCustomer: Int32Array;
  /** Data row (0-based) of each known customer's first row. */
  readonly firstRow: Int32Array;
  readonly known: number;
}

/**
 * First pass: the CustomerIDs of the Customers sheet become indexes 0 … known − 1 (sheet order; a repeated
 * ID keeps its first row). A blank ID on a row with anything else in it is reported.
 */
export function indexCustomers(
  sheet: SheetCells | null,
  ids: FingerprintIndex,
  problems: BookProblem[],
): CustomerRows {
  if (!sheet) return { columns: null, rowCustomer: new Int32Array(0), firstRow: new Int32Array(0), known: 0 };
  const columns = sheetColumns(CUSTOMERS, sheet, problems);
  const idCol = columns.at("CustomerID");
  const rows = sheet.rows;
  const rowCustomer = new Int32Array(rows.length).fill(-1);
  const first: number[] = [];
  if (idCol >= 0) {
    for (let i = 0; i < rows.length; i++) {
      const id = textOfCell(rows[i][idCol]);
      if (!id) {
        if (!isBlankRow(rows[i])) problems.push(cellProblem(sheet, i, idCol, "CustomerID", "", "required"));
        continue;
      }
      const before = ids.size;
      const c = ids.id(id);
      if (c === before) first.push(i);
      rowCustomer[i] = c;
    }
  }
  return { columns, rowCustomer, firstRow: Int32Array.from(first), known: first.length };
}

/** No display names: only e-mail Owner cells name anyone. */
const NO_NAMES = ownerDirectory({});

/** The numeric customer columns, NaN where the sheet has no number. */
const MEASURES = ["age", "monetary", "opportunity", "createdAt", "lastInteraction", "lastContact"] as const;

/**
 * Second pass, once every sheet has named its customers: the Customers columns of each known customer
 * from their first row, sized for all `count` customers (unknown ones blank). `lastContact` starts as the
 * LastInteraction column; the Interactions sheet raises it later. Enum columns read through the team's
 * `lists` where it has one (a value → the built-in option it means). CreatedAt and LastInteraction are
 * each read in the day/month order their texts prove (`dates`); an unreadable date is left blank as
 * before, but one contradicting its column's order is reported ("date", reason "date-order").
 */
export function customerTable(
  found: CustomerRows,
  ids: FingerprintIndex,
  dates: (rows: SheetCells["rows"], column: number) => ColumnDayReader,
  problems: BookProblem[],
  owners: OwnerDirectory = NO_NAMES,
  lists: ValueLists = {},
): CustomerTable {
  const count = ids.size;
  const { known, firstRow, columns } = found;
  // A column the sheet lacks reads blank for everyone: one shared array of "" (read-only) for all of them.
  const blank: string[] = new Array<string>(count).fill("");
  const texts = (key: string) =>
    columns && columns.at(key) >= 0 ? new Array<string>(count).fill("") : blank;
  const numbers = columnsOf({ row: ["i32", count], ...columnsLike("f64", count, MEASURES) });
  for (const key of MEASURES) numbers[key].fill(NaN);
  const table = {
    count,
    known,
    ids: ids.names,
    indexOf: (id: string) => ids.find(id),
    rowCustomer: found.rowCustomer,
    name: texts("Name"),
    contactName: texts("ContactName"),
    email: texts("Email"),
    owner: texts("Owner"),
    ownerEmail: texts("Owner"),
    customerType: texts("CustomerType"),
    status: texts("Status"),
    gender: texts("Gender"),
    region: texts("Region"),
    industry: texts("Industry"),
    segment: texts("Segment"),
    abc: texts("ABC"),
    lifecycle: texts("Lifecycle"),
    ...numbers,
  };
  if (!columns) return table;
  const sheet = columns.sheet;
  const column = (key: string) => CUSTOMERS.columns.find((c) => c.key === key);
  const cellOf = (key: string) => {
    const at = columns.at(key);
    return (row: readonly unknown[]): unknown => (at < 0 ? "" : row[at]);
  };
  const text = (key: string, into: string[]) => {
    if (columns.at(key) < 0) return;
    const get = cellOf(key);
    for (let c = 0; c < known; c++) into[c] = textOfCell(get(sheet.rows[firstRow[c]]));
  };
  const enumKey = (key: string, into: string[]) => {
    if (columns.at(key) < 0) return;
    const get = cellOf(key);
    const read = enumReader(column(key), lists[listId("Customers", key)]);
    for (let c = 0; c < known; c++) into[c] = read(get(sheet.rows[firstRow[c]])).key;
  };
  const number = (key: string, into: Float64Array, read: (v: unknown) => number) => {
    if (columns.at(key) < 0) return;
    const get = cellOf(key);
    for (let c = 0; c < known; c++) {
      const v = get(sheet.rows[firstRow[c]]);
      into[c] = isBlankCell(v) ? NaN : read(v);
    }
  };
  for (let c = 0; c < known; c++) table.row[c] = firstRow[c] + 2;
  text("Name", table.name);
  text("ContactName", table.contactName);
  text("Owner", table.owner);
  text("Region", table.region);
  text("Industry", table.industry);
  text("Segment", table.segment);
  text("ABC", table.abc);
  text("Lifecycle", table.lifecycle);
  enumKey("CustomerType", table.customerType);
  enumKey("Status", table.status);
  enumKey("Gender", table.gender);
  const email = cellOf("Email");
  if (columns.at("Email") >= 0)
    for (let c = 0; c < known; c++)
      table.email[c] = normalizeEmail(textOfCell(email(sheet.rows[firstRow[c]])));
  if (columns.at("Owner") >= 0)
    for (let c = 0; c < known; c++) {
      // An address as the mails judge one; else a member named by display name (王经理).
      const owner = readOwnerCell(table.owner[c], owners);
      table.ownerEmail[c] = normalizeEmail(table.owner[c]) || (owner.kind === "member" ? owner.email : "");
    }
  number("Monetary", table.monetary, amountOfCell);
  number("OpportunityAmount", table.opportunity, amountOfCell);
  const dateColumn = (key: string, into: Float64Array) => {
    const at = columns.at(key);
    if (at < 0) return;
    const read = dates(sheet.rows, at);
    for (let c = 0; c < known; c++) {
      const v = sheet.rows[firstRow[c]][at];
      const d = isBlankCell(v) ? NaN : read.dayOf(v);
      into[c] = d;
      if (d !== d && !isBlankCell(v) && read.conflicts(v))
        problems.push(dateProblem(sheet, firstRow[c], at, key, v, read));
    }
  };
  dateColumn("CreatedAt", table.createdAt);
  dateColumn("LastInteraction", table.lastInteraction);
  table.lastContact.set(table.lastInteraction);
  // Ages are checked on every row (a repeated ID's later rows too), as validation would.
  const ageAt = columns.at("Age");
  if (ageAt >= 0) {
    const rows = sheet.rows;
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i][ageAt];
      if (isBlankCell(v) || found.rowCustomer[i] < 0) continue;
      const age = amountOfCell(v);
      if (!(age >= 0 && age <= 130)) problems.push(cellProblem(sheet, i, ageAt, "Age", cellText(v), "range"));
    }
    number("Age", table.age, amountOfCell);
  }
  return table;
}
