/**
 * End to end: every sidebar view at 300 px in real headless Chromium (Debian's), in English and Chinese,
 * checked with axe-core. Each view (and the states reached inside it: the batch panel, a portrait, a
 * comparison, a fix preview, an import mapping, a backup preview) is screenshotted to
 * test-artifacts/a11y/<view>-<lang>.png and must have no serious or critical axe violation; lesser ones are
 * printed. Tabs the nav offers beyond the ones named here are visited too, so a new view is checked as soon
 * as it has a tab; the set-up wizard is opened from Help. A second book, never classified and never set up,
 * checks the honest first state.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import axe from "axe-core";
import type { Page } from "playwright-core";
import { loadBundle, type LoadedBundle } from "../../src/local/load-bundle";
import { startServer, type RunningServer } from "../../src/local/serve/server";
import { seededBundle } from "../gas/browse/seed-book";
import { launchChromium } from "./browser";

const ARTIFACTS = path.join(__dirname, "..", "..", "test-artifacts", "a11y");
mkdirSync(ARTIFACTS, { recursive: true });

type Lang = "en" | "zh-CN";
const LANGS: readonly Lang[] = ["en", "zh-CN"];
/** The spreadsheet locale that makes the sidebar speak `lang` (getSessionInfo follows it). */
const LOCALE: Record<Lang, string> = { en: "en", "zh-CN": "zh_CN" };

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[]; readonly failureSummary?: string }[];
}

let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const pageErrors: string[] = [];

/** Waits until no region is loading or counting (a view's server calls have all answered). */
async function settled(): Promise<void> {
  await page.waitForFunction(() => !document.querySelector(".loading, .counting"));
}

/** Screenshot of the whole sidebar as `name`-`lang`, then axe on the document; answers its violations. */
async function audit(name: string, lang: Lang): Promise<Violation[]> {
  await settled();
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${lang}.png`), fullPage: true });
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axe.source });
  const violations = (await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ["violations"] }).then((r) =>
      r.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      })),
    ),
  )) as Violation[];
  const lesser = violations.filter((v) => !isBlocking(v));
  if (lesser.length) console.log(`axe, ${name}-${lang} (minor/moderate):\n${listViolations(lesser)}`);
  return violations.filter(isBlocking);
}

const isBlocking = (v: Violation) => v.impact === "serious" || v.impact === "critical";

/** One line per rule and failing node, readable in a Jest failure. */
function listViolations(violations: readonly Violation[]): string {
  return violations
    .flatMap((v) =>
      v.nodes.map(
        (n) => `${v.impact} ${v.id} (${v.help}) at ${n.target.join(" ")}: ${n.failureSummary ?? ""}`,
      ),
    )
    .join("\n");
}

async function expectClean(name: string, lang: Lang): Promise<void> {
  expect(listViolations(await audit(name, lang))).toBe("");
}

async function openTab(view: string): Promise<void> {
  await page.click(`#tab-${view}`);
  await page.waitForFunction(
    (v) => document.getElementById(`tab-${v}`)?.getAttribute("aria-selected") === "true",
    view,
  );
  await settled();
}

/** Opens the sidebar in `lang` on the dashboard (a book never set up first opens on the wizard). */
async function startIn(server: RunningServer, bundle: LoadedBundle, lang: Lang): Promise<void> {
  bundle.emulator.setLocale(LOCALE[lang]);
  await page.goto(server.url);
  await page.waitForSelector("#tab-dashboard");
  await settled();
  await openTab("dashboard");
}

/** The views named in src/sidebar/main.ts's nav, each visited with what it needs to show its content. */
const NAMED_TABS = ["dashboard", "customers", "analysis", "problems", "import", "settings"];

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on("dialog", (d) => void d.dismiss());
  page.on("pageerror", (e) => pageErrors.push(e.message));
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe("a classified book: every view in both languages", () => {
  let server: RunningServer;
  const bundle = seededBundle(30);

  beforeAll(async () => {
    bundle.ctx.menuBackupNow();
    server = await startServer({ bundle, dist: process.env.SHEET_CRM_DIST });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  describe.each(LANGS)("%s", (lang) => {
    beforeAll(async () => {
      await startIn(server, bundle, lang);
    }, 60_000);

    it("dashboard", async () => {
      await page.waitForSelector(".kpi");
      await expectClean("dashboard", lang);
    });

    it("customers list, and its batch panel", async () => {
      await openTab("customers");
      await page.waitForSelector("#customer-list .rows");
      await page.click(".filter-panel summary");
      await expectClean("customers", lang);
      await page.check('li[data-id="C004"] .row-check');
      await page.waitForSelector("#batch-status");
      await expectClean("customers-batch", lang);
      await page.click("#clear-selection");
    });

    it("portrait, with its privacy actions", async () => {
      await page.click('li[data-id="C002"] .row-main');
      await page.waitForSelector(".portrait-name");
      await page.waitForSelector("#privacy-export");
      // Labels people read, not column keys (CustomerType, LastInteraction, ChurnRisk…).
      const labels = await page.locator(".fields dt").allTextContents();
      expect(labels.length).toBeGreaterThan(5);
      expect(labels.filter((l) => /[a-z][A-Z]/.test(l))).toEqual([]);
      await expectClean("portrait", lang);
    });

    it("analysis, and a comparison", async () => {
      await openTab("analysis");
      await page.waitForSelector("#analysis-segments, #analysis .error");
      await expectClean("analysis", lang);
      await page.click("#compare-run");
      await page.waitForSelector("#compare-summary, #compare-result .error");
      await expectClean("analysis-compare", lang);
      await page.selectOption("#compare-kind", "groups");
      await page.waitForSelector("#compare-by");
      await expectClean("analysis-compare-groups", lang);
    });

    it("problems, and the preview of safe fixes", async () => {
      await openTab("problems");
      await page.waitForSelector("#problem-count");
      await expectClean("problems", lang);
      await page.click("#fix-safe");
      await page.waitForSelector("#apply-fixes");
      await expectClean("problems-fixes", lang);
    });

    it("import, and a file's mapping", async () => {
      await openTab("import");
      await expectClean("import", lang);
      await page.setInputFiles("#import-file", {
        name: "new.csv",
        mimeType: "text/csv",
        buffer: Buffer.from("客户编号,客户名称,Email\nN001,新客户甲,a@new.cn\n"),
      });
      await page.click("#import-next");
      await page.waitForSelector("#import-commit");
      await expectClean("import-mapping", lang);
    });

    it("settings, and a backup's restore preview", async () => {
      await openTab("settings");
      await page.waitForSelector("#backup-list .backup");
      // A dropdown list's editor open (its value rows, meanings and buttons) and the welcome preview drawn.
      await page.locator("details.value-list summary").nth(2).click();
      await page.waitForSelector(".template-preview figure");
      await expectClean("settings", lang);
      await page.locator("#backup-list .backup-preview-button").first().click();
      await page.waitForSelector(".backup-preview li");
      await expectClean("backups", lang);
    });

    it("every other view the nav offers", async () => {
      const tabs = await page.locator("[role=tab]").evaluateAll((els) => els.map((e) => e.id.slice(4)));
      expect(tabs).toEqual(expect.arrayContaining(NAMED_TABS));
      for (const view of tabs.filter((v) => !NAMED_TABS.includes(v))) {
        await openTab(view);
        await expectClean(view, lang);
      }
      // The set-up wizard has no tab: Help (and the menu) open it.
      await openTab("help");
      await page.click("#help-wizard");
      await page.waitForSelector("#wizard-step");
      await expectClean("wizard-found", lang);
      expect(pageErrors).toEqual([]);
    });
  });
});

/** Customers with their own columns only (no result columns: never set up, never classified), and orders. */
function unclassifiedBook(): LoadedBundle {
  const bundle = loadBundle({
    dist: process.env.SHEET_CRM_DIST,
    owner: "boss@example.com",
    user: "boss@example.com",
    locale: "en",
  });
  bundle.emulator.sheetFromValues("Customers", [
    ["CustomerID", "Name", "Email", "Status"],
    ["C001", "Alpha Ltd", "a@alpha.example", "Won"],
    ["C002", "北京星辰科技有限公司", "b@beta.example", "跟进中"],
    ["C003", "Gamma Co", "c@gamma.example", "Prospect"],
  ]);
  bundle.emulator.sheetFromValues("Orders", [
    ["OrderID", "CustomerID", "OrderDate", "Product", "Amount"],
    ["O1", "C001", new Date(Date.UTC(2026, 9, 5)), "Laptop Pro", 8999],
    ["O2", "C002", new Date(Date.UTC(2026, 10, 2)), "Phone case", 89],
  ]);
  return bundle;
}

describe("an unclassified book says so, in both languages", () => {
  let server: RunningServer;
  const bundle = unclassifiedBook();
  const TEXT = {
    en: { notYet: "not classified yet", setUp: "set-up wizard", wellDone: "Well done", atRisk: "At risk" },
    "zh-CN": { notYet: "尚未分类", setUp: "设置向导", wellDone: "没有高风险客户", atRisk: "高风险" },
  } as const;

  beforeAll(async () => {
    server = await startServer({ bundle, dist: process.env.SHEET_CRM_DIST });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  it.each(LANGS)(
    "%s: the dashboard asks for a classification; a book not set up points to the wizard",
    async (lang) => {
      await startIn(server, bundle, lang);
      await page.waitForSelector("#not-classified");
      const text = (await page.textContent("#content")) ?? "";
      expect(text).toContain(TEXT[lang].notYet);
      expect(text).not.toContain(TEXT[lang].wellDone);
      // Figures that need no classification stay; no risk count or classified share pretends to be one.
      const kpis = await page.locator(".kpi-label").allTextContents();
      expect(kpis).toHaveLength(4);
      expect(kpis).not.toContain(TEXT[lang].atRisk);
      expect(await page.locator("#classify-now").count()).toBe(1);
      await expectClean("dashboard-unclassified", lang);
      await page.click("#classify-now");
      await page.waitForFunction(() => !document.getElementById("toast")?.hidden);
      const toast = (await page.textContent("#toast span")) ?? "";
      expect(toast).toContain(TEXT[lang].setUp);
      // Short and human: no list of column names.
      expect(toast.length).toBeLessThan(lang === "en" ? 160 : 80);
      expect(toast).not.toMatch(/RecencyDays|PAlive|Segment,|ClassifiedAt/);
      await expectClean("dashboard-unclassified-classify", lang);
      // The toast's action opens the wizard.
      await page.click("#toast-action");
      await page.waitForSelector("#wizard-step");
      await expectClean("wizard", lang);
    },
  );

  it("after set-up, Classify now classifies and the dashboard shows the figures", async () => {
    bundle.ctx.menuSetUp();
    await startIn(server, bundle, "en");
    await page.waitForSelector("#not-classified");
    await page.click("#classify-now");
    await page.waitForSelector(".kpi");
    expect(await page.locator("#not-classified").count()).toBe(0);
    // The portrait names the classification's results in words.
    await openTab("customers");
    await page.click('li[data-id="C001"] .row-main');
    await page.waitForSelector(".fields dt");
    const labels = await page.locator(".fields dt").allTextContents();
    expect(labels).toEqual(expect.arrayContaining(["Days since last purchase", "Purchases", "Total spent"]));
    expect(labels).not.toContain("RecencyDays");
    expect(pageErrors).toEqual([]);
  });
});
