/**
 * A small deterministic workbook for the trust tests and the fault suite: every canonical sheet, a
 * custom column the add-on must never touch, customers of two sales people and sensitive columns that
 * already show masks (their plaintext lives in the vault or nowhere).
 */
import { CUSTOMERS, FEEDBACK, INTERACTIONS, ORDERS } from "../../core/schema/sheets";
import type { SheetSpec } from "../../core/schema/types";
import { seededRandom } from "../random";

export const SALES_A = "sales.a@example.com";
export const SALES_B = "sales.b@example.com";
export const MANAGER = "manager@example.com";
export const VIEWER = "viewer@example.com";
export const OWNER = "owner@example.com";
/** A header no schema column has: a column of the user's own. */
export const CUSTOM_HEADER = "My private notes";

type Row = Record<string, unknown>;

function table(spec: SheetSpec, rows: readonly Row[], extra: readonly string[] = []): unknown[][] {
  const keys = spec.columns.map((c) => c.key);
  return [
    [...spec.columns.map((c) => c.header.en), ...extra],
    ...rows.map((r) => [...keys.map((k) => r[k] ?? ""), ...extra.map((h) => r[h] ?? "")]),
  ];
}

export interface FixtureSheet {
  readonly name: string;
  readonly values: unknown[][];
}

/**
 * The workbook's sheets for `seed`: `customers` customers (half each sales person's, one unowned), two or
 * three orders each, a few interactions and feedback rows. Dates are UTC midnights before `asOf`.
 */
export function fixtureSheets(
  seed: number,
  customers = 12,
  asOf = new Date(Date.UTC(2026, 10, 20)),
): FixtureSheet[] {
  const rnd = seededRandom(seed);
  const day = 86_400_000;
  const ago = (days: number) => new Date(asOf.getTime() - days * day);
  const custs: Row[] = [];
  const orders: Row[] = [];
  const interactions: Row[] = [];
  const feedback: Row[] = [];
  for (let i = 1; i <= customers; i++) {
    const id = `C${String(i).padStart(4, "0")}`;
    const owner = i === customers ? "" : i % 2 ? SALES_A : SALES_B;
    custs.push({
      CustomerID: id,
      Name: `Customer ${i}`,
      ContactName: `Contact ${i}`,
      Phone: `+86 138 0000 ${String(1000 + i)}`,
      Email: `c${i}@example.com`,
      Status: rnd.pick(["Won", "Following up", "Prospect"]),
      CustomerType: rnd.pick(["Regular", "VIP"]),
      Owner: owner,
      Region: rnd.pick(["上海", "北京", "London"]),
      IDNumber: i % 3 === 0 ? "3101********" + String(1000 + i) : "",
      Notes: `note ${i}`,
      [CUSTOM_HEADER]: `private ${i}`,
    });
    const n = rnd.int(1, 3);
    for (let k = 0; k < n; k++) {
      orders.push({
        OrderID: `O${String(orders.length + 1).padStart(5, "0")}`,
        CustomerID: id,
        OrderDate: ago(rnd.int(1, 400)),
        Product: rnd.pick(["Tea", "Laptop", "Chair"]),
        Quantity: rnd.int(1, 4),
        Amount: rnd.int(50, 5000),
        PaymentStatus: rnd.pick(["Paid", "Due", "Overdue"]),
        DueDate: ago(rnd.int(-20, 60)),
      });
    }
    if (i % 2 === 0)
      interactions.push({
        Date: ago(rnd.int(1, 90)),
        CustomerID: id,
        Summary: `call ${i}`,
        Owner: owner,
        NextFollowUp: ago(rnd.int(-10, 10)),
      });
    if (i % 3 === 0)
      feedback.push({ Date: ago(rnd.int(1, 60)), CustomerID: id, Rating: rnd.int(1, 5), Comment: `ok ${i}` });
  }
  return [
    { name: CUSTOMERS.name.en, values: table(CUSTOMERS, custs, [CUSTOM_HEADER]) },
    { name: ORDERS.name.en, values: table(ORDERS, orders) },
    { name: INTERACTIONS.name.en, values: table(INTERACTIONS, interactions) },
    { name: FEEDBACK.name.en, values: table(FEEDBACK, feedback) },
  ];
}

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Writes the fixture into an (emulated) spreadsheet, one setValues per sheet. */
export function seedSpreadsheet(ss: Spreadsheet, sheets: readonly FixtureSheet[]): void {
  for (const s of sheets) {
    const sheet = ss.getSheetByName(s.name) ?? ss.insertSheet(s.name);
    sheet.getRange(1, 1, s.values.length, s.values[0].length).setValues(s.values);
  }
}

/** Every tab's values, by name (one getValues per tab). */
export function workbookValues(ss: Spreadsheet): Map<string, unknown[][]> {
  const out = new Map<string, unknown[][]>();
  for (const sheet of ss.getSheets()) {
    const r = sheet.getLastRow();
    const c = sheet.getLastColumn();
    out.set(sheet.getName(), r && c ? sheet.getRange(1, 1, r, c).getValues() : []);
  }
  return out;
}
