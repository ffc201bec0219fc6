/**
 * Dates as people type them: the table feature's view of the one calendar (src/core/calendar), where the
 * parsing and the day arithmetic live.
 */
export {
  dateInZone,
  daysInMonth,
  epochDay,
  epochMsInZone,
  fromEpochDay,
  isoDate,
  isoDateTime,
  parseDate,
  type CalendarDate,
  type DateOptions,
  type ParsedDate,
} from "../../calendar";
