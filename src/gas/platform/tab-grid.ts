/**
 * The grids of the add-on's own tabs. Every cell of a grid counts toward a spreadsheet's 10,000,000-cell
 * limit, blank or not (https://support.google.com/drive/answer/37603), and a new tab is 1,000 rows × 26
 * columns; writing past the last row is an error in Apps Script, so tabs that grow are grown first.
 */
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Cuts a new tab's grid to `columns` columns and `rows` rows (at least one row below any frozen ones,
 * which Sheets requires), two calls at most: 26,000 default cells become rows × columns.
 */
export function trimGrid(sheet: Sheet, rows: number, columns: number): void {
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns > columns) sheet.deleteColumns(columns + 1, maxColumns - columns);
  const keep = Math.max(rows, sheet.getFrozenRows() + 1, 2);
  const maxRows = sheet.getMaxRows();
  if (maxRows > keep) sheet.deleteRows(keep + 1, maxRows - keep);
}

/**
 * Sizes a tab the add-on rewrites whole (a report) to `rows` × `columns`, growing or cutting as needed,
 * so a run never leaves the grid of an earlier, larger one (nor the 26,000 cells of a new tab).
 */
export function fitGrid(sheet: Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns < columns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
  trimGrid(sheet, rows, columns);
}

/**
 * Makes room for rows up to `lastRow`, inserting at least `batch` rows at a time so a tab appended to
 * one row at a time pays one insertRowsAfter per `batch` appends, and wastes at most `batch` blank rows.
 */
export function ensureRows(sheet: Sheet, lastRow: number, batch: number): void {
  const maxRows = sheet.getMaxRows();
  if (lastRow > maxRows) sheet.insertRowsAfter(maxRows, Math.max(lastRow - maxRows, batch));
}
