import { loadBundle, type LoadedBundle } from "../../../src/local/load-bundle";
import { fixtureSheets, OWNER, SALES_A } from "../../../src/local/faults/fixture";

jest.setTimeout(300_000);

const SETTINGS = {
  enabled: true,
  projectId: "sheet-crm-test",
  datasetId: "crm",
  location: "US",
  workingSetLines: 0,
};

function book(seed = 3, customers = 40): LoadedBundle {
  const loaded = loadBundle({ owner: OWNER, user: OWNER });
  for (const s of fixtureSheets(seed, customers)) loaded.emulator.sheetFromValues(s.name, s.values);
  return loaded;
}

const orders = (l: LoadedBundle) => l.emulator.spreadsheet.getSheetByName("Orders")!;
const dataRows = (l: LoadedBundle) => {
  const sheet = orders(l);
  return sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn()).getValues();
};
/** line_key → times held, in BigQuery's orders table. */
function loaded(l: LoadedBundle, table = "orders"): Map<string, number> {
  const r = l.emulator.bigquery.sql(`SELECT line_key, count(*) FROM crm.${table} GROUP BY line_key`);
  return new Map(r.rows.map((row) => [String(row[0]), Number(row[1])]));
}

describe("BigQuery mode through the bundle", () => {
  const open: LoadedBundle[] = [];
  afterAll(() => open.forEach((l) => l.emulator.bigquery.close()));
  const fresh = (seed?: number, customers?: number) => {
    const l = book(seed, customers);
    open.push(l);
    return l;
  };

  it("refuses the settings to a sales member, validates them, and audits the change", () => {
    const l = fresh();
    l.ctx.saveRoles({ [SALES_A]: "sales" });
    l.emulator.setUser(SALES_A);
    expect(() => l.ctx.saveBigQuerySettings(SETTINGS)).toThrow(/manage-settings|permission|权限/i);
    expect(() => l.ctx.getBigQuerySettings()).toThrow();
    l.emulator.setUser(OWNER);
    expect(() => l.ctx.saveBigQuerySettings({ ...SETTINGS, projectId: "Bad Project!" })).toThrow(/项目 ID/);
    expect(() => l.ctx.saveBigQuerySettings({ ...SETTINGS, workingSetLines: 5 })).toThrow(/工作集/);
    const saved = l.ctx.saveBigQuerySettings(SETTINGS);
    expect(saved.settings).toEqual(SETTINGS);
    expect(saved.pending).toBe(true);
    expect(JSON.parse(JSON.stringify(saved))).toEqual(saved);
    const log = l.ctx.getAuditLog(0, 50);
    expect(JSON.stringify(log)).toContain("saveBigQuerySettings");
  });

  it("in BigQuery mode, Classify now asks BigQuery instead of scoring the sheet's working set", () => {
    const l = fresh();
    l.ctx.saveBigQuerySettings(SETTINGS);
    const customers = () => JSON.stringify(l.emulator.snapshot().sheets.find((s) => s.name === "Customers"));
    const before = customers();
    expect(before).toContain("CustomerID");
    expect(() => l.ctx.classifyNow()).toThrow(/BigQuery/);
    expect(() => l.run("classifyNow")).toThrow(/BigQuery/);
    expect(customers()).toBe(before);
  });

  it("exports every line once, classifies in BigQuery as the sheet does, and survives sorting and deleting rows", () => {
    const l = fresh();
    l.ctx.classifyNow();
    const customers = l.emulator.spreadsheet.getSheetByName("Customers")!;
    const before = customers.getDataRange().getValues();
    l.ctx.saveBigQuerySettings(SETTINGS);
    const run = l.ctx.runBigQueryNow();
    expect(run.status).toBe("done");
    const lines = dataRows(l).length;
    const keys = loaded(l);
    expect(keys.size).toBe(lines);
    expect([...keys.values()].every((n) => n === 1)).toBe(true);
    // The same segments and scores as the sheet's own classification (ClassifiedAt aside).
    const after = customers.getDataRange().getValues();
    const header = before[0] as string[];
    for (const col of ["R", "F", "M", "Segment", "ABC", "Lifecycle"]) {
      const at = header.indexOf(col);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(after.map((r) => r[at])).toEqual(before.map((r) => r[at]));
    }
    // Sort Orders by amount, delete two rows, add one in the middle: only the new line is sent.
    const sheet = orders(l);
    sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn()).sort(7);
    sheet.deleteRows(3, 2);
    sheet.insertRowBefore(5);
    const width = sheet.getLastColumn();
    const row = new Array(width).fill("");
    row[0] = "O99999";
    row[1] = "C0001";
    row[2] = new Date(Date.UTC(2026, 10, 1));
    row[6] = 123;
    sheet.getRange(5, 1, 1, width).setValues([row]);
    // A copied row: the copy is a line of its own and gets a key of its own.
    sheet.getRange(6, 1, 1, width).copyTo(sheet.getRange(sheet.getLastRow() + 1, 1, 1, width));
    expect(l.ctx.runBigQueryNow().status).toBe("done");
    const again = loaded(l);
    expect(again.size).toBe(lines + 2);
    expect([...again.values()].every((n) => n === 1)).toBe(true);
    const keyAt = (sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] as string[]).indexOf(
      "BigQueryKey",
    );
    const sheetKeys = dataRows(l).map((r) => String(r[keyAt]));
    expect(new Set(sheetKeys).size).toBe(sheetKeys.length);
    for (const k of sheetKeys) expect(again.get(k)).toBe(1);
    // Interactions are exported too.
    expect(loaded(l, "interactions").size).toBeGreaterThan(0);
  });

  it("trims Orders to the working set: only exported lines, the oldest first, after a backup", () => {
    const l = fresh(5, 700);
    const total = dataRows(l).length;
    expect(total).toBeGreaterThan(1_200);
    l.ctx.saveBigQuerySettings({ ...SETTINGS, workingSetLines: 1_000 });
    expect(l.ctx.runBigQueryNow().status).toBe("done");
    expect(dataRows(l).length).toBe(1_000);
    expect(loaded(l).size).toBe(total);
    const dateAt = 2;
    const kept = dataRows(l).map((r) => (r[dateAt] as Date).getTime());
    const status = l.ctx.getBigQuerySettings();
    expect(status.trimmedLines).toBe(total - 1_000);
    expect(l.ctx.listBackups().some((b: { reason: string }) => /BigQuery/.test(b.reason))).toBe(true);
    // Every trimmed line was older than (or as old as) every kept one.
    const bq = l.emulator.bigquery.sql(
      `SELECT max(order_day) FROM crm.orders WHERE line_key NOT IN (${dataRows(l)
        .map((r) => `'${r[r.length - 1]}'`)
        .join(",")})`,
    );
    const newestTrimmedDay = Number(bq.rows[0][0]);
    expect(Math.min(...kept) / 86_400_000).toBeGreaterThanOrEqual(newestTrimmedDay - 1);
    // The next run classifies from BigQuery: customers whose lines were all trimmed keep their scores.
    expect(l.ctx.runBigQueryNow().status).toBe("done");
    expect(loaded(l).size).toBe(total);
  });

  it("sends every order line exactly once when a run is cut at any call and the next run continues", () => {
    const probe = fresh(11, 12);
    probe.ctx.saveBigQuerySettings(SETTINGS);
    probe.emulator.resetCounts();
    probe.ctx.runBigQueryNow();
    const lines = dataRows(probe).length;
    const calls = probe.emulator.countOf("");
    expect(calls).toBeGreaterThan(20);
    let cutRuns = 0;
    for (let at = 1; at <= calls; at += Math.max(1, Math.floor(calls / 25))) {
      const l = book(11, 12);
      l.ctx.saveBigQuerySettings(SETTINGS);
      l.emulator.resetCounts();
      l.emulator.faults.timeLimit(at, 1);
      try {
        l.ctx.runBigQueryNow();
      } catch {
        cutRuns++;
      }
      l.emulator.faults.reset();
      // The hourly dispatcher continues (or starts again) what the cut run left.
      l.ctx.handleDispatch({ authMode: "FULL", triggerUid: "test" });
      if (l.ctx.getBigQuerySettings().pending) l.ctx.runBigQueryNow();
      const keys = loaded(l);
      expect({ at, lines: keys.size }).toEqual({ at, lines });
      expect({ at, once: [...keys.values()].every((n) => n === 1) }).toEqual({ at, once: true });
      l.emulator.bigquery.close();
    }
    expect(cutRuns).toBeGreaterThan(5);
  });
});
