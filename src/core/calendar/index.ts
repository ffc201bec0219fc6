/**
 * The one calendar of the add-on: day numbers in the spreadsheet's time zone, date keys, weeks, months and
 * quarters, and dates read as people type them. Every feature counts days with these functions.
 */
export {
  civilFromDay,
  dayFromCivil,
  dayOfYmd,
  daysInMonth,
  epochDay,
  fromEpochDay,
  isLeapYear,
  isRealDate,
  type CalendarDate,
  type DayNumber,
} from "./civil";
export {
  addDays,
  dateKeyOfDay,
  dayOfDateKey,
  daysBetween,
  firstDayOfMonthIndex,
  inRange,
  monthIndexOfDay,
  monthKey,
  monthOfKey,
  monthsEnding,
  parseDayText,
  quarterIndexOfMonth,
  quarterKey,
  weekStart,
  type DateKey,
} from "./keys";
export { dateInZone, epochMsInZone, zoneDayFunction, type ParsedDate } from "./zone";
export {
  dateOrderProof,
  isoDate,
  isoDateTime,
  parseDate,
  type DateOptions,
  type DateOrderProof,
} from "./parse-date";
export { columnDateOrder, type ColumnDateOrder } from "./date-order";
export { cellDayReader, columnDayReaders, dateKeyReader, dayOfCell, type ColumnDayReader } from "./cell-day";
