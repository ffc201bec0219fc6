/**
 * The classification engine: RFM scores, segments, ABC, lifecycle and churn (BG/NBD) from the book (the
 * Customers and Orders sheets read once, src/core/book). Pure: the analysis date is a parameter.
 */
export { classify, classifyBook, RESULT_COLUMNS } from "./classify";
export type {
  CellProblem,
  ClassifyInput,
  ClassifyOptions,
  ClassifyOutcome,
  CustomerResult,
  ResultColumn,
  UnknownCustomer,
} from "./classify";
export { bookRfm } from "./book-rfm";
export { CLASSIFY_NEEDS } from "./order-problems";
export type { BookRfm } from "./book-rfm";
export { aggregateOrders, aggregateLines } from "./aggregate";
export type { Aggregates, CustomerAggregate, LineColumns, OrderLine } from "./aggregate";
export { bgnbdLogLikelihood, expectedPurchases, fitBgNbd, pAlive } from "./bgnbd";
export type { BgNbdFit, BgNbdParams, BtydCustomer } from "./bgnbd";
export { churnModel, churnOf, MAX_FIT_CUSTOMERS } from "./churn";
export type { ChurnModel, ChurnResult, ChurnRisk } from "./churn";
// The calendar's functions under the names the classification's callers know.
export {
  dateKeyOfDay as isoOfDay,
  dayOfCell,
  dayOfYmd,
  parseDayText,
  zoneDayFunction,
  type DayNumber,
} from "../calendar";
export { abcClasses } from "./abc";
export type { AbcClass } from "./abc";
export { lifecycleStage, isQuietForRhythm } from "./lifecycle";
export type { LifecycleInput, LifecycleStage } from "./lifecycle";
export { CHURN_LABELS, LIFECYCLE_LABELS } from "./labels";
export { migrationMatrix, ABSENT } from "./migration";
export type { MigrationMatrix } from "./migration";
export { quantileType7, rfmBreaks, binOf } from "./quantile";
export { scoreRfm } from "./scores";
export type { Interval, RfmScores, RfmValues, Scored } from "./scores";
export { meanSegment, meansOf, rangeSegment, schemeSegments, toFivePoint, OTHERS_SEGMENT } from "./segments";
export type { Means, Segment } from "./segments";
export {
  CN8_SEGMENTS,
  DEFAULT_SETTINGS,
  MAX_SEGMENTS,
  RFM10_SEGMENTS,
  TIER_SEGMENTS,
  validateSettings,
} from "./settings";
export type {
  AbcSettings,
  ChurnSettings,
  ClassifySettings,
  LifecycleSettings,
  MeanSegment,
  RangeSegment,
  SchemeKey,
  ScoreBands,
  SegmentTables,
  SettingsProblem,
  SettingsResult,
} from "./settings";
export { summarize } from "./summary";
export type { SummaryRow } from "./summary";
export { formatNumber } from "./why";
