import type { Lang } from "../schema/types";
import { customerTotals, type CustomerTotals } from "./customer-facts";
import { formatAmount } from "./format";
import type { OrderTable } from "./order-table";

/** Credit rating from payment behaviour; same letters as the Customers sheet's CreditRating options. */
export type CreditGrade = "A" | "B" | "C" | "D";

/** A customer's overdue position on the analysis date. */
export interface CreditRisk {
  readonly customerId: string;
  /** Unpaid lines whose due date has passed (or marked overdue). */
  readonly overdueCount: number;
  readonly overdueAmount: number;
  /** Days past due of the oldest overdue line; 0 when none. */
  readonly maxDaysOverdue: number;
  /** Amount billed to the customer in all (paid or not). */
  readonly billed: number;
  readonly grade: CreditGrade;
  /** Grades C and D: show the customer to a manager. */
  readonly flagged: boolean;
}

/**
 * Grade thresholds (inclusive): D when the oldest debt is over 90 days or overdue is at least half of
 * what was billed; C when over 30 days or 3+ overdue lines; B when anything is overdue; else A.
 */
export function creditGrade(
  overdueCount: number,
  overdueAmount: number,
  maxDays: number,
  billed: number,
): CreditGrade {
  if (overdueCount === 0) return "A";
  if (maxDays > 90 || (billed > 0 && overdueAmount / billed >= 0.5)) return "D";
  if (maxDays > 30 || overdueCount >= 3) return "C";
  return "B";
}

/**
 * Overdue count, amount and days per customer as of `asOfDay`. A line is overdue when it is owed (not paid,
 * not a refund) and either its due date is before `asOfDay` or the sheet marks it overdue (days counted from
 * the due date when there is one, else 0); see isOverdue (src/core/book). Lines after `asOfDay` are
 * ignored. Every customer with an order appears, in first-seen order.
 */
export function creditRisk(
  table: OrderTable,
  asOfDay: number,
  totals: CustomerTotals = customerTotals(table, asOfDay),
): CreditRisk[] {
  // The sums come from the customer steps' one pass over the lines (customerTotals).
  if (totals.asOfDay !== asOfDay) throw new RangeError("creditRisk: totals of another analysis date");
  const { overdueCount: count, overdueAmount: amount, maxDaysOverdue: days, billed, seen } = totals;
  // A plain loop: Array.from over a typed array walks it with an iterator, an object per customer.
  const out: CreditRisk[] = [];
  for (let k = 0; k < seen.length; k++) {
    const c = seen[k];
    const grade = creditGrade(count[c], amount[c], days[c], billed[c]);
    out.push({
      customerId: table.customers[c],
      overdueCount: count[c],
      overdueAmount: amount[c],
      maxDaysOverdue: days[c],
      billed: billed[c],
      grade,
      flagged: grade === "C" || grade === "D",
    });
  }
  return out;
}

/**
 * The CreditRisk cell: the grade alone when nothing is overdue, else the grade with count, amount and
 * days, e.g. "C · 2 overdue · 1,200.00 · 45 d" / "C · 逾期 2 笔 · 1,200.00 · 45 天".
 */
export function creditRiskText(risk: CreditRisk, lang: Lang): string {
  if (risk.overdueCount === 0) return risk.grade;
  const amount = formatAmount(risk.overdueAmount);
  return lang === "zh-CN"
    ? `${risk.grade} · 逾期 ${risk.overdueCount} 笔 · ${amount} · ${risk.maxDaysOverdue} 天`
    : `${risk.grade} · ${risk.overdueCount} overdue · ${amount} · ${risk.maxDaysOverdue} d`;
}
