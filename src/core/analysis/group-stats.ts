import type { CustomerFacts, FactColumns } from "./customer-facts";
import { describeInPlace, type Summary } from "./stats";
import { BLANK_GROUP, type CustomerProfile } from "./types";

/** What customers can be grouped by. "ageGender" crosses the age band with gender. */
export type Dimension = "segment" | "abc" | "lifecycle" | "region" | "customerType" | "owner" | "ageGender";

export const DIMENSIONS: readonly Dimension[] = [
  "segment",
  "abc",
  "lifecycle",
  "region",
  "customerType",
  "owner",
  "ageGender",
];

/** Statistics of one group of customers; each metric is described over the customers of the group. */
export interface GroupStats {
  readonly dimension: Dimension;
  readonly group: string;
  readonly customers: number;
  /** Spend per customer (customers without orders count as 0). */
  readonly spend: Summary;
  /** Orders per customer (customers without orders count as 0). */
  readonly orders: Summary;
  /** Average order value per customer with orders. */
  readonly aov: Summary;
  /** Mean rating per customer with feedback. */
  readonly satisfaction: Summary;
}

/**
 * Age band: under 25, 25–34, 35–44, 45–54, 55+ (lower bounds inclusive); BLANK_GROUP when the age is
 * unknown or not a plausible age (negative or over 130).
 */
export function ageBand(age: number | null): string {
  if (age === null || !Number.isFinite(age) || age < 0 || age > 130) return BLANK_GROUP;
  if (age < 25) return "<25";
  if (age < 35) return "25-34";
  if (age < 45) return "35-44";
  if (age < 55) return "45-54";
  return "55+";
}

/** The group a customer falls in for a dimension; blank values become BLANK_GROUP. */
export function groupOf(facts: CustomerFacts, dimension: Dimension): string {
  return groupOfProfile(facts.profile, dimension);
}

function groupOfProfile(p: CustomerProfile, dimension: Dimension): string {
  return groupName(
    dimension === "ageGender" ? `${ageBand(p.age)} · ${p.gender || BLANK_GROUP}` : p[dimension],
  );
}

/** The group a raw attribute value names; blank values become BLANK_GROUP. */
function groupName(raw: unknown): string {
  const value = String(raw ?? "");
  return value.trim() === "" ? BLANK_GROUP : value;
}

/** Each customer's group: the group of its raw value. */
function groupsOfValues(index: Int32Array, groupOfRaw: Int32Array, group: Int32Array): void {
  for (let i = 0; i < index.length; i++) group[i] = groupOfRaw[index[i]];
}

/** The attributes a customer's group is read from directly (all dimensions but "ageGender"). */
export type GroupAttribute = Exclude<Dimension, "ageGender">;

/** Each profile's raw value of an attribute as a number: `values[index[i]]` is profile i's value. */
export interface RawValues {
  readonly index: Int32Array;
  readonly values: readonly unknown[];
}

const rawValuesCache = new WeakMap<readonly CustomerProfile[], ReadonlyMap<GroupAttribute, RawValues>>();

/** The attributes in the order they are numbered: every dimension read from one attribute. */
const ATTRIBUTES = DIMENSIONS.filter((d): d is GroupAttribute => d !== "ageGender");

/**
 * Numbers the distinct raw values of an attribute (as given, untrimmed) in first-seen order, once per
 * list of profiles: the group statistics and the report's region and owner comparisons read the same
 * numbering, and customers share a handful of values. Every attribute is numbered in one pass, each read
 * by its own name (a property read by a name that changes from call to call makes the engine throw away
 * the loop's compiled code each time).
 */
export function rawValuesOf(profiles: readonly CustomerProfile[], attribute: GroupAttribute): RawValues {
  let cached = rawValuesCache.get(profiles);
  if (!cached) rawValuesCache.set(profiles, (cached = numberAttributes(profiles)));
  return cached.get(attribute)!;
}

/** One attribute's numbering while it is made. */
interface Numbering {
  readonly index: Int32Array;
  readonly values: unknown[];
  readonly idOf: Map<unknown, number>;
}

/** Every attribute's numbering, from one pass over the profiles. */
function numberAttributes(profiles: readonly CustomerProfile[]): ReadonlyMap<GroupAttribute, RawValues> {
  const n = profiles.length;
  const of = {} as Record<GroupAttribute, Numbering>;
  for (const a of ATTRIBUTES) of[a] = { index: new Int32Array(n), values: [], idOf: new Map() };
  for (let i = 0; i < n; i++) {
    const p = profiles[i];
    numberValue(of.segment, i, p.segment);
    numberValue(of.abc, i, p.abc);
    numberValue(of.lifecycle, i, p.lifecycle);
    numberValue(of.region, i, p.region);
    numberValue(of.customerType, i, p.customerType);
    numberValue(of.owner, i, p.owner);
  }
  return new Map(ATTRIBUTES.map((a) => [a, { index: of[a].index, values: of[a].values }]));
}

/** Gives profile i's value its number (the next one when it is new). */
function numberValue(numbering: Numbering, i: number, value: unknown): void {
  let id = numbering.idOf.get(value);
  if (id === undefined) numbering.idOf.set(value, (id = numbering.values.push(value) - 1));
  numbering.index[i] = id;
}

/**
 * Numbers each customer's group for a dimension into `group` (groups numbered in first-seen order) and
 * returns the group names. Customers share a handful of raw values, so groupOf's string work runs once
 * per distinct value (per age band and gender for "ageGender") instead of once per customer.
 */
function numberGroups(
  profiles: readonly CustomerProfile[],
  dimension: Dimension,
  group: Int32Array,
): string[] {
  const names: string[] = [];
  const idOfName = new Map<string, number>();
  const idOfGroup = (name: string): number => {
    let id = idOfName.get(name);
    if (id === undefined) idOfName.set(name, (id = names.push(name) - 1));
    return id;
  };
  const idOf = (p: CustomerProfile): number => idOfGroup(groupOfProfile(p, dimension));
  if (dimension !== "ageGender") {
    // Raw values are numbered in first-seen order, and a raw value's first profile is the first of its
    // group: numbering the groups value by value keeps their first-seen order.
    const { index, values } = rawValuesOf(profiles, dimension);
    const groupOfRaw = Int32Array.from(values, (value) => idOfGroup(groupName(value)));
    groupsOfValues(index, groupOfRaw, group);
    return names;
  }
  // Age band → gender → group number.
  const idOfRaw = new Map<string, Map<unknown, number>>();
  for (let i = 0; i < profiles.length; i++) {
    const p = profiles[i];
    const band = ageBand(p.age);
    let known = idOfRaw.get(band);
    if (!known) idOfRaw.set(band, (known = new Map()));
    let id = known.get(p.gender);
    if (id === undefined) known.set(p.gender, (id = idOf(p)));
    group[i] = id;
  }
  return names;
}

/** The per-customer figures described for each group. */
const METRICS = ["spend", "orders", "aov", "satisfaction"] as const;

/** What the group statistics read of each customer: the profile and the four figures, in columns. */
export type MetricColumns = Pick<FactColumns, "profiles" | (typeof METRICS)[number]>;

const columnsOfFacts = new WeakMap<readonly CustomerFacts[], MetricColumns>();

/** Fact objects as columns, made once per list (groupStats is called once per dimension). */
function metricColumns(list: readonly CustomerFacts[]): MetricColumns {
  let columns = columnsOfFacts.get(list);
  if (!columns) {
    columns = {
      profiles: list.map((f) => f.profile),
      spend: Float64Array.from(list, (f) => f.spend),
      orders: Float64Array.from(list, (f) => f.orders),
      aov: Float64Array.from(list, (f) => f.aov),
      satisfaction: Float64Array.from(list, (f) => f.satisfaction),
    };
    columnsOfFacts.set(list, columns);
  }
  return columns;
}

/** Where each group's run starts in a list ordered by group; entry `groups` is the total. */
function runStarts(group: Int32Array, groups: number): Int32Array {
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < group.length; i++) start[group[i] + 1]++;
  for (let g = 0; g < groups; g++) start[g + 1] += start[g];
  return start;
}

/**
 * Writes each customer's figure into its group's run of `runs`, in list order (the order describe adds
 * them up in, so sums and SDs stay the same to the last bit).
 */
function fillRuns(values: Float64Array, group: Int32Array, start: Int32Array, runs: Float64Array): void {
  const fill = start.slice(0, start.length - 1);
  for (let i = 0; i < values.length; i++) runs[fill[group[i]]++] = values[i];
}

const scratchOf = new WeakMap<MetricColumns, { runs: Float64Array; group: Int32Array }>();

/** Scratch for one list of customers, shared by every dimension's statistics of it. */
function scratch(columns: MetricColumns): { runs: Float64Array; group: Int32Array } {
  let s = scratchOf.get(columns);
  if (!s) {
    const n = columns.profiles.length;
    scratchOf.set(columns, (s = { runs: new Float64Array(n), group: new Int32Array(n) }));
  }
  return s;
}

/** Summaries of every metric for each group: [metric][group]. One scratch array serves all metrics. */
function describeMetrics(columns: MetricColumns, group: Int32Array, start: Int32Array): Summary[][] {
  const { runs } = scratch(columns);
  return METRICS.map((metric) => {
    fillRuns(columns[metric], group, start, runs);
    const summaries: Summary[] = [];
    for (let g = 0; g + 1 < start.length; g++)
      summaries.push(describeInPlace(runs.subarray(start[g], start[g + 1])));
    return summaries;
  });
}

/**
 * Count, sum, mean, median, SD, p90, min, max of spend, orders, AOV and satisfaction per group of a
 * dimension. Groups come out by total spend, highest first; ties by group name.
 */
export function groupStats(customers: readonly CustomerFacts[], dimension: Dimension): GroupStats[] {
  return groupStatsOf(metricColumns(customers), dimension);
}

/** {@link groupStats} over the customers in columns. */
export function groupStatsOf(columns: MetricColumns, dimension: Dimension): GroupStats[] {
  const { group } = scratch(columns);
  const names = numberGroups(columns.profiles, dimension, group);
  const start = runStarts(group, names.length);
  const [spend, orders, aov, satisfaction] = describeMetrics(columns, group, start);
  const rows = names.map((name, g): GroupStats => ({
    dimension,
    group: name,
    customers: start[g + 1] - start[g],
    spend: spend[g],
    orders: orders[g],
    aov: aov[g],
    satisfaction: satisfaction[g],
  }));
  return rows.sort(
    (a, b) => b.spend.sum - a.spend.sum || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0),
  );
}

/** The same four metrics over every customer, for the report's header line. */
export function overallStats(customers: readonly CustomerFacts[]): Omit<GroupStats, "dimension" | "group"> {
  return overallStatsOf(metricColumns(customers));
}

/** {@link overallStats} over the customers in columns. */
export function overallStatsOf(columns: MetricColumns): Omit<GroupStats, "dimension" | "group"> {
  const n = columns.profiles.length;
  const { group } = scratch(columns);
  group.fill(0);
  const [[spend], [orders], [aov], [satisfaction]] = describeMetrics(columns, group, Int32Array.of(0, n));
  return { customers: n, spend, orders, aov, satisfaction };
}
