import type { Localized } from "../schema/types";
import { dateKeyOfDay as isoDate } from "../calendar";
import { formatAmount, formatPercent } from "./format";
import type { OrderTable } from "./order-table";
import { relativeChange } from "./stats";

/** An inclusive range of day numbers. */
export interface Period {
  readonly from: number;
  readonly to: number;
}

/** Figures of one side of a comparison. */
export interface SliceMetrics {
  readonly label: string;
  readonly revenue: number;
  /** Distinct customers with an order in the slice. */
  readonly customers: number;
  readonly orders: number;
  /** revenue / orders; null without orders. */
  readonly aov: number | null;
  /** See the comparison functions; null when undefined (no base customers). */
  readonly retention: number | null;
  /** Customers the retention share is taken of. */
  readonly retentionBase: number;
}

export interface Delta {
  /** b − a. */
  readonly absolute: number | null;
  /** (b − a) / a; null when a is 0 or missing. */
  readonly relative: number | null;
}

export interface Comparison {
  readonly kind: "periods" | "groups";
  readonly a: SliceMetrics;
  readonly b: SliceMetrics;
  readonly deltas: {
    readonly revenue: Delta;
    readonly customers: Delta;
    readonly orders: Delta;
    readonly aov: Delta;
    readonly retention: Delta;
  };
  /** Two or three plain sentences, in both languages. */
  readonly summary: Localized;
}

const inPeriod = (day: number, p: Period) => day >= p.from && day <= p.to;

/** Figures of the lines passing `keep`, plus the set of customers among them. */
function sliceOf(
  table: OrderTable,
  keep: (i: number) => boolean,
): { m: Omit<SliceMetrics, "label" | "retention" | "retentionBase">; customers: Set<number> } {
  let revenue = 0;
  const customers = new Set<number>();
  const orders = new Set<number>();
  for (let i = 0; i < table.length; i++) {
    if (!keep(i)) continue;
    revenue += table.amount[i];
    customers.add(table.customer[i]);
    orders.add(table.order[i]);
  }
  return {
    m: {
      revenue,
      customers: customers.size,
      orders: orders.size,
      aov: orders.size ? revenue / orders.size : null,
    },
    customers,
  };
}

function share(base: Set<number>, later: Set<number>): number | null {
  if (base.size === 0) return null;
  let kept = 0;
  for (const c of base) if (later.has(c)) kept++;
  return kept / base.size;
}

function delta(a: number | null, b: number | null): Delta {
  return { absolute: a === null || b === null ? null : b - a, relative: relativeChange(a, b) };
}

function deltas(a: SliceMetrics, b: SliceMetrics): Comparison["deltas"] {
  return {
    revenue: delta(a.revenue, b.revenue),
    customers: delta(a.customers, b.customers),
    orders: delta(a.orders, b.orders),
    aov: delta(a.aov, b.aov),
    retention: delta(a.retention, b.retention),
  };
}

type Direction = "up" | "down" | "flat";
const direction = (d: Delta): Direction =>
  d.absolute === null || Math.abs(d.absolute) < 1e-9 ? "flat" : d.absolute > 0 ? "up" : "down";

function summarise(
  kind: Comparison["kind"],
  a: SliceMetrics,
  b: SliceMetrics,
  d: Comparison["deltas"],
): Localized {
  const rev = direction(d.revenue);
  const pct = formatPercent(d.revenue.relative === null ? null : Math.abs(d.revenue.relative));
  const en: string[] = [];
  const zh: string[] = [];
  const revA = formatAmount(a.revenue);
  const revB = formatAmount(b.revenue);
  if (rev === "flat") {
    en.push(`Revenue is the same in ${b.label} as in ${a.label} (${revB}).`);
    zh.push(`${b.label} 与 ${a.label} 收入持平（${revB}）。`);
  } else if (d.revenue.relative === null) {
    en.push(`Revenue went from ${revA} in ${a.label} to ${revB} in ${b.label}.`);
    zh.push(`收入从 ${a.label} 的 ${revA} 变为 ${b.label} 的 ${revB}。`);
  } else {
    en.push(
      `Revenue in ${b.label} is ${pct} ${rev === "up" ? "higher" : "lower"} than in ${a.label} (${revB} vs ${revA}).`,
    );
    zh.push(`${b.label} 收入比 ${a.label} ${rev === "up" ? "高" : "低"} ${pct}（${revB} 对 ${revA}）。`);
  }
  const cust = d.customers.absolute ?? 0;
  const aovText = formatPercent(d.aov.relative, true);
  en.push(
    `Customers ${cust === 0 ? "unchanged" : cust > 0 ? `+${cust}` : `${cust}`} (${b.customers} vs ${a.customers}); ` +
      `average order value ${formatAmount(b.aov ?? NaN)} vs ${formatAmount(a.aov ?? NaN)} (${aovText}).`,
  );
  zh.push(
    `客户数${cust === 0 ? "不变" : cust > 0 ? `增加 ${cust}` : `减少 ${-cust}`}（${b.customers} 对 ${a.customers}）；` +
      `客单价 ${formatAmount(b.aov ?? NaN)} 对 ${formatAmount(a.aov ?? NaN)}（${aovText}）。`,
  );
  if (kind === "periods" && b.retention !== null) {
    en.push(
      `${formatPercent(b.retention)} of ${a.label}'s ${b.retentionBase} customers bought again in ${b.label}.`,
    );
    zh.push(
      `${a.label} 的 ${b.retentionBase} 位客户中有 ${formatPercent(b.retention)} 在 ${b.label} 再次购买。`,
    );
  } else if (kind === "groups") {
    en.push(
      `Retention (customers of the previous period who bought again): ${formatPercent(a.retention)} vs ${formatPercent(b.retention)}.`,
    );
    zh.push(
      `留存率（上期客户本期再次购买的比例）：${formatPercent(a.retention)} 对 ${formatPercent(b.retention)}。`,
    );
  }
  return { en: en.join(" "), "zh-CN": zh.join("") };
}

/** "2026-01-01..2026-03-31". */
export function periodLabel(p: Period): string {
  return `${isoDate(p.from)}..${isoDate(p.to)}`;
}

/**
 * Compares two periods (A usually the earlier). Revenue, customers, orders and AOV of each; retention is
 * reported on B only: the share of A's customers who also ordered in B (null on A). Periods may overlap;
 * a day in both counts in both.
 */
export function comparePeriods(table: OrderTable, a: Period, b: Period): Comparison {
  const sa = sliceOf(table, (i) => inPeriod(table.day[i], a));
  const sb = sliceOf(table, (i) => inPeriod(table.day[i], b));
  const ma: SliceMetrics = { label: periodLabel(a), ...sa.m, retention: null, retentionBase: 0 };
  const mb: SliceMetrics = {
    label: periodLabel(b),
    ...sb.m,
    retention: share(sa.customers, sb.customers),
    retentionBase: sa.customers.size,
  };
  const d = deltas(ma, mb);
  return { kind: "periods", a: ma, b: mb, deltas: d, summary: summarise("periods", ma, mb, d) };
}

/**
 * Compares two groups of customers (two regions, two owners …) over `current`. `groupOf` gives a customer
 * ID's group. Retention of a group: the share of its customers who ordered in `previous` and ordered
 * again in `current` (null when none ordered in `previous`).
 */
export function compareGroups(
  table: OrderTable,
  groupOf: (customerId: string) => string,
  groups: { readonly a: string; readonly b: string },
  current: Period,
  previous: Period,
): Comparison {
  const group = table.customers.map(groupOf);
  const side = (name: string): SliceMetrics => {
    const now = sliceOf(table, (i) => group[table.customer[i]] === name && inPeriod(table.day[i], current));
    const before = sliceOf(
      table,
      (i) => group[table.customer[i]] === name && inPeriod(table.day[i], previous),
    );
    return {
      label: name,
      ...now.m,
      retention: share(before.customers, now.customers),
      retentionBase: before.customers.size,
    };
  };
  const ma = side(groups.a);
  const mb = side(groups.b);
  const d = deltas(ma, mb);
  return { kind: "groups", a: ma, b: mb, deltas: d, summary: summarise("groups", ma, mb, d) };
}
