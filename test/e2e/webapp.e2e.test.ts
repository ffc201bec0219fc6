/**
 * End to end: the web app's pages at 375 px in real headless Chromium (Debian's), English and Chinese,
 * checked with axe-core (no serious or critical violation) and screenshotted to test-artifacts/webapp/.
 * The reps' pages are served as a "user accessing" deployment to a signed-in sales rep (their
 * google.script.run calls bridged to the bundle, as that rep); the portal as the team's "execute as me"
 * deployment to an anonymous visitor, its forms posted by the browser itself.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import axe from "axe-core";
import type { Page } from "playwright-core";
import { webAppClient } from "../../src/local/emulator/web-app-client";
import { OWNER, SALES_A, fixtureSheets } from "../../src/local/faults/fixture";
import { loadBundle, type LoadedBundle } from "../../src/local/load-bundle";
import { startServer, type RunningServer } from "../../src/local/serve/server";
import { ROLE_TABLE } from "../gas/trust/harness";
import { launchChromium } from "./browser";

const ARTIFACTS = path.join(__dirname, "..", "..", "test-artifacts", "webapp");
mkdirSync(ARTIFACTS, { recursive: true });

type Lang = "en" | "zh-CN";
const LOCALES: Record<Lang, string> = { en: "en-US", "zh-CN": "zh-CN" };

function book(user: string): LoadedBundle {
  const loaded = loadBundle({ owner: OWNER, user, deployment: "bound", dist: process.env.SHEET_CRM_DIST });
  for (const s of fixtureSheets(1)) loaded.emulator.sheetFromValues(s.name, s.values);
  loaded.emulator.properties.document.set("roles", JSON.stringify(ROLE_TABLE));
  return loaded;
}

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string;
}

async function audit(page: Page, name: string): Promise<string> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axe.source });
  const violations = (await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ["violations"] }).then((r) =>
      r.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(" ")).join(", "),
      })),
    ),
  )) as Violation[];
  const line = (v: Violation) => `${v.impact} ${v.id} (${v.help}) at ${v.targets}`;
  const lesser = violations.filter((v) => v.impact !== "serious" && v.impact !== "critical");
  if (lesser.length) console.log(`axe, ${name} (minor/moderate):\n${lesser.map(line).join("\n")}`);
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(line)
    .join("\n");
}

/** Whether the page is wider than the viewport (a 375 px phone would scroll sideways). */
const overflows = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describe.each(["en", "zh-CN"] as const)("web app pages at 375 px (%s)", (lang: Lang) => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium(LOCALES[lang]);
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
    page.on("pageerror", (e) => errors.push(e.message));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  describe("the reps' pages, as a signed-in sales rep", () => {
    let server: RunningServer;
    const loaded = book(SALES_A);
    beforeAll(async () => {
      loaded.emulator.setLocale(lang === "en" ? "en" : "zh_CN");
      const rep = webAppClient(loaded, { executeAs: "USER_ACCESSING", access: "ANYONE", deployer: OWNER });
      server = await startServer({
        bundle: loaded,
        webApp: rep,
        webAppVisitor: SALES_A,
        dist: process.env.SHEET_CRM_DIST,
      });
    }, 60_000);
    afterAll(() => server?.close());

    it("my customers: only the rep's own, searchable; no sideways scroll", async () => {
      await page.goto(`${server.url}exec?view=rep`);
      await page.waitForSelector("ul.cards .card");
      const names = await page.$$eval("ul.cards .card strong", (els) => els.map((e) => e.textContent));
      // SALES_A owns the odd customers of the fixture; nobody else's appear.
      expect(names.length).toBeGreaterThan(0);
      for (const n of names) expect(Number(/\d+/.exec(n ?? "")![0]) % 2).toBe(1);
      expect(await overflows(page)).toBe(false);
      expect(await audit(page, `rep-customers-${lang}`)).toBe("");
      await page.fill("#q", "C0003");
      await page.waitForFunction(() => document.querySelectorAll("ul.cards .card").length === 1);
      expect(await page.textContent("ul.cards .card strong")).toBe("Customer 3");
    }, 60_000);

    it("a portrait: change status and log an interaction", async () => {
      await page.click("ul.cards .card");
      await page.waitForSelector("#st");
      expect(await overflows(page)).toBe(false);
      expect(await audit(page, `rep-portrait-${lang}`)).toBe("");
      const options = await page.$$eval("#st option", (os) => os.map((o) => (o as HTMLOptionElement).value));
      await page.selectOption("#st", options[options.length - 1]);
      await page.click("section[aria-labelledby=h-s] button.primary");
      await page.waitForSelector("section[aria-labelledby=h-s] .status:not(.error)");
      await page.fill("#su", "Visited, wants a quote");
      await page.fill("#nx", "2026-11-23");
      await page.click("section[aria-labelledby=h-l] button.primary");
      await page.waitForSelector("section[aria-labelledby=h-l] .status:not(.error)");
      const sheet = loaded.emulator.spreadsheet.getSheetByName("Interactions")!;
      const last = sheet.getRange(sheet.getLastRow(), 1, 1, sheet.getLastColumn()).getValues()[0];
      expect(last).toEqual(expect.arrayContaining(["C0003", "Visited, wants a quote", SALES_A]));
    }, 60_000);

    it("today's follow-ups", async () => {
      await page.click("nav button:nth-child(2)");
      await page.waitForSelector("main h2");
      await page.waitForFunction(() => !document.querySelector("main .status"));
      const text = await page.textContent("main");
      expect(text).toContain("Customer 3");
      expect(await audit(page, `rep-follow-ups-${lang}`)).toBe("");
      expect(errors).toEqual([]);
    }, 60_000);
  });

  describe("the customer portal, anonymous", () => {
    let server: RunningServer;
    const loaded = book(OWNER);
    let query = "";
    beforeAll(async () => {
      const asMe = webAppClient(loaded, {
        executeAs: "USER_DEPLOYING",
        access: "ANYONE_ANONYMOUS",
        deployer: OWNER,
      });
      server = await startServer({ bundle: loaded, webApp: asMe, dist: process.env.SHEET_CRM_DIST });
      query = loaded.run("createPortalLink", "C0001").query;
    }, 60_000);
    afterAll(() => server?.close());

    it("shows the customer's page and takes feedback from its form", async () => {
      await page.goto(`${server.url}exec?${query}&lang=${lang}`);
      await page.waitForSelector("#h-orders");
      expect(await overflows(page)).toBe(false);
      expect(await audit(page, `portal-${lang}`)).toBe("");
      await page.selectOption("#f-rating", "5");
      await page.fill("#f-comment", "Quick delivery <3");
      await Promise.all([page.waitForNavigation(), page.click("section[aria-labelledby=h-feedback] button")]);
      expect(await page.textContent("[role=status]")).toMatch(/Thank you|感谢/);
      const fb = loaded.emulator.spreadsheet.getSheetByName("Feedback")!;
      expect(fb.getRange(fb.getLastRow(), 1, 1, fb.getLastColumn()).getValues()[0]).toEqual(
        expect.arrayContaining(["C0001", 5, "Quick delivery <3"]),
      );
      expect(await audit(page, `portal-after-feedback-${lang}`)).toBe("");
    }, 60_000);

    it("an altered link gets a clear page", async () => {
      await page.goto(`${server.url}exec?${query.replace(/\.[^.]+$/, ".AAAA")}&lang=${lang}`);
      expect(await page.textContent("[role=alert]")).toMatch(/not valid|无效/);
      expect(await audit(page, `portal-refused-${lang}`)).toBe("");
    }, 60_000);
  });
});
