/**
 * What the file-based CLIs (`npm run classify`, `npm run analyze`) share: their flags, reading the input
 * files as rows, the Customers tab built from them, and the emulated spreadsheet opened on the analysis date.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { isoOfDay, zoneDayFunction } from "../core/classify";
import { mapHeaders } from "../core/schema/headers";
import { CUSTOMERS, ORDERS } from "../core/schema/sheets";
import type { Lang, SheetSpec } from "../core/schema/types";
import { decodeText } from "../core/table/import/decode-text";
import { FileError, requireReadable, type Flags, type FlagSpec } from "./cli-args";
import { defaultAsOf, latestOrderDay } from "./default-as-of";
import type { Emulator } from "./emulator";
import { guessOrderHeaders } from "./guess-order-headers";
import { loadBundle } from "./load-bundle";
import { customersGrid, namedCustomerIds } from "./named-customers";

/** The CLIs' spreadsheet zone: the default analysis date is today there (see chooseAsOf). */
export const TIME_ZONE = "Asia/Shanghai";

/** The flags every file-based CLI takes, declared once for the shared parser (cli-args.ts). */
export const COMMON_FLAGS: Readonly<Record<"orders" | "customers" | "asOf" | "lang", FlagSpec>> = {
  orders: {
    name: "orders",
    value: "FILE",
    required: true,
    help: {
      en: "the orders: CSV (UTF-8 or GBK), XLSX (the first worksheet and those with its columns) or a whitespace-separated .txt; other headers read by what they say",
      zh: "订单文件：CSV（UTF-8 或 GBK）、XLSX（第一个工作表及与它列相同的工作表）或以空格分隔的 .txt；非标准列名按字面猜测",
    },
  },
  customers: {
    name: "customers",
    value: "FILE",
    help: {
      en: "the customers (default: one per CustomerID the orders name)",
      zh: "客户文件（默认：按订单中出现的客户编号各建一行）",
    },
  },
  asOf: {
    name: "as-of",
    value: "YYYY-MM-DD",
    help: {
      en: "the analysis date (default: today, Asia/Shanghai; when the latest order is more than\na year old, the day after it)",
      zh: "分析日期（默认：今天，北京时间；最近一笔订单已超过一年时，用其次日）",
    },
  },
  lang: {
    name: "lang",
    value: "en|zh-CN",
    help: {
      en: "the book's language (headers, segment names) and of these messages",
      zh: "表格语言（列名、分群名称）及命令行提示语言",
    },
  },
};

/**
 * What every file-based CLI reads from its flags: the --orders file and the --out path (both required),
 * the --as-of day (undefined when absent: chooseAsOf decides once the orders are read) and --lang.
 */
export function readCommonFlags(flags: Flags): {
  orders: string;
  out: string;
  asOf: string | undefined;
  lang: Lang;
} {
  const orders = flags.get("orders")!;
  const out = flags.get("out")!;
  const asOf = flags.day("as-of");
  const lang = flags.oneOf<Lang>("lang", ["en", "zh-CN"], "en");
  return { orders, out, asOf, lang };
}

/**
 * The analysis date: --as-of when given; else today in TIME_ZONE, or, when the orders' latest order (read
 * from the rows the CLI parsed, header first, as the book in `lang` reads dates) is more than a year before
 * today, the day after it, which one stderr line in `say` (the messages' language) tells (the demo's rule,
 * default-as-of.ts).
 */
export function chooseAsOf(
  given: string | undefined,
  orderRows: readonly (readonly unknown[])[],
  lang: Lang,
  say: Lang = lang,
): string {
  if (given !== undefined) return given;
  const today = isoOfDay(zoneDayFunction(TIME_ZONE)(Date.now()));
  const chosen = defaultAsOf(latestOrderDay([orderRows], TIME_ZONE, lang), today);
  if (!chosen) return today;
  console.error(
    say === "zh-CN"
      ? `分析日期 ${chosen.asOf}：最近一笔订单（${chosen.latest}）已超过一年；可用 --as-of 指定`
      : `as of ${chosen.asOf}: the latest order (${chosen.latest}) is more than a year old; pass --as-of to choose`,
  );
  return chosen.asOf;
}

/**
 * Throws a FileError unless each input file flag names a readable file: called once every flag is read,
 * so a wrong path is a one-line error before any work (and a usage error is reported before it).
 */
export function requireInputs(flags: Flags): void {
  for (const name of ["orders", "customers", "feedback"]) {
    const file = flags.get(name);
    if (file !== undefined) requireReadable(file, { en: `--${name} file`, zh: ` --${name} 文件` });
  }
}

/**
 * The bundle in a fresh emulated spreadsheet at noon of `asOf` in TIME_ZONE, its UI in `lang`, the orders'
 * rows on the Orders tab and the Customers tab built by customerSheet.
 */
export function openBook(
  asOf: string,
  lang: Lang,
  orders: unknown[][],
  customers: unknown[][] | null,
): ReturnType<typeof loadBundle> {
  const loaded = loadBundle({
    now: `${asOf}T12:00:00+08:00`,
    timeZone: TIME_ZONE,
    locale: lang === "zh-CN" ? "zh_CN" : "en",
  });
  loaded.emulator.properties.document.set("ui", JSON.stringify({ lang }));
  loadSheet(loaded.emulator, ORDERS.name[lang], padToWidest(orders));
  loadSheet(loaded.emulator, CUSTOMERS.name[lang], customerSheet(orders, customers, lang));
  return loaded;
}

/**
 * A file's rows as a tab's values, text kept as text: sheetFromValues would store a cell "=HYPERLINK(…)"
 * as a formula (and the product would vanish into its result), so, as the add-on's own writes do
 * (writeValues → literalCell), such a cell is entered with a leading apostrophe, which Sheets drops and
 * which keeps the rest as text: the cell's value is the text itself.
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)
 */
export function loadSheet(emulator: Emulator, name: string, rows: unknown[][]): void {
  const sheet = emulator.sheetFromValues(name, rows);
  // A file imported into Sheets gets a grid as wide as its data, not a new tab's 26 columns: a wide
  // default would count toward the 10M-cell limit (540,000 lines × 26 is past it; × 9 is not).
  const width = Math.max(1, sheet.getLastColumn());
  if (sheet.getMaxColumns() > width) sheet.deleteColumns(width + 1, sheet.getMaxColumns() - width);
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (typeof v === "string" && v.length > 1 && v.startsWith("="))
        sheet.getRange(r + 1, c + 1).setValue(`'${v}`);
    }),
  );
}

/** A problem the bundle reports on a cell, as the CLIs print it: by the file line first. */
export function problemLine(p: {
  readonly sheet: string;
  readonly a1: string;
  readonly value: unknown;
  readonly message: string;
}): string {
  return `line ${p.a1.replace(/^\D+/, "")}: ${p.sheet}!${p.a1} "${p.value}": ${p.message}`;
}

/**
 * The orders file as both CLIs read it ({@link readInputRows}): a whitespace-separated table split into
 * columns, and headers that name no Orders column read by what they say ({@link guessOrderHeaders}),
 * each guess said on stderr in `say`. `header` is the file's own header row, for messages.
 */
export async function readOrdersFile(
  file: string,
  book: Lang,
  say: Lang,
): Promise<{ readonly rows: unknown[][]; readonly header: readonly unknown[] }> {
  const orders = splitWhitespaceTable(await readInputRows(file, say));
  const guessed = guessOrderHeaders(orders, book, say);
  for (const note of guessed.notes)
    console.error(`${path.basename(file)}${say === "zh-CN" ? "：" : ": "}${note}`);
  return { rows: guessed.rows, header: orders[0] ?? [] };
}

/**
 * A whitespace-separated table (CDNOW's cdnow_master.txt and the like) read as one cell per line: split
 * each line on runs of spaces or tabs. CSV and xlsx rows pass unchanged.
 */
function splitWhitespaceTable(rows: unknown[][]): unknown[][] {
  const text = rows.filter((r) => r.length && String(r[0]).trim());
  if (!text.length || text.some((r) => r.length !== 1 || !/\S\s+\S/.test(String(r[0])))) return rows;
  return rows.map((r) => (r.length === 1 ? String(r[0]).trim().split(/\s+/) : r));
}

/**
 * The columns of `spec` a header row lacks that the run needs (`needs`: keys; default the spec's required
 * columns), as one stderr line naming them (in both languages' headers) and the file's own columns
 * (`shown`: its header before any guess); null when none is missing.
 */
export function missingColumns(
  spec: SheetSpec,
  file: string,
  header: readonly unknown[],
  say: Lang,
  shown: readonly unknown[] = header,
  needs?: readonly string[],
): string | null {
  const missing = mapHeaders(spec, header).missing.filter((c) =>
    needs ? needs.includes(c.key) : c.required,
  );
  if (!missing.length) return null;
  const found = shown.map((h) => String(h ?? "").trim()).filter(Boolean);
  const base = path.basename(file);
  if (say === "zh-CN")
    return (
      `${base}：缺少必需的列 ${missing.map((c) => `${c.header["zh-CN"]}（${c.header.en}）`).join("、")}；` +
      `文件中的列：${found.join("、") || "（无）"}`
    );
  const names = missing.map((c) => `${c.header.en} (${c.header["zh-CN"]})`).join(", ");
  return (
    `${base}: required column${missing.length > 1 ? "s" : ""} ${names} ${missing.length > 1 ? "are" : "is"} ` +
    `missing; columns found: ${found.join(", ") || "(none)"}`
  );
}

/** The closing line when `run` writes nothing because `file` lacks a required column. */
export function failedOnHeader(run: "analysis" | "classification", file: string, say: Lang): string {
  const base = path.basename(file);
  if (say === "zh-CN")
    return `${run === "analysis" ? "分析" : "分类"}失败：${base} 缺少必需的列；未写出任何文件`;
  return `${run} failed: ${base} lacks a required column; nothing written`;
}

/**
 * {@link readRows}, refusing a file with no cell as one that cannot be read (a FileError: exit code 2, as a
 * missing file): what both CLIs read their input files with.
 */
export async function readInputRows(file: string, say: Lang = "en"): Promise<unknown[][]> {
  const rows = await readRows(file, say);
  if (!rows.length || rows.every((r) => r.every((v) => String(v ?? "").trim() === "")))
    throw new FileError({ en: `${file}: the file is empty`, zh: `${file}：文件为空` });
  return rows;
}

/**
 * A file's rows, the header first; row i is line i + 1 of the file (blank lines kept as empty rows). An
 * .xlsx that is no workbook throws a FileError (exit code 2, as for a file that cannot be read); its
 * worksheets are read as workbookRows reads them, notes said in `say`.
 */
export async function readRows(file: string, say: Lang = "en"): Promise<unknown[][]> {
  if (/\.xlsx$/i.test(file)) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code) throw e; // a missing or unreadable file: cli-args says which
      throw new FileError({
        en: `${file}: not a readable .xlsx workbook`,
        zh: `${file}：不是可读取的 .xlsx 工作簿`,
      });
    }
    return workbookRows(file, workbook, say);
  }
  // Chinese Excel saves CSV as GBK/GB18030: the import's own detection decides, as it does in the sidebar.
  const { text } = decodeText(new Uint8Array(readFileSync(file)), (bytes, encoding) =>
    new TextDecoder(encoding).decode(bytes),
  );
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const rows = parsed.data;
  while (rows.length && rows[rows.length - 1].every((v) => v === "")) rows.pop();
  return rows;
}

/**
 * A workbook's rows: its first worksheet with rows, then each other worksheet with the same header row,
 * read after it (an export split by year, as UCI's Online Retail II is: "Year 2009-2010", "Year
 * 2010-2011"), each said on stderr with the line it starts at, so a problem's line number still points
 * into the file. A row of a joined worksheet that repeats a row of the worksheets before it (such splits
 * overlap: both of Online Retail II's hold 1–9 December 2010) is read as a blank line, once for each time
 * it was already read, and said. Other worksheets are left out, and named.
 */
function workbookRows(file: string, workbook: ExcelJS.Workbook, say: Lang): unknown[][] {
  const sheets = workbook.worksheets.filter((sheet) => sheet.rowCount > 0);
  const [first, ...others] = sheets;
  if (!first) return [];
  const rows = worksheetRows(first);
  // A row's cells as one key (trimmed, trailing blanks dropped): headers are compared, and rows counted, by it.
  const rowKey = (r: readonly unknown[] | undefined) =>
    JSON.stringify((r ?? []).map((v) => String(v ?? "").trim())).replace(/(,"")+]$/, "]");
  const header = rowKey(rows[0]);
  const base = path.basename(file);
  const zh = say === "zh-CN";
  const left: string[] = [];
  // How often each row was read so far, by its cells (built only when a second worksheet is joined).
  let seen: Map<string, number> | null = null;
  for (const sheet of others) {
    const more = worksheetRows(sheet);
    if (rowKey(more[0]) !== header) {
      left.push(sheet.name);
      continue;
    }
    if (!seen) {
      seen = new Map();
      for (let r = 1; r < rows.length; r++) addCount(seen, rowKey(rows[r]), 1);
    }
    const from = rows.length + 1;
    let repeated = 0;
    for (let r = 1; r < more.length; r++) {
      const key = rowKey(more[r]);
      if ((seen.get(key) ?? 0) > 0 && key !== "[]") {
        addCount(seen, key, -1);
        rows.push([]);
        repeated++;
      } else rows.push(more[r]);
    }
    for (let r = 1; r < more.length; r++) addCount(seen, rowKey(more[r]), 1);
    console.error(
      zh
        ? `${base}：工作表“${sheet.name}”与“${first.name}”列相同，接在其后读取（从第 ${from} 行起）` +
            (repeated ? `；其中 ${repeated} 行与前面工作表的行完全相同，按空行处理` : "")
        : `${base}: worksheet "${sheet.name}" has the columns of "${first.name}" and is read after it, from line ${from}` +
            (repeated
              ? `; ${repeated} of its rows repeat rows of the worksheets before it and are read as blank`
              : ""),
    );
  }
  if (left.length)
    console.error(
      zh
        ? `${base}：只读取与“${first.name}”列相同的工作表；未读取：${left.map((n) => `“${n}”`).join("、")}`
        : `${base}: only worksheets with the columns of "${first.name}" are read; left out: ${left.map((n) => `"${n}"`).join(", ")}`,
    );
  return rows;
}

/** Adds `by` to `key`'s count. */
function addCount(counts: Map<string, number>, key: string, by: number): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

/** One worksheet's rows, every row as wide as the widest. */
function worksheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  // Read once: ExcelJS computes columnCount by walking every row, so asking it per cell is quadratic.
  const height = sheet.rowCount;
  const width = sheet.columnCount;
  for (let r = 1; r <= height; r++) {
    const row = sheet.getRow(r);
    const cells: unknown[] = [];
    for (let c = 1; c <= width; c++) cells.push(xlsxValue(row.getCell(c).value));
    rows.push(cells);
  }
  return rows;
}

/** Excel dates carry no zone: keep the calendar date as text so no zone can shift it. */
function xlsxValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("result" in v) return xlsxValue(v.result as ExcelJS.CellValue);
    if ("text" in v) return v.text;
    return "";
  }
  return v;
}

/** Every row padded with "" to the widest row's width (at least one cell). */
export function padToWidest(rows: unknown[][]): unknown[][] {
  // A loop, not Math.max(...): a file's rows are more than a call's arguments can hold.
  let width = 1;
  for (const r of rows) if (r.length > width) width = r.length;
  return padRows(rows, width);
}

/** Every row padded with "" to `width` cells. */
function padRows(rows: unknown[][], width: number): unknown[][] {
  return rows.map((r) => (r.length >= width ? r : [...r, ...Array(width - r.length).fill("")]));
}

/**
 * The Customers rows: the --customers file with any missing result columns appended, or one row per
 * distinct CustomerID of the orders (this is a file-based tool: there is no Customers tab to keep).
 */
function customerSheet(orderRows: unknown[][], customerRows: unknown[][] | null, lang: Lang): unknown[][] {
  const base =
    customerRows ?? customersGrid(namedCustomerIds(ORDERS, orderRows[0] ?? [], orderRows.slice(1)), lang);
  const header = base[0] ?? [];
  const missing = mapHeaders(CUSTOMERS, header).missing.filter((c) => c.owned && c.category === "value");
  const full = [...header, ...missing.map((c) => c.header[lang])];
  return padRows([full, ...base.slice(1)], full.length);
}
