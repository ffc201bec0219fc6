import { TABLE_MENU } from "../../../src/gas/table/menu-items";
import { tableBundle } from "./harness";

describe("table menu", () => {
  it.each([
    ["en", "en"],
    ["zh_CN", "zh-CN"],
  ] as const)("shows the table items in the %s menu, each calling an exported handler", (locale, lang) => {
    const b = tableBundle(locale);
    b.emulator.open("FULL");
    const labels = JSON.stringify(b.emulator.ui.menus);
    for (const item of TABLE_MENU) {
      expect(labels).toContain(item.label[lang]);
      expect(typeof b.ctx[item.handler]).toBe("function");
    }
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
