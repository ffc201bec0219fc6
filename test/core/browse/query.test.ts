import fc from "fast-check";
import { buildCustomerIndex } from "../../../src/core/browse/customer-index";
import { QueryError, runQuery, selectAll, type CustomerQuery } from "../../../src/core/browse/query";

const toIso = (d: Date) => d.toISOString().slice(0, 10);
const HEADERS = ["客户编号", "Name", "Phone", "Email", "Status", "Region", "Monetary", "Owner", "My notes"];
const ROWS = [
  ["C1", "Acme Ltd", "+86 138-0013-8000", "a@acme.com", "Won", "Beijing", 500, "rep@x.com", "keep"],
  ["C2", "北京星辰科技", "13900001111", "info@xc.cn", "跟进中", "北京", 1200, "boss@x.com", ""],
  ["C3", "beta co", "", "", "following up", "Shanghai", "", "rep@x.com", ""],
  ["", "", "", "", "", "", "", "", "stray note"],
  ["C4", "Ａｃｍｅ East", "021-5555", "east@acme.com", "lost", "Shanghai", 80, "", ""],
];
const index = buildCustomerIndex(HEADERS, ROWS, toIso);
const q = (over: Partial<CustomerQuery>): CustomerQuery => ({
  search: "",
  filters: {},
  sort: null,
  page: 1,
  pageSize: 50,
  ...over,
});
const ids = (query: Partial<CustomerQuery>) => runQuery(index, q(query), "en").customers.map((c) => c.id);

describe("customer index", () => {
  it("skips blank rows, keeps sheet row numbers and maps enum spellings to keys", () => {
    expect(index.customers.map((c) => [c.id, c.row])).toEqual([
      ["C1", 2],
      ["C2", 3],
      ["C3", 4],
      ["C4", 6],
    ]);
    expect(index.customers.map((c) => c.values.Status)).toEqual([
      "won",
      "following_up",
      "following_up",
      "lost",
    ]);
    expect(index.present.has("Segment")).toBe(false);
  });
});

describe("runQuery", () => {
  it("searches name, ID, e-mail in zh and en, folding width and case", () => {
    expect(ids({ search: "acme" })).toEqual(["C1", "C4"]);
    expect(ids({ search: "星辰" })).toEqual(["C2"]);
    expect(ids({ search: "c3" })).toEqual(["C3"]);
    expect(ids({ search: "acme east" })).toEqual(["C4"]);
  });

  it("finds phone numbers whatever separators were typed", () => {
    expect(ids({ search: "13800138000" })).toEqual(["C1"]);
    expect(ids({ search: "139 0000" })).toEqual(["C2"]);
  });

  it("filters enums by key whatever language the cell used, and text by folded value", () => {
    expect(ids({ filters: { Status: "following_up" } })).toEqual(["C2", "C3"]);
    expect(ids({ filters: { Region: "shanghai" } })).toEqual(["C3", "C4"]);
    expect(ids({ filters: { Region: "Shanghai", Status: "lost" } })).toEqual(["C4"]);
  });

  it("counts facets honouring the other filters", () => {
    const r = runQuery(index, q({ filters: { Region: "Shanghai" } }), "zh-CN");
    expect(r.facets.Status).toEqual([
      { value: "following_up", label: "跟进中", count: 1 },
      { value: "lost", label: "已流失", count: 1 },
    ]);
    // Region's own counts ignore the Region filter so the user can switch region.
    expect(r.facets.Region.map((f) => f.count).reduce((a, b) => a + b, 0)).toBe(4);
  });

  it("sorts numbers numerically with empty cells last in both directions", () => {
    expect(ids({ sort: { column: "Monetary", direction: "asc" } })).toEqual(["C4", "C1", "C2", "C3"]);
    expect(ids({ sort: { column: "Monetary", direction: "desc" } })).toEqual(["C2", "C1", "C4", "C3"]);
  });

  it("paginates and clamps a page past the end", () => {
    const r = runQuery(index, q({ pageSize: 3, page: 9 }), "en");
    expect([r.page, r.pageCount, r.total, r.customers.map((c) => c.id)]).toEqual([2, 2, 4, ["C4"]]);
  });

  it("restricts to visible customers before anything else", () => {
    const r = runQuery(index, q({}), "en", (c) => c.values.Owner === "rep@x.com");
    expect(r.customers.map((c) => c.id)).toEqual(["C1", "C3"]);
    expect(r.facets.Owner).toEqual([{ value: "rep@x.com", label: "rep@x.com", count: 2 }]);
  });

  it("rejects unknown filters, sort columns and page sizes", () => {
    expect(() => runQuery(index, q({ filters: { Nope: "x" } as never }), "en")).toThrow(QueryError);
    expect(() => runQuery(index, q({ sort: { column: "Secret" as never, direction: "asc" } }), "en")).toThrow(
      /unknown sort column/,
    );
    expect(() => runQuery(index, q({ pageSize: 0 }), "en")).toThrow(/page size/);
  });

  it("sorting is stable and pages partition the selection (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc.constantFrom("a", "b", "c", ""),
            amount: fc.option(fc.integer({ min: 0, max: 5 })),
          }),
          {
            maxLength: 60,
          },
        ),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom("asc" as const, "desc" as const),
        (rows, pageSize, direction) => {
          const idx = buildCustomerIndex(
            ["CustomerID", "Name", "Monetary"],
            rows.map((r, i) => [`K${i}`, r.name || `n${i}`, r.amount ?? ""]),
            toIso,
          );
          const sort = { column: "Monetary" as const, direction };
          const all = selectAll(idx, { search: "", filters: {}, sort }, "en");
          const paged = [];
          const pages = runQuery(idx, q({ sort, pageSize }), "en").pageCount;
          for (let p = 1; p <= pages; p++)
            paged.push(...runQuery(idx, q({ sort, pageSize, page: p }), "en").customers);
          expect(paged).toEqual(all);
          for (let i = 1; i < all.length; i++) {
            const a = all[i - 1].values.Monetary as number | null;
            const b = all[i].values.Monetary as number | null;
            if (a === null) expect(b).toBeNull();
            else if (b !== null) {
              expect(direction === "asc" ? a <= b : a >= b).toBe(true);
              if (a === b) expect(all[i - 1].row).toBeLessThan(all[i].row);
            }
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});
