/**
 * The BTYD summary of an order table: per customer, repeat transactions, recency, age and the mean value
 * of the repeat transactions. When every customer's lines come in day order (a sheet filled as orders
 * came, or one sorted by customer and date) one pass over the lines summarises them all. Otherwise one
 * pass counts each customer's lines, then customers go in blocks: their lines are gathered in a row (a
 * stable counting sort, so the lines of one day keep their table order), put in day order and summarised.
 * Both give the same numbers, bit for bit. Each step is a small function with one loop, so the engine
 * compiles them quickly and separately (the summary runs once per report, on up to millions of lines).
 */
import type { OrderTable } from "./order-table";

/** Per-customer repeat-purchase summary in the BTYD convention. */
export interface RepeatSummary {
  /** Index into the table's customers. */
  readonly customer: Int32Array;
  /** Repeat transactions: distinct purchase days − 1. */
  readonly frequency: Int32Array;
  /** Days from first to last purchase. */
  readonly recency: Int32Array;
  /** Days from first purchase to the analysis date. */
  readonly age: Int32Array;
  /** Mean value of the repeat transactions (first day excluded); 0 when frequency is 0. */
  readonly monetary: Float64Array;
}

/** Longest run of days (or, in wide blocks, lines) put in order by insertion; longer ones by a sort. */
const INSERTION_RUN = 32;

/** Most lines one block of customers gathers at a time (3 MB of scratch). */
const BLOCK_LINES = 1 << 18;

/**
 * BTYD summary of each customer who bought on or before `asOfDay`: all of a customer's purchases on one
 * day form one transaction; frequency = transactions − 1; monetary = mean value of the repeat
 * transactions (lifetimes' summary_data_from_transaction_data convention, which the Gamma-Gamma model
 * assumes). Lines after `asOfDay` are ignored. Customers come out in table order. A day's lines are added
 * in table order and the days in day order, so the sums do not depend on how the table is sorted within a
 * day's order.
 * `read`: the customers' day runs of a pass over the same lines with the same date (customerTotals keeps
 * them), null when that pass found a customer's line going back in time.
 */
export function repeatSummary(table: OrderTable, asOfDay: number, read?: DayRuns | null): RepeatSummary {
  if (read !== undefined) return read !== null ? summaryOfRuns(read, asOfDay) : byBlocks(table, asOfDay);
  return inDayOrder(table, asOfDay) ?? byBlocks(table, asOfDay);
}

/**
 * Each customer's purchase days so far, while the lines are read in one pass in table order (see
 * addDay): enough for the summary when every customer's lines come in day order. A pass over the lines
 * made for other sums may keep them too (customerTotals does), and hand them to {@link repeatSummary}.
 */
export interface DayRuns {
  /** Distinct days so far; 0 for a customer not met yet. */
  readonly days: Int32Array;
  readonly first: Float64Array;
  readonly last: Float64Array;
  /** The sum of the latest day's lines, its lines added in table order from 0. */
  readonly daySum: Float64Array;
  /** The sum of the closed days after the first. */
  readonly repeat: Float64Array;
}

/** Empty runs for `customers` customers. */
export function dayRuns(customers: number): DayRuns {
  return {
    days: new Int32Array(customers),
    first: new Float64Array(customers),
    last: new Float64Array(customers),
    daySum: new Float64Array(customers),
    repeat: new Float64Array(customers),
  };
}

/**
 * Adds a line of customer `c` on day `d` (on or before the analysis date): its day closes when a later
 * one starts, and a closed day's sum goes to the repeat value unless it was the first day. False, and
 * nothing added, when the line goes back in time (before the customer's latest day): the runs cannot
 * summarise such a table.
 */
export function addDay(runs: DayRuns, c: number, d: number, amount: number): boolean {
  const n = runs.days[c];
  if (n === 0) {
    runs.days[c] = 1;
    runs.first[c] = runs.last[c] = d;
    runs.daySum[c] = 0 + amount;
  } else if (d === runs.last[c]) runs.daySum[c] += amount;
  else if (d > runs.last[c]) {
    if (n > 1) runs.repeat[c] += runs.daySum[c];
    runs.days[c] = n + 1;
    runs.last[c] = d;
    runs.daySum[c] = 0 + amount;
  } else return false;
  return true;
}

/**
 * The summary in one pass, when each customer's lines on or before `asOfDay` come in day order; no line
 * is gathered or sorted. Null as soon as a customer's line goes back in time.
 */
function inDayOrder(table: OrderTable, asOfDay: number): RepeatSummary | null {
  const runs = dayRuns(table.customers.length);
  return readDays(table, asOfDay, runs) ? summaryOfRuns(runs, asOfDay) : null;
}

/**
 * Reads every line on or before `asOfDay` into `runs`; false when a customer's line goes back in time.
 * The loop alone in its function: V8 compiles it once, while it runs, with nothing after it to deoptimise on.
 */
function readDays(table: OrderTable, asOfDay: number, runs: DayRuns): boolean {
  const { customer, day, amount, length } = table;
  for (let i = 0; i < length; i++) {
    const d = day[i];
    if (d <= asOfDay && !addDay(runs, customer[i], d, amount[i])) return false;
  }
  return true;
}

/** The summary of the customers met, in table order; the latest day of each closes. */
function summaryOfRuns(runs: DayRuns, asOfDay: number): RepeatSummary {
  const { days, first, last, daySum, repeat } = runs;
  let buyers = 0;
  for (let c = 0; c < days.length; c++) if (days[c] > 0) buyers++;
  const out = summaryOf(buyers);
  for (let c = 0, b = 0; c < days.length; c++) {
    const n = days[c];
    if (n === 0) continue;
    out.customer[b] = c;
    out.frequency[b] = n - 1;
    out.recency[b] = last[c] - first[c];
    out.age[b] = asOfDay - first[c];
    out.monetary[b] = n > 1 ? (repeat[c] + daySum[c]) / (n - 1) : 0;
    b++;
  }
  return out;
}

/** An empty summary for `buyers` customers. */
function summaryOf(buyers: number): RepeatSummary {
  return {
    customer: new Int32Array(buyers),
    frequency: new Int32Array(buyers),
    recency: new Int32Array(buyers),
    age: new Int32Array(buyers),
    monetary: new Float64Array(buyers),
  };
}

/** The summary for lines in any order: customers in blocks, each block's lines gathered and put in day order. */
function byBlocks(table: OrderTable, asOfDay: number): RepeatSummary {
  const nc = table.customers.length;
  const start = lineStarts(table.customer, table.day, table.length, nc, asOfDay);
  let buyers = 0;
  let longest = 0;
  for (let c = 0; c < nc; c++) {
    const lines = start[c + 1] - start[c];
    if (lines > 0) buyers++;
    if (lines > longest) longest = lines;
  }
  // Customers go in blocks of at most BLOCK_LINES lines (one pass over the table each), so the scratch
  // stays small however long the table is.
  const size = Math.max(Math.min(start[nc], BLOCK_LINES), longest);
  const days = new Int32Array(size);
  const amounts = new Float64Array(size);
  const scratch: DayScratch = {
    minDay: 0,
    stamp: new Int32Array(0),
    value: new Float64Array(0),
    distinct: new Int32Array(0),
  };
  const out = summaryOf(buyers);
  let b = 0;
  for (let from = 0; from < nc;) {
    let to = from + 1;
    while (to < nc && start[to + 1] - start[from] <= size) to++;
    gatherBlock(table, asOfDay, start, from, to, days, amounts);
    b = summariseBlock(days, amounts, start, from, to, asOfDay, scratch, out, b);
    from = to;
  }
  return out;
}

/** Prefix sums of the lines on or before `asOfDay` per customer: customer c's run is [start[c], start[c+1]). */
function lineStarts(
  customer: Int32Array,
  day: Float64Array,
  length: number,
  customers: number,
  asOfDay: number,
): Int32Array {
  const start = new Int32Array(customers + 1);
  for (let i = 0; i < length; i++) if (day[i] <= asOfDay) start[customer[i] + 1]++;
  for (let c = 0; c < customers; c++) start[c + 1] += start[c];
  return start;
}

/** Copies the day and amount of customers from..to − 1's lines into their runs (offset by start[from]). */
function gatherBlock(
  table: OrderTable,
  asOfDay: number,
  start: Int32Array,
  from: number,
  to: number,
  days: Int32Array,
  amounts: Float64Array,
): void {
  const { customer, day, amount, length } = table;
  const base = start[from];
  const fill = start.slice(from, to);
  for (let i = 0; i < length; i++) {
    const c = customer[i];
    if (c < from || c >= to || day[i] > asOfDay) continue;
    const k = fill[c - from]++ - base;
    days[k] = day[i];
    amounts[k] = amount[i];
  }
}

/**
 * Per-day scratch for one block: `value[d − minDay]` sums customer `stamp[d − minDay] − 1`'s lines of day d
 * (in table order); `distinct` lists the current customer's days.
 */
interface DayScratch {
  minDay: number;
  stamp: Int32Array;
  value: Float64Array;
  distinct: Int32Array;
}

/** Widest span of days (about 2,900 years) summed by day slots; wider blocks are sorted line by line. */
const MAX_DAY_SPAN = 1 << 20;

/**
 * Summarises customers from..to − 1 of a gathered block into `out` from row `b`; returns the next row. A
 * customer's lines go into per-day slots (each day's amounts added in table order), then the repeat value
 * is summed over their distinct days in day order: the sums a stable sort of the lines by day gives, without
 * sorting the lines.
 */
function summariseBlock(
  days: Int32Array,
  amounts: Float64Array,
  start: Int32Array,
  from: number,
  to: number,
  asOfDay: number,
  scratch: DayScratch,
  out: RepeatSummary,
  b: number,
): number {
  const base = start[from];
  const lines = start[to] - base;
  if (lines === 0) return b;
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let k = 0; k < lines; k++) {
    if (days[k] < minDay) minDay = days[k];
    if (days[k] > maxDay) maxDay = days[k];
  }
  if (maxDay - minDay >= MAX_DAY_SPAN)
    return summariseBlockBySorting(days, amounts, start, from, to, asOfDay, out, b);
  const span = maxDay - minDay + 1;
  if (scratch.stamp.length < span) {
    scratch.stamp = new Int32Array(span);
    scratch.value = new Float64Array(span);
  }
  scratch.minDay = minDay;
  for (let c = from; c < to; c++) {
    const lo = start[c] - base;
    const hi = start[c + 1] - base;
    if (lo === hi) continue;
    if (scratch.distinct.length < hi - lo) scratch.distinct = new Int32Array(hi - lo);
    const n = addByDay(days, amounts, lo, hi, c + 1, scratch);
    const distinct = scratch.distinct;
    if (n <= INSERTION_RUN) insertionSort(distinct, n);
    else distinct.subarray(0, n).sort();
    let repeatValue = 0;
    for (let j = 1; j < n; j++) repeatValue += scratch.value[distinct[j] - minDay];
    out.customer[b] = c;
    out.frequency[b] = n - 1;
    out.recency[b] = distinct[n - 1] - distinct[0];
    out.age[b] = asOfDay - distinct[0];
    out.monetary[b] = n > 1 ? repeatValue / (n - 1) : 0;
    b++;
  }
  return b;
}

/**
 * Adds lines lo..hi − 1 into their day slots under `mark` (distinct per customer) and lists the distinct
 * days in `scratch.distinct`; returns how many. A slot starts at 0 + the first amount, as a running sum does.
 */
function addByDay(
  days: Int32Array,
  amounts: Float64Array,
  lo: number,
  hi: number,
  mark: number,
  scratch: DayScratch,
): number {
  const { stamp, value, distinct, minDay } = scratch;
  let n = 0;
  for (let k = lo; k < hi; k++) {
    const slot = days[k] - minDay;
    if (stamp[slot] !== mark) {
      stamp[slot] = mark;
      value[slot] = 0 + amounts[k];
      distinct[n++] = days[k];
    } else value[slot] += amounts[k];
  }
  return n;
}

/** Sorts the first n entries of `values` ascending. */
function insertionSort(values: Int32Array, n: number): void {
  for (let k = 1; k < n; k++) {
    const v = values[k];
    let j = k - 1;
    while (j >= 0 && values[j] > v) {
      values[j + 1] = values[j];
      j--;
    }
    values[j + 1] = v;
  }
}

/** summariseBlock for a block whose days span too wide for day slots: each customer's lines sorted by day. */
function summariseBlockBySorting(
  days: Int32Array,
  amounts: Float64Array,
  start: Int32Array,
  from: number,
  to: number,
  asOfDay: number,
  out: RepeatSummary,
  b: number,
): number {
  const base = start[from];
  for (let c = from; c < to; c++) {
    const lo = start[c] - base;
    const hi = start[c + 1] - base;
    if (lo === hi) continue;
    if (hi - lo <= INSERTION_RUN) insertionSortByDay(days, amounts, lo, hi);
    else sortLongRunByDay(days, amounts, lo, hi);
    const first = days[lo];
    let transactions = 0;
    let repeatValue = 0;
    let k = lo;
    while (k < hi) {
      const d = days[k];
      let v = 0;
      while (k < hi && days[k] === d) v += amounts[k++];
      if (transactions > 0) repeatValue += v;
      transactions++;
    }
    out.customer[b] = c;
    out.frequency[b] = transactions - 1;
    out.recency[b] = days[hi - 1] - first;
    out.age[b] = asOfDay - first;
    out.monetary[b] = transactions > 1 ? repeatValue / (transactions - 1) : 0;
    b++;
  }
  return b;
}

/** Puts days[lo..hi) in ascending order, moving amounts along; stable (equal days keep their order). */
function insertionSortByDay(days: Int32Array, amounts: Float64Array, lo: number, hi: number): void {
  for (let k = lo + 1; k < hi; k++) {
    const d = days[k];
    if (d >= days[k - 1]) continue;
    const v = amounts[k];
    let j = k - 1;
    while (j >= lo && days[j] > d) {
      days[j + 1] = days[j];
      amounts[j + 1] = amounts[j];
      j--;
    }
    days[j + 1] = d;
    amounts[j + 1] = v;
  }
}

/** The same stable order for a heavy buyer's many lines: positions sorted by (day, position). */
function sortLongRunByDay(days: Int32Array, amounts: Float64Array, lo: number, hi: number): void {
  const order = Array.from({ length: hi - lo }, (_, k) => lo + k).sort((x, y) => days[x] - days[y] || x - y);
  const movedDays = Int32Array.from(order, (k) => days[k]);
  const movedAmounts = Float64Array.from(order, (k) => amounts[k]);
  days.set(movedDays, lo);
  amounts.set(movedAmounts, lo);
}
