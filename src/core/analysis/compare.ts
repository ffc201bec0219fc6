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

/** A grouping of the table's customers: `groupOf[c]` is customer c's group (0 … groups − 1), −1 for none. */
export interface Grouping {
  readonly groupOf: Int32Array;
  readonly groups: number;
}

/**
 * Figures of every group of one grouping in two periods, at index `2·g + p` (p = 0 for the first period,
 * 1 for the second); `both[g]`: customers of group g with orders in both periods.
 */
export interface PeriodFigures {
  readonly revenue: Float64Array;
  /** Distinct customers with a line in the period. */
  readonly customers: Int32Array;
  /** Distinct orders with a line in the period. */
  readonly orders: Int32Array;
  readonly both: Int32Array;
}

/**
 * {@link PeriodFigures} of any number of groupings in periods `a` and `b` (they may overlap: a day in
 * both counts in both), from one pass over the lines in them: the report compares periods, regions and
 * owners over the same two periods. Revenue adds up in line order. Flags and counters in typed arrays, not sets:
 * a million lines.
 */
export function periodFigures(
  table: OrderTable,
  groupings: readonly Grouping[],
  a: Period,
  b: Period,
): PeriodFigures[] {
  const figures = groupings.map(({ groups }) => ({
    revenue: new Float64Array(2 * groups),
    customers: new Int32Array(2 * groups),
    orders: new Int32Array(2 * groups),
    both: new Int32Array(groups),
  }));
  const lo = Math.min(a.from, b.from);
  const hi = Math.max(a.to, b.to);
  const { order, day } = table;
  // The lines in either period first, by a small loop of their own (the periods are a sliver of the book's
  // lines; a loop over all lines that does the work for the few was compiled and dropped as each part of
  // its body first ran), and the range of their orders, which the per-order arrays below span.
  const lines = new Int32Array(countBetween(day, table.length, lo, hi));
  linesBetween(day, lo, hi, lines);
  const orderRange = new Int32Array(2);
  ordersOf(order, lines, orderRange);
  const [firstOrder, lastOrder] = orderRange;
  const orders = Math.max(0, lastOrder - firstOrder + 1);
  // Bit p set: the line is in period p (bits), the customer has a line in period p (presence).
  const bits = new Uint8Array(lines.length);
  const presence = new Uint8Array(table.customers.length);
  markPeriods(table, lines, a, b, bits, presence);
  // Distinct orders per grouping, group and period: an order's lines normally share one customer, so the
  // group that first counted an order (+1) and the periods it was counted in are kept per order; a line
  // of the same order in another group (an order shared by customers, bad data) falls back to a set.
  // Keyed by ((order · groups + group) · 2 + period) · groupings + grouping: below 2^53 for any book.
  const shared = new Set<number>();
  const width = Math.max(1, ...groupings.map((g) => g.groups));
  const firstGroup = new Int32Array(orders);
  const countedIn = new Uint8Array(orders);
  // One grouping at a time, each by a small loop of typed arrays (the same additions in the same order
  // for each group as one loop over the lines for all groupings, which was compiled and dropped again).
  for (let j = 0; j < groupings.length; j++) {
    if (j > 0) {
      firstGroup.fill(0);
      countedIn.fill(0);
    }
    const f = figures[j];
    const scratch = { firstOrder, firstGroup, countedIn, shared, key: width, groupings: groupings.length, j };
    addGroupLines(table, lines, bits, groupings[j].groupOf, scratch, f.revenue, f.orders);
  }
  countCustomers(presence, groupings, figures);
  return figures;
}

/** Each line's periods (bit p: period p) into `bits`, and into `presence` by customer. */
function markPeriods(
  table: OrderTable,
  lines: Int32Array,
  a: Period,
  b: Period,
  bits: Uint8Array,
  presence: Uint8Array,
): void {
  const { day, customer } = table;
  for (let x = 0; x < lines.length; x++) {
    const d = day[lines[x]];
    const p = (d >= a.from && d <= a.to ? 1 : 0) | (d >= b.from && d <= b.to ? 2 : 0);
    bits[x] = p;
    presence[customer[lines[x]]] |= p;
  }
}

/** Per-order scratch of one grouping's distinct-order count (see periodFigures). */
interface OrderScratch {
  /** Order of slot 0 of the arrays. */
  readonly firstOrder: number;
  readonly firstGroup: Int32Array;
  readonly countedIn: Uint8Array;
  readonly shared: Set<number>;
  /** Groups of the widest grouping, groupings, and this grouping's index: the set's key. */
  readonly key: number;
  readonly groupings: number;
  readonly j: number;
}

/** Revenue and distinct orders of the lines by group (`groupOf` the customer's) and period. */
function addGroupLines(
  table: OrderTable,
  lines: Int32Array,
  bits: Uint8Array,
  groupOf: Int32Array,
  s: OrderScratch,
  revenue: Float64Array,
  orders: Int32Array,
): void {
  const { amount, customer, order } = table;
  const { firstOrder, firstGroup, countedIn, shared, key: width, groupings: k, j } = s;
  for (let x = 0; x < lines.length; x++) {
    const inPeriods = bits[x];
    if (inPeriods === 0) continue;
    const i = lines[x];
    const g = groupOf[customer[i]];
    if (g < 0) continue;
    const o = order[i];
    const slot = o - firstOrder;
    for (let p = 0; p < 2; p++) {
      if (!(inPeriods & (1 << p))) continue;
      revenue[2 * g + p] += amount[i];
      if (firstGroup[slot] === 0) firstGroup[slot] = g + 1;
      if (firstGroup[slot] === g + 1) {
        if (countedIn[slot] & (1 << p)) continue;
        countedIn[slot] |= 1 << p;
      } else {
        const key = ((o * width + g) * 2 + p) * k + j;
        if (shared.has(key)) continue;
        shared.add(key);
      }
      orders[2 * g + p]++;
    }
  }
}

/** Lines dated from `lo` to `hi` among the first `n`. */
function countBetween(day: Float64Array, n: number, lo: number, hi: number): number {
  let count = 0;
  for (let i = 0; i < n; i++) if (day[i] >= lo && day[i] <= hi) count++;
  return count;
}

/** The indices of the lines dated from `lo` to `hi`, ascending, into `out` (sized by countBetween). */
function linesBetween(day: Float64Array, lo: number, hi: number, out: Int32Array): void {
  for (let i = 0, x = 0; x < out.length; i++) if (day[i] >= lo && day[i] <= hi) out[x++] = i;
}

/** The least and greatest order of the lines, into `out` (0 and −1 without lines). */
function ordersOf(order: Int32Array, lines: Int32Array, out: Int32Array): void {
  let first = lines.length ? order[lines[0]] : 0;
  let last = lines.length ? first : -1;
  for (let x = 1; x < lines.length; x++) {
    const o = order[lines[x]];
    if (o < first) first = o;
    if (o > last) last = o;
  }
  out[0] = first;
  out[1] = last;
}

/**
 * Adds each customer present in a period to its groups' counts (`presence`: bit p set for period p). A
 * function of its own, so the engine compiles it apart from the loop over the lines.
 */
function countCustomers(
  presence: Uint8Array,
  groupings: readonly Grouping[],
  figures: readonly { readonly customers: Int32Array; readonly both: Int32Array }[],
): void {
  for (let c = 0; c < presence.length; c++) {
    const bits = presence[c];
    if (bits === 0) continue;
    for (let j = 0; j < groupings.length; j++) {
      const g = groupings[j].groupOf[c];
      if (g < 0) continue;
      const f = figures[j];
      if (bits & 1) f.customers[2 * g]++;
      if (bits & 2) f.customers[2 * g + 1]++;
      if (bits === 3) f.both[g]++;
    }
  }
}

/** The metrics of group g in period p. */
function sliceOf(
  f: PeriodFigures,
  g: number,
  p: number,
): Omit<SliceMetrics, "label" | "retention" | "retentionBase"> {
  const s = 2 * g + p;
  return {
    revenue: f.revenue[s],
    customers: f.customers[s],
    orders: f.orders[s],
    aov: f.orders[s] ? f.revenue[s] / f.orders[s] : null,
  };
}

/** Share of group g's customers of the first period who also ordered in the second; null without any. */
function retentionOf(f: PeriodFigures, g: number): number | null {
  return f.customers[2 * g] === 0 ? null : f.both[g] / f.customers[2 * g];
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
  const everyone = { groupOf: new Int32Array(table.customers.length), groups: 1 };
  return periodsComparison(periodFigures(table, [everyone], a, b)[0], a, b);
}

/** {@link comparePeriods} from the figures of a one-group grouping over periods `a` and `b`. */
export function periodsComparison(f: PeriodFigures, a: Period, b: Period): Comparison {
  const ma: SliceMetrics = { label: periodLabel(a), ...sliceOf(f, 0, 0), retention: null, retentionBase: 0 };
  const mb: SliceMetrics = {
    label: periodLabel(b),
    ...sliceOf(f, 0, 1),
    retention: retentionOf(f, 0),
    retentionBase: f.customers[0],
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
  // Each table customer's side: 0 for a, 1 for b, −1 neither.
  const sideOf = new Int32Array(table.customers.length);
  for (let c = 0; c < sideOf.length; c++) {
    const g = groupOfCustomer(c);
    sideOf[c] = g === groups.a ? 0 : g === groups.b ? 1 : -1;
  }
  const f = periodFigures(table, [{ groupOf: sideOf, groups: 2 }], previous, current)[0];
  // Two equal names are one group, compared with itself.
  return groupsComparison(
    f,
    { name: groups.a, group: 0 },
    { name: groups.b, group: groups.b === groups.a ? 0 : 1 },
  );
}

/**
 * {@link compareGroups} from the figures of a grouping over (previous, current): groups `a.group` and
 * `b.group`, labelled with their names.
 */
export function groupsComparison(
  f: PeriodFigures,
  a: { readonly name: string; readonly group: number },
  b: { readonly name: string; readonly group: number },
): Comparison {
  const side = ({ name, group }: { readonly name: string; readonly group: number }): SliceMetrics => ({
    label: name,
    ...sliceOf(f, group, 1),
    retention: retentionOf(f, group),
    retentionBase: f.customers[2 * group],
  });
  const ma = side(a);
  const mb = side(b);
  const d = deltas(ma, mb);
  return { kind: "groups", a: ma, b: mb, deltas: d, summary: summarise("groups", ma, mb, d) };
}
