/**
 * End to end: the built Sidebar.html in real headless Chromium (Debian's), served by the local runner with
 * google.script.run bridged to the emulated spreadsheet. Screenshots of each view go to test-artifacts/.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { startServer, type RunningServer } from "../../src/local/serve/server";
import { XSS_NAME, seededBundle } from "../gas/browse/seed-book";
import { launchChromium } from "./browser";

const ARTIFACTS = path.join(__dirname, "..", "..", "test-artifacts", "sidebar");
mkdirSync(ARTIFACTS, { recursive: true });

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const dialogs: string[] = [];
const pageErrors: string[] = [];
const bundle = seededBundle(60);

function customerValues(): unknown[][] {
  return bundle.emulator.snapshot().sheets.find((s) => s.name === "Customers")!.values as unknown[][];
}

const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
const names = () => page.locator("#customer-list .row-name").allTextContents();

/** Waits until the list shows `total` and no call is loading. */
async function settled(): Promise<void> {
  await page.waitForSelector("#customer-list .rows, #no-match");
  await page.waitForFunction(() => !document.querySelector(".loading"));
}

async function search(text: string): Promise<void> {
  await page.fill("#customer-search", text);
  await page.press("#customer-search", "Enter");
  await page.waitForFunction(
    (t) =>
      document.querySelectorAll("#customer-list .loading").length === 0 &&
      (document.getElementById("customer-search") as HTMLInputElement).value === t,
    text,
  );
  await settled();
}

beforeAll(async () => {
  server = await startServer({ bundle, dist: process.env.SHEET_CRM_DIST });
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on("dialog", (d) => {
    if (d.type() === "confirm") void d.accept();
    else {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    }
  });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.waitForSelector(".kpi");
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("sidebar in Chromium", () => {
  it("opens on the dashboard with KPIs and SVG charts", async () => {
    expect(await page.locator(".kpi").count()).toBe(6);
    expect(await page.locator(".kpi-value").first().textContent()).toBe("60");
    expect(await page.locator("figure.chart svg").count()).toBeGreaterThanOrEqual(4);
    expect(await page.getAttribute("#tab-dashboard", "aria-selected")).toBe("true");
    // Keyboard: arrow keys walk the tab list.
    await page.focus("#tab-dashboard");
    await page.keyboard.press("ArrowRight");
    await page.waitForSelector("#customer-search");
    expect(await page.getAttribute("#tab-customers", "aria-selected")).toBe("true");
    await page.click("#tab-dashboard");
    await page.waitForSelector(".kpi");
    await shot("dashboard-en");
  });

  it("searches by Chinese name, English name and phone number", async () => {
    await page.click("#tab-customers");
    await settled();
    expect(await page.textContent("#total")).toBe("60 customers");
    await shot("customers-en");
    await search("星辰");
    expect(await names()).toEqual(["北京星辰科技有限公司"]);
    await search("company 042");
    expect(await names()).toEqual(["Company 042"]);
    await search("13800001007");
    expect(await names()).toEqual(["Company 007"]);
    await search("");
    expect(await page.textContent("#total")).toBe("60 customers");
  });

  it("filters by status", async () => {
    await page.click(".filter-panel summary");
    await page.selectOption("#filter-Status", "lost");
    await settled();
    await page.waitForFunction(() => document.getElementById("total")?.textContent === "12 customers");
    const subs = await page.locator("#customer-list .row-sub").allTextContents();
    expect(subs.length).toBe(12);
    for (const s of subs) expect(s).toContain("Lost");
    await shot("customers-filtered");
    await page.click("#clear-filters");
    await page.waitForFunction(() => document.getElementById("total")?.textContent === "60 customers");
  });

  it("sorts by a column both ways", async () => {
    await page.selectOption("#sort-column", "Monetary");
    await settled();
    await page.waitForFunction(
      () =>
        document.querySelector("#customer-list .row-name")?.textContent === "<img src=x onerror=alert(1)>",
    );
    await page.click("#sort-direction");
    await page.waitForFunction(
      () => document.querySelector("#customer-list .row-name")?.textContent === "Company 060",
    );
    expect((await names()).slice(0, 3)).toEqual(["Company 060", "Company 059", "Company 058"]);
    await page.selectOption("#sort-column", "");
    await page.waitForFunction(
      () =>
        document.querySelector("#customer-list .row-name")?.textContent === "<img src=x onerror=alert(1)>",
    );
  });

  it("paginates on the server and changes the page size", async () => {
    expect(await page.textContent("#page-of")).toBe("Page 1 of 3");
    await page.click("#next-page");
    await page.waitForFunction(() => document.getElementById("page-of")?.textContent === "Page 2 of 3");
    expect((await names())[0]).toBe("Company 026");
    await page.click(".pager button.page >> text=3");
    await page.waitForFunction(() => document.getElementById("page-of")?.textContent === "Page 3 of 3");
    expect(await names()).toHaveLength(10);
    await page.selectOption("#page-size", "50");
    await page.waitForFunction(() => document.getElementById("page-of")?.textContent === "Page 2 of 2");
    await page.selectOption("#page-size", "25");
    await page.click(".pager button.page >> text=1");
    await page.waitForFunction(() => document.getElementById("page-of")?.textContent === "Page 1 of 3");
  });

  it("batch-sets the status of selected rows and the emulated sheet changes", async () => {
    await page.check('li[data-id="C004"] .row-check');
    await page.check('li[data-id="C006"] .row-check');
    expect(await page.textContent("#selected-count")).toBe("2 selected");
    await shot("customers-batch");
    await page.selectOption("#batch-status", "won");
    await page.waitForFunction(() =>
      document.getElementById("toast")?.textContent?.includes("2 customers updated."),
    );
    const values = customerValues();
    const status = (values[0] as string[]).indexOf("Status");
    const byId = new Map(values.map((r) => [r[0], r]));
    expect([byId.get("C004")![status], byId.get("C006")![status], byId.get("C005")![status]]).toEqual([
      "Won",
      "Won",
      "Prospect",
    ]);
    // The list reloads after the toast and draws the batch bar again: fill it once it has (under load the
    // reload could otherwise replace the filled input before the click).
    await settled();
    // A server error reaches the user as a readable sentence, and nothing changes.
    await page.fill("#batch-owner", "not-an-email");
    await page.click("#batch-owner-apply");
    await page.waitForFunction(() =>
      document
        .getElementById("toast")
        ?.textContent?.includes(
          'Owner "not-an-email" is not an e-mail address nor the name of exactly one team member',
        ),
    );
    expect(customerValues()).toEqual(values);
    await page.click("#clear-selection");
  });

  it("batch-deletes rows and Undo makes the sheet whole again", async () => {
    await settled();
    const before = customerValues();
    for (const id of ["C007", "C008", "C020"]) await page.check(`li[data-id="${id}"] .row-check`);
    await page.click("#batch-delete");
    await page.waitForFunction(() =>
      document.getElementById("toast")?.textContent?.includes("3 customers deleted."),
    );
    const during = customerValues();
    expect(during).toHaveLength(before.length - 3);
    expect(during.map((r) => r[0])).not.toContain("C008");
    await page.waitForFunction(() => document.getElementById("total")?.textContent === "57 customers");
    await shot("customers-deleted-undo");
    await page.click("#toast-action");
    await page.waitForFunction(() =>
      document.getElementById("toast")?.textContent?.includes("3 customers restored."),
    );
    expect(customerValues()).toEqual(before);
    await page.waitForFunction(() => document.getElementById("total")?.textContent === "60 customers");
  });

  it("renders a customer named like HTML as text, in the list and the portrait", async () => {
    await search("<img");
    expect(await names()).toEqual([XSS_NAME]);
    await page.click('li[data-id="C001"] .row-main');
    await page.waitForSelector(".portrait-name");
    expect(await page.textContent(".portrait-name")).toBe(XSS_NAME);
    expect(await page.locator("#app img").count()).toBe(0);
    expect(dialogs).toEqual([]);
    await searchBack();
  });

  it("shows a portrait with history and next action, and goes to the row", async () => {
    await search("C002");
    await page.focus('li[data-id="C002"] .row-main');
    await page.keyboard.press("Enter");
    await page.waitForSelector(".portrait-name");
    expect(await page.textContent(".portrait-name")).toBe("北京星辰科技有限公司");
    expect(await page.textContent(".next-action p")).toBe("An invoice is overdue: remind about payment.");
    expect(await page.locator(".timeline li").count()).toBe(4);
    await shot("portrait-en");
    await page.click("#go-to-row");
    const deadline = Date.now() + 5000;
    while (!server.calls.some((c) => c.name === "goToRow") && Date.now() < deadline)
      await page.waitForTimeout(50);
    expect(bundle.emulator.spreadsheet.getActiveRange()?.getRow()).toBe(3);
    await searchBack();
  });

  it("lists validation problems, selects a problem's cell and previews safe fixes", async () => {
    await page.click("#tab-problems");
    await page.waitForSelector("#problem-count");
    const first = page.locator("#problems .problems li button").first();
    if ((await first.count()) > 0) {
      const label = (await first.textContent())!;
      await first.click();
      const [sheet, a1] = label.split("!");
      const deadline = Date.now() + 5000;
      while (!server.calls.some((c) => c.name === "selectCell") && Date.now() < deadline)
        await page.waitForTimeout(50);
      const active = bundle.emulator.spreadsheet.getActiveRange()!;
      expect([active.getSheet().getName(), active.getA1Notation()]).toEqual([sheet, a1]);
    }
    await page.click("#fix-safe");
    await page.waitForSelector("#apply-fixes");
    await shot("problems-en");
  });

  it("imports a CSV through file → mapping → preview → result", async () => {
    await page.click("#tab-import");
    const before = customerValues().length;
    await page.setInputFiles("#import-file", {
      name: "new.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("客户编号,客户名称,Email\nN001,新客户甲,a@new.cn\nN002,New Two,b@new.com\n"),
    });
    await page.click("#import-next");
    await page.waitForSelector("#import-commit");
    await shot("import-en");
    await page.click("#import-commit");
    await page.waitForFunction(() =>
      document.getElementById("toast")?.textContent?.includes("2 rows imported."),
    );
    const after = customerValues();
    expect(after.length).toBe(before + 2);
    expect(after.map((r) => r[1])).toContain("新客户甲");
  });

  it("shows settings for a manager", async () => {
    await page.click("#tab-settings");
    await page.waitForSelector("#classify-save");
    await page.waitForSelector("#notify-save");
    await page.waitForFunction(() => !document.querySelector(".loading"));
    // Settings are forms (issue 20): no JSON box; every control has a <label for> naming it.
    expect(await page.locator("textarea[id$='-json']").count()).toBe(0);
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll("#content input, #content select, #content textarea")]
        .filter((c) => !(c.id && document.querySelector(`label[for="${c.id}"]`)))
        .map((c) => c.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).toEqual([]);
    // The weekday is a picker of days, not a number.
    expect(await page.locator("select option", { hasText: "Monday" }).count()).toBeGreaterThan(0);
    // The welcome template's live preview: a customer without an owner never reads "Your contact is ."
    await page.waitForSelector(".template-preview figure");
    const previews = await page.locator(".template-preview pre").allTextContents();
    expect(previews[0]).toContain("Your contact is wang@example.com.");
    expect(previews[1]).not.toContain("Your contact is");
    await shot("settings-en");
  });

  it("lists backups, previews a restore, restores after a confirm step and undoes it", async () => {
    bundle.ctx.menuBackupNow();
    const name = () => customerValues()[1][1];
    const backedUp = name();
    const customers = bundle.emulator.spreadsheet.getSheetByName("Customers")!;
    customers.getRange("B2").setValue("Changed after the backup");
    const edited = customerValues();
    // Back to settings: the card lists the set just made.
    await page.click("#tab-dashboard");
    await page.waitForSelector(".kpi");
    await page.click("#tab-settings");
    const item = page.locator("#backup-list .backup").first();
    await item.waitFor();
    expect(await item.textContent()).toContain("Customers");
    await item.locator(".backup-preview-button").click();
    const line = item.locator('.backup-preview li[data-sheet="Customers"]');
    await line.waitFor();
    // The edited row, and the seeded row whose ID number was typed in plain (the backup holds it sealed).
    expect(await line.textContent()).toContain("2 changed · 0 added back · 0 removed");
    expect(await item.locator('.backup-preview li[data-sheet="Orders"]').textContent()).toContain(
      "No change",
    );
    await shot("settings-backups-preview");
    // Restore asks first; nothing is written before the confirm.
    await item.locator(".backup-restore-button").click();
    await item.locator(".backup-confirm").waitFor();
    expect(customerValues()).toEqual(edited);
    await item.locator(".backup-confirm").click();
    await page.waitForSelector("#backup-undo");
    expect(await page.textContent("#backup-after")).toContain("Restored");
    expect(name()).toBe(backedUp);
    await page.click("#backup-undo");
    await page.waitForFunction(() => document.getElementById("toast")?.textContent?.includes("Undone"));
    // The edit is back (copies hold sensitive columns sealed, so compare the edited cell and the row count).
    expect(name()).toBe("Changed after the backup");
    expect(customerValues().length).toBe(edited.length);
  });

  it("speaks Chinese from the user's locale and switches language", async () => {
    bundle.emulator.setLocale("zh_CN");
    await page.reload();
    await page.waitForSelector(".kpi");
    expect(await page.textContent("#tab-customers")).toBe("客户");
    await shot("dashboard-zh");
    await page.click("#tab-customers");
    await settled();
    expect(await page.textContent("#total")).toBe("共 62 位客户");
    expect(await page.locator('li[data-id="C002"] .row-sub').textContent()).toContain("已成交");
    await shot("customers-zh");
    await page.click('li[data-id="C003"] .row-main');
    await page.waitForSelector(".portrait-name");
    await shot("portrait-zh");
    await page.click("#lang-switch");
    expect(await page.textContent("#tab-customers")).toBe("Customers");
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});

/** Back from a portrait to the list, search cleared. */
async function searchBack(): Promise<void> {
  await page.click("#tab-customers");
  await settled();
  await search("");
}
