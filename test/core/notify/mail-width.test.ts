// The mails as a phone and a desktop show them: each rendered in headless Chromium (test/e2e/browser.ts)
// at 375 px and 1280 px wide.
import type { Page } from "playwright-core";
import { launchChromium } from "../../e2e/browser";
import { renderDigest } from "../../../src/core/notify/digest";
import type { DigestItem } from "../../../src/core/notify/plan";
import { renderWeeklyReportHtml } from "../../../src/core/notify/report-render";
import { DEFAULT_NOTIFY_SETTINGS, welcomeTemplate } from "../../../src/core/notify/settings";
import { renderWelcome } from "../../../src/core/notify/digest";
import { buildWeeklyReport } from "../../../src/core/notify/weekly-report";
import { book, customer } from "./fixtures";

const LONG_WORD = "x".repeat(120);
const LONG_MAIL = `${"very.long.owner.address".repeat(3)}@example-company-with-a-long-domain.com`;

function item(i: number): DigestItem & { link: string } {
  return {
    customerId: `C${String(i).padStart(6, "0")}`,
    customerName: i % 2 ? `北京星辰科技有限公司第${i}分公司（华北区域销售与服务中心）` : `Acme ${LONG_WORD}`,
    ruleId: "overdue-order",
    ruleKind: "overdue-order",
    priority: 1 + (i % 4),
    daysIdle: 1234,
    value: 98_765_432.1,
    segment: "Can't Lose Them",
    row: i + 2,
    detail: { kind: "overdue", orders: 12, amount: 98_765_432.1, oldestDue: "2026-01-01" },
    ...(i % 3 ? {} : { carriedFrom: "2026-11-20" }),
    ...(i % 5 ? {} : { outsideOwner: LONG_MAIL }),
    link: `https://docs.google.com/spreadsheets/d/1AbC/edit#gid=0&range=A${i + 2}`,
  };
}

function report() {
  const customers = Array.from({ length: 30 }, (_, i) =>
    customer(`C${i}`, {
      name: i % 2 ? `上海云帆国际贸易有限公司${i}` : `Customer ${LONG_WORD}`,
      owner: LONG_MAIL,
      region: i % 2 ? "华东地区（上海、江苏、浙江）" : LONG_WORD,
      segment: ["Champions", "At Risk", "Can't Lose Them"][i % 3],
      lifecycle: "Loyal",
      abc: "A",
      monetary: 123_456_789 + i,
      lastInteraction: "2026-10-01",
    }),
  );
  const orders = customers.map((c, i) => ({
    orderId: `SO-2026-${LONG_WORD.slice(0, 30)}-${i}`,
    customerId: c.id,
    date: "2026-11-20",
    amount: 98_765_432 + i,
    paymentStatus: "due",
    dueDate: "2026-10-01",
  }));
  const history = customers.flatMap((c, i) => [
    { weekStart: "2026-11-09", customerId: c.id, segment: "champions" },
    { weekStart: "2026-11-16", customerId: c.id, segment: i % 2 ? "at_risk" : "cant_lose_them" },
  ]);
  return buildWeeklyReport(book({ customers, orders, history: history as never }), "2026-11-22");
}

let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.context.newPage();
});
afterAll(async () => browser?.close());

/** The page's width at a viewport width, and the mail column's. */
async function widths(html: string, viewport: number): Promise<{ page: number; column: number }> {
  await page.setViewportSize({ width: viewport, height: 800 });
  await page.setContent(html, { waitUntil: "load" });
  return page.evaluate(() => {
    const tables = [...document.querySelectorAll("table")];
    const column = tables.find((t) => t.getAttribute("style")?.includes("max-width:600px"));
    return {
      page: document.documentElement.scrollWidth,
      column: column ? column.getBoundingClientRect().width : -1,
    };
  });
}

describe("mail layout", () => {
  const mails = {
    digest: (lang: "en" | "zh-CN") =>
      renderDigest(
        {
          date: "2026-11-23",
          spreadsheetName: "客户管理表",
          items: Array.from({ length: 25 }, (_, i) => item(i)),
          more: 180,
          quiet: 12,
          repeatDays: 3,
          listLink: "https://docs.google.com/spreadsheets/d/1AbC/edit#gid=0",
        },
        lang,
      ).html,
    report: (lang: "en" | "zh-CN") => renderWeeklyReportHtml(report(), lang),
    welcome: (lang: "en" | "zh-CN") =>
      renderWelcome(
        welcomeTemplate(DEFAULT_NOTIFY_SETTINGS, lang),
        { Name: LONG_WORD, ContactName: "", Owner: LONG_MAIL },
        lang,
      ).html,
  };

  for (const [name, render] of Object.entries(mails))
    for (const lang of ["en", "zh-CN"] as const)
      it(`${name} (${lang}) fits a 375 px phone and is at most 600 px wide on a desktop`, async () => {
        const html = render(lang);
        const phone = await widths(html, 375);
        expect(phone.page).toBeLessThanOrEqual(375);
        expect(phone.column).toBeGreaterThan(300);
        const desktop = await widths(html, 1280);
        expect(desktop.column).toBe(600);
        expect(desktop.page).toBeLessThanOrEqual(1280);
      });
});
