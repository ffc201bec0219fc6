/**
 * The book: the Customers, Orders, Interactions and Feedback sheets read once into one typed, columnar,
 * interned model that classification, reminders, the weekly report and analysis all read.
 */
export { buildBook, type BookOptions, type BookSheets } from "./build-book";
export { amountOfCell, cellText, isBlankCell, textOfCell } from "./cells";
export { isOverdue, isUnpaid, type PaymentColumns } from "./facts";
export {
  PAYMENT,
  type Book,
  type BookProblem,
  type CustomerTable,
  type FeedbackTable,
  type InteractionTable,
  type OrderLines,
  type PaymentCode,
  type ProblemKind,
  type ProblemReason,
  type SegmentSnapshot,
  type SheetCells,
} from "./types";
export type { TextList } from "./text-list";
export { PROBLEM_REASON_TEXT } from "./problem-reasons";
