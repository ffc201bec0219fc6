import { FAULT_KINDS, planFault } from "../../../src/local/faults/plan";
import { seededRandom } from "../../../src/local/random";

describe("fault plans", () => {
  const sheets = new Map([
    ["Customers", 12],
    ["Orders", 20],
  ]);

  it("injects every kind once in as many runs, calls within the clean run's count", () => {
    const rnd = seededRandom(3);
    const faults = FAULT_KINDS.map((_, i) => planFault(rnd, i, 2, 50, sheets));
    expect(new Set(faults.map((f) => f.kind)).size).toBe(FAULT_KINDS.length);
    for (const f of faults) {
      if ("atCall" in f) expect(f.atCall).toBeGreaterThanOrEqual(1);
      if ("atCall" in f) expect(f.atCall).toBeLessThanOrEqual(50);
      if (f.kind === "row-inserted") expect(f.beforeRow).toBeLessThanOrEqual(sheets.get(f.sheet)! + 1);
    }
  });

  it("is the same plan for the same seed", () => {
    const plan = (seed: number) =>
      Array.from({ length: 20 }, (_, i) => planFault(seededRandom(seed + i), i, 0, 99, sheets));
    expect(plan(5)).toEqual(plan(5));
  });
});
