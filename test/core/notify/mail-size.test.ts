import type { SegmentSnapshot } from "../../../src/core/book";
import { renderDigest, renderWelcome } from "../../../src/core/notify/digest";
import { htmlBytes, MAX_MAIL_HTML_BYTES } from "../../../src/core/notify/mail-layout";
import { MAX_DIGEST_ITEMS, type DigestItem } from "../../../src/core/notify/plan";
import { renderWeeklyReportHtml } from "../../../src/core/notify/report-render";
import { DEFAULT_NOTIFY_SETTINGS, welcomeTemplate } from "../../../src/core/notify/settings";
import { buildWeeklyReport } from "../../../src/core/notify/weekly-report";
import { book, customer, type OrderRow } from "./fixtures";

/** A cell's worth (50,000 characters) of text that escapes to six bytes a character, plus some Chinese. */
const HUGE = `"${'客"<&'.repeat(12_499)}'`;
const LANGS = ["en", "zh-CN"] as const;

function worstItem(i: number): DigestItem & { link: string } {
  return {
    customerId: `ID${i}${HUGE}`,
    customerName: HUGE,
    ruleId: "overdue-order",
    ruleKind: "overdue-order",
    priority: 1,
    daysIdle: 99_999,
    value: -9_999_999_999.99,
    segment: HUGE,
    row: 99_999,
    detail: { kind: "overdue", orders: 99_999, amount: 9_999_999_999.99, oldestDue: "2026-01-01" },
    carriedFrom: "2026-01-01",
    lastMailed: "2026-01-02",
    outsideOwner: HUGE.slice(0, 100),
    link: `https://docs.google.com/spreadsheets/d/${"x".repeat(44)}/edit#gid=2147483647&range=A99999`,
  };
}

describe("mail size", () => {
  it(`keeps a digest of ${MAX_DIGEST_ITEMS} items of the largest possible cells under Gmail's clipping size`, () => {
    const items = Array.from({ length: MAX_DIGEST_ITEMS }, (_, i) => worstItem(i));
    for (const lang of LANGS) {
      const m = renderDigest(
        {
          date: "2026-11-23",
          spreadsheetName: HUGE,
          items,
          more: 99_999,
          quiet: 99_999,
          repeatDays: 30,
          listLink: items[0].link,
        },
        lang,
      );
      expect(htmlBytes(m.html)).toBeLessThanOrEqual(MAX_MAIL_HTML_BYTES);
      // Every item is there, and the names are cut, not dropped.
      expect(m.html.match(/border-left:4px/g)).toHaveLength(MAX_DIGEST_ITEMS);
      expect(m.html).toContain("客&quot;&lt;&amp;");
      expect(m.text.length).toBeLessThan(MAX_MAIL_HTML_BYTES);
    }
  });

  it("keeps the weekly report of a huge, hostile book under the clipping size", () => {
    const customers = Array.from({ length: 400 }, (_, i) =>
      customer(`C${i}${HUGE.slice(0, 200)}`, {
        name: HUGE,
        owner: `${HUGE.slice(0, 300)}@x.com`,
        // Hundreds of regions, segment, ABC and lifecycle labels: every bar list is longer than the mail shows.
        region: `R${i}${HUGE.slice(0, 100)}`,
        segment: i % 2 ? "At Risk" : `S${i}${HUGE.slice(0, 100)}`,
        abc: `A${i}${HUGE.slice(0, 100)}`,
        lifecycle: `L${i}${HUGE.slice(0, 100)}`,
        monetary: 1e9 + i,
        lastInteraction: "2026-01-01",
      }),
    );
    const orders: OrderRow[] = customers.map((c, i) => ({
      orderId: `O${i}${HUGE.slice(0, 200)}`,
      customerId: c.id,
      date: "2026-11-20",
      amount: 1e9 + i,
      paymentStatus: "due",
      dueDate: "2026-01-01",
    }));
    const history: SegmentSnapshot[] = customers.flatMap((c, i) => [
      { weekStart: "2026-11-09", customerId: c.id, segment: `W${i % 30}` },
      { weekStart: "2026-11-16", customerId: c.id, segment: `V${i % 29}` },
    ]) as SegmentSnapshot[];
    const r = buildWeeklyReport(book({ customers, orders, history }), "2026-11-22");
    expect(r.regions.length).toBeGreaterThan(300);
    expect(r.migration?.moves.length).toBeGreaterThan(300);
    for (const lang of LANGS) {
      const html = renderWeeklyReportHtml(r, lang);
      expect(htmlBytes(html)).toBeLessThanOrEqual(MAX_MAIL_HTML_BYTES);
      expect(html).toContain(lang === "en" ? "more in the" : "另有");
    }
  });

  it("keeps a welcome mail of the largest template and values under the clipping size", () => {
    // The longest template settings accept, nothing but placeholders, each a cell's worth of text.
    const template = { subject: "{{Name}}".repeat(25), body: "{{Name}}".repeat(625) };
    expect(template.body.length).toBe(5000);
    const m = renderWelcome(template, { Name: HUGE }, "en");
    expect(htmlBytes(m.html)).toBeLessThanOrEqual(MAX_MAIL_HTML_BYTES);
    expect(m.subject.length).toBeLessThanOrEqual(200);
    // An ordinary long name is kept up to 100 characters.
    const name = "N".repeat(150);
    expect(renderWelcome({ subject: "Hi", body: "Dear {{Name}}," }, { Name: name }, "en").text).toBe(
      `Dear ${"N".repeat(99)}…,`,
    );
    expect(welcomeTemplate(DEFAULT_NOTIFY_SETTINGS, "en").body.length).toBeLessThan(1000);
  });

  it("counts bytes as UTF-8", () => {
    expect(htmlBytes("a客😀é")).toBe(1 + 3 + 4 + 2);
    expect(htmlBytes("客".repeat(10))).toBe(Buffer.byteLength("客".repeat(10), "utf8"));
  });
});
