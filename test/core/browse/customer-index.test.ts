import { indexFromColumns } from "../../../src/core/browse/customer-index";

describe("indexFromColumns", () => {
  const columns = {
    CustomerID: ["C1", null, "C3", "C1"],
    Name: ["Ａcme Ltd", null, "星辰", "Dup"],
    Phone: ["+86 138-0000-1111", null, null, null],
    Status: ["won", null, "lost", null],
  };

  it("skips blank rows, numbers rows, keeps the first of duplicate IDs, and reads values on demand", () => {
    const index = indexFromColumns(columns, 4);
    expect(index.customers.map((c) => [c.id, c.row])).toEqual([
      ["C1", 2],
      ["C3", 4],
      ["C1", 5],
    ]);
    expect(index.byId.get("C1")!.row).toBe(2);
    expect(index.byRow(4)!.id).toBe("C3");
    expect(index.byRow(3)).toBeUndefined();
    const first = index.customers[0];
    expect(first.get("Status")).toBe("won");
    expect(first.get("Email")).toBeNull();
    expect(first.values).toMatchObject({ CustomerID: "C1", Name: "Ａcme Ltd", Region: null });
    // Search text is NFKC-folded and lower-cased; phone digits drop separators.
    expect(first.haystack).toContain("acme ltd");
    expect(first.phoneDigits).toBe("8613800001111");
    expect([...index.present].sort()).toEqual(["CustomerID", "Name", "Phone", "Status"]);
    expect(index.filters.Status.keys).toEqual(["won", "lost"]);
  });

  it("takes the sheet rows of its values when given", () => {
    const index = indexFromColumns(columns, 4, [10, 20, 30, 40]);
    expect(index.customers.map((c) => c.row)).toEqual([10, 30, 40]);
  });
});
