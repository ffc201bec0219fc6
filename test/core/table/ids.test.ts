import fc from "fast-check";
import { nextCustomerIds, planStamps } from "../../../src/core/table/ids";

describe("nextCustomerIds", () => {
  it("continues from the highest numeric suffix of any prefix", () => {
    expect(nextCustomerIds(["C000001", "C000007", "", null], 2)).toEqual(["C000008", "C000009"]);
    expect(nextCustomerIds(["CUST-0042", "x"], 1)).toEqual(["C000043"]);
    expect(nextCustomerIds([], 1)).toEqual(["C000001"]);
    expect(nextCustomerIds(["C999999"], 1)).toEqual(["C1000000"]);
    expect(nextCustomerIds(["C000012 "], 1)).toEqual(["C000013"]);
  });

  it("is not stopped by a typed ID with a suffix past what a double counts exactly", () => {
    // Past 2^53, n + 1 === n: every new customer would have got the same ID ("C1e+21", "CInfinity").
    for (const huge of ["C99999999999999999999", `C${"9".repeat(400)}`, `X${"1".repeat(50_000)}`])
      expect(nextCustomerIds(["C000005", huge], 3)).toEqual(["C000006", "C000007", "C000008"]);
    expect(nextCustomerIds(["C999999999999999"], 2)).toEqual(["C1000000000000000", "C1000000000000001"]);
  });

  it("never returns an ID that exists or repeats", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5000 })),
        fc.integer({ min: 0, max: 50 }),
        (nums, count) => {
          const existing = nums.map((n) => `C${String(n).padStart(6, "0")}`);
          const ids = nextCustomerIds(existing, count);
          expect(ids).toHaveLength(count);
          expect(new Set(ids).size).toBe(count);
          expect(ids.some((id) => existing.includes(id))).toBe(false);
        },
      ),
    );
  });
});

describe("planStamps", () => {
  const cols = { id: 0, createdAt: 3, updatedAt: 4 };

  it("gives rows with data but no ID the next IDs in order, stamps CreatedAt once and UpdatedAt always", () => {
    const edited = [
      ["", "New A", "x", "", ""],
      ["C000005", "Old", "y", "then", "then"],
      ["", "", "", "", ""],
      ["", "New B", "", "", ""],
    ];
    const plan = planStamps(edited, cols, ["C000005", "C000003", ...edited.map((r) => r[0])], "NOW");
    expect(plan.ids).toEqual(["C000006", "C000005", "", "C000007"]);
    expect(plan.createdAt).toEqual(["NOW", "then", "", "NOW"]);
    expect(plan.updatedAt).toEqual(["NOW", "NOW", "", "NOW"]);
    expect(plan.assigned).toBe(2);
  });

  it("handles a 500-row paste in one plan with distinct IDs", () => {
    const edited = Array.from({ length: 500 }, (_, i) => ["", `Name ${i}`, "", "", ""]);
    const plan = planStamps(edited, cols, ["C000010"], 1);
    expect(new Set(plan.ids).size).toBe(500);
    expect(plan.ids[0]).toBe("C000011");
    expect(plan.ids[499]).toBe("C000510");
  });
});
