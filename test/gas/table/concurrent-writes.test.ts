/**
 * Regressions from the fault suite, on the built bundle: "Fix what is safe" and Import while a user inserts
 * a row at any moment of the job, and Import cut off by the time limit at any moment of its commit.
 */
import type { LoadedBundle } from "../../../src/local/load-bundle";
import type { ImportRequest } from "../../../src/shared/table";
import { corpusGrid, tableBundle, values } from "./harness";

type Grid = unknown[][];

/** Total service calls so far, as the fault injector counts them. */
const calls = (b: LoadedBundle) => Object.values(b.emulator.counts()).reduce((a, n) => a + n, 0);

/** A cell as compared: dates by instant, anything else by its text. */
const text = (v: unknown) => (v instanceof Date ? `d:${v.getTime()}` : String(v ?? ""));
/** Rows as compared across runs, whose clocks differ: any date stands for "a date". */
const loose = (g: Grid) => g.map((r) => r.map((v) => (v instanceof Date ? "date" : text(v))));

/**
 * The call numbers to inject a fault at: every one of the last `dense` calls of a job of `total` calls
 * (where its writes are), and every 10th before (reads, backup), to keep the test quick.
 */
const callsToTry = (total: number, dense: number) =>
  Array.from({ length: total }, (_, i) => i + 1).filter((n) => n > total - dense || n % 10 === 0);
const blank = (row: readonly unknown[]) => row.every((v) => text(v) === "");
const same = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((v, i) => text(v) === text(b[i]));
/** Data rows without trailing blank rows (blank rows at the bottom are invisible to a user). */
const trimmed = (g: Grid) => {
  const rows = g.map((r) => [...r]);
  while (rows.length > 1 && blank(rows[rows.length - 1])) rows.pop();
  return rows;
};

describe("Fix what is safe while a user inserts a row", () => {
  /** Customers (with an ID column) and Orders (without one), both with fixable cells and blank rows. */
  function book(): LoadedBundle {
    const b = tableBundle();
    b.emulator.sheetFromValues("Customers", corpusGrid("customers-corpus.csv"));
    b.emulator.sheetFromValues("Orders", corpusGrid("orders-corpus.csv"));
    b.ctx.clearProblemMarks();
    return b;
  }

  /** Non-blank rows keyed by their first column (CustomerID, OrderID; no fix touches it) and occurrence. */
  const byKey = (g: Grid) => {
    const seen = new Map<string, number>();
    return new Map(
      g
        .slice(1)
        .filter((r) => !blank(r))
        .map((r) => {
          const n = seen.get(text(r[0])) ?? 0;
          seen.set(text(r[0]), n + 1);
          return [`${text(r[0])}#${n}`, r];
        }),
    );
  };

  it.each(["Customers", "Orders"])(
    "%s: an insert at any call and any place leaves each row its own fixes (or none) and the new row blank",
    (sheet) => {
      const clean = book();
      const before = values(clean, sheet);
      const token = clean.ctx.previewFixes("tidy").token;
      clean.emulator.resetCounts();
      clean.ctx.applyFixes(token);
      const total = calls(clean);
      const fixed = byKey(values(clean, sheet));
      const old = byKey(before);
      expect([...fixed].some(([k, r]) => !same(r, old.get(k)!))).toBe(true); // the job does fix this sheet
      const blanks = before.filter((r) => blank(r)).length;
      let shifted = 0;
      for (const n of callsToTry(total, 40)) {
        for (const at of [2, before.length]) {
          const b = book();
          const preview = b.ctx.previewFixes("tidy").token;
          b.emulator.faults.insertRowAtCall(n, sheet, at);
          let outcome = "written";
          try {
            b.ctx.applyFixes(preview);
          } catch (e) {
            outcome = (e as Error).message;
          }
          const after = values(b, sheet);
          const context = `row inserted before ${at} at call ${n} (${outcome})`;
          expect({ context, blanks: after.filter((r) => blank(r)).length }).toEqual({
            context,
            blanks: blanks + 1,
          });
          const now = byKey(after);
          expect({ context, keys: [...now.keys()].sort() }).toEqual({
            context,
            keys: [...old.keys()].sort(),
          });
          for (const [key, row] of now) {
            const wrong = row.flatMap((v, c) =>
              text(v) === text(old.get(key)![c]) || text(v) === text(fixed.get(key)![c]) ? [] : [c],
            );
            expect({ context, key, wrong }).toEqual({ context, key, wrong: [] });
          }
          if (outcome === "written" && n > total / 2) shifted++;
        }
      }
      expect(shifted).toBeGreaterThan(0); // some inserts landed after the write began, and were repaired
    },
  );
});

describe("Import commit", () => {
  const HEADERS = ["CustomerID", "Name", "Email", "Owner", "Status", "IDNumber", "My notes"];
  const request: ImportRequest = {
    sheet: "Customers",
    headers: ["CustomerID", "Name", "Email", "Status", "IDNumber"],
    dedupe: "update",
  };
  const FILE = [
    ["C0002", "Customer 2 (imported)", "c2@example.com", "Won", ""],
    ["C0100", "New Co 100", "n100@example.com", "Prospect", "310101199001011234"],
    ["C0101", "New Co 101", "n101@example.com", "Prospect", "6222020200112233445"],
  ];

  /** Five customers (one with a formula in a custom column), set up; the file staged, not committed. */
  function staged(): { b: LoadedBundle; jobId: string } {
    const b = tableBundle();
    b.emulator.sheetFromValues("Customers", [
      HEADERS,
      ...[1, 2, 3, 4, 5].map((i) => [
        `C000${i}`,
        `Customer ${i}`,
        `c${i}@example.com`,
        "",
        "Prospect",
        "",
        "",
      ]),
    ]);
    b.ctx.setUpSheets();
    b.emulator.spreadsheet.getSheetByName("Customers")!.getRange("G4").setValue("=B4");
    const jobId = b.ctx.importStage(null, request, FILE, [2, 3, 4]);
    b.emulator.resetCounts();
    return { b, jobId };
  }

  function committed() {
    const { b, jobId } = staged();
    b.ctx.importCommit(jobId, request);
    return { b, total: calls(b), after: values(b, "Customers") };
  }

  it("seals imported ID-card and bank numbers: masks in the sheet, the plaintext only in the vault", () => {
    const { b, after } = committed();
    const col = (name: string) => after[0].indexOf(name);
    const rowOf = (id: string) => after.find((r) => r[col("CustomerID")] === id)!;
    expect(rowOf("C0002")[col("Name")]).toBe("Customer 2 (imported)");
    for (const [id, plain] of [
      ["C0100", "310101199001011234"],
      ["C0101", "6222020200112233445"],
    ]) {
      const shown = String(rowOf(id)[col("IDNumber")]);
      expect(shown).not.toBe(plain);
      expect(shown).toContain("*");
      expect(JSON.stringify(after)).not.toContain(plain);
      expect(b.ctx.revealSensitive(id, "IDNumber")).toBe(plain);
    }
    const sheet = b.emulator.spreadsheet.getSheetByName("Customers")!;
    expect(sheet.getRange("G4").getFormula()).toBe("=B4");
  });

  it("cut off by the time limit at any call, leaves the sheet as before or fully imported", () => {
    const { total, after: done } = committed();
    let old: Grid = [];
    const outcomes = new Set<string>();
    // The last budget fits the whole import: under the cost model a call may cost more than 1 ms (a
    // document property read 30 ms), so `total + 1` ms is not enough; 50 ms a call is more than any costs.
    for (const n of [...callsToTry(total, 40), total * 50]) {
      const { b, jobId } = staged();
      old = values(b, "Customers");
      b.emulator.faults.timeLimit(n, 1);
      try {
        b.ctx.importCommit(jobId, request);
      } catch {
        // The time limit's error is the job's answer; what counts is the sheet it leaves.
      }
      b.emulator.faults.reset();
      const now = trimmed(values(b, "Customers"));
      const state = now.length === old.length && now.every((r, i) => same(r, old[i])) ? "old" : "new";
      if (state === "new") expect({ n, now: loose(now) }).toEqual({ n, now: loose(trimmed(done)) });
      outcomes.add(state);
    }
    expect([...outcomes].sort()).toEqual(["new", "old"]);
  });

  it("a row inserted at any call leaves every row its own values and the new row blank", () => {
    const { total, after: done } = committed();
    for (const n of callsToTry(total, 40)) {
      for (const at of [2, 5]) {
        const { b, jobId } = staged();
        const old = values(b, "Customers");
        b.emulator.faults.insertRowAtCall(n, "Customers", at);
        let outcome = "written";
        try {
          b.ctx.importCommit(jobId, request);
        } catch (e) {
          outcome = (e as Error).message;
        }
        const now = trimmed(values(b, "Customers"));
        const context = `row inserted before ${at} at call ${n} (${outcome})`;
        // The inserted (blank) row may be anywhere, or gone when the import's write covered it.
        const readings = [now, ...now.map((_, r) => now.filter((__, i) => i !== r || r === 0))];
        const fits = (g: Grid) => readings.some((r) => JSON.stringify(loose(r)) === JSON.stringify(loose(g)));
        expect({ context, fits: fits(trimmed(done)) || fits(trimmed(old)) }).toEqual({ context, fits: true });
      }
    }
  });
});
