import { amountOfCell, dayOfCell, idOfCell } from "../classify/cells";
import { enumOption, mapHeaders } from "../schema/headers";
import { CUSTOMERS, FEEDBACK, ORDERS } from "../schema/sheets";
import type { ColumnSpec, Lang, SheetSpec } from "../schema/types";
import { a1 } from "../table/a1";
import { problemMessage, type ProblemRule } from "../table/validate/messages";
import type { CustomerProfile, FeedbackEntry, OrderLine, PaymentState } from "./types";

/** A cell the analysis cannot read; the run stops and names it. */
export interface CellIssue {
  readonly sheet: string;
  readonly a1: string;
  readonly value: string;
  readonly rule: ProblemRule;
  readonly message: string;
}

/** One sheet as read by the shell: its tab name, header row and data rows (sheet row = index + 2). */
export interface RawSheet {
  readonly name: string;
  readonly headers: readonly unknown[];
  readonly rows: readonly (readonly unknown[])[];
}

export interface ReadResult {
  readonly orders: OrderLine[];
  readonly customers: CustomerProfile[];
  readonly feedback: FeedbackEntry[];
  readonly issues: CellIssue[];
}

const isBlankCell = (v: unknown) => v === "" || v === null || v === undefined;

/** Reads the columns of one sheet by header; collects issues with their A1 addresses. */
function reader(spec: SheetSpec, sheet: RawSheet, lang: Lang, issues: CellIssue[]) {
  const map = mapHeaders(spec, sheet.headers);
  const columnOf = (key: string) => spec.columns.find((c) => c.key === key)!;
  const issue = (
    r: number,
    key: string,
    value: unknown,
    rule: ProblemRule,
    extra: Record<string, string | number> = {},
  ) => {
    const column = columnOf(key);
    issues.push({
      sheet: sheet.name,
      a1: a1(r + 2, map.index.get(key)!),
      value: value instanceof Date ? value.toISOString() : String(value ?? ""),
      rule,
      message: problemMessage(rule, lang, { column: column.header[lang], ...extra }),
    });
  };
  for (const column of spec.columns.filter((c) => c.required && !map.index.has(c.key))) {
    issues.push({
      sheet: sheet.name,
      a1: "1:1",
      value: "",
      rule: "missing-column",
      message: problemMessage("missing-column", lang, { column: column.header[lang] }),
    });
  }
  return {
    has: (key: string) => map.index.has(key),
    cell: (row: readonly unknown[], key: string): unknown => {
      const i = map.index.get(key);
      return i === undefined ? "" : row[i];
    },
    issue,
    column: columnOf,
  };
}

/** The option key of an enum cell, its raw text when it names no option, "" when blank. */
function enumText(column: ColumnSpec, value: unknown, lang: Lang): string {
  if (isBlankCell(value)) return "";
  const option = enumOption(column, value);
  return option ? option.label[lang] : String(value).trim();
}

/**
 * Turns the Orders, Customers and Feedback sheets into analysis inputs. Wholly blank rows are skipped.
 * Every unreadable cell becomes an issue (sheet, A1, value, rule, message): a blank required ID, a date or
 * amount that does not parse, a quantity or age that is not a number, a rating outside 1–5, a payment status
 * that names no option. Enum columns are shown in `lang`. `zoneDay` turns a Date cell's instant into the
 * spreadsheet's calendar day.
 */
export function readAnalysisSheets(
  sheets: {
    readonly orders: RawSheet | null;
    readonly customers: RawSheet | null;
    readonly feedback: RawSheet | null;
  },
  zoneDay: (ms: number) => number,
  lang: Lang,
): ReadResult {
  const issues: CellIssue[] = [];
  const orders: OrderLine[] = [];
  const customers: CustomerProfile[] = [];
  const feedback: FeedbackEntry[] = [];

  if (sheets.orders) {
    const o = reader(ORDERS, sheets.orders, lang, issues);
    const statusColumn = o.column("PaymentStatus");
    sheets.orders.rows.forEach((row, r) => {
      if (row.every(isBlankCell)) return;
      const customerId = idOfCell(o.cell(row, "CustomerID"));
      if (!customerId && o.has("CustomerID")) o.issue(r, "CustomerID", "", "required");
      const dateCell = o.cell(row, "OrderDate");
      const day = dayOfCell(dateCell, zoneDay);
      if (Number.isNaN(day) && o.has("OrderDate"))
        o.issue(r, "OrderDate", dateCell, isBlankCell(dateCell) ? "required" : "date");
      const amountCell = o.cell(row, "Amount");
      const amount = amountOfCell(amountCell);
      if (Number.isNaN(amount) && o.has("Amount"))
        o.issue(r, "Amount", amountCell, isBlankCell(amountCell) ? "required" : "currency");
      const quantityCell = o.cell(row, "Quantity");
      const quantity = isBlankCell(quantityCell) ? 1 : amountOfCell(quantityCell);
      if (Number.isNaN(quantity)) o.issue(r, "Quantity", quantityCell, "number");
      const dueCell = o.cell(row, "DueDate");
      const dueDay = isBlankCell(dueCell) ? undefined : dayOfCell(dueCell, zoneDay);
      if (dueDay !== undefined && Number.isNaN(dueDay)) o.issue(r, "DueDate", dueCell, "date");
      const statusCell = o.cell(row, "PaymentStatus");
      const status = isBlankCell(statusCell) ? undefined : enumOption(statusColumn, statusCell);
      if (!isBlankCell(statusCell) && !status) {
        o.issue(r, "PaymentStatus", statusCell, "enum", {
          options: statusColumn.options!.map((x) => x.label[lang]).join(", "),
        });
      }
      orders.push({
        orderId: idOfCell(o.cell(row, "OrderID")),
        customerId,
        day,
        product: idOfCell(o.cell(row, "Product")),
        category: idOfCell(o.cell(row, "Category")),
        quantity,
        amount,
        ...(status ? { payment: status.key as PaymentState } : {}),
        ...(dueDay !== undefined ? { dueDay } : {}),
      });
    });
  }

  if (sheets.customers) {
    const c = reader(CUSTOMERS, sheets.customers, lang, issues);
    sheets.customers.rows.forEach((row, r) => {
      if (row.every(isBlankCell)) return;
      const id = idOfCell(c.cell(row, "CustomerID"));
      if (!id) {
        if (c.has("CustomerID")) c.issue(r, "CustomerID", "", "required");
        return;
      }
      const ageCell = c.cell(row, "Age");
      const age = isBlankCell(ageCell) ? null : amountOfCell(ageCell);
      if (age !== null && (!Number.isFinite(age) || age < 0 || age > 130)) {
        c.issue(r, "Age", ageCell, "range", { min: 0, max: 130 });
      }
      const text = (key: string) => idOfCell(c.cell(row, key));
      customers.push({
        id,
        name: text("Name") || id,
        segment: text("Segment"),
        abc: text("ABC"),
        lifecycle: text("Lifecycle"),
        region: text("Region"),
        customerType: enumText(c.column("CustomerType"), c.cell(row, "CustomerType"), lang),
        owner: text("Owner"),
        gender: enumText(c.column("Gender"), c.cell(row, "Gender"), lang),
        age: age !== null && Number.isFinite(age) ? age : null,
        industry: text("Industry"),
      });
    });
  }

  if (sheets.feedback) {
    const f = reader(FEEDBACK, sheets.feedback, lang, issues);
    sheets.feedback.rows.forEach((row, r) => {
      if (row.every(isBlankCell)) return;
      const customerId = idOfCell(f.cell(row, "CustomerID"));
      if (!customerId && f.has("CustomerID")) f.issue(r, "CustomerID", "", "required");
      const dateCell = f.cell(row, "Date");
      const day = dayOfCell(dateCell, zoneDay);
      if (Number.isNaN(day) && f.has("Date"))
        f.issue(r, "Date", dateCell, isBlankCell(dateCell) ? "required" : "date");
      const ratingCell = f.cell(row, "Rating");
      const rating = isBlankCell(ratingCell) ? null : amountOfCell(ratingCell);
      if (rating !== null && !(Number.isInteger(rating) && rating >= 1 && rating <= 5)) {
        f.issue(r, "Rating", ratingCell, "range", { min: 1, max: 5 });
      }
      feedback.push({
        day,
        customerId,
        rating,
        category: idOfCell(f.cell(row, "Category")),
        comment: idOfCell(f.cell(row, "Comment")),
      });
    });
  }
  return { orders, customers, feedback, issues };
}
