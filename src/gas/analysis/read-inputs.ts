import { zoneDayFunction } from "../../core/classify/days";
import { readAnalysisSheets, type RawSheet, type ReadResult } from "../../core/analysis/read-sheets";
import { CUSTOMERS, FEEDBACK, ORDERS } from "../../core/schema/sheets";
import type { Lang } from "../../core/schema/types";
import { callerAccess } from "../platform/guard";
import { spreadsheetTimeZone } from "../platform/locale";
import { readTable, type TableSnapshot } from "../platform/sheet-table";

/** What one analysis run read: the parsed inputs, the Customers snapshot (for the CreditRisk write) and today. */
export interface AnalysisInputs extends ReadResult {
  readonly customersSnapshot: TableSnapshot | null;
  /** Today in the spreadsheet's zone, as a day number. */
  readonly today: number;
}

const raw = (t: TableSnapshot | null): RawSheet | null =>
  t ? { name: t.sheet.getName(), headers: t.headers, rows: t.rows } : null;

/** Reads Orders, Customers and Feedback, one getValues each. */
export function readInputs(lang: Lang): AnalysisInputs {
  const zoneDay = zoneDayFunction(spreadsheetTimeZone());
  const customersSnapshot = readTable(CUSTOMERS);
  const result = readAnalysisSheets(
    { orders: raw(readTable(ORDERS)), customers: raw(customersSnapshot), feedback: raw(readTable(FEEDBACK)) },
    zoneDay,
    lang,
  );
  return { ...result, customersSnapshot, today: zoneDay(new Date().getTime()) };
}

/**
 * The inputs a caller may see: sales users analyse only the customers they own (with those customers'
 * orders and feedback); other roles see everything, so the inputs come back unchanged.
 */
export function visibleInputs(inputs: AnalysisInputs): AnalysisInputs {
  const access = callerAccess();
  const customers = inputs.customers.filter((c) => access.sees(c.owner));
  if (customers.length === inputs.customers.length) return inputs;
  const ids = new Set(customers.map((c) => c.id));
  return {
    ...inputs,
    customers,
    orders: inputs.orders.filter((o) => ids.has(o.customerId)),
    feedback: inputs.feedback.filter((f) => ids.has(f.customerId)),
  };
}

/** Raised when cells cannot be read; lists them so the user can fix them. Nothing was written. */
export class AnalysisInputError extends Error {
  constructor(readonly issues: ReadResult["issues"]) {
    const shown = issues
      .slice(0, 10)
      .map((i) => `${i.sheet}!${i.a1} "${i.value}": ${i.message}`)
      .join("\n");
    super(
      `The analysis stopped: ${issues.length} cell(s) cannot be read; nothing was changed.\n${shown}` +
        (issues.length > 10 ? `\n… and ${issues.length - 10} more.` : ""),
    );
    this.name = "AnalysisInputError";
  }
}
