import type { Localized } from "../schema/types";
import { dateKeyOfDay as isoDate } from "../calendar";
import { formatAmount, formatPercent } from "./format";
import { ordersInRuns, type OrderTable } from "./order-table";
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

/** Figures of the lines passing `keep`, plus the set of customers among them. */
/** The customers of a slice: a flag per table customer and how many are set. */
interface CustomerSet {
  readonly flags: Uint8Array;
  readonly size: number;
}

type Slice = { m: Omit<SliceMetrics, "label" | "retention" | "retentionBase">; customers: CustomerSet };

/**
 * Revenue, distinct customers and distinct orders of up to 8 slices in one pass over the lines: bit s of
 * `slicesOf(i)` puts line i in slice s (a line may be in several). Flags, not sets: a million lines.
 */
function slices(table: OrderTable, count: number, slicesOf: (i: number) => number): Slice[] {
  const nc = table.customers.length;
  const no = table.orderCount;
  const revenue = new Float64Array(count);
  const customerFlags = new Uint8Array(nc * count);
  // Distinct orders: when each order's lines form a run, the run each slice last counted; else a flag per
  // order and slice.
  const runs = ordersInRuns(table);
  const countedRun = new Int32Array(count).fill(-1);
  const orderFlags = runs ? null : new Uint8Array(no * count);
  const customers = new Int32Array(count);
  const orders = new Int32Array(count);
  const { amount, customer, order } = table;
  let run = -1;
  for (let i = 0; i < table.length; i++) {
    if (i === 0 || order[i] !== order[i - 1]) run++;
    const bits = slicesOf(i);
    if (bits === 0) continue;
    for (let s = 0; s < count; s++) {
      if (!(bits & (1 << s))) continue;
      revenue[s] += amount[i];
      const c = s * nc + customer[i];
      if (!customerFlags[c]) ((customerFlags[c] = 1), customers[s]++);
      if (orderFlags === null) {
        if (countedRun[s] !== run) ((countedRun[s] = run), orders[s]++);
      } else {
        const o = s * no + order[i];
        if (!orderFlags[o]) ((orderFlags[o] = 1), orders[s]++);
      }
    }
  }
  return Array.from({ length: count }, (_, s) => ({
    m: {
      revenue: revenue[s],
      customers: customers[s],
      orders: orders[s],
      aov: orders[s] ? revenue[s] / orders[s] : null,
    },
    customers: { flags: customerFlags.subarray(s * nc, (s + 1) * nc), size: customers[s] },
  }));
}

function share(base: CustomerSet, later: CustomerSet): number | null {
  if (base.size === 0) return null;
  let kept = 0;
  for (let c = 0; c < base.flags.length; c++) if (base.flags[c] && later.flags[c]) kept++;
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
  const { day } = table;
  const [sa, sb] = slices(
    table,
    2,
    (i) => (day[i] >= a.from && day[i] <= a.to ? 1 : 0) | (day[i] >= b.from && day[i] <= b.to ? 2 : 0),
  );
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
  return compareCustomerGroups(table, (c) => groupOf(table.customers[c]), groups, current, previous);
}

/** {@link compareGroups} with each table customer's group given by index (`groupOfCustomer(c)`). */
export function compareCustomerGroups(
  table: OrderTable,
  groupOfCustomer: (customer: number) => string,
  groups: { readonly a: string; readonly b: string },
  current: Period,
  previous: Period,
): Comparison {
  // Each table customer's side (0 for a, 1 for b, −1 neither), once; then one pass makes four slices:
  // a now, b now, a before, b before.
  const { customer, day } = table;
  const sideOf = new Int8Array(table.customers.length);
  for (let c = 0; c < sideOf.length; c++) {
    const g = groupOfCustomer(c);
    sideOf[c] = g === groups.a ? 0 : g === groups.b ? 1 : -1;
  }
  const four = slices(table, 4, (i) => {
    const side = sideOf[customer[i]];
    if (side < 0) return 0;
    const d = day[i];
    return (
      (d >= current.from && d <= current.to ? 1 << side : 0) |
      (d >= previous.from && d <= previous.to ? 4 << side : 0)
    );
  });
  const side = (name: string): SliceMetrics => {
    const k = name === groups.a ? 0 : 1;
    const now = four[k];
    const before = four[k + 2];
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
