import { CUSTOMER_HEADERS, seededBundle } from "./seed-book";

type Bundle = ReturnType<typeof seededBundle>;

const column = (name: string) => CUSTOMER_HEADERS.indexOf(name) + 1;
/** The cell of customer C00n (sheet row n + 1) in `name`'s column. */
const cell = (b: Bundle, n: number, name: string) =>
  b.emulator.spreadsheet
    .getSheetByName("Customers")!
    .getRange(n + 1, column(name))
    .getValue();

/** Ten customers (odd ones boss@'s, even ones rep@'s); rep@ is a sales rep named 王经理, boss@ Boss Li. */
function teamBook(): Bundle {
  const b = seededBundle(10);
  b.emulator.properties.document.set("roles", JSON.stringify({ "rep@example.com": "sales" }));
  expect(b.ctx.saveMemberNames({ "rep@example.com": "王经理", "boss@example.com": "Boss Li" })).toEqual({
    ok: true,
  });
  return b;
}

describe("batch edit with the team's names and lists", () => {
  it("sets Owner to a member's display name (as settings spell it), which then counts as that member", () => {
    const b = teamBook();
    // C003 belongs to boss@; the rep may not change it yet.
    b.emulator.setUser("rep@example.com");
    expect(() => b.ctx.batchUpdateCustomers(["C003"], { status: "won" })).toThrow(/only your own/);
    b.emulator.setUser("boss@example.com");
    expect(b.ctx.batchUpdateCustomers(["C003", "C005"], { owner: " 王经理 " }).updated).toBe(2);
    expect([cell(b, 3, "Owner"), cell(b, 5, "Owner")]).toEqual(["王经理", "王经理"]);
    // Width-, space- and case-folded like Owner cells: the spelling settings keep is written.
    b.ctx.batchUpdateCustomers(["C004"], { owner: "ｂｏｓｓ  LI" });
    expect(cell(b, 4, "Owner")).toBe("Boss Li");
    // The name stands for rep@: now theirs to change.
    b.emulator.setUser("rep@example.com");
    expect(b.ctx.batchUpdateCustomers(["C003"], { status: "won" }).updated).toBe(1);
    expect(cell(b, 3, "Status")).toBe("Won");
  });

  it("refuses a name no member has, or one two members share, and changes nothing", () => {
    const b = teamBook();
    const before = b.emulator.snapshot().sheets.find((s) => s.name === "Customers");
    expect(() => b.ctx.batchUpdateCustomers(["C004"], { owner: "张三" })).toThrow(
      /Owner "张三" is not an e-mail address nor the name of exactly one team member/,
    );
    // Stored by hand: two members of one name cannot be told apart in an Owner cell.
    b.emulator.properties.document.set(
      "memberNames",
      JSON.stringify({ "rep@example.com": "小李", "boss@example.com": "小李" }),
    );
    expect(() => b.ctx.batchUpdateCustomers(["C004"], { owner: "小李" })).toThrow(/exactly one team member/);
    expect(b.emulator.snapshot().sheets.find((s) => s.name === "Customers")).toEqual(before);
    // E-mail addresses and clearing the Owner work as before.
    b.ctx.batchUpdateCustomers(["C004"], { owner: "rep@example.com" });
    expect(cell(b, 4, "Owner")).toBe("rep@example.com");
    b.ctx.batchUpdateCustomers(["C004"], { owner: "" });
    expect(cell(b, 4, "Owner")).toBe("");
  });

  it("writes the team's list values for Status, never a value outside the list", () => {
    const b = teamBook();
    expect(
      b.ctx.saveValueLists({
        "Customers.Status": [
          { value: "在跟", key: "following_up" },
          { value: "已成交", key: "won" },
          { value: "暂停" },
        ],
      }),
    ).toEqual({ ok: true });
    // The batch dropdown offers the list, each value under the key the sidebar sends back.
    const page = b.ctx.listCustomers({ search: "", filters: {}, sort: null, page: 1, pageSize: 5 }, "zh-CN");
    expect(page.statusOptions).toEqual([
      { value: "following_up", label: "在跟" },
      { value: "won", label: "已成交" },
      { value: "暂停", label: "暂停" },
    ]);
    // The sidebar sends option keys: a key the list gives a value to is written as that value.
    b.ctx.batchUpdateCustomers(["C004"], { status: "following_up" });
    expect(cell(b, 4, "Status")).toBe("在跟");
    b.ctx.batchUpdateCustomers(["C005"], { status: "Won" });
    expect(cell(b, 5, "Status")).toBe("已成交");
    b.ctx.batchUpdateCustomers(["C006"], { status: "暂停" });
    expect(cell(b, 6, "Status")).toBe("暂停");
    // Lost is a built-in status the team's list has no value for.
    expect(() => b.ctx.batchUpdateCustomers(["C007"], { status: "lost" })).toThrow(
      /Status "lost" is not one/,
    );
    expect(cell(b, 7, "Status")).not.toBe("Lost");
  });
});
