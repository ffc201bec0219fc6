import { tableBundle, values } from "./harness";

function setUp() {
  const b = tableBundle();
  b.emulator.sheetFromValues("Customers", [
    ["CustomerID", "Name", "Phone", "Mine", "CreatedAt", "UpdatedAt"],
    ["C000041", "Old", "13812345678", "x", "", ""],
  ]);
  b.ctx.setUpSheets();
  return b;
}

describe("IDs and stamps on edit", () => {
  it("gives a new row the next ID and stamps CreatedAt once, UpdatedAt on every edit", () => {
    const b = setUp();
    // Stamps are the time of the trigger's run, which the cost model moves on by its calls.
    const during = (edit: () => unknown) => {
      const from = b.emulator.clock.nowMs();
      edit();
      return [from, b.emulator.clock.nowMs()] as const;
    };
    let runs: { error: Error | null }[] = [];
    const [from, to] = during(() => (runs = b.emulator.edit("Customers!B3", "New Co")));
    expect(runs.map((r) => r.error)).toEqual(runs.map(() => null));
    const row = () => values(b, "Customers")[2];
    expect(row()[0]).toBe("C000042");
    const created = row()[4] as Date;
    expect(created.getTime()).toBeGreaterThanOrEqual(from);
    expect(created.getTime()).toBeLessThanOrEqual(to);
    b.emulator.clock.advance(60_000);
    const [from2, to2] = during(() => b.emulator.edit("Customers!C3", "13900000000"));
    expect(row()[0]).toBe("C000042");
    expect((row()[4] as Date).getTime()).toBe(created.getTime());
    const updated = (row()[5] as Date).getTime();
    expect(updated).toBeGreaterThanOrEqual(from2);
    expect(updated).toBeLessThanOrEqual(to2);
    expect(row()[3]).toBe("");
  });

  it("stamps a 500-row paste in one batch with distinct IDs, with the calls of a 5-row paste", () => {
    const paste = (n: number) => {
      const b = setUp();
      const rows = Array.from({ length: n }, (_, i) => [
        `Pasted ${i}`,
        `1380000${String(i).padStart(4, "0")}`,
      ]);
      b.emulator.resetCounts();
      b.emulator.edit(`Customers!B3:C${n + 2}`, rows);
      return { b, counts: b.emulator.counts() };
    };
    const { b, counts } = paste(500);
    const rows = values(b, "Customers").slice(2);
    expect(rows).toHaveLength(500);
    const ids = rows.map((r) => r[0]);
    expect(new Set(ids).size).toBe(500);
    expect(ids[0]).toBe("C000042");
    expect(ids[499]).toBe("C000541");
    const isDate = (v: unknown) => Object.prototype.toString.call(v) === "[object Date]";
    expect(rows.every((r) => isDate(r[4]) && isDate(r[5]))).toBe(true);
    expect(counts).toEqual(paste(5).counts);
  });

  it("leaves other sheets and edits of the stamp columns alone", () => {
    const b = setUp();
    b.emulator.edit("Orders!A2", "O1");
    expect(values(b, "Customers")).toHaveLength(2);
    b.emulator.edit("Customers!A2", "C000099");
    expect(values(b, "Customers")[1][5]).toBe("");
  });
});
