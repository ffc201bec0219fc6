/** Column letters for a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The 0-based column index of column letters (either case): "A" → 0, "AA" → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A1 address of a 1-based sheet row and 0-based column index: (2, 0) → "A2". */
export function a1(row: number, columnIndex: number): string {
  return `${columnLetter(columnIndex)}${row}`;
}

/** The 0-based column index and 1-based row of an A1 address ("AB12" → {column: 27, row: 12}). */
export function parseA1(address: string): { readonly row: number; readonly column: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(address.toUpperCase());
  if (!m) throw new Error(`not an A1 cell address: ${address}`);
  return { row: Number(m[2]), column: columnIndex(m[1]) };
}
