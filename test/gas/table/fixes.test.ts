import type { LoadedBundle } from "../../../src/local/load-bundle";
import { corpusGrid, tableBundle, values } from "./harness";

interface Dto {
  sheet: string;
  a1: string;
  before: string;
  after: string;
  rule: string;
  kind: string;
  beforeKind: string;
  afterKind: string;
  why?: string;
  steps?: string[];
}

function seeded() {
  const b = tableBundle();
  b.emulator.sheetFromValues("Customers", corpusGrid("customers-corpus.csv"));
  return b;
}

const HEADERS = ["CustomerID", "Name", "Phone", "Email", "LastInteraction", "OpportunityAmount"];
const VALID_ROWS = 2011;
/** Seven slips, each one reported problem a repair ends: [data row, column, value]. */
const SLIPS: readonly [number, number, string][] = [
  [10, 2, "138\u200B1234 5678"],
  [200, 2, "010—38700241"],
  [300, 2, "13812345678；"],
  [400, 3, "li@xingchen。cn"],
  [500, 3, "wang @ yunfan.com.cn"],
  [600, 4, "2025—03—01"],
  [700, 5, "5\u200B0,000"],
];

/**
 * The issue's book: 2,011 customers whose phones are Beijing landlines as people type them (010-3870xxxx,
 * valid), the other cells standard, and 7 reported problems. So Fix what is safe has 7 changes and Tidy
 * formats one per valid phone (2,011 − 3 problem phones = 2,008).
 */
function issueBook(): LoadedBundle {
  const b = tableBundle();
  const rows: unknown[][] = Array.from({ length: VALID_ROWS }, (_, i) => [
    `C${String(i + 1).padStart(6, "0")}`,
    `Customer ${i + 1}`,
    `010-${38700000 + i}`,
    `c${i + 1}@example.cn`,
    new Date(Date.UTC(2025, 1, 28, 16)),
    50000,
  ]);
  for (const [r, c, v] of SLIPS) rows[r][c] = v;
  b.emulator.sheetFromValues("Customers", [HEADERS, ...rows]);
  return b;
}

const slipA1 = ([r, c]: readonly [number, number, string]) => `${String.fromCharCode(65 + c)}${r + 2}`;

/** Every page of a proposal, by `pageSize`; checks each page's shape on the way. */
function allPages(
  b: LoadedBundle,
  kind: string,
  pageSize?: number,
): { token: string; total: number; all: Dto[] } {
  const first = b.ctx.previewFixes(kind, 0, pageSize);
  const all: Dto[] = [...first.changes];
  for (let offset = first.pageSize; offset < first.total; offset += first.pageSize) {
    const page = b.ctx.previewFixes(kind, offset, pageSize);
    expect([page.offset, page.token, page.total]).toEqual([offset, first.token, first.total]);
    expect(page.changes.length).toBe(Math.min(first.pageSize, first.total - offset));
    all.push(...page.changes);
  }
  return { token: first.token, total: first.total, all };
}

/** Addresses of cells whose value differs between two grids. */
function changedCells(before: unknown[][], after: unknown[][]): string[] {
  // Dates come from the bundle's realm, where `instanceof Date` is false: compared by their tag and time.
  const time = (v: unknown) =>
    Object.prototype.toString.call(v) === "[object Date]" ? (v as Date).getTime() : v;
  const same = (x: unknown, y: unknown) => time(x) === time(y);
  return after.flatMap((row, r) =>
    row.flatMap((v, c) => (same(v, before[r][c]) ? [] : [`${String.fromCharCode(65 + c)}${r + 1}`])),
  );
}

describe("Fix what is safe (reported problems only)", () => {
  it("7 problems among 2,011 valid phones: the preview holds those 7, and applying changes exactly them", () => {
    const b = issueBook();
    expect(b.ctx.validateAll().total).toBe(7);
    const before = values(b, "Customers");
    const preview = b.ctx.previewFixes();
    expect(preview).toMatchObject({ kind: "problem", total: 7, offset: 0, pageSize: 100 });
    expect(preview.changes.map((c: Dto) => c.a1)).toEqual(SLIPS.map(slipA1));
    expect(preview.changes[1]).toMatchObject({
      a1: "C202",
      before: "010—38700241",
      after: "010-38700241", // as typed, not +861038700241
      kind: "problem",
      rule: "repair",
      why: "Phone is not a phone number (mobile, landline with area code, or +country number).",
      steps: ["dashes"],
    });
    expect(preview.changes[6]).toMatchObject({ after: "50000", beforeKind: "text", afterKind: "number" });
    const result = b.ctx.applyFixes(preview.token);
    expect(result).toMatchObject({ applied: 7, kind: "problem" });
    expect(result.backups).toHaveLength(1);
    const after = values(b, "Customers");
    expect(changedCells(before, after)).toEqual(
      SLIPS.map(slipA1).sort((x, y) => Number(x.slice(1)) - Number(y.slice(1))),
    );
    expect(after[1][2]).toBe("010-38700000"); // the valid landlines stay as typed
    expect(after[201][2]).toBe("010-38700241");
    expect(after[701][5]).toBe(50000);
    expect((after[601][4] as Date).toISOString()).toBe("2025-02-28T16:00:00.000Z"); // 2025-03-01 in Shanghai
    expect(b.ctx.validateAll().total).toBe(0);
    expect(b.ctx.previewFixes().total).toBe(0);
  });

  it("asks through the menu, invisible characters spelled out, and writes nothing when the user says No", () => {
    const b = issueBook();
    const before = b.emulator.snapshot().sheets.find((s) => s.name === "Customers");
    b.emulator.ui.answers.push("NO");
    b.ctx.menuFixSafe();
    const message = b.emulator.ui.alerts[0].message;
    expect(message).toMatch(/^7 cells will be rewritten/);
    expect(message).toContain('Customers!C12: "138\\u200B1234 5678" → "1381234 5678"');
    expect(message).toContain('Customers!F702: "5\\u200B0,000" → "50000"');
    expect(message).not.toContain("+86");
    expect(b.emulator.snapshot().sheets.find((s) => s.name === "Customers")).toEqual(before);
  });
});

describe("Tidy formats (valid values into one format, opt-in)", () => {
  it("pages through every change; the token and total hold on every page; apply writes exactly that many", () => {
    const b = issueBook();
    const before = values(b, "Customers");
    const first = b.ctx.previewFixes("tidy");
    expect(first).toMatchObject({ kind: "tidy", total: VALID_ROWS - 3, offset: 0, pageSize: 100 });
    expect(first.changes).toHaveLength(100);
    expect(first.changes[0]).toMatchObject({
      a1: "C2",
      before: "010-38700000",
      after: "+861038700000",
      rule: "phone",
      kind: "tidy",
    });
    expect(first.changes[0].why).toBeUndefined();
    const { token, total, all } = allPages(b, "tidy", 250);
    expect(token).toBe(first.token);
    expect(new Set(all.map((c) => c.a1)).size).toBe(total);
    expect(all.map((c) => c.a1)).toEqual(
      before.slice(1).flatMap((_, r) => (SLIPS.some((s) => s[0] === r && s[1] === 2) ? [] : [`C${r + 2}`])),
    );
    // An offset past the end shows the last page; a client's odd page size is bounded.
    expect(b.ctx.previewFixes("tidy", 10_000, 100)).toMatchObject({ offset: 2000, pageSize: 100 });
    expect(b.ctx.previewFixes("tidy", 0, 10_000).pageSize).toBe(500);
    expect(() => b.ctx.previewFixes("everything")).toThrow(/Unknown kind of fix/);
    // A tidy token cannot be used to apply problem fixes, or the other way round: it names its kind.
    const result = b.ctx.applyFixes(token);
    expect(result).toMatchObject({ applied: total, kind: "tidy" });
    const changed = changedCells(before, values(b, "Customers"));
    expect(changed).toHaveLength(total);
    expect(new Set(changed)).toEqual(new Set(all.map((c) => c.a1)));
    expect(b.ctx.previewFixes("tidy").total).toBe(0);
    expect(b.ctx.previewFixes().total).toBe(7); // the problems are still there: tidying is not fixing
  });

  it("applies in one write per run of changed rows with a backup, and keeps custom columns", () => {
    const b = seeded();
    const before = values(b, "Customers");
    const preview = b.ctx.previewFixes("tidy", 0, 500);
    expect(preview.total).toBeGreaterThan(10);
    expect(preview.changes).toHaveLength(preview.total);
    expect(preview.changes).toContainEqual(
      expect.objectContaining({
        sheet: "Customers",
        a1: "C3",
        before: "+86 139 0000 1111",
        after: "+8613900001111",
      }),
    );
    expect(values(b, "Customers")).toEqual(before);
    const touched = [
      ...new Set<number>(preview.changes.map((c: { a1: string }) => c.a1.charCodeAt(0) - 65)),
    ].sort((x, y) => x - y);
    // One write per run of consecutive changed rows in each block of adjacent changed columns.
    const blockOf = (c: number) =>
      touched
        .filter((t, i) => (i === 0 || touched[i - 1] !== t - 1 ? true : false))
        .filter((start) => start <= c)
        .pop()!;
    const rowsByBlock = new Map<number, Set<number>>();
    for (const ch of preview.changes as { a1: string }[]) {
      const block = blockOf(ch.a1.charCodeAt(0) - 65);
      rowsByBlock.set(block, (rowsByBlock.get(block) ?? new Set()).add(Number(ch.a1.slice(1))));
    }
    const blocks = [...rowsByBlock.values()]
      .map(
        (rows) =>
          [...rows].sort((x, y) => x - y).filter((r, i, all) => i === 0 || all[i - 1] !== r - 1).length,
      )
      .reduce((n, runs) => n + runs, 0);
    b.ctx.clearProblemMarks(); // creates the audit log, so applying adds just one audit row
    b.emulator.resetCounts();
    const result = b.ctx.applyFixes(preview.token);
    expect(result.applied).toBe(preview.total);
    expect(result.backups).toHaveLength(1);
    // + the audit row, + the "About" tab of the backup spreadsheet made by this first backup.
    expect(b.emulator.counts()["Range.setValues"]).toBe(blocks + 2);
    const after = values(b, "Customers");
    expect(after[2][2]).toBe("+8613900001111");
    const sheet = b.emulator.spreadsheet.getSheetByName("Customers")!;
    expect(sheet.getRange("C3").getNumberFormat()).toBe("@"); // phones stay text…
    expect(sheet.getRange("G4").getNumberFormat()).not.toBe("@"); // …but the dates beside them do not
    expect(after[1][7]).toBe(50000);
    expect((after[3][6] as Date).toISOString()).toBe("2025-02-28T16:00:00.000Z"); // 2025-03-01 in Shanghai
    const custom = before[0].indexOf("内部备注");
    expect(after.map((r) => r[custom])).toEqual(before.map((r) => r[custom]));
    const previewed = new Set(preview.changes.map((c: { a1: string }) => c.a1));
    const changed = changedCells(before, after);
    expect(changed.filter((a1) => !previewed.has(a1))).toEqual([]);
    expect(changed).toHaveLength(preview.total);
    expect(b.ctx.previewFixes("tidy").total).toBe(0);
  });

  it("labels a number kept as text by its kinds instead of showing it as no change", () => {
    const b = tableBundle();
    const orders = b.emulator.sheetFromValues("Orders", [
      ["OrderID", "CustomerID", "OrderDate", "Quantity", "Amount"],
      ["O1", "C1", new Date(Date.UTC(2025, 1, 28, 16)), 32, 100],
      ["O2", "C1", new Date(Date.UTC(2025, 1, 28, 16)), "", ""],
    ]);
    // "32" kept as text, as a plain-text cell holds it.
    orders
      .getRange("D3:E3")
      .setNumberFormat("@")
      .setValues([["32", "100"]]);
    const preview = b.ctx.previewFixes("tidy");
    expect(preview.changes.map((c: Dto) => [c.a1, c.before, c.after, c.beforeKind, c.afterKind])).toEqual([
      ["D3", "32", "32", "text", "number"],
      ["E3", "100", "100", "text", "number"],
    ]);
  });

  it("refuses to apply when the data changed since the preview, and a token that is none of ours", () => {
    const b = seeded();
    const preview = b.ctx.previewFixes("tidy");
    b.emulator.edit("Customers!C3", " 139 0000 2222 ");
    const snapshot = b.emulator.snapshot().sheets.find((s) => s.name === "Customers");
    expect(() => b.ctx.applyFixes(preview.token)).toThrow(/changed since the preview/);
    expect(() => b.ctx.applyFixes("stale-token")).toThrow(/changed since the preview/);
    expect(b.emulator.snapshot().sheets.find((s) => s.name === "Customers")).toEqual(snapshot);
  });
});

describe("Problems sheet", () => {
  it("stores a formula-looking value once neutralised: the text =1+1, no formula, no visible apostrophe", () => {
    const b = issueBook();
    const sheet = b.emulator.spreadsheet.getSheetByName("Customers")!;
    sheet.getRange("C5").setNumberFormat("@").setValue("=1+1");
    expect(sheet.getRange("C5").getValue()).toBe("=1+1");
    b.ctx.validateAll();
    const list = b.emulator.spreadsheet.getSheetByName("Problems")!;
    const row = list
      .getDataRange()
      .getValues()
      .findIndex((r) => r[1] === "C5");
    expect(row).toBeGreaterThan(0);
    const cell = list.getRange(row + 1, 3);
    expect([cell.getValue(), cell.getFormula()]).toEqual(["=1+1", ""]);
  });
});
