import { latinWords } from "../../core/notify/latin-words";
import { loadNotifyBundle, sendLogRows } from "./harness";

const DAY = 86_400_000;

/** Customers of the harness's headers; the last column is MarketingConsent. */
const rows = [
  [
    "K1",
    "北京星辰科技",
    "",
    "VIP客户",
    "跟进中",
    "2026-09-01",
    "wang@example.com",
    "北京",
    "冠军客户",
    12000,
    "",
    "",
  ],
  ["K2", "上海云帆", "", "普通客户", "待定", "2026-11-01", "wang@example.com", "上海", "", 800, "", ""],
];
const DATA = ["Sheet CRM test", "K1", "K2", "K3", "D1", "北京星辰科技", "上海云帆", "深圳新客"];

describe("the spreadsheet's language decides the mails' and the report sheet's", () => {
  it("writes a zh_CN book's digests, report, welcome and log notes in Chinese, with no setting", () => {
    const loaded = loadNotifyBundle(
      {
        customers: rows,
        orders: [["D1", "K2", "2026-10-01", 300, "Due", "2026-10-31"]],
        // No manager: nobody is named as a new customer's contact.
        settings: { managers: [], welcome: { enabled: true, subject: "", body: "" } },
      },
      { now: "2026-11-23T02:00:00Z", locale: "zh_CN" },
    );
    const { emulator, ctx } = loaded;
    emulator.faults.mailQuota(30);
    ctx.sendRemindersNow(); // takes the welcome baseline, mails the rep
    const digest = emulator.outbox[0];
    expect(digest.subject).toBe("Sheet CRM 跟进提醒 2026-11-23：4 项");
    expect(latinWords(digest.subject + digest.body + digest.htmlBody, DATA)).toEqual([]);
    expect(digest.htmlBody).toContain('<html lang="zh-CN">');

    // A new customer with an address and consent, no owner, no contact name: welcomed in Chinese, and no
    // sentence about a contact nobody is.
    emulator.spreadsheet
      .getSheetByName("Customers")!
      .appendRow([
        "K3",
        "深圳新客",
        "new@example.com",
        "普通客户",
        "已成交",
        "2026-11-23",
        "",
        "深圳",
        "",
        0,
        "",
        "是",
      ]);
    emulator.clock.advance(DAY);
    ctx.sendRemindersNow();
    const welcome = emulator.outbox.find((m) => m.to === "new@example.com")!;
    // Without a contact name the customer's name stands in (welcomeValues).
    expect(welcome.subject).toBe("欢迎您，深圳新客");
    expect(welcome.body).toBe(
      "尊敬的深圳新客：\n\n感谢您选择我们。如有任何问题，请直接回复本邮件。\n\n此致\n敬礼",
    );
    expect(welcome.replyTo).toBeNull();

    // The weekly report: the tab is 周报, every label Chinese; the log's notes too.
    emulator.properties.document.set(
      "notify",
      JSON.stringify({
        ...JSON.parse(emulator.properties.document.get("notify")!),
        managers: ["boss@example.com"],
      }),
    );
    emulator.faults.mailQuota(0);
    expect(ctx.sendWeeklyReportNow()).toMatchObject({ sent: 0, deferred: 1 });
    const sheet = emulator.spreadsheet.getSheetByName("周报")!;
    expect(emulator.spreadsheet.getSheetByName("Weekly report")).toBeNull();
    const cells = sheet.getDataRange().getValues().flat().map(String);
    expect(cells[0]).toBe("客户周报 2026-11-17 – 2026-11-23");
    expect(latinWords(cells.join("\n"), DATA)).toEqual([]);
    expect(
      sendLogRows(loaded)
        .filter((r) => r[4] === "deferred")
        .map((r) => r[6]),
    ).toEqual(["当日邮件额度已用完"]);
    const preview = ctx.previewWeeklyReport();
    expect(preview.subject).toBe("Sheet CRM 周报 2026-11-17 – 2026-11-23");
    expect(latinWords(preview.html, DATA)).toEqual([]);

    // The spreadsheet switched to English: the next report renames its tab and speaks English.
    emulator.spreadsheet.setSpreadsheetLocale("en_US");
    emulator.faults.mailQuota(30);
    ctx.sendWeeklyReportNow();
    expect(emulator.spreadsheet.getSheetByName("周报")).toBeNull();
    expect(emulator.spreadsheet.getSheetByName("Weekly report")!.getRange(1, 1).getValue()).toBe(
      "Weekly customer report 2026-11-17 – 2026-11-23",
    );
    expect(emulator.outbox.at(-1)!.subject).toBe("Sheet CRM weekly report 2026-11-17 – 2026-11-23");
  });

  it("lets a setting or a recipient's own language override the spreadsheet's", () => {
    const loaded = loadNotifyBundle(
      { customers: rows, settings: { defaultLang: "en", langs: { "boss@example.com": "zh-CN" } } },
      { now: "2026-11-23T02:00:00Z", locale: "zh_CN" },
    );
    const { emulator, ctx } = loaded;
    ctx.sendRemindersNow();
    ctx.sendWeeklyReportNow();
    const subjects = emulator.outbox.map((m) => [m.to, m.subject]);
    expect(subjects).toEqual([
      ["wang@example.com", "Sheet CRM reminders for 2026-11-23: 3 follow-ups"],
      ["boss@example.com", "Sheet CRM 周报 2026-11-16 – 2026-11-22"],
    ]);
    // The report tab follows the default language.
    expect(emulator.spreadsheet.getSheetByName("Weekly report")).not.toBeNull();
  });
});
