import type { LoadedBundle } from "../../../src/local/load-bundle";
import { tableBundle, values } from "./harness";
import { SEED_HEADERS } from "../../fixtures/seed-headers";

/** The seed's ten columns (issue 20) plus 负责人, on a tab named for Customers. */
const HEADERS = [...SEED_HEADERS, "负责人"];

function seedBook(user = "owner@example.com"): LoadedBundle {
  const b = tableBundle("zh_CN");
  b.emulator.setUser(user);
  b.emulator.sheetFromValues("客户", [
    HEADERS,
    [
      "001",
      "华为科技",
      "张伟",
      "13800000001",
      "a@example.cn",
      "长期客户",
      "北京",
      "跟进中",
      "2025-09-01",
      1000,
      "王经理",
    ],
    [
      "002",
      "腾讯贸易",
      "王芳",
      "13800000002",
      "b@example.cn",
      "VIP客户",
      "上海",
      "已成交",
      "2025-09-02",
      2000,
      "li@example.com",
    ],
    [
      "003",
      "星辰咨询",
      "李娜",
      "13800000003",
      "c@example.cn",
      "潜在客户",
      "广州",
      "待确认",
      "2025-09-03",
      3000,
      "赵总",
    ],
  ]);
  b.ctx.setUpSheets();
  return b;
}

const cellNote = (b: LoadedBundle, a1: string) => b.emulator.spreadsheet.getRange(a1).getNote();

describe("a seed-style table, as a team keeps it", () => {
  it("validates the seed's own values; an Owner name no member has is only a warning", () => {
    const b = seedBook();
    b.emulator.properties.document.set(
      "roles",
      JSON.stringify({ "wang@example.com": "sales", "li@example.com": "sales" }),
    );
    expect(b.ctx.saveMemberNames({ "wang@example.com": "王经理" })).toEqual({ ok: true });
    expect(b.ctx.getTableSettings().members).toEqual([
      { email: "owner@example.com", role: "owner", name: "" },
      { email: "wang@example.com", role: "sales", name: "王经理" },
      { email: "li@example.com", role: "sales", name: "" },
    ]);
    // With a name in the team, Owner gets a dropdown of names and addresses that only warns.
    b.ctx.setUpSheets();
    const owner = b.emulator.spreadsheet.getSheetByName("客户")!.getRange("K2").getDataValidation()!;
    expect(owner.getCriteriaValues()[0]).toEqual([
      "王经理",
      "li@example.com",
      "owner@example.com",
      "wang@example.com",
    ]);
    expect(owner.getAllowInvalid()).toBe(true);
    const summary = b.ctx.validateAll();
    expect(summary.problems.map((p: { a1: string; rule: string }) => [p.a1, p.rule])).toEqual([
      ["K4", "unknown-owner"],
    ]);
  });

  it("gives a new row the next ID in the sheet's own pattern, as text", () => {
    const b = seedBook();
    b.emulator.edit("客户!B5", "远航有限公司");
    expect(values(b, "客户")[4][0]).toBe("004");
  });

  it("lets a team edit a dropdown list: the dropdown follows, unlisted values are reported and kept", () => {
    const b = seedBook();
    const view = b.ctx.getTableSettings();
    const status = view.lists.find((l: { id: string }) => l.id === "Customers.Status");
    expect(status.custom).toBe(false);
    expect(status.values.map((v: { value: string }) => v.value)).toContain("待确认");
    const refused = b.ctx.saveValueLists({ "Customers.Status": [{ value: "跟进中" }, { value: "跟进中 " }] });
    expect(refused.ok).toBe(false);
    const saved = b.ctx.saveValueLists({
      "Customers.Status": [
        { value: "跟进中", key: "following_up" },
        { value: "已成交", key: "won" },
        { value: "暂停" },
      ],
      "Customers.Region": ["北京", "上海"],
    });
    expect(saved).toEqual({ ok: true });
    const sheet = b.emulator.spreadsheet.getSheetByName("客户")!;
    expect(sheet.getRange("H2").getDataValidation()!.getCriteriaValues()[0]).toEqual([
      "跟进中",
      "已成交",
      "暂停",
    ]);
    expect(sheet.getRange("G2").getDataValidation()!.getCriteriaValues()[0]).toEqual(["北京", "上海"]);
    const problems = b.ctx
      .validateAll()
      .problems.map((p: { a1: string; rule: string }) => `${p.a1} ${p.rule}`);
    expect(problems).toEqual(expect.arrayContaining(["G4 enum", "H4 enum"]));
    expect(values(b, "客户")[3][7]).toBe("待确认");
    expect(
      b.ctx.getTableSettings().lists.find((l: { id: string }) => l.id === "Customers.Status").custom,
    ).toBe(true);
  });

  it("rejects a wrong dropdown value by default; a column set to warn takes it and the edit trigger notes it", () => {
    const b = seedBook();
    expect(() => b.emulator.edit("客户!H2", "乱写")).toThrow();
    expect(values(b, "客户")[1][7]).toBe("跟进中");
    // Phone warns by default: the value stays, and the cell gets the add-on's note at once.
    b.emulator.edit("客户!D2", "not a phone");
    expect(values(b, "客户")[1][3]).toBe("not a phone");
    expect(cellNote(b, "客户!D2")).toMatch(/Sheet CRM/);
    // …and a row of the Problems tab names the cell, at once (no Validate all needed).
    const listed = () =>
      (b.emulator.spreadsheet.getSheetByName("问题列表")?.getDataRange().getValues() ?? []).filter(
        (r) => r[0] === "客户" && r[1] === "D2",
      );
    expect(listed()).toHaveLength(1);
    expect(listed()[0][2]).toBe("not a phone");
    b.emulator.edit("客户!D2", "13800000009");
    expect(cellNote(b, "客户!D2")).toBe("");
    expect(listed()).toEqual([]);
    // Status set to warn: Sheets takes the value, the trigger flags it.
    expect(b.ctx.saveColumnEnforcement({ "Customers.Status": "warn" })).toEqual({ ok: true });
    const sheet = b.emulator.spreadsheet.getSheetByName("客户")!;
    expect(sheet.getRange("H2").getDataValidation()!.getAllowInvalid()).toBe(true);
    b.emulator.edit("客户!H2", "乱写");
    expect(cellNote(b, "客户!H2")).toMatch(/客户状态/);
    expect(
      b.ctx.getTableSettings().enforcement.find((e: { id: string }) => e.id === "Customers.Status"),
    ).toMatchObject({
      mode: "warn",
      defaultMode: "reject",
    });
  });

  it("shows a sales rep the customers whose Owner is their display name", () => {
    const b = seedBook();
    b.emulator.properties.document.set("roles", JSON.stringify({ "wang@example.com": "sales" }));
    b.ctx.saveMemberNames({ "wang@example.com": "王经理" });
    b.emulator.setUser("wang@example.com");
    const page = b.ctx.listCustomers({ search: "", filters: {}, sort: null, page: 1, pageSize: 25 });
    expect(page.rows.map((r: { id: string }) => r.id)).toEqual(["001"]);
  });

  it("refuses a display name for someone outside the team, and names from anyone but managers", () => {
    const b = seedBook();
    const answer = b.ctx.saveMemberNames({ "stranger@example.com": "路人" });
    expect(answer.ok).toBe(false);
    b.emulator.properties.document.set("roles", JSON.stringify({ "rep@example.com": "sales" }));
    b.emulator.setUser("rep@example.com");
    expect(() => b.ctx.saveMemberNames({ "rep@example.com": "我" })).toThrow(/does not allow/);
    expect(() => b.ctx.saveValueLists({})).toThrow(/does not allow/);
  });
});

describe("on/off switches of scheduled work", () => {
  it("turn each job on and off, the two mails separately, from the server and the menu", () => {
    const b = seedBook();
    expect(b.ctx.getScheduleSwitches()).toEqual({
      nightlyClassify: false,
      dailyMails: false,
      weeklyReport: false,
      weeklyBackup: false,
    });
    expect(b.ctx.setScheduleSwitch("weeklyReport", true)).toMatchObject({
      dailyMails: false,
      weeklyReport: true,
    });
    expect(b.ctx.setScheduleSwitch("dailyMails", true)).toMatchObject({
      dailyMails: true,
      weeklyReport: true,
    });
    expect(b.ctx.setScheduleSwitch("weeklyReport", false)).toMatchObject({
      dailyMails: true,
      weeklyReport: false,
    });
    b.ctx.menuToggleWeeklyBackup();
    b.ctx.menuToggleNightlyClassify();
    expect(b.ctx.getScheduleSwitches()).toEqual({
      nightlyClassify: true,
      dailyMails: true,
      weeklyReport: false,
      weeklyBackup: true,
    });
    b.ctx.setScheduleSwitch("dailyMails", false);
    b.ctx.menuToggleNightlyClassify();
    b.ctx.menuToggleWeeklyBackup();
    expect(Object.values(b.ctx.getScheduleSwitches())).toEqual([false, false, false, false]);
  });
});
