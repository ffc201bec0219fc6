import { CUSTOMERS, ORDERS } from "../../../src/core/schema/sheets";
import { columnForHeader } from "../../../src/core/schema/headers";
import type { SheetSpec } from "../../../src/core/schema/types";
import { loadCorpus } from "../../core/table/corpus";
import { corpusGrid, tableBundle, values } from "./harness";

function zhGrid(spec: SheetSpec, grid: string[][]): string[][] {
  return [grid[0].map((h) => columnForHeader(spec, h)?.header["zh-CN"] ?? h), ...grid.slice(1)];
}

function seeded(locale: string, zh: boolean) {
  const b = tableBundle(locale);
  const customers = corpusGrid("customers-corpus.csv");
  const orders = corpusGrid("orders-corpus.csv");
  b.emulator.sheetFromValues(zh ? "客户" : "Customers", zh ? zhGrid(CUSTOMERS, customers) : customers);
  b.emulator.sheetFromValues(zh ? "订单" : "Orders", zh ? zhGrid(ORDERS, orders) : orders);
  return b;
}

describe("Validate all", () => {
  it("lists every problem on the Problems sheet and notes each cell, changing no value", () => {
    const b = seeded("en", false);
    const before = values(b, "Customers");
    const summary = b.ctx.validateAll();
    expect(summary.problemsSheet).toBe("Problems");
    const declared = (name: string) =>
      [...loadCorpus(name).expectBySheetRow.values()].reduce((n, list) => n + list.length, 0);
    expect(summary.bySheet).toEqual({
      Customers: declared("customers-corpus.csv"),
      Orders: declared("orders-corpus.csv"),
    });
    const list = values(b, "Problems");
    expect(list[0]).toEqual(["Sheet", "Cell", "Value", "Rule", "Message"]);
    expect(list).toHaveLength(1 + summary.total);
    // The tab's grid is the list, not a new tab's 1000 × 26.
    const problems = b.emulator.spreadsheet.getSheetByName("Problems")!;
    expect([problems.getMaxRows(), problems.getMaxColumns()]).toEqual([Math.max(2, list.length), 5]);
    expect(list).toContainEqual([
      "Orders",
      "B3",
      "C000099",
      "unknown-customer",
      "No customer has the ID C000099.",
    ]);
    const sheet = b.emulator.spreadsheet.getSheetByName("Customers")!;
    expect(sheet.getRange("C7").getNote()).toMatch(/Sheet CRM: Phone is not a phone number/);
    expect(sheet.getRange("C2").getNote()).toBe("");
    expect(values(b, "Customers")).toEqual(before);
  });

  it("gives identical problems for Chinese and English headers; messages follow the user's language", () => {
    const en = seeded("en", false).ctx.validateAll();
    const zhHeaders = seeded("en", true).ctx.validateAll();
    const strip = (s: { problems: { a1: string; rule: string; value: string; message: string }[] }) =>
      s.problems.map((p) => [p.a1, p.rule, p.value, p.message]);
    expect(strip(zhHeaders)).toEqual(strip(en));
    const zhUser = seeded("zh_CN", true);
    const zh = zhUser.ctx.validateAll();
    expect(zh.problemsSheet).toBe("问题列表");
    expect(zh.problems.map((p: { a1: string; rule: string }) => [p.a1, p.rule])).toEqual(
      en.problems.map((p: { a1: string; rule: string }) => [p.a1, p.rule]),
    );
    expect(zh.problems.find((p: { a1: string }) => p.a1 === "C7").message).toMatch(/联系电话不是有效电话/);
  });

  it("re-validation replaces old marks, and Clear problem marks keeps the user's own notes", () => {
    const b = seeded("en", false);
    const sheet = b.emulator.spreadsheet.getSheetByName("Customers")!;
    sheet.getRange("C7").setNote("call after 5pm");
    sheet.getRange("A2").setNote("VIP since 2019");
    b.ctx.validateAll();
    expect(sheet.getRange("C7").getNote()).toMatch(/^call after 5pm\n\n⚠ Sheet CRM: /);
    sheet.getRange("C7").setValue("13812345679");
    b.ctx.validateAll();
    expect(sheet.getRange("C7").getNote()).toBe("call after 5pm");
    expect(b.ctx.clearProblemMarks()).toBeGreaterThan(0);
    const notes = sheet.getDataRange().getNotes().flat().filter(Boolean);
    expect(notes.sort()).toEqual(["VIP since 2019", "call after 5pm"]);
  });

  it("keeps a custom column untouched unless its type is declared in settings", () => {
    const b = tableBundle();
    b.emulator.sheetFromValues("Customers", [
      ["CustomerID", "Name", "Renewal"],
      ["C1", "A", "someday"],
    ]);
    expect(b.ctx.validateAll().total).toBe(0);
    b.ctx.setCustomColumnTypes("Customers", { Renewal: "date" });
    expect(b.ctx.validateAll().problems).toMatchObject([{ a1: "C2", rule: "date" }]);
    expect(values(b, "Customers")[1]).toEqual(["C1", "A", "someday"]);
  });

  // One bad phone per hundred rows keeps both problem lists within the Problems tab's first 1000 rows, so
  // the counts compare the per-row behaviour alone (a longer list costs one extra insertRowsAfter).
  it("makes the same sheet calls for 100 and 10,000 rows", () => {
    const counts = (n: number) => {
      const b = tableBundle();
      const rows = Array.from({ length: n }, (_, i) => [
        `C${String(i + 1).padStart(6, "0")}`,
        `Customer ${i}`,
        i % 100 === 0 ? "bad phone" : `138${String(i).padStart(8, "0")}`,
        "2025/3/1",
        "Internal note",
      ]);
      b.emulator.sheetFromValues("Customers", [
        ["CustomerID", "Name", "Phone", "LastInteraction", "Mine"],
        ...rows,
      ]);
      b.emulator.resetCounts();
      const summary = b.ctx.validateAll();
      expect(summary.total).toBe(n / 100);
      const c = b.emulator.counts();
      return Object.fromEntries(Object.entries(c).filter(([k]) => /^(Range|Sheet)\./.test(k)));
    };
    // Notes are written per run of changed rows: one problem row in 100 at 100 rows, 100 at 10,000; every
    // other call is the same, and the notes written are the problem cells alone.
    const [small, large] = [counts(100), counts(10000)];
    expect(small["Range.setNotes"]).toBe(1);
    expect(large["Range.setNotes"]).toBe(100);
    const rest = (c: Record<string, number>) => {
      const { ["Range.setNotes"]: _n, ["Sheet.getRange"]: _r, ...others } = c;
      return others;
    };
    expect(rest(large)).toEqual(rest(small));
  });
});
