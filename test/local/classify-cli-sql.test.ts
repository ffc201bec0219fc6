import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { dateKeyOfDay } from "../../src/core/calendar";
import { main } from "../../src/local/classify-cli";
import { cdnowPurchases } from "../core/analysis/cdnow";

function readCsv(file: string): Record<string, string>[] {
  const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

jest.setTimeout(600_000);

describe("npm run classify -- --engine sql", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "classify-sql-cli-"));
  let spy: jest.SpyInstance;
  beforeAll(() => (spy = jest.spyOn(console, "error").mockImplementation(() => undefined)));
  afterAll(() => {
    spy.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes the core's R, F, M, segment and ABC for every one of CDNOW's 23,570 customers (1998-07-01, quantile, 5 bins, rfm10)", async () => {
    const orders = path.join(dir, "cdnow.csv");
    writeFileSync(
      orders,
      "CustomerID,OrderDate,Amount\n" +
        cdnowPurchases()
          .map((p) => `${p.customer},${dateKeyOfDay(p.day)},${p.dollars}`)
          .join("\n"),
    );
    const args = [
      "--orders",
      orders,
      "--as-of",
      "1998-07-01",
      "--scoring",
      "quantile",
      "--bins",
      "5",
      "--scheme",
      "rfm10",
    ];
    const coreOut = path.join(dir, "core.csv");
    const sqlOut = path.join(dir, "sql.csv");
    expect(await main([...args, "--out", coreOut])).toBe(0);
    expect(await main([...args, "--engine", "sql", "--out", sqlOut])).toBe(0);
    const core = readCsv(coreOut);
    const sql = readCsv(sqlOut);
    expect(core).toHaveLength(23_570);
    const pick = (r: Record<string, string>) =>
      [
        r.CustomerID,
        r.R,
        r.F,
        r.M,
        r.Segment,
        r.ABC,
        r.RecencyDays,
        r.Frequency,
        r.Monetary,
        r.Lifecycle,
      ].join("|");
    const coreRows = core.map(pick);
    const sqlRows = sql.map(pick);
    const differ = coreRows.filter((row, i) => row !== sqlRows[i]);
    expect(differ.slice(0, 5)).toEqual([]);
    expect(sqlRows).toHaveLength(coreRows.length);
    // Not a vacuous match: every segment of the scheme that CDNOW produces is there, and all three classes.
    expect(new Set(sql.map((r) => r.ABC))).toEqual(new Set(["A", "B", "C"]));
    expect(new Set(sql.map((r) => r.Segment)).size).toBeGreaterThan(5);
    // The whole file, the churn model's P(alive) and the why included.
    expect(readFileSync(sqlOut, "utf8")).toBe(readFileSync(coreOut, "utf8"));
  });
});
