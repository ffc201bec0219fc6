/**
 * End to end: the Campaigns view (src/sidebar/views/campaigns.ts) in headless Chromium at 300 px, in both
 * languages: a campaign made in the five steps (who, the mail, preview per recipient, a test to oneself,
 * schedule) through the real sidebar and server functions, checked with axe-core at each state.
 */
import axe from "axe-core";
import type { Page } from "playwright-core";
import type { LoadedBundle } from "../../src/local/load-bundle";
import { startServer, type RunningServer } from "../../src/local/serve/server";
import { customerRows, seededBundle } from "../gas/browse/seed-book";
import { launchChromium } from "./browser";

let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let server: RunningServer;
let bundle: LoadedBundle;
const pageErrors: string[] = [];

async function settled(): Promise<void> {
  await page.waitForFunction(() => !document.querySelector(".loading, .counting"));
}

/** Serious or critical axe violations of the page, one line each. */
async function violations(): Promise<string> {
  await settled();
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axe.source });
  const found = (await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe
      .run(document, { resultTypes: ["violations"] })
      .then((r) =>
        r.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(" ")}`)),
      ),
  )) as string[];
  return found.join("\n");
}

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  bundle = seededBundle(12);
  // The team's consent column: every customer but C002 said yes.
  const rows = customerRows(12).map((r, i) => [
    ...r,
    i === 0 ? "MarketingConsent" : r[0] === "C002" ? "否" : "是",
  ]);
  bundle.emulator.sheetFromValues("Customers", rows);
  server = await startServer({ bundle, dist: process.env.SHEET_CRM_DIST });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await browser?.close();
});

describe.each([
  ["en", "en"],
  ["zh-CN", "zh_CN"],
] as const)("Campaigns view, %s", (lang, locale) => {
  it("creates, previews, tests and schedules a campaign; every state passes axe", async () => {
    bundle.emulator.setLocale(locale);
    await page.goto(server.url);
    await page.waitForSelector("#tab-campaigns");
    await page.click("#tab-campaigns");
    await page.waitForSelector("#campaign-new");
    expect(await violations()).toBe("");
    await page.click("#campaign-new");
    await page.waitForSelector("#campaign-editor");
    const editor = page.locator("#campaign-editor");
    await editor.locator("input[type=text]").first().fill(`Spring ${lang}`);
    await editor.locator(".campaign-step input[type=text]").first().fill("Hello {{Name}}");
    await editor.locator(".campaign-step textarea").first().fill("Dear {{Name}}, <b>news</b>.");
    await editor.locator("button", { hasText: lang === "en" ? "Preview recipients" : "预览收件人" }).click();
    await page.waitForSelector(".campaign-recipients li");
    const lines = await page.locator(".campaign-recipients li").allTextContents();
    expect(
      lines.some((l) => l.includes("C002") && l.includes(lang === "en" ? "no consent" : "未同意接收")),
    ).toBe(true);
    expect(await violations()).toBe("");
    // One recipient's mail, in a sandboxed frame: the markup typed in the template shows as text.
    await page.locator(".campaign-recipients li button").first().click();
    await page.waitForSelector(".campaign-mail iframe");
    const html = await page.locator(".campaign-mail iframe").getAttribute("srcdoc");
    expect(html).toContain("&lt;b&gt;news&lt;/b&gt;");
    expect(html).toContain("mailto:");
    const before = bundle.emulator.outbox.length;
    await editor
      .locator("button", { hasText: lang === "en" ? "Send a test to me" : "发送测试邮件给我" })
      .click();
    await page.waitForFunction((n) => document.querySelector("#toast")?.textContent?.includes("@"), before);
    expect(bundle.emulator.outbox.slice(before).map((m) => m.to)).toEqual(["boss@example.com"]);
    await editor.locator("button.primary").click();
    await page.waitForSelector(".campaigns li");
    expect(await page.locator(".campaigns").textContent()).toContain(`Spring ${lang}`);
    expect(await violations()).toBe("");
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
