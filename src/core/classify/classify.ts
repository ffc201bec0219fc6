import { buildBook, type Book, type SheetCells } from "../book";
import type { DayNumber } from "../calendar";
import type { Lang } from "../schema/types";
import { abcClasses, type AbcClass } from "./abc";
import type { BtydCustomer } from "./bgnbd";
import { bookRfm } from "./book-rfm";
import { churnModel, churnOf, type ChurnModel, type ChurnRisk } from "./churn";
import { CHURN_LABELS, LIFECYCLE_LABELS, WHY_TEXT } from "./labels";
import { lifecycleStage, type LifecycleStage } from "./lifecycle";
import {
  missingColumns,
  orderLineProblems,
  unknownCustomers,
  type CellProblem,
  type UnknownCustomer,
} from "./order-problems";
import { scoreRfm } from "./scores";
import { meanSegment, meansOf, rangeSegment, toFivePoint, type Means, type Segment } from "./segments";
import type { ClassifySettings } from "./settings";
import { whyRenderer } from "./why";

export type { CellProblem, UnknownCustomer };

/** What a classification run is asked for besides the book. */
export interface ClassifyOptions {
  /** The analysis date as a day in the spreadsheet's zone. */
  readonly asOf: DayNumber;
  readonly settings: ClassifySettings;
  readonly lang: Lang;
}

/** Customers and Orders cells to classify directly (tests, tools): the book is built from them first. */
export interface ClassifyInput extends ClassifyOptions {
  readonly customers: SheetCells;
  /** Null when the spreadsheet has no Orders sheet: everyone is a prospect. */
  readonly orders: SheetCells | null;
  /** Zone in which Date cells are read. */
  readonly timeZone: string;
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

/**
 * Classifies the customers of a book to the values of the owned result columns. Pure: the analysis date
 * is a parameter, and the result does not depend on the order of the order lines.
 *
 * Order lines with a blank CustomerID, an unreadable date or amount, or a date after the analysis date are
 * reported with their cell address and left out; everything else is used. Customers named only in Orders
 * are reported as unknown and not scored. Customers with orders are scored against each other (quantiles,
 * means, ABC ranks, the BG/NBD fit); customers with none are prospects with no scores.
 */
export function classify(book: Book, options: ClassifyOptions): ClassifyOutcome {
  const { settings, lang, asOf } = options;
  const columnsMissing = missingColumns(book);
  const problems = [...columnsMissing.problems];
  // A loop, not push(...): a book can have a million bad lines, more than a call's arguments can hold.
  if (!columnsMissing.ordersUnusable) for (const p of orderLineProblems(book, asOf)) problems.push(p);
  const usable = columnsMissing.ordersUnusable ? withoutOrders(book) : book;
  const rfm = bookRfm(usable, asOf);
  const { agg, scored, recency, frequency, monetary } = rfm;
  const ids = book.customers.ids;
  const n = scored.length;
  const scoredIds: string[] = new Array(n);
  const btyd: BtydCustomer[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const c = scored[k];
    scoredIds[k] = ids[c];
    btyd[k] = { x: agg.purchaseDays[c] - 1, tx: agg.lastDay[c] - agg.firstDay[c], T: asOf - agg.firstDay[c] };
  }
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
  const resultOf = new Int32Array(book.customers.count).fill(-1);
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
  return {
    columns: resultColumns(book.customers.rowCustomer, resultOf, results, lang),
    results,
    prospects: Array.from(rfm.prospects, (c) => ids[c]),
    unknownCustomers: unknownCustomers(usable, agg, asOf),
    problems,
    model,
    means,
    orderLinesUsed: agg.used,
  };
}

/**
 * Builds the book from Customers and Orders cells (in `timeZone`, typed dates read by `lang`) and
 * classifies it: for tests and tools that hold cells rather than a book.
 */
export function classifyBook(input: ClassifyInput): ClassifyOutcome {
  const book = buildBook(
    { customers: input.customers, orders: input.orders },
    { timeZone: input.timeZone, lang: input.lang, details: false },
  );
  return classify(book, input);
}

/** The book with no order lines: what classification uses when Orders lacks a needed column. */
function withoutOrders(book: Book): Book {
  const none = { length: 0 } as const;
  return { ...book, orders: { ...book.orders, ...none } };
}

/** One value per Customers data row for each result column; prospects get 0, 0, "Prospect"; blank IDs blanks. */
export function resultColumns(
  rowCustomer: Int32Array,
  resultOf: Int32Array,
  results: readonly CustomerResult[],
  lang: Lang,
): ReadonlyMap<ResultColumn, readonly (string | number)[]> {
  const rowCount = rowCustomer.length;
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
  return new Map<ResultColumn, readonly (string | number)[]>(RESULT_COLUMNS.map((k) => [k, out[k]]));
}
