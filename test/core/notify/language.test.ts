import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { renderDigest } from "../../../src/core/notify/digest";
import TEXT from "../../../src/core/notify/notify-text.json";
import { planReminderRun } from "../../../src/core/notify/plan";
import {
  renderWeeklyReportHtml,
  renderWeeklyReportText,
  weeklyReportGrid,
  weeklyReportSubject,
} from "../../../src/core/notify/report-render";
import { DEFAULT_NOTIFY_SETTINGS } from "../../../src/core/notify/settings";
import { teamOf } from "../../../src/core/notify/team";
import { buildWeeklyReport } from "../../../src/core/notify/weekly-report";
import { book, customer } from "./fixtures";
import { latinWords } from "./latin-words";

const zhBook = book({
  customers: [
    customer("K1", {
      name: "北京星辰科技",
      owner: "wang@example.com",
      type: "vip",
      status: "following_up",
      region: "北京",
      segment: "冠军客户",
      lifecycle: "Loyal",
      abc: "A",
      monetary: 12000,
      lastInteraction: "2026-09-01",
    }),
    customer("K2", {
      name: "上海云帆",
      status: "pending",
      region: "上海",
      segment: "At Risk",
      monetary: 800,
    }),
  ],
  orders: [
    { orderId: "D1", customerId: "K1", date: "2026-11-20", amount: 500, paymentStatus: "paid" },
    {
      orderId: "D2",
      customerId: "K2",
      date: "2026-10-01",
      amount: 300,
      paymentStatus: "due",
      dueDate: "2026-10-31",
    },
  ],
  history: [
    { weekStart: "2026-11-09", customerId: "K1", segment: "loyal_customers" },
    { weekStart: "2026-11-16", customerId: "K1", segment: "champions" },
  ] as never,
});
const DATA = ["K1", "K2", "D1", "D2", "北京星辰科技", "上海云帆"];

describe("language of mails and the report sheet", () => {
  it("has every catalogue entry in both languages, the Chinese one in Chinese", () => {
    for (const [section, entries] of Object.entries(TEXT))
      for (const [key, e] of Object.entries(entries as Record<string, Record<string, string>>)) {
        expect([section, key, typeof e.en, typeof e["zh-CN"]]).toEqual([section, key, "string", "string"]);
        expect([
          section,
          key,
          /[\u4e00-\u9fff]/.test(e["zh-CN"]) || /^[\s\p{P}\\{}]*$/u.test(e["zh-CN"]),
        ]).toEqual([section, key, true]);
      }
  });

  it("writes zh-CN digests, report mails and report sheets without an English word", () => {
    const plan = planReminderRun({
      book: zhBook,
      today: "2026-11-23",
      settings: { ...DEFAULT_NOTIFY_SETTINGS, managers: ["boss@example.com"] },
      log: [],
      quota: 100,
      team: teamOf(["wang@example.com"], []),
      consented: new Set(),
      bookLang: "zh-CN",
    });
    expect(plan.send.map((d) => d.lang)).toEqual(["zh-CN", "zh-CN"]);
    for (const d of plan.send) {
      const mail = renderDigest(
        {
          date: d.date,
          spreadsheetName: "客户管理表",
          items: d.items.map((i) => ({ ...i, link: "https://docs.google.com/x" })),
          more: 3,
          quiet: 2,
          repeatDays: 3,
          listLink: "https://docs.google.com/x",
        },
        d.lang,
      );
      expect(latinWords(mail.subject + mail.text, DATA)).toEqual([]);
      expect(latinWords(mail.html, DATA)).toEqual([]);
    }
    const report = buildWeeklyReport(zhBook, "2026-11-22");
    expect(latinWords(weeklyReportSubject(report, "zh-CN"), DATA)).toEqual([]);
    expect(latinWords(renderWeeklyReportHtml(report, "zh-CN"), DATA)).toEqual([]);
    expect(latinWords(renderWeeklyReportText(report, "zh-CN"), DATA)).toEqual([]);
    const cells = weeklyReportGrid(report, "zh-CN")
      .rows.flat()
      .filter((v) => typeof v === "string");
    expect(latinWords(cells.join("\n"), DATA)).toEqual([]);
    // Known labels in either language are shown in the report's (Loyal → 忠诚客户, At Risk → 有流失风险客户).
    expect(cells).toEqual(expect.arrayContaining(["忠诚客户", "有流失风险客户", "客户编号"]));
    // The same report in English has the English words the check would catch.
    expect(latinWords(renderWeeklyReportHtml(report, "en"), DATA).length).toBeGreaterThan(20);
  });

  it("takes every phrase of src/core/notify and src/gas/notify from the catalogue", () => {
    const root = path.join(__dirname, "../../../src");
    // Phrases that are not shown to anyone as text of the feature: a MIME preamble, the add-on's name,
    // a rolled-up row's marker and the old default template recognised to be replaced.
    const allowed = [
      "This is a multi-part message in MIME format.",
      "Sheet CRM",
      "(rolled up)",
      "Thank you for choosing us. {{Owner}} will be your contact.",
    ];
    const found: string[] = [];
    for (const dir of ["core/notify", "gas/notify"])
      for (const f of readdirSync(path.join(root, dir)).filter((n) => n.endsWith(".ts"))) {
        const src = readFileSync(path.join(root, dir, f), "utf8")
          .replace(/\/\*[\s\S]*?\*\//g, "")
          .replace(/(^|[^:])\/\/.*$/gm, "$1");
        for (const lit of src.match(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g) ?? []) {
          const text = lit
            .slice(1, -1)
            .replace(/\$\{[^}]*\}/g, " ")
            .replace(/<[^>]*>/g, " ")
            .replace(/[a-z-]+:[^;"]*;/g, " ");
          if (/[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(text) && !allowed.some((a) => lit.includes(a)))
            found.push(`${dir}/${f}: ${lit.slice(0, 80)}`);
        }
      }
    expect(found).toEqual([]);
  });
});
