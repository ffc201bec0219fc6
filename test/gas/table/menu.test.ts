import { SWITCHES_MENU, TABLE_MENU } from "../../../src/gas/table/menu-items";
import { tableBundle } from "./harness";

describe("table menu", () => {
  it.each([
    ["en", "en"],
    ["zh_CN", "zh-CN"],
  ] as const)("shows the table items in the %s menu, each calling an exported handler", (locale, lang) => {
    const b = tableBundle(locale);
    b.emulator.open("FULL");
    const labels = JSON.stringify(b.emulator.ui.menus);
    for (const item of [...TABLE_MENU, ...SWITCHES_MENU]) {
      expect(labels).toContain(item.label[lang]);
      expect(typeof b.ctx[item.handler]).toBe("function");
    }
  });

  it("shows each scheduled-work switch once, as its own section, and no separate turn-on/turn-off items", () => {
    const b = tableBundle("zh_CN");
    b.emulator.open("FULL");
    const entries = b.emulator.ui.addonMenu()!.items;
    const handlers = entries.flatMap((e) => (e.kind === "item" ? [e.handler] : []));
    expect(new Set(handlers).size).toBe(handlers.length);
    const captions = entries.flatMap((e) => (e.kind === "item" ? [e.caption] : []));
    expect(captions.filter((c) => /自动分类|提醒邮件|报告邮件|每周备份|每日提醒与周报/.test(c))).toEqual([
      "开启/关闭夜间自动分类",
      "开启/关闭每日提醒邮件",
      "开启/关闭每周报告邮件",
      "开启/关闭每周备份",
    ]);
    // The four switches sit together between separators.
    const first = entries.findIndex((e) => e.kind === "item" && e.handler === SWITCHES_MENU[0].handler);
    expect(entries[first - 1]).toEqual({ kind: "separator" });
    expect(entries.slice(first, first + 4).map((e) => (e.kind === "item" ? e.handler : e.kind))).toEqual(
      SWITCHES_MENU.map((i) => i.handler),
    );
    for (const gone of [
      "menuInstallNightly",
      "menuRemoveNightly",
      "menuInstallNotifications",
      "menuInstallWeeklyBackup",
    ])
      expect(handlers).not.toContain(gone);
  });

  it("Set up from the menu reports what it created", () => {
    const b = tableBundle();
    b.ctx.menuSetUp();
    expect(b.emulator.ui.toasts[0].message).toMatch(/Customers, Orders, Interactions, Feedback/);
  });

  it("Validate all from the menu summarises and opens the Problems sheet", () => {
    const b = tableBundle();
    b.emulator.sheetFromValues("Customers", [
      ["CustomerID", "Name", "Email"],
      ["C1", "A", "not-mail"],
    ]);
    b.ctx.menuValidateAll();
    expect(b.emulator.ui.alerts[0].message).toMatch(/Problems found: 1 \(Customers: 1\)/);
    expect(b.emulator.spreadsheet.getActiveSheet().getName()).toBe("Problems");
  });
});
