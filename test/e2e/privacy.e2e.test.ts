/**
 * End to end: the portrait's privacy requests in real headless Chromium against the emulated spreadsheet —
 * the owner exports one customer's data and erases them; a sales rep sees neither button.
 */
import type { Page } from "playwright-core";
import { startServer, type RunningServer } from "../../src/local/serve/server";
import { seededBundle } from "../gas/browse/seed-book";
import { launchChromium } from "./browser";

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const bundle = seededBundle(20);

beforeAll(async () => {
  server = await startServer({ bundle, dist: process.env.SHEET_CRM_DIST });
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on("dialog", (d) => void d.accept());
  await page.goto(server.url);
  await page.waitForSelector(".kpi");
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPortrait(id: string): Promise<void> {
  await page.click("#tab-customers");
  await page.waitForSelector(`li[data-id="${id}"] .row-main`);
  await page.click(`li[data-id="${id}"] .row-main`);
  await page.waitForSelector(".portrait-name");
}

const customerIds = () =>
  (bundle.emulator.snapshot().sheets.find((s) => s.name === "Customers")!.values as unknown[][])
    .slice(1)
    .map((r) => r[0]);

describe("privacy requests on the portrait", () => {
  it("the owner exports a customer's data, then erases them", async () => {
    await openPortrait("C002");
    await page.waitForSelector("#privacy-export");
    await page.click("#privacy-export");
    await page.waitForFunction(() =>
      /Exported \d+ rows held about C002/.test(document.body.textContent ?? ""),
    );
    expect(server.calls.filter((c) => c.name === "exportCustomerData").map((c) => c.ok)).toEqual([true]);

    await page.click("#privacy-erase");
    await page.waitForFunction(() =>
      /their orders now carry ERASED-[0-9a-f]{12}/.test(document.body.textContent ?? ""),
    );
    expect(server.calls.filter((c) => c.name === "eraseCustomer").map((c) => c.ok)).toEqual([true]);
    expect(customerIds()).not.toContain("C002");
    expect(customerIds()).toContain("C003");
  });

  it("a sales rep's portrait shows no privacy buttons", async () => {
    bundle.emulator.properties.document.set("roles", JSON.stringify({ "rep@example.com": "sales" }));
    bundle.emulator.setUser("rep@example.com");
    await page.reload();
    await page.waitForSelector(".kpi");
    const owned = (
      bundle.emulator.snapshot().sheets.find((s) => s.name === "Customers")!.values as unknown[][]
    )
      .slice(1)
      .find((r) => r.includes("rep@example.com"));
    const asked = () => server.calls.filter((c) => c.name === "getMyAccess").length;
    const before = asked();
    await openPortrait(String(owned![0]));
    // The buttons wait for the caller's access; once it is answered, a sales rep's stay hidden.
    const deadline = Date.now() + 5000;
    while (asked() === before && Date.now() < deadline) await page.waitForTimeout(50);
    expect(asked()).toBeGreaterThan(before);
    await page.waitForTimeout(100);
    expect(await page.locator("#privacy-actions").isHidden()).toBe(true);
    expect(await page.locator("#privacy-export").count()).toBe(0);
  });
});
