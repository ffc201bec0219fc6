import { mapHeaders } from "../schema/headers";
import { CUSTOMERS, ORDERS } from "../schema/sheets";
import type { Lang } from "../schema/types";
import { abcClasses, type AbcClass } from "./abc";
import { aggregateLines, ORDER_RUN, type Aggregates, type OrderLines } from "./aggregate";
import type { BtydCustomer } from "./bgnbd";
import { amountOfCell, dayOfCell, idOfCell } from "./cells";
import { churnModel, churnOf, type ChurnModel, type ChurnRisk } from "./churn";
import { zoneDayFunction, type DayNumber } from "./days";
import { CHURN_LABELS, LIFECYCLE_LABELS, WHY_TEXT } from "./labels";
import { lifecycleStage, type LifecycleStage } from "./lifecycle";
import { scoreRfm } from "./scores";
import { meanSegment, meansOf, rangeSegment, toFivePoint, type Means, type Segment } from "./segments";
import type { ClassifySettings } from "./settings";
import { whyRenderer } from "./why";

/** A sheet's values as getValues returns them: the header row and the data rows. */
export interface SheetValues {
  /** Tab name, for cell addresses in problems. */
  readonly name: string;
  readonly headers: readonly unknown[];
  readonly rows: readonly (readonly unknown[])[];
}

export interface ClassifyInput {
  readonly customers: SheetValues;
  /** Null when the book has no Orders sheet: everyone is a prospect. */
  readonly orders: SheetValues | null;
  /** The analysis date as a day in the spreadsheet's zone. */
  readonly asOf: DayNumber;
  /** Zone in which Date cells are read. */
  readonly timeZone: string;
  readonly settings: ClassifySettings;
  readonly lang: Lang;
}

/** A cell that could not be used, addressed as the user sees it. */
export interface CellProblem {
  readonly sheet: string;
  /** A1 address, e.g. "C17"; the header row for a missing column. */
  readonly a1: string;
  readonly value: string;
  readonly rule: "required" | "date" | "amount" | "future-date" | "missing-column";
  readonly message: string;
}

/** Customers the Orders sheet names that Customers lacks: reported, not added, and not scored. */
export interface UnknownCustomer {
  readonly customerId: string;
  readonly orderLines: number;
  readonly net: number;
  /** Sheet row of the first line naming them. */
  readonly firstRow: number;
}

/** The classification of one scored customer (one with orders in the Customers sheet). */
export interface CustomerResult {
  readonly customerId: string;
  readonly recencyDays: number;
  readonly frequency: number;
  readonly monetary: number;
  readonly r: number;
  readonly f: number;
  readonly m: number;
  readonly segment: Segment;
  readonly abc: AbcClass;
  readonly lifecycle: LifecycleStage;
  readonly pAlive: number | null;
  readonly expected: number | null;
  readonly churn: ChurnRisk;
  readonly btyd: BtydCustomer;
  readonly why: string;
}

/** The owned result columns written by the classification, in schema order (ClassifiedAt is the shell's). */
export const RESULT_COLUMNS = [
  "RecencyDays",
  "Frequency",
  "Monetary",
  "R",
  "F",
  "M",
  "Segment",
  "ABC",
  "Lifecycle",
  "PAlive",
  "Expected90",
  "ChurnRisk",
  "Why",
] as const;
export type ResultColumn = (typeof RESULT_COLUMNS)[number];

export interface ClassifyOutcome {
  /** One value per Customers data row for each result column; prospects and blank IDs get blanks. */
  readonly columns: ReadonlyMap<ResultColumn, readonly (string | number)[]>;
  /** Scored customers, in Customers order (first row of a duplicated ID). */
  readonly results: readonly CustomerResult[];
  /** Customers without orders, in Customers order. */
  readonly prospects: readonly string[];
  readonly unknownCustomers: readonly UnknownCustomer[];
  readonly problems: readonly CellProblem[];
  readonly model: ChurnModel;
  /** Means compared by the eight-class scheme (always computed, for the summary). */
  readonly means: Means;
  readonly orderLinesUsed: number;
}

/** "A", …, "Z", "AA", … for a 0-based column index. */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const CUSTOMER_MISSING = (sheet: string, key: string): CellProblem => ({
  sheet,
  a1: "1:1",
  value: "",
  rule: "missing-column",
  message: `The header row has no ${key} column.`,
});

/**
 * Classifies a book from the raw values of its Customers and Orders sheets (as getValues returns them) to
 * the values of the owned result columns. Pure: the analysis date and zone are parameters.
 *
 * Order lines with a blank CustomerID, an unreadable date or amount, or a date after the analysis date are
 * reported with their cell address and left out; everything else is used. Customers named only in Orders are
 * reported as unknown and not scored. Customers with orders are scored against each other (quantiles, means,
 * ABC ranks, the BG/NBD fit); customers with none are prospects with no scores.
 */
export function classifyBook(input: ClassifyInput): ClassifyOutcome {
  const { settings, lang, asOf } = input;
  const book = readBook(input);
  const { agg, ids, known, scored, rowCustomer, problems, unknownCustomers, btyd, scoredIds } = book;
  const { recency, frequency, monetary } = book.values;
  const n = scored.length;
  const rowCount = rowCustomer.length;
  const scores = scoreRfm({ recency, frequency, monetary }, settings);
  const means = meansOf(recency, frequency, monetary);
  const abc = abcClasses(scoredIds, monetary, settings.abc);
  const model = churnModel(scoredIds, btyd, settings.churn);
  const levels = scores.levels;

  const whyOf = whyRenderer({
    r: scores.r.intervals,
    f: scores.f.intervals,
    m: scores.m.intervals,
    lang,
    currency: settings.currency,
    means: settings.scheme === "cn8" ? means : undefined,
    model,
  });
  const results: CustomerResult[] = new Array(n);
  const resultOf = new Int32Array(known).fill(-1);
  // Local bindings for the per-customer loop: an imported binding can cost a property read per call (a
  // getter in CommonJS output, as under tsx), 50,000 times each.
  const [bySegmentMeans, bySegmentRanges, fivePoint, stageOf, churnFor] = [
    meanSegment,
    rangeSegment,
    toFivePoint,
    lifecycleStage,
    churnOf,
  ];
  const lifecycleLabels = LIFECYCLE_LABELS;
  // One history object reused for every customer (the rules read it and keep nothing): 50,000 fewer
  // allocations in a loop whose other objects all survive to the end of the run.
  const history = { orders: 0, purchaseDays: 0, recency: 0, medianGap: NaN };
  for (let k = 0; k < n; k++) {
    const c = scored[k];
    const r = scores.r.scores[k];
    const f = scores.f.scores[k];
    const m = scores.m.scores[k];
    const segment =
      settings.scheme === "cn8"
        ? bySegmentMeans(settings.tables.cn8, means, recency[k], frequency[k], monetary[k])
        : bySegmentRanges(
            settings.tables[settings.scheme],
            fivePoint(r, levels),
            fivePoint(f, levels),
            fivePoint(m, levels),
          );
    history.orders = agg.orders[c];
    history.purchaseDays = agg.purchaseDays[c];
    history.recency = recency[k];
    history.medianGap = agg.medianGap[c];
    const lifecycle = stageOf(history, settings.lifecycle);
    const churn = churnFor(model, btyd[k], history, settings.lifecycle, settings.churn.horizonDays);
    const why = whyOf({
      recency: recency[k],
      orders: frequency[k],
      monetary: monetary[k],
      r,
      f,
      m,
      segment: segment.label[lang],
      lifecycle: lifecycleLabels[lifecycle][lang],
      medianGap: agg.medianGap[c],
      pAlive: churn.pAlive,
    });
    results[k] = {
      customerId: ids[c],
      recencyDays: recency[k],
      frequency: frequency[k],
      monetary: monetary[k],
      r,
      f,
      m,
      segment,
      abc: abc[k],
      lifecycle,
      pAlive: churn.pAlive,
      expected: churn.expected,
      churn: churn.risk,
      btyd: btyd[k],
      why,
    };
    resultOf[c] = k;
  }

  const out = Object.fromEntries(
    RESULT_COLUMNS.map((k) => [k, new Array<string | number>(rowCount)]),
  ) as Record<ResultColumn, (string | number)[]>;
  const prospectLabel = LIFECYCLE_LABELS.prospect[lang];
  const prospectWhy = `${WHY_TEXT.noOrders[lang]} → ${prospectLabel}`;
  for (let i = 0; i < rowCount; i++) {
    const c = rowCustomer[i];
    const k = c < 0 ? -1 : resultOf[c];
    const res = k >= 0 ? results[k] : undefined;
    if (!res) {
      for (const key of RESULT_COLUMNS) out[key][i] = "";
      if (c >= 0) {
        out.Frequency[i] = 0;
        out.Monetary[i] = 0;
        out.Lifecycle[i] = prospectLabel;
        out.Why[i] = prospectWhy;
      }
      continue;
    }
    out.RecencyDays[i] = res.recencyDays;
    out.Frequency[i] = res.frequency;
    out.Monetary[i] = res.monetary;
    out.R[i] = res.r;
    out.F[i] = res.f;
    out.M[i] = res.m;
    out.Segment[i] = res.segment.label[lang];
    out.ABC[i] = res.abc;
    out.Lifecycle[i] = LIFECYCLE_LABELS[res.lifecycle][lang];
    out.PAlive[i] = res.pAlive === null ? "" : res.pAlive;
    out.Expected90[i] = res.expected === null ? "" : Math.round(res.expected * 100) / 100;
    out.ChurnRisk[i] = CHURN_LABELS[res.churn][lang];
    out.Why[i] = res.why;
  }
  const columns = new Map<ResultColumn, readonly (string | number)[]>(RESULT_COLUMNS.map((k) => [k, out[k]]));
  return {
    columns,
    results,
    prospects: book.prospects.map((c) => ids[c]),
    unknownCustomers,
    problems,
    model,
    means,
    orderLinesUsed: book.orderLinesUsed,
  };
}

/** The book as read: customers, their aggregates, and the RFM values of those with orders. */
export interface BookRead {
  /** Customer index of each Customers data row (−1 for a blank ID). */
  readonly rowCustomer: Int32Array;
  /** CustomerIDs: the book's (first `known`), then unknown ones met in Orders. */
  readonly ids: readonly string[];
  readonly known: number;
  readonly agg: Aggregates;
  /** Indexes of the known customers with orders (the scored population) and of those without. */
  readonly scored: readonly number[];
  readonly prospects: readonly number[];
  /** Per scored customer (same order as `scored`). */
  readonly scoredIds: readonly string[];
  readonly values: {
    readonly recency: Float64Array;
    readonly frequency: Float64Array;
    readonly monetary: Float64Array;
  };
  readonly btyd: readonly BtydCustomer[];
  readonly unknownCustomers: readonly UnknownCustomer[];
  readonly problems: CellProblem[];
  readonly orderLinesUsed: number;
}

/**
 * Reads the Customers and Orders values into per-customer aggregates and the RFM values (recency in days,
 * distinct orders, net amount) of the customers with orders: the first half of classifyBook, on its own for
 * callers that need only the aggregates (and for the benchmark's like-for-like comparison).
 */
export function readBook(
  input: Pick<ClassifyInput, "customers" | "orders" | "asOf" | "timeZone"> & { readonly lang?: Lang },
): BookRead {
  const { asOf } = input;
  const problems: CellProblem[] = [];
  const custMap = mapHeaders(CUSTOMERS, input.customers.headers);
  const idCol = custMap.index.get("CustomerID");
  const rowCount = input.customers.rows.length;
  if (idCol === undefined) problems.push(CUSTOMER_MISSING(input.customers.name, "CustomerID"));

  // Customer indexes: the book's customers first (in sheet order), then unknown IDs met in Orders.
  const index = new Map<string, number>();
  const ids: string[] = [];
  const rowCustomer = new Int32Array(rowCount).fill(-1);
  if (idCol !== undefined) {
    input.customers.rows.forEach((row, i) => {
      const id = idOfCell(row[idCol]);
      if (!id) return;
      let c = index.get(id);
      if (c === undefined) {
        c = ids.length;
        index.set(id, c);
        ids.push(id);
      }
      rowCustomer[i] = c;
    });
  }
  const known = ids.length;
  const lines = input.orders
    ? parseOrders(input.orders, index, ids, asOf, input.timeZone, input.lang ?? "en", problems)
    : EMPTY_LINES;
  const agg = aggregateLines(lines.lines, ids.length);

  const unknownCustomers: UnknownCustomer[] = [];
  for (let c = known; c < ids.length; c++) {
    unknownCustomers.push({
      customerId: ids[c],
      orderLines: lines.lineCount[c - known],
      net: agg.net[c],
      firstRow: lines.firstRow[c - known],
    });
  }

  // The scored population: known customers with at least one usable order line.
  const scored: number[] = [];
  const prospects: number[] = [];
  for (let c = 0; c < known; c++) (agg.orders[c] > 0 ? scored : prospects).push(c);
  const n = scored.length;
  const recency = new Float64Array(n);
  const frequency = new Float64Array(n);
  const monetary = new Float64Array(n);
  const btyd: BtydCustomer[] = new Array(n);
  const scoredIds: string[] = new Array(n);
  scored.forEach((c, k) => {
    recency[k] = asOf - agg.lastDay[c];
    frequency[k] = agg.orders[c];
    monetary[k] = agg.net[c];
    btyd[k] = { x: agg.purchaseDays[c] - 1, tx: agg.lastDay[c] - agg.firstDay[c], T: asOf - agg.firstDay[c] };
    scoredIds[k] = ids[c];
  });
  return {
    rowCustomer,
    ids,
    known,
    agg,
    scored,
    prospects,
    scoredIds,
    values: { recency, frequency, monetary },
    btyd,
    unknownCustomers,
    problems,
    orderLinesUsed: lines.lines.length,
  };
}

interface ParsedOrders {
  readonly lines: OrderLines;
  /** For unknown customers (index − known): lines naming them and the sheet row of the first. */
  readonly lineCount: readonly number[];
  readonly firstRow: readonly number[];
}

const EMPTY_LINES: ParsedOrders = {
  lines: {
    length: 0,
    customer: new Int32Array(0),
    day: new Int32Array(0),
    amount: new Float64Array(0),
    orderIdOf: () => "",
  },
  lineCount: [],
  firstRow: [],
};

/**
 * One pass over the Orders values into typed arrays. New CustomerIDs are appended to `index`/`ids` (the
 * unknown customers). Bad cells become problems and their lines are skipped.
 */
function parseOrders(
  sheet: SheetValues,
  index: Map<string, number>,
  ids: string[],
  asOf: DayNumber,
  timeZone: string,
  lang: Lang,
  problems: CellProblem[],
): ParsedOrders {
  const map = mapHeaders(ORDERS, sheet.headers);
  const missing = (["CustomerID", "OrderDate", "Amount"] as const).filter((k) => !map.index.has(k));
  if (missing.length) {
    for (const k of missing) problems.push(CUSTOMER_MISSING(sheet.name, k));
    return EMPTY_LINES;
  }
  const custCol = map.index.get("CustomerID")!;
  const dateCol = map.index.get("OrderDate")!;
  const amountCol = map.index.get("Amount")!;
  const orderCol = map.index.get("OrderID");
  const known = ids.length;
  const rows = sheet.rows;
  const n = rows.length;
  const customer = new Int32Array(n);
  const day = new Int32Array(n);
  const amount = new Float64Array(n);
  const lineRow = new Int32Array(n);
  const orderRun = new Uint8Array(n);
  // Per customer, the OrderID of their latest line that was not `same`: what `rising` compares with.
  const latestOrder: string[] = new Array<string>(known).fill("");
  const lineCount: number[] = [];
  const firstRow: number[] = [];
  const zoneDay = zoneDayFunction(timeZone);
  // Local bindings of the cell readers and line codes: used a million times, and an imported binding can
  // cost a property read (a getter in CommonJS output, as under tsx) on every use.
  const idOf = idOfCell;
  const dayOf = dayOfCell;
  const amountOf = amountOfCell;
  const { none, same, rising, other } = ORDER_RUN;
  const bad = (i: number, colIdx: number, rule: CellProblem["rule"], message: string) =>
    problems.push({
      sheet: sheet.name,
      a1: `${columnLetter(colIdx)}${i + 2}`,
      value: String(rows[i][colIdx] ?? ""),
      rule,
      message,
    });
  let used = 0;
  let lastId = "";
  let lastCustomer = -1;
  // The previous row's ID cells as read and their text: the lines of one order repeat them, and comparing
  // a cell with the one before is cheaper than trimming it.
  let lastIdCell: unknown = "";
  let lastOrderCell: unknown = "";
  let lastOrderId = "";
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    const idCell = row[custCol];
    const id = idCell === lastIdCell ? lastId : idOf(idCell);
    if (!id) {
      // A wholly empty row (a gap the user left) is not an error.
      if (row.some((v) => v !== "" && v !== null && v !== undefined))
        bad(i, custCol, "required", "CustomerID is required.");
      continue;
    }
    const d = dayOf(row[dateCol], zoneDay, lang);
    if (Number.isNaN(d)) {
      bad(i, dateCol, "date", "Not a date (use YYYY-MM-DD, YYYYMMDD or a date cell).");
      continue;
    }
    if (d > asOf) {
      bad(i, dateCol, "future-date", "The order date is after the analysis date.");
      continue;
    }
    const a = amountOf(row[amountCol]);
    if (Number.isNaN(a)) {
      bad(i, amountCol, "amount", "Not an amount (a number; refunds negative).");
      continue;
    }
    // The lines of one order (and often one customer's orders) sit together: comparing with the previous
    // line's ID is cheaper than hashing a fresh cell string for the map.
    let c = id === lastId ? lastCustomer : index.get(id);
    if (c === undefined) {
      c = ids.length;
      index.set(id, c);
      ids.push(id);
      latestOrder.push("");
      lineCount.push(0);
      firstRow.push(i + 2);
    }
    if (orderCol !== undefined) {
      // Classified while the row is at hand, so aggregation need not read the OrderIDs a second time.
      const orderCell = row[orderCol];
      const orderId = orderCell === lastOrderCell ? lastOrderId : idOf(orderCell);
      if (orderId === "") orderRun[used] = none;
      else if (orderId === lastOrderId && c === lastCustomer) orderRun[used] = same;
      else {
        orderRun[used] = orderId > latestOrder[c] ? rising : other;
        latestOrder[c] = orderId;
      }
      lastOrderCell = orderCell;
      lastOrderId = orderId;
    }
    lastIdCell = idCell;
    lastId = id;
    lastCustomer = c;
    if (c >= known) lineCount[c - known]++;
    lineRow[used] = i;
    customer[used] = c;
    day[used] = d;
    amount[used] = a;
    used++;
  }
  return {
    lines: {
      length: used,
      customer: customer.subarray(0, used),
      day: day.subarray(0, used),
      amount: amount.subarray(0, used),
      orderIdOf: orderCol === undefined ? () => "" : (line) => idOf(rows[lineRow[line]][orderCol]),
      orderRun: orderCol === undefined ? undefined : orderRun.subarray(0, used),
    },
    lineCount,
    firstRow,
  };
}
