import Papa from "papaparse/papaparse.min.js";

/** A file read as a grid: its header row and data rows, with each row's 1-based line in the file. */
export interface TableFile {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
  /** Line (CSV) or row (XLSX) number of each data row, for the import report. */
  readonly lines: readonly number[];
}

/** Line breaks in a field (CRLF, CR or LF), counted without building a match per break. */
function lineBreaks(cell: string): number {
  let n = 0;
  for (let i = cell.indexOf("\r"); i >= 0; i = cell.indexOf("\r", i + 1)) n++;
  for (let i = cell.indexOf("\n"); i >= 0; i = cell.indexOf("\n", i + 1)) if (cell[i - 1] !== "\r") n++;
  return n;
}

/**
 * Parses CSV text (comma, semicolon or tab separated, detected by papaparse; quoted fields with embedded
 * newlines). Cells stay text (no type guessing: "00123" keeps its zeros). Blank rows are dropped but line
 * numbers keep counting, so the report names the line a user sees in an editor (header = line 1, and a
 * quoted newline advances the count).
 */
export function parseCsv(text: string): TableFile {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: false });
  const data = result.data;
  let line = 1;
  const lineOf: number[] = [];
  for (const row of data) {
    lineOf.push(line);
    line += 1 + row.reduce((n, cell) => n + lineBreaks(cell), 0);
  }
  const firstRow = data.findIndex((row) => row.some((c) => c.trim() !== ""));
  if (firstRow < 0) return { headers: [], rows: [], lines: [] };
  const headers = data[firstRow].map((h) => h.trim());
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let i = firstRow + 1; i < data.length; i++) {
    if (data[i].every((c) => c.trim() === "")) continue;
    rows.push(data[i]);
    lines.push(lineOf[i]);
  }
  return { headers, rows, lines };
}
