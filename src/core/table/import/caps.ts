import type { Lang } from "../../schema/types";

/**
 * What an imported file may hold. Google Sheets' own limits (https://support.google.com/drive/answer/37603):
 * 10,000,000 cells in a spreadsheet, 18,278 columns (A…ZZZ) in a sheet, 50,000 characters in a cell. A file
 * past them could never be written into the book, so it is refused before its rows are built, with the
 * cap in the message (and the file's name, which the caller adds).
 */
export const SHEETS_MAX_CELLS = 10_000_000;
export const SHEETS_MAX_COLUMNS = 18_278;
export const SHEETS_MAX_CELL_CHARS = 50_000;

/** Largest upload read, in bytes as uploaded (the sidebar refuses bigger files before sending them). */
export const MAX_TABLE_FILE_BYTES = 10 * 1024 * 1024;

/**
 * Most bytes an XLSX may inflate to, over the parts read (workbook, its relationships, shared strings, the
 * first worksheet; other parts are never inflated). Checked against the sizes the zip directory declares
 * before anything is inflated, and again while inflating, so an archive that lies about them stops there.
 * 100 MiB of worksheet XML is ~2.5 million cells, past what one import stages (~27 MB of rows).
 */
export const MAX_XLSX_INFLATED_BYTES = 100 * 1024 * 1024;

/** Which cap a file broke. */
export type FileCap =
  "file-bytes" | "inflated-bytes" | "size-mismatch" | "cells" | "dimension" | "columns" | "cell-chars";

/** 1234567 → "1,234,567" (no locale service needed). */
export function grouped(n: number): string {
  const s = String(Math.round(n));
  let out = "";
  for (let i = 0; i < s.length; i++) out += (i > 0 && (s.length - i) % 3 === 0 ? "," : "") + s[i];
  return out;
}

const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** The sentence for a broken cap, in either language; `where` names the part, cell or range concerned. */
export function capMessage(cap: FileCap, limit: number, found: number, where: string, lang: Lang): string {
  const zh = lang === "zh-CN";
  switch (cap) {
    case "file-bytes":
      return zh
        ? `文件有 ${grouped(found)} 字节，超过上限 ${mib(limit)}`
        : `the file is ${grouped(found)} bytes, more than the ${mib(limit)} limit`;
    case "inflated-bytes":
      return zh
        ? `解压后超过 ${mib(limit)}（${where}），已拒绝，未解压`
        : `it would inflate to more than ${mib(limit)} (${where}); refused without inflating it`;
    case "size-mismatch":
      return zh
        ? `压缩包中的 ${where} 解压后比目录声明的 ${grouped(limit)} 字节更大：文件已损坏或被篡改`
        : `${where} inflates past the ${grouped(limit)} bytes its zip directory declares: the file is damaged or forged`;
    case "cells":
      return zh
        ? `超过 ${grouped(limit)} 个单元格（Google 表格整个文件的上限）`
        : `it holds more than ${grouped(limit)} cells, Google Sheets' limit for a whole spreadsheet`;
    case "dimension":
      return zh
        ? `工作表范围 ${where} 共 ${grouped(found)} 个单元格，超过 Google 表格的上限 ${grouped(limit)}`
        : `its sheet spans ${where}, ${grouped(found)} cells, past Google Sheets' limit of ${grouped(limit)}`;
    case "columns":
      return zh
        ? `${where} 超出第 ${grouped(limit)} 列（ZZZ），Google 表格没有更多列`
        : `${where} lies past column ZZZ, the last of Google Sheets' ${grouped(limit)} columns`;
    case "cell-chars":
      return zh
        ? `${where} 有 ${grouped(found)} 个字符，Google 表格一个单元格最多 ${grouped(limit)} 个`
        : `${where} holds ${grouped(found)} characters; a Google Sheets cell holds at most ${grouped(limit)}`;
  }
}

/** A file refused for breaking a cap; the message is English, {@link capMessage} words it in zh-CN. */
export class FileCapError extends Error {
  constructor(
    readonly cap: FileCap,
    readonly limit: number,
    readonly found: number,
    readonly where = "",
  ) {
    super(capMessage(cap, limit, found, where, "en"));
    this.name = "FileCapError";
  }

  /** The message in `lang`. */
  describe(lang: Lang): string {
    return capMessage(this.cap, this.limit, this.found, this.where, lang);
  }
}

/**
 * Checks a grid read from a file against Sheets' limits: at most {@link SHEETS_MAX_COLUMNS} columns, at most
 * {@link SHEETS_MAX_CELLS} cells, no text longer than {@link SHEETS_MAX_CELL_CHARS}. `where(row, column)`
 * names a cell as the user sees it (CSV line and column, or the XLSX cell address).
 */
export function checkGrid(
  rows: readonly (readonly unknown[])[],
  where: (row: number, column: number) => string,
): void {
  let cells = 0;
  rows.forEach((row, r) => {
    if (row.length > SHEETS_MAX_COLUMNS)
      throw new FileCapError("columns", SHEETS_MAX_COLUMNS, row.length, where(r, SHEETS_MAX_COLUMNS));
    cells += row.length;
    if (cells > SHEETS_MAX_CELLS) throw new FileCapError("cells", SHEETS_MAX_CELLS, cells);
    row.forEach((cell, c) => {
      if (typeof cell === "string" && cell.length > SHEETS_MAX_CELL_CHARS)
        throw new FileCapError("cell-chars", SHEETS_MAX_CELL_CHARS, cell.length, where(r, c));
    });
  });
}
