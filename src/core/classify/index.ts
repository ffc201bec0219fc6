/**
 * The classification engine: RFM scores, segments, ABC, lifecycle and churn (BG/NBD) from the values of
 * the Customers and Orders sheets. Pure: the analysis date and time zone are parameters.
 */
export { classifyBook, columnLetter, readBook, RESULT_COLUMNS } from "./classify";
export type {
  BookRead,
  CellProblem,
  ClassifyInput,
  ClassifyOutcome,
  CustomerResult,
  ResultColumn,
  SheetValues,
  UnknownCustomer,
} from "./classify";
export { aggregateOrders, aggregateLines } from "./aggregate";
export type { Aggregates, CustomerAggregate, OrderLine, OrderLines } from "./aggregate";
export { bgnbdLogLikelihood, expectedPurchases, fitBgNbd, pAlive } from "./bgnbd";
export type { BgNbdFit, BgNbdParams, BtydCustomer } from "./bgnbd";
export { churnModel, churnOf, MAX_FIT_CUSTOMERS } from "./churn";
export type { ChurnModel, ChurnResult, ChurnRisk } from "./churn";
export { amountOfCell, dayOfCell, idOfCell } from "./cells";
export { dayOfIso, dayOfYmd, isoOfDay, zoneDayFunction } from "./days";
export type { DayNumber } from "./days";
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
