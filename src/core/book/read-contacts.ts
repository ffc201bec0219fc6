import { dateKeyOfDay, type DayNumber } from "../calendar";
import { FEEDBACK, INTERACTIONS } from "../schema/sheets";
import { amountOfCell, cellText, isBlankCell, isBlankRow, textOfCell } from "./cells";
import type { FingerprintIndex } from "./fingerprint-index";
import { cellProblem, sheetColumns } from "./sheet-columns";
import type { BookProblem, FeedbackTable, InteractionTable, SegmentSnapshot, SheetCells } from "./types";

/** The column of `key` in each row, or undefined when the sheet lacks it. */
function cellGetter(at: number): (row: readonly unknown[]) => unknown {
  return (row) => (at < 0 ? undefined : row[at]);
}

/**
 * The Interactions rows (non-blank ones): customer, date and next follow-up. A blank CustomerID and a blank
 * or unreadable Date are reported, an unreadable NextFollowUp too; the row stays, with −1 or NaN.
 */
export function readInteractions(
  sheet: SheetCells | null,
  customers: FingerprintIndex,
  dayOf: (value: unknown) => DayNumber,
  problems: BookProblem[],
): InteractionTable {
  const rows = sheet?.rows ?? [];
  const n = rows.length;
  const row = new Int32Array(n);
  const customer = new Int32Array(n);
  const day = new Float64Array(n);
  const nextFollowUp = new Float64Array(n);
  let used = 0;
  if (sheet) {
    const columns = sheetColumns(INTERACTIONS, sheet, problems);
    const [idAt, dateAt, nextAt] = ["CustomerID", "Date", "NextFollowUp"].map(columns.at);
    const [idOf, dateOf, nextOf] = [idAt, dateAt, nextAt].map(cellGetter);
    for (let i = 0; i < n; i++) {
      const cells = rows[i];
      if (isBlankRow(cells)) continue;
      const id = textOfCell(idOf(cells));
      if (!id && idAt >= 0) problems.push(cellProblem(sheet, i, idAt, "CustomerID", "", "required"));
      const d = dayOf(dateOf(cells));
      if (d !== d && dateAt >= 0) {
        const cell = dateOf(cells);
        problems.push(
          cellProblem(sheet, i, dateAt, "Date", cellText(cell), isBlankCell(cell) ? "required" : "date"),
        );
      }
      const next = nextOf(cells);
      const nd = isBlankCell(next) ? NaN : dayOf(next);
      if (nd !== nd && !isBlankCell(next))
        problems.push(cellProblem(sheet, i, nextAt, "NextFollowUp", cellText(next), "date"));
      row[used] = i + 2;
      customer[used] = id ? customers.id(id) : -1;
      day[used] = d;
      nextFollowUp[used] = nd;
      used++;
    }
  }
  return {
    length: used,
    row: row.subarray(0, used),
    customer: customer.subarray(0, used),
    day: day.subarray(0, used),
    nextFollowUp: nextFollowUp.subarray(0, used),
  };
}

/**
 * The Feedback rows (non-blank ones). A blank CustomerID, a blank or unreadable Date and a rating that is
 * not a whole number from 1 to 5 are reported; the row stays.
 */
export function readFeedback(
  sheet: SheetCells | null,
  customers: FingerprintIndex,
  dayOf: (value: unknown) => DayNumber,
  problems: BookProblem[],
): FeedbackTable {
  const rows = sheet?.rows ?? [];
  const n = rows.length;
  const row = new Int32Array(n);
  const customer = new Int32Array(n);
  const day = new Float64Array(n);
  const rating = new Float64Array(n);
  const category: string[] = [];
  const comment: string[] = [];
  let used = 0;
  if (sheet) {
    const columns = sheetColumns(FEEDBACK, sheet, problems);
    const [idAt, dateAt, ratingAt, categoryAt, commentAt] = [
      "CustomerID",
      "Date",
      "Rating",
      "Category",
      "Comment",
    ].map(columns.at);
    const [idOf, dateOf, ratingOf, categoryOf, commentOf] = [
      idAt,
      dateAt,
      ratingAt,
      categoryAt,
      commentAt,
    ].map(cellGetter);
    for (let i = 0; i < n; i++) {
      const cells = rows[i];
      if (isBlankRow(cells)) continue;
      const id = textOfCell(idOf(cells));
      if (!id && idAt >= 0) problems.push(cellProblem(sheet, i, idAt, "CustomerID", "", "required"));
      const dateCell = dateOf(cells);
      const d = dayOf(dateCell);
      if (d !== d && dateAt >= 0)
        problems.push(
          cellProblem(
            sheet,
            i,
            dateAt,
            "Date",
            cellText(dateCell),
            isBlankCell(dateCell) ? "required" : "date",
          ),
        );
      const ratingCell = ratingOf(cells);
      const r = isBlankCell(ratingCell) ? NaN : amountOfCell(ratingCell);
      if (!isBlankCell(ratingCell) && !(Number.isInteger(r) && r >= 1 && r <= 5))
        problems.push(cellProblem(sheet, i, ratingAt, "Rating", cellText(ratingCell), "range"));
      row[used] = i + 2;
      customer[used] = id ? customers.id(id) : -1;
      day[used] = d;
      rating[used] = r;
      category.push(textOfCell(categoryOf(cells)));
      comment.push(textOfCell(commentOf(cells)));
      used++;
    }
  }
  return {
    length: used,
    row: row.subarray(0, used),
    customer: customer.subarray(0, used),
    day: day.subarray(0, used),
    rating: rating.subarray(0, used),
    category,
    comment,
  };
}

/**
 * The SegmentHistory rows (written by classification; headers WeekStart, CustomerID, Segment) that have a
 * week and a CustomerID. A sheet without those headers gives none.
 */
export function readHistory(
  sheet: SheetCells | null,
  dayOf: (value: unknown) => DayNumber,
): SegmentSnapshot[] {
  if (!sheet) return [];
  const at = (name: string) =>
    sheet.headers.findIndex((h) => textOfCell(h).toLowerCase() === name.toLowerCase());
  const [week, id, segment] = [at("WeekStart"), at("CustomerID"), at("Segment")];
  if (week < 0 || id < 0 || segment < 0) return [];
  const out: SegmentSnapshot[] = [];
  for (const cells of sheet.rows) {
    const day = dayOf(cells[week]);
    const customerId = textOfCell(cells[id]);
    if (day === day && customerId)
      out.push({ weekStart: dateKeyOfDay(day), customerId, segment: textOfCell(cells[segment]) });
  }
  return out;
}
