/**
 * The set-up wizard on a user's own workbook (dist/Code.js on the emulator): customers in a tab named
 * 客户管理表 with the seed's ten columns and IDs 001…, orders in 销售流水, and an unrelated tab. The tables
 * are found by their headers, confirmed, and then Set up and Classify work on those tabs in place.
 */
import type { LoadedBundle } from "../../../src/local/load-bundle";
import { loadBundle } from "../../../src/local/load-bundle";
import type { WizardProposal } from "../../../src/shared/wizard";
import { SEED_HEADERS } from "../../fixtures/seed-headers";

const TYPES = ["长期客户", "VIP客户", "潜在客户"];
const STATES = ["跟进中", "已成交", "待确认"];

function seedRows(n: number): unknown[][] {
  return Array.from({ length: n }, (_, i) => [
    String(i + 1).padStart(3, "0"),
    `客户${i + 1}有限公司`,
    `联系人${i + 1}`,
    `010-3870${String(i).padStart(4, "0")}`,
    `c${i + 1}@example.cn`,
    TYPES[i % 3],
    ["北京", "上海", "广州"][i % 3],
    STATES[i % 3],
    "2026/11/1",
    (i + 1) * 10000,
  ]);
}

const ORDER_HEADERS = ["订单编号", "客户编号", "订单日期", "产品名称", "数量", "金额", "我的备注"];

function orderRows(): unknown[][] {
  const rows: unknown[][] = [];
  for (let c = 1; c <= 8; c++)
    for (let k = 0; k < c % 4; k++)
      rows.push([
        `SO${c}${k}`,
        String(c).padStart(3, "0"),
        new Date(Date.UTC(2026, 10 - k * 2, 1 + c)),
        "产品A",
        1,
        c * 100,
        "",
      ]);
  return rows;
}

function book(): LoadedBundle {
  const b = loadBundle({ now: "2026-11-23T04:00:00Z", locale: "zh_CN", dist: process.env.SHEET_CRM_DIST });
  const e = b.emulator;
  e.sheetFromValues("说明", [
    ["本表由销售部维护", "版本"],
    ["客户编号为三位数字", "001"],
  ]);
  e.sheetFromValues("客户管理表", [SEED_HEADERS, ...seedRows(10)]);
  e.sheetFromValues("销售流水", [ORDER_HEADERS, ...orderRows()]);
  // sheetFromValues adds tabs after the emulator's first, empty one; drop it as a user would.
  const blank = e.spreadsheet.getSheets()[0];
  if (blank.getLastRow() === 0) e.spreadsheet.deleteSheet(blank);
  return b;
}

const sheetOf = (b: LoadedBundle, name: string) => b.emulator.snapshot().sheets.find((s) => s.name === name);
const valuesOf = (b: LoadedBundle, name: string) => sheetOf(b, name)!.values;
const tabNames = (b: LoadedBundle) => b.emulator.snapshot().sheets.map((s) => s.name);

describe("set-up wizard: the user's own tables, found and worked on in place", () => {
  it("finds 客户管理表 and 销售流水 by their headers, then Set up and Classify keep every user cell", () => {
    const b = book();
    expect(b.run("getSessionInfo").wizard).toBe(true);

    const proposal = b.run("proposeTables") as WizardProposal;
    expect(proposal.confirmed).toBe(false);
    const found = Object.fromEntries(proposal.tables.map((t) => [t.sheet, t.tab?.name ?? null]));
    expect(found).toEqual({
      Customers: "客户管理表",
      Orders: "销售流水",
      Interactions: null,
      Feedback: null,
    });
    const customers = proposal.tables[0].tab!;
    expect(customers.mapping.map((m) => m.header)).toEqual(SEED_HEADERS);
    expect(customers.missing.some((m) => m.key === "Segment" && m.owned)).toBe(true);
    expect(proposal.tables[1].tab!.custom).toEqual([{ column: 6, header: "我的备注" }]);
    // Nothing is found by name alone yet: the tabs are not used until confirmed.
    expect(proposal.tables[0].currentSheetId).toBeNull();

    const before = {
      customers: valuesOf(b, "客户管理表"),
      orders: valuesOf(b, "销售流水"),
      other: JSON.stringify(sheetOf(b, "说明")),
    };
    const confirmed = b.run("confirmTables", {
      tabs: { Customers: customers.sheetId, Orders: proposal.tables[1].tab!.sheetId },
    });
    expect(confirmed).toEqual({ tabs: { Customers: "客户管理表", Orders: "销售流水" }, renamed: 0 });
    expect(b.run("getSessionInfo").wizard).toBe(false);
    const again = b.run("proposeTables") as WizardProposal;
    expect(again.confirmed).toBe(true);
    expect(again.tables[0].currentSheetId).toBe(customers.sheetId);

    const setUp = b.run("setUpSheets");
    expect(setUp.created).toEqual(["互动记录", "客户反馈"]);
    expect(tabNames(b)).not.toContain("客户");
    expect(tabNames(b)).not.toContain("订单");

    const summary = b.run("classifyNow");
    expect(summary).toBeTruthy();

    const after = valuesOf(b, "客户管理表");
    // Every user cell as it was (IDs stay the text "001", not 1), the add-on's columns appended after them.
    expect(after.map((r) => r.slice(0, SEED_HEADERS.length))).toEqual(before.customers);
    expect(after.slice(1).map((r) => r[0])).toEqual(seedRows(10).map((r) => r[0]));
    expect(typeof after[1][0]).toBe("string");
    const header = after[0];
    expect(header.indexOf("客户分群")).toBeGreaterThanOrEqual(SEED_HEADERS.length);
    const segment = header.indexOf("客户分群");
    // Customers 001..008 with orders (those with c % 4 > 0) get a segment.
    expect(after[1][segment]).not.toBe("");
    expect(after[4][segment]).toBe(""); // 004 has no orders in this book
    const ordersAfter = valuesOf(b, "销售流水");
    expect(ordersAfter.map((r) => r.slice(0, ORDER_HEADERS.length))).toEqual(before.orders);
    expect(ordersAfter[0].slice(ORDER_HEADERS.length).every((h) => h !== "")).toBe(true);
    expect(JSON.stringify(sheetOf(b, "说明"))).toBe(before.other);
  });

  it("routes edits of the confirmed tab to the Customers features (a new row gets the next ID)", () => {
    const b = book();
    const proposal = b.run("proposeTables") as WizardProposal;
    b.run("confirmTables", { tabs: { Customers: proposal.tables[0].tab!.sheetId } });
    b.run("setUpSheets");
    b.emulator.edit("客户管理表!B12", "新客户有限公司");
    const row = valuesOf(b, "客户管理表")[11];
    expect(row[1]).toBe("新客户有限公司");
    expect(String(row[0])).not.toBe("");
  });

  it("renames only the header the user chose for a missing column, and refuses what is not theirs to choose", () => {
    const b = book();
    b.emulator.spreadsheet.getSheetByName("客户管理表")!.getRange("K1").setValue("业务员");
    const proposal = b.run("proposeTables") as WizardProposal;
    const tab = proposal.tables[0].tab!;
    expect(tab.custom).toEqual([{ column: 10, header: "业务员" }]);
    expect(() =>
      b.run("confirmTables", {
        tabs: { Customers: tab.sheetId },
        columns: { Customers: [{ column: 0, key: "Owner" }] },
      }),
    ).toThrow(/already names a column/);
    expect(() => b.run("confirmTables", { tabs: { Customers: tab.sheetId, Orders: tab.sheetId } })).toThrow(
      /two sheets/,
    );
    const r = b.run("confirmTables", {
      tabs: { Customers: tab.sheetId },
      columns: { Customers: [{ column: 10, key: "Owner" }] },
    });
    expect(r.renamed).toBe(1);
    expect(valuesOf(b, "客户管理表")[0].slice(0, 11)).toEqual([...SEED_HEADERS, "负责人"]);
  });

  it("is managers' business: a sales rep may neither propose nor confirm", () => {
    const b = book();
    b.emulator.properties.document.set("roles", JSON.stringify({ "li@example.cn": "sales" }));
    b.emulator.setUser("li@example.cn");
    expect(() => b.run("proposeTables")).toThrow(/does not allow/);
    expect(() => b.run("confirmTables", { tabs: {} })).toThrow(/does not allow/);
  });
});
