import { dateKeyOfDay, type ColumnDayReader } from "../calendar";
import { FEEDBACK, INTERACTIONS } from "../schema/sheets";
import { parseBoolean } from "../table/parse/scalars";
import { amountOfCell, cellText, isBlankCell, isBlankRow, textOfCell } from "./cells";
import type { FingerprintIndex } from "./fingerprint-index";
import { firstEntries } from "./arena";
import { cellProblem, dateProblem, sheetColumns, type SheetColumns } from "./sheet-columns";
import type { SheetSpec } from "../schema/types";
import type {
  BookProblem,
  EventRows,
  FeedbackTable,
  InteractionTable,
  SegmentSnapshot,
  SheetCells,
} from "./types";

/** The column of `key` in each row, or undefined when the sheet lacks it. */
function cellGetter(at: number): (row: readonly unknown[]) => unknown {
  return (row) => (at < 0 ? undefined : row[at]);
}

/** A reader of one date column of a sheet, in the order its texts prove (core/calendar columnDayReaders). */
export type DateColumns = (rows: SheetCells["rows"], column: number) => ColumnDayReader;

/**
 * What reading a customer-event sheet needs: the CustomerID index, the date-column readers, the problem
 * list.
 */
export interface EventReading {
  readonly customers: FingerprintIndex;
  readonly dates: DateColumns;
  readonly problems: BookProblem[];
}

/**
 * The rows every customer-event sheet (Interactions, Feedback) shares: each non-blank row's sheet row,
 * customer and Date. A blank CustomerID and a blank or unreadable Date are reported; the row stays, with −1
 * or NaN. `extra(columns)` gives the reader of the sheet's other columns: row `i` (0-based data row) into
 * entry `k`.
 */
function readEventRows(
  spec: SheetSpec,
  sheet: SheetCells | null,
  { customers, dates, problems }: EventReading,
  extra: (columns: SheetColumns) => (cells: readonly unknown[], i: number, k: number) => void,
): EventRows {
  const rows = sheet?.rows ?? [];
  const row = new Int32Array(rows.length);
  const customer = new Int32Array(rows.length);
  const day = new Float64Array(rows.length);
  let used = 0;
  if (sheet) {
    const columns = sheetColumns(spec, sheet, problems);
    const [idAt, dateAt] = ["CustomerID", "Date"].map(columns.at);
    const [idOf, dateOf] = [idAt, dateAt].map(cellGetter);
    const dateColumn = dates(rows, dateAt);
    const dayOf = dateColumn.dayOf;
    const each = extra(columns);
    for (let i = 0; i < rows.length; i++) {
      const cells = rows[i];
      if (isBlankRow(cells)) continue;
      const id = textOfCell(idOf(cells));
      if (!id && idAt >= 0) problems.push(cellProblem(sheet, i, idAt, "CustomerID", "", "required"));
      const cell = dateOf(cells);
      const d = dayOf(cell);
      if (d !== d && dateAt >= 0)
        problems.push(
          isBlankCell(cell)
            ? cellProblem(sheet, i, dateAt, "Date", "", "required")
            : dateProblem(sheet, i, dateAt, "Date", cell, dateColumn),
        );
      row[used] = i + 2;
      customer[used] = id ? customers.id(id) : -1;
      day[used] = d;
      each(cells, i, used);
      used++;
    }
  }
  return { length: used, ...firstEntries({ row, customer, day }, used) };
}

/**
 * The Interactions rows (non-blank ones): customer, date and next follow-up. A blank CustomerID and a blank
 * or unreadable Date are reported, an unreadable NextFollowUp too; the row stays, with −1 or NaN.
 */
export function readInteractions(sheet: SheetCells | null, read: EventReading): InteractionTable {
  const nextFollowUp = new Float64Array(sheet?.rows.length ?? 0);
  const rows = readEventRows(INTERACTIONS, sheet, read, (columns) => {
    const nextAt = columns.at("NextFollowUp");
    const nextOf = cellGetter(nextAt);
    const nextDates = read.dates(columns.sheet.rows, nextAt);
    return (cells, i, k) => {
      const next = nextOf(cells);
      const nd = isBlankCell(next) ? NaN : nextDates.dayOf(next);
      if (nd !== nd && !isBlankCell(next))
        read.problems.push(dateProblem(columns.sheet, i, nextAt, "NextFollowUp", next, nextDates));
      nextFollowUp[k] = nd;
    };
  });
  return { ...rows, ...firstEntries({ nextFollowUp }, rows.length) };
}

/**
 * The Feedback rows (non-blank ones). A blank CustomerID, a blank or unreadable Date and a rating that is
 * not a whole number from 1 to 5 are reported; the row stays.
 */
export function readFeedback(sheet: SheetCells | null, read: EventReading): FeedbackTable {
  const rating = new Float64Array(sheet?.rows.length ?? 0);
  const resolved = new Uint8Array(sheet?.rows.length ?? 0);
  const category: string[] = [];
  const comment: string[] = [];
  const rows = readEventRows(FEEDBACK, sheet, read, (columns) => {
    const [ratingAt, categoryAt, commentAt, resolvedAt] = ["Rating", "Category", "Comment", "Resolved"].map(
      columns.at,
    );
    const [ratingOf, categoryOf, commentOf, resolvedOf] = [ratingAt, categoryAt, commentAt, resolvedAt].map(
      cellGetter,
    );
    return (cells, i, k) => {
      const ratingCell = ratingOf(cells);
      const r = isBlankCell(ratingCell) ? NaN : amountOfCell(ratingCell);
      if (!isBlankCell(ratingCell) && !(Number.isInteger(r) && r >= 1 && r <= 5))
        read.problems.push(cellProblem(columns.sheet, i, ratingAt, "Rating", cellText(ratingCell), "range"));
      rating[k] = r;
      category.push(textOfCell(categoryOf(cells)));
      comment.push(textOfCell(commentOf(cells)));
      const yes = parseBoolean(resolvedOf(cells));
      resolved[k] = yes.ok && yes.value ? 1 : 0;
    };
  });
  return { ...rows, ...firstEntries({ rating, resolved }, rows.length), category, comment };
}

/**
 * The SegmentHistory rows (written by classification; headers WeekStart, CustomerID, Segment) that have a
 * week and a CustomerID. A sheet without those headers gives none.
 */
export function readHistory(sheet: SheetCells | null, dates: DateColumns): SegmentSnapshot[] {
  if (!sheet) return [];
  const at = (name: string) =>
    sheet.headers.findIndex((h) => textOfCell(h).toLowerCase() === name.toLowerCase());
  const [week, id, segment] = [at("WeekStart"), at("CustomerID"), at("Segment")];
  if (week < 0 || id < 0 || segment < 0) return [];
  const dayOf = dates(sheet.rows, week).dayOf;
  const out: SegmentSnapshot[] = [];
  for (const cells of sheet.rows) {
    const day = dayOf(cells[week]);
    const customerId = textOfCell(cells[id]);
    if (day === day && customerId)
      out.push({ weekStart: dateKeyOfDay(day), customerId, segment: textOfCell(cells[segment]) });
  }
  return out;
}
