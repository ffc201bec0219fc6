import { buildBook } from "../../../src/core/book";
import {
  exportLines,
  orderLines,
  ORDER_FIELDS,
  type ExportMark,
} from "../../../src/gas/bigquery/export-orders";
import { runQuery } from "../../../src/gas/bigquery/run-query";
import type { BigQueryService } from "../../../src/gas/bigquery/service";
import { createEmulator } from "../../../src/local/emulator";

jest.setTimeout(60_000);

const target = { projectId: "p", datasetId: "crm", location: "US" };

describe("the emulated BigQuery advanced service", () => {
  const emu = createEmulator({ bigquery: { pendingPolls: 2, pageRows: 3 } });
  const bq = emu.globals.BigQuery as BigQueryService;
  afterAll(() => emu.bigquery.close());

  it("answers Jobs.query with jobComplete false, then pages of {f:[{v}]} strings by pageToken", () => {
    const first = bq.Jobs.query(
      { query: "SELECT x, x * 1.5 AS y, 'a' AS s FROM range(7) AS t(x)", useLegacySql: false },
      "p",
    );
    expect(first).toMatchObject({ jobComplete: false, jobReference: { projectId: "p" } });
    expect(first.rows).toBeUndefined();
    const jobId = first.jobReference.jobId;
    expect(bq.Jobs.getQueryResults("p", jobId, {}).jobComplete).toBe(false);
    const page1 = bq.Jobs.getQueryResults("p", jobId, { maxResults: 10 });
    expect(page1).toMatchObject({ jobComplete: true, totalRows: "7", pageToken: "3" });
    expect(page1.schema!.fields.map((f) => [f.name, f.type])).toEqual([
      ["x", "INTEGER"],
      ["y", "FLOAT"],
      ["s", "STRING"],
    ]);
    expect(page1.rows![1]).toEqual({ f: [{ v: "1" }, { v: "1.5" }, { v: "a" }] });
    const all = runQuery(bq, target, "SELECT x FROM range(7) AS t(x) ORDER BY x", () => undefined);
    expect(all.rows.map((r) => r.f[0].v)).toEqual(["0", "1", "2", "3", "4", "5", "6"]);
  });

  it("refuses a second job with the same jobId, and reports errors as the advanced service does", () => {
    expect(() => bq.Datasets.get("p", "crm")).toThrow(
      /API call to bigquery.datasets.get failed with error: Not found: Dataset p:crm/,
    );
    bq.Datasets.insert({ datasetReference: { datasetId: "crm" } }, "p");
    const job = { jobReference: { jobId: "same" }, configuration: { query: { query: "SELECT 1" } } };
    bq.Jobs.insert(job, "p");
    expect(() => bq.Jobs.insert(job, "p")).toThrow(/Already Exists: Job p:US.same/);
    expect(() => bq.Jobs.query({ query: "SELEC 1", useLegacySql: false }, "p")).toThrow(
      /bigquery.jobs.query failed/,
    );
  });

  it("exports every order line exactly once when the run is cut between a load and its mark", () => {
    const rows = Array.from({ length: 45 }, (_, i) => [
      `C${i % 7}`,
      `2024-01-${String(1 + (i % 28)).padStart(2, "0")}`,
      10 + i,
      `SO${i}`,
    ]);
    const book = buildBook(
      {
        customers: null,
        orders: { name: "Orders", headers: ["CustomerID", "OrderDate", "Amount", "OrderID"], rows },
      },
      { timeZone: "UTC", lang: "en", details: false },
    );
    const blob = (t: string) => (emu.globals.Utilities as GoogleAppsScript.Utilities.Utilities).newBlob(t);
    let saved: ExportMark = { exported: 0, nextKey: 46 };
    let cuts = 0;
    // Each run dies right after BigQuery accepted a batch, before the mark is saved, until 3 cuts are done.
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        const run = exportLines(
          bq,
          target,
          orderLines(book, (i) => i + 1),
          {
            mark: saved,
            jobPrefix: "doc1",
            tableId: "orders",
            fields: ORDER_FIELDS,
            blob,
            sleep: () => undefined,
            budget: () => true,
            saveMark: (m) => {
              if (cuts < 3) {
                cuts++;
                throw new Error("Exceeded maximum execution time");
              }
              saved = m;
            },
          },
        );
        if (run.done) break;
      } catch (e) {
        expect(String(e)).toMatch(/Exceeded/);
      }
    }
    expect(cuts).toBe(3);
    expect(saved.exported).toBe(45);
    const keys = emu.bigquery.sql(
      `SELECT line_key, count(*) AS n FROM crm.orders GROUP BY line_key ORDER BY CAST(line_key AS INT)`,
    );
    expect(keys.rows).toHaveLength(45);
    expect(keys.rows.every((r) => r[1] === "1")).toBe(true);
  });
});
