import fc from "fast-check";
import { idPattern, nextCustomerIds, planStamps } from "../../../src/core/table/ids";

describe("nextCustomerIds", () => {
  it("continues from the highest number in the sheet's own pattern", () => {
    expect(nextCustomerIds(["C000001", "C000007", "", null], 2)).toEqual(["C000008", "C000009"]);
    expect(nextCustomerIds(["CUST-0042", "x"], 1)).toEqual(["CUST-0043"]);
    expect(nextCustomerIds([], 1)).toEqual(["C000001"]);
    expect(nextCustomerIds(["C999999"], 1)).toEqual(["C1000000"]);
    expect(nextCustomerIds(["C000012 "], 1)).toEqual(["C000013"]);
  });

  it("keeps the prefix and width the sheet uses (issue 20)", () => {
    expect(nextCustomerIds(["C00299", "C00300"], 1)).toEqual(["C00301"]);
    expect(nextCustomerIds(["001"], 1)).toEqual(["002"]);
    expect(nextCustomerIds(["KH-0098", "KH-0099"], 2)).toEqual(["KH-0100", "KH-0101"]);
    expect(nextCustomerIds(["998", "999"], 1)).toEqual(["1000"]);
    // Sheets stored some as numbers (1, 2): still the padded text pattern of the others.
    expect(nextCustomerIds(["001", "002", 3, "004"], 1)).toEqual(["005"]);
    // Unpadded numbers stay unpadded.
    expect(nextCustomerIds(["7", "12"], 2)).toEqual(["13", "14"]);
  });

  it("follows the most common pattern of a mixed sheet, counting only its own numbers", () => {
    expect(nextCustomerIds(["KH-0001", "KH-0002", "C000900", "KH-0003"], 1)).toEqual(["KH-0004"]);
    expect(idPattern(["KH-0001", "C000900", "C000901"])).toEqual({ prefix: "C", width: 6 });
    // A tie goes to the pattern of the later rows.
    expect(idPattern(["A01", "B001"])).toEqual({ prefix: "B", width: 3 });
    // Padded IDs name the width even when a few outgrew it.
    expect(idPattern(["C001", "C002", "C1000"])).toEqual({ prefix: "C", width: 3 });
    expect(idPattern(["", "x", null])).toEqual({ prefix: "C", width: 6 });
  });

  it("property: a sheet written in one pattern continues in it", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("C", "KH-", "", "CUST_", "客户"),
        fc.integer({ min: 2, max: 8 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 9999 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 5 }),
        (prefix, width, nums, count) => {
          const existing = nums.map((n) => prefix + String(n).padStart(width, "0"));
          // At least one padded ID shows the width; without one the pattern is "no padding".
          fc.pre(existing.some((id) => id.slice(prefix.length).startsWith("0")));
          const ids = nextCustomerIds(existing, count);
          const top = Math.max(...nums);
          expect(ids).toEqual(
            Array.from({ length: count }, (_, i) => prefix + String(top + 1 + i).padStart(width, "0")),
          );
        },
      ),
    );
  });

  it("property: the number always follows the highest of the chosen prefix, whatever else is there", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: 0, max: 10_000 }))),
        (existing) => {
          const [id] = nextCustomerIds(existing, 1);
          const { prefix } = idPattern(existing);
          expect(id.startsWith(prefix)).toBe(true);
          const n = Number(id.slice(prefix.length));
          for (const e of existing) {
            const text = String(e).trim();
            const m = /^(.*?)(\d{1,15})$/.exec(text);
            if (m && m[1] === prefix) expect(n).toBeGreaterThan(Number(m[2]));
          }
        },
      ),
    );
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
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom("c000001", "C000001 ", "001", "1"))),
        fc.integer({ min: 0, max: 50 }),
        (existing, count) => {
          const ids = nextCustomerIds(existing, count);
          const folded = new Set(existing.map((e) => e.trim().toUpperCase()));
          expect(ids).toHaveLength(count);
          expect(new Set(ids.map((id) => id.toUpperCase())).size).toBe(count);
          expect(ids.some((id) => folded.has(id.toUpperCase()))).toBe(false);
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
