import { compareGrids } from "../../../src/core/trust/backups";
import {
  matchRows,
  planRestore,
  runsOf,
  writePieces,
  type RestorePlan,
} from "../../../src/core/trust/restore-plan";

type Grid = unknown[][];

/** Applies a plan the way the add-on does to a sheet: deletes, inserts of blank rows, then the writes. */
function apply(current: Grid, plan: RestorePlan): Grid {
  const rows = current.map((r) => [...r]);
  for (const [first, count] of plan.deletes) rows.splice(first - 1, count);
  for (const [row, count] of plan.inserts) {
    while (rows.length < row - 1) rows.push([]);
    rows.splice(row - 1, 0, ...Array.from({ length: count }, () => [] as unknown[]));
  }
  for (const b of plan.writes)
    b.values.forEach((line, i) => {
      while (rows.length < b.row + i) rows.push([]);
      line.forEach((v, j) => (rows[b.row - 1 + i][b.column - 1 + j] = v));
    });
  return rows;
}

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const book = (n: number): Grid => [
  ["CustomerID", "Name", "Amount"],
  ...Array.from({ length: n }, (_, i) => [`C${String(i + 1).padStart(5, "0")}`, `name ${i}`, i * 10]),
];

describe("restore plan", () => {
  it("writes one cell for a one-cell change in a large sheet", () => {
    const backup = book(5000);
    const current = backup.map((r) => [...r]);
    current[2500][2] = "changed";
    const plan = planRestore(backup, current, 0);
    expect(plan.deletes).toEqual([]);
    expect(plan.inserts).toEqual([]);
    expect(plan.writes).toEqual([{ row: 2501, column: 3, values: [[24990]] }]);
    expect(plan.cells).toBe(1);
  });

  it("deletes a row added since and re-inserts a row deleted since, writing only that row", () => {
    const backup = book(1000);
    const current = backup.map((r) => [...r]);
    current.splice(10, 1); // C00010 deleted since
    current.splice(500, 0, ["C09999", "new", 1]); // added since
    const plan = planRestore(backup, current, 0);
    expect(plan.deletes).toEqual([[501, 1]]);
    expect(plan.inserts).toEqual([[11, 1]]);
    expect(plan.cells).toBe(3);
    expect(compareGrids(backup, apply(current, plan))).toEqual([]);
  });

  it("matches by whole rows when there is no ID column, and blanks cells beyond the backup's width", () => {
    const backup: Grid = [
      ["h1", "h2"],
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ];
    const current: Grid = [
      ["h1", "h2", "extra"],
      ["a", 1, ""],
      ["x", 9, ""],
      ["b", 2, "note"],
      ["c", 3, ""],
    ];
    const plan = planRestore(backup, current);
    expect(compareGrids(backup, apply(current, plan))).toEqual([]);
    expect(plan.deletes.reduce((n, [, c]) => n + c, 0)).toBe(1);
  });

  it("always ends with the backup's content, whatever happened since (fuzz)", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rnd = random(seed);
      const backup = book(Math.floor(rnd() * 30));
      const current = backup.map((r) => [...r]);
      for (let k = Math.floor(rnd() * 8); k > 0; k--) {
        const at = 1 + Math.floor(rnd() * Math.max(1, current.length - 1));
        const op = rnd();
        if (op < 0.3 && current.length > 1) current.splice(at, 1);
        else if (op < 0.5) current.splice(at, 0, [rnd() < 0.5 ? "" : `C${Math.floor(rnd() * 40)}`, "new", 0]);
        else if (op < 0.7 && current[at]) current[at][1] = "edited";
        else if (op < 0.8 && current[at])
          current[at][0] = current[1]?.[0] ?? ""; // a duplicate ID
        else if (current[at]) current[at][3] = "wider";
      }
      const keyed = planRestore(backup, current, seed % 2 ? 0 : null);
      expect(compareGrids(backup, apply(current, keyed))).toEqual([]);
    }
  });

  it("pairs a long run of repeated rows at the end (blank rows), in order, in linear time", () => {
    // No repeated key is an anchor, so all 300,000 are one gap's common tail: gathered backwards, appended
    // in order (a spread of them would overflow the call stack; unshift would be quadratic).
    const n = 300_000;
    const same = Array.from({ length: n }, () => "");
    const pairs = matchRows(["h", "x", ...same], ["h", "y", ...same]);
    expect(pairs.length).toBe(n + 2);
    expect(pairs[0]).toEqual([0, 0]);
    expect(pairs[1]).toEqual([1, 1]);
    expect(pairs[n + 1]).toEqual([n + 1, n + 1]);
    expect(pairs.every(([b, c], i) => b === i && c === i)).toBe(true);
  });

  it("pairs the header first and keeps pairs in order on both sides", () => {
    const pairs = matchRows(["h", "a", "b", "c", "d"], ["h", "d", "b", "c", "a"]);
    expect(pairs[0]).toEqual([0, 0]);
    for (let i = 1; i < pairs.length; i++) {
      expect(pairs[i][0]).toBeGreaterThan(pairs[i - 1][0]);
      expect(pairs[i][1]).toBeGreaterThan(pairs[i - 1][1]);
    }
  });
});

describe("runs and write pieces", () => {
  it("groups positions in any order into ascending runs, repeats once", () => {
    expect(runsOf([7, 3, 4, 4, 9, 8, 1])).toEqual([
      [1, 1],
      [3, 2],
      [7, 3],
    ]);
    expect(runsOf([])).toEqual([]);
  });

  it("cuts writes into blocks of whole rows under a cell bound that cover exactly the plan's cells", () => {
    const backup = book(50);
    const current = book(50).map((r, i) => (i % 3 === 0 && i > 0 ? [r[0], "changed", r[2]] : r));
    const plan = planRestore(backup, current.slice(0, 40), 0);
    const pieces = writePieces(plan.writes, 7);
    for (const p of pieces) expect(p.values.length * p.values[0].length).toBeLessThanOrEqual(7);
    const cells = (blocks: RestorePlan["writes"]) => {
      const out: string[] = [];
      for (const b of blocks)
        b.values.forEach((line, i) => line.forEach((v, j) => out.push(`${b.row + i}:${b.column + j}=${v}`)));
      return out;
    };
    expect(cells(pieces)).toEqual(cells(plan.writes));
    expect(pieces.length).toBeGreaterThan(plan.writes.length);
    // A row wider than the bound still goes whole, one row a piece.
    expect(writePieces(plan.writes, 1).every((p) => p.values.length === 1)).toBe(true);
  });
});
