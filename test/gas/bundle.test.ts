import { execSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { loadBundle } from "../../src/local/load-bundle";
import { ENTRY_POINTS } from "../../src/shared/entry-points";

const ROOT = path.join(__dirname, "..", "..");

/** The real dist/Code.js, run in a context holding only the emulated Apps Script globals. */
describe("dist/Code.js in a bare Apps Script context", () => {
  beforeAll(() => {
    // `npm test` builds before jest; rebuilding here would delete dist/ under tests running in parallel.
    if (!existsSync(path.join(ROOT, "dist", "Code.js")))
      execSync("node build.mjs --quiet", { cwd: ROOT, stdio: "pipe" });
  });

  it("evaluates and exposes every entry point as a top-level function", () => {
    const { ctx } = loadBundle();
    const missing = ENTRY_POINTS.filter((name) => typeof ctx[name] !== "function");
    expect(missing).toEqual([]);
    const source = readFileSync(path.join(ROOT, "dist", "Code.js"), "utf8");
    for (const name of ENTRY_POINTS) expect(source).toMatch(new RegExp(`^function ${name}\\(\\)`, "m"));
  });

  it("has no Node or browser globals to lean on", () => {
    const { ctx } = loadBundle();
    for (const name of [
      "require",
      "process",
      "setTimeout",
      "setInterval",
      "fetch",
      "Buffer",
      "module",
      "window",
      "document",
    ]) {
      expect(`${name}: ${vm.runInContext(`typeof ${name}`, ctx as vm.Context)}`).toBe(`${name}: undefined`);
    }
  });

  it("onOpen records the add-on menu, and every menu item names an exported function", () => {
    const { ctx, emulator } = loadBundle();
    ctx.onOpen({ authMode: "FULL" });
    const menu = emulator.ui.addonMenu();
    expect(menu).not.toBeNull();
    const handlers = menu!.items.flatMap((i) => (i.kind === "item" ? [i.handler] : []));
    expect(handlers).toContain("menuOpenSidebar");
    expect(handlers.filter((h) => typeof ctx[h] !== "function")).toEqual([]);
  });

  it("onOpen in AuthMode.NONE (where properties are refused) still draws the menu in the user's locale", () => {
    const { ctx, emulator } = loadBundle({ locale: "zh_CN" });
    emulator.properties.document.set("ui", JSON.stringify({ lang: "en" }));
    emulator.open("NONE");
    expect(emulator.executions.map((e) => e.error)).toEqual([null]);
    expect(emulator.countOf("Menu.addToUi")).toBe(1);
    const first = emulator.ui.addonMenu()!.items[0];
    expect(first.kind === "item" && first.caption).toBe("打开侧边栏");
    expect(typeof ctx.onInstall).toBe("function");
  });

  it("the sidebar opens from dist/Sidebar.html and getSessionInfo answers", () => {
    const { ctx, emulator } = loadBundle({ user: "owner@example.com", timeZone: "Asia/Shanghai" });
    ctx.menuOpenSidebar();
    expect(emulator.ui.sidebars).toHaveLength(1);
    expect(emulator.ui.sidebars[0].html).toBe(readFileSync(path.join(ROOT, "dist", "Sidebar.html"), "utf8"));
    expect(ctx.getSessionInfo()).toMatchObject({ user: "owner@example.com", timeZone: "Asia/Shanghai" });
  });

  it("dates from the emulator are instanceof Date inside the bundle", () => {
    const { ctx, emulator } = loadBundle();
    emulator.sheetFromValues("T", [[new Date("2026-01-01T00:00:00Z")]]);
    const check = vm.runInContext(
      `(function () { var v = SpreadsheetApp.getActive().getSheetByName("T").getRange("A1").getValue();
         return v instanceof Date && Array.isArray(SpreadsheetApp.getActive().getSheets()) && new Date() instanceof Date; })()`,
      ctx as vm.Context,
    );
    expect(check).toBe(true);
  });
});
