import {
  initialListState,
  pageButtons,
  withFilter,
  withPage,
  withPageSize,
  withPageToggled,
  withSearch,
  withSortToggled,
  withToggled,
  withoutFilters,
  withoutIds,
} from "../../src/sidebar/state/list-state";

const onPage = (page: number) => withPage(initialListState(), page, 10);

describe("customer list state", () => {
  it("goes back to page 1 when the search, a filter or the sort changes", () => {
    expect(withSearch(onPage(4), "acme").query).toMatchObject({ search: "acme", page: 1 });
    expect(withFilter(onPage(4), "Status", "won").query).toMatchObject({
      filters: { Status: "won" },
      page: 1,
    });
    expect(withSortToggled(onPage(4), "Name").query.page).toBe(1);
  });

  it("keeps the state object when the search did not change", () => {
    const s = onPage(3);
    expect(withSearch(s, "")).toBe(s);
  });

  it("clears one filter with an empty value and all with withoutFilters", () => {
    const s = withFilter(withFilter(initialListState(), "Status", "won"), "Region", "上海");
    expect(withFilter(s, "Status", "").query.filters).toEqual({ Region: "上海" });
    expect(withoutFilters(s).query.filters).toEqual({});
  });

  it("cycles a column's sort asc → desc → none; another column starts asc", () => {
    const a = withSortToggled(initialListState(), "Monetary");
    const d = withSortToggled(a, "Monetary");
    expect([a.query.sort, d.query.sort, withSortToggled(d, "Monetary").query.sort]).toEqual([
      { column: "Monetary", direction: "asc" },
      { column: "Monetary", direction: "desc" },
      null,
    ]);
    expect(withSortToggled(d, "Name").query.sort).toEqual({ column: "Name", direction: "asc" });
  });

  it("clamps pages into 1..pageCount", () => {
    expect(withPage(initialListState(), 0, 5).query.page).toBe(1);
    expect(withPage(initialListState(), 9, 5).query.page).toBe(5);
    expect(withPage(initialListState(), 3, 0).query.page).toBe(1);
  });

  it("keeps the first visible row on screen when the page size changes", () => {
    // Page 3 of 25 starts at row 51 → with 50 per page that is page 2; with 100 per page, page 1.
    const s = onPage(3);
    expect(withPageSize(s, 50).query).toMatchObject({ page: 2, pageSize: 50 });
    expect(withPageSize(s, 100).query.page).toBe(1);
  });

  it("selects across pages, toggles a whole page, and drops deleted IDs", () => {
    let s = withToggled(initialListState(), "C9");
    s = withPageToggled(s, ["C1", "C2"]);
    expect([...s.selected].sort()).toEqual(["C1", "C2", "C9"]);
    s = withPageToggled(s, ["C1", "C2"]);
    expect([...s.selected]).toEqual(["C9"]);
    s = withPageToggled(withToggled(s, "C1"), ["C1", "C2"]);
    expect([...s.selected].sort()).toEqual(["C1", "C2", "C9"]);
    expect([...withoutIds(s, ["C1", "C9"]).selected]).toEqual(["C2"]);
  });

  it("offers first, last and neighbour page buttons with gaps", () => {
    expect(pageButtons(1, 1)).toEqual([1]);
    expect(pageButtons(1, 3)).toEqual([1, 2, 3]);
    expect(pageButtons(5, 10)).toEqual([1, 0, 4, 5, 6, 0, 10]);
    expect(pageButtons(10, 10)).toEqual([1, 0, 9, 10]);
  });
});
