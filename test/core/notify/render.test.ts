import { renderDigest, renderWelcome } from "../../../src/core/notify/digest";
import { toEml } from "../../../src/core/notify/eml";
import {
  renderWeeklyReportHtml,
  weeklyReportGrid,
  weeklyReportSubject,
} from "../../../src/core/notify/report-render";
import { buildWeeklyReport } from "../../../src/core/notify/weekly-report";
import { book, customer } from "./fixtures";

const hostile = `<img src=x onerror=alert(1)>`;

describe("rendering", () => {
  const item = {
    customerId: "C1",
    customerName: hostile,
    ruleId: "vip-idle",
    ruleKind: "vip-idle" as const,
    priority: 3,
    daysIdle: 40,
    value: 1234.5,
    segment: "Bob\r\nBcc: evil@x.com",
    row: 5,
    detail: { kind: "idle" as const, status: "won" },
    link: `https://docs.google.com/spreadsheets/d/x/edit#gid=0&range=A5"><script>`,
  };

  it("escapes hostile names and links in the digest, in both languages", () => {
    for (const lang of ["en", "zh-CN"] as const) {
      const m = renderDigest(
        { date: "2026-11-23", spreadsheetName: "CRM\r\nBcc: x@y.z", items: [item] },
        lang,
      );
      expect(m.html).not.toContain("<img");
      expect(m.html).not.toContain("<script>");
      expect(m.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
      expect(m.subject).not.toMatch(/[\r\n]/);
      expect(m.text).toContain("1,234.50");
      expect(m.text).toContain(hostile); // plain text is not HTML: shown as typed
    }
    expect(renderDigest({ date: "2026-11-23", spreadsheetName: "S", items: [item] }, "zh-CN").text).toContain(
      "40 天",
    );
  });

  it("says how many less urgent items a capped digest leaves out, in both languages", () => {
    const en = renderDigest({ date: "2026-11-23", spreadsheetName: "S", items: [item], more: 7 }, "en");
    expect(en.text).toContain("…and 7 more follow-ups, less urgent");
    expect(en.html).toContain("…and 7 more follow-ups, less urgent");
    const zh = renderDigest({ date: "2026-11-23", spreadsheetName: "S", items: [item], more: 7 }, "zh-CN");
    expect(zh.text).toContain("另有 7 项较不紧急的待跟进");
    expect(
      renderDigest({ date: "2026-11-23", spreadsheetName: "S", items: [item] }, "en").text,
    ).not.toContain("more follow-up");
  });

  it("shows known segments in the mail's language and unknown ones as written", () => {
    const items = [
      { ...item, segment: "Champions" },
      { ...item, customerId: "C2", segment: "My VIPs" },
    ];
    const zh = renderDigest({ date: "2026-11-23", spreadsheetName: "S", items }, "zh-CN");
    expect(zh.text).toContain("40 天未联系 · 价值 1,234.50 · 冠军客户\n");
    expect(zh.text).toContain("40 天未联系 · 价值 1,234.50 · My VIPs\n");
  });

  it("fills the welcome template safely", () => {
    const m = renderWelcome(
      { subject: "Welcome {{Name}}", body: "Hi {{Name}}" },
      { Name: `Bob\r\nBcc: evil@x.com ${hostile}` },
    );
    expect(m.subject).not.toMatch(/[\r\n]/);
    expect(m.html).not.toContain("<img");
  });

  it("renders the weekly report as a standalone document without scripts or images, and a formula-safe grid", () => {
    const r = buildWeeklyReport(
      book({
        customers: [customer("C1", { name: `=HYPERLINK("x")${hostile}`, segment: "At Risk", monetary: 10 })],
        orders: [
          {
            orderId: "O1",
            customerId: "C1",
            date: "2026-11-20",
            amount: 10,
            paymentStatus: "overdue",
          },
        ],
      }),
      "2026-11-22",
    );
    const html = renderWeeklyReportHtml(r, "en");
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).not.toMatch(/<script|<img|<link|url\(|https?:/i);
    expect(html).toContain("&lt;img");
    expect(weeklyReportSubject(r, "zh-CN")).toBe("Sheet CRM 周报 2026-11-16 – 2026-11-22");
    const grid = weeklyReportGrid(r, "en");
    expect(grid.rows.every((row) => row.length === grid.width)).toBe(true);
    // Laid out as it is, no apostrophe of its own: the write door (gas/platform/write-values.ts) keeps it text.
    expect(grid.rows.flat()).toContain(`=HYPERLINK("x")${hostile}`);
    expect(grid.rows[grid.monthlyBlock.row - 1]).toEqual([
      "Month",
      "Revenue",
      ...Array(grid.width - 2).fill(""),
    ]);
    expect(grid.rows[grid.monthlyBlock.row + 11][1]).toBe(10);
  });
});

describe("the weekly report's revenue forecast", () => {
  /** Monthly orders from `from` for `months` months, a December peak on a rising trend. */
  function monthlyBook(months: number) {
    const orders = Array.from({ length: months }, (_, m) => {
      const month = ((10 + m) % 12) + 1;
      const year = 2026 - Math.ceil(months / 12) + Math.floor((10 + m) / 12);
      return {
        orderId: `O${m}`,
        customerId: "C1",
        date: `${year}-${String(month).padStart(2, "0")}-10`,
        amount: 1000 + 20 * m + (month === 12 ? 800 : 0),
        paymentStatus: "paid",
      };
    });
    return book({ customers: [customer("C1", { name: "Acme" })], orders });
  }

  it("shows the next three months with their 80% range, the method and its backtest error", () => {
    const r = buildWeeklyReport(monthlyBook(36), "2026-11-22");
    const f = r.forecast!;
    expect(f.months.map((m) => m.month)).toEqual(["2026-12", "2027-01", "2027-02"]);
    for (const m of f.months) {
      expect(m.lower).toBeLessThanOrEqual(m.forecast);
      expect(m.upper).toBeGreaterThanOrEqual(m.forecast);
    }
    // The planted December peak is forecast above the months after it.
    expect(f.months[0].forecast).toBeGreaterThan(f.months[1].forecast);
    expect(f.backtestMape).not.toBeNull();
    const html = renderWeeklyReportHtml(r, "en");
    expect(html).toContain("Revenue forecast (next 3 months)");
    expect(html).toContain("80% range");
    expect(renderWeeklyReportHtml(r, "zh-CN")).toContain("收入预测（未来 3 个月）");
    const grid = weeklyReportGrid(r, "zh-CN")
      .rows.map((row) => row.join("|"))
      .join("\n");
    expect(grid).toContain("月份|预测|下限（80%）|上限（80%）");
    expect(grid).toMatch(/回测的误差：\d+\.\d%/);
  });

  it("says nothing about the future when the history is under nine months", () => {
    const r = buildWeeklyReport(monthlyBook(6), "2026-11-22");
    expect(r.forecast).toBeNull();
    expect(renderWeeklyReportHtml(r, "en")).not.toContain("Revenue forecast");
  });
});

describe("toEml", () => {
  it("writes multipart/alternative with an RFC 2047 subject and base64 UTF-8 bodies", () => {
    const eml = toEml({
      from: "crm@x.com",
      to: "ann@x.com",
      subject: "跟进提醒\r\nBcc: evil@x.com",
      text: "你好 Ann",
      html: "<p>你好</p>",
      date: new Date(Date.UTC(2026, 10, 23, 0, 5, 0)),
    });
    const [head, body] = eml.split("\r\n\r\n");
    expect(head).not.toMatch(/^Bcc:/m);
    expect(head).toMatch(/^Subject: =\?UTF-8\?B\?/m);
    expect(head).toContain("Date: Mon, 23 Nov 2026 00:05:00 +0000");
    const boundary = /boundary="([^"]+)"/.exec(head)![1];
    expect(body).toBeDefined();
    const parts = eml.split(`--${boundary}`);
    expect(parts).toHaveLength(4);
    const decoded = (p: string) =>
      Buffer.from(p.split("\r\n\r\n")[1].replace(/\r\n/g, ""), "base64").toString("utf8");
    expect(decoded(parts[1])).toBe("你好 Ann");
    expect(decoded(parts[2])).toBe("<p>你好</p>");
    const subject = /^Subject: (.*(?:\r\n .*)*)/m.exec(head)![1];
    const words = subject.split("\r\n ").map((w) => Buffer.from(w.slice(10, -2), "base64").toString("utf8"));
    expect(words.join("")).toBe("跟进提醒  Bcc: evil@x.com");
  });
});
