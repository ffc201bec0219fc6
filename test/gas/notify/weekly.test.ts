import { BOSS, loadNotifyBundle, sendLogRows } from "./harness";

const DAY = 86_400_000;
const MANAGER2 = "li@example.com";

/** A hand-made two-week book: snapshots for the weeks of Nov 9 and Nov 16, orders across a year. */
function seed() {
  const customers = [
    ["C1", "Zhang Wei", "", "VIP", "Won", "2026-11-20", "rep@example.com", "North", "Champions", 5000, ""],
    ["C2", "<b>Evil</b> & Co", "", "Regular", "Won", "2026-09-01", "", "South", "At Risk", 3000, ""],
    ["C3", "Wang Fang", "", "Regular", "Won", "2026-11-01", "", "South", "Champions", 800, ""],
  ];
  const orders = [
    ["O1", "C1", "2026-11-20", 500, "Paid", ""],
    ["O2", "C2", "2026-11-12", 300, "Due", "2026-11-15"],
    ["O3", "C3", "2025-11-18", 70, "Paid", ""],
    ["O4", "C1", "2026-03-05", 1000, "Paid", ""],
  ];
  const history = [
    ["2026-11-09", "C1", "loyal_customers", 4, 4, 4],
    ["2026-11-09", "C2", "champions", 5, 5, 5],
    ["2026-11-09", "C3", "champions", 5, 5, 5],
    ["2026-11-16", "C1", "champions", 5, 5, 5],
    ["2026-11-16", "C2", "at_risk", 1, 4, 5],
    ["2026-11-16", "C3", "champions", 5, 5, 5],
  ];
  return {
    customers,
    orders,
    history,
    settings: { managers: [BOSS, MANAGER2], langs: { [MANAGER2]: "zh-CN" as const } },
  };
}

describe("weekly manager report", () => {
  it("writes the sheet with native charts and mails each manager once, in their language", () => {
    // Sunday 2026-11-22 20:00 in Shanghai; the report goes out Monday 09:00 local.
    const loaded = loadNotifyBundle(seed(), { now: "2026-11-22T12:00:00Z" });
    const { emulator, ctx } = loaded;
    ctx.menuInstallNotifications();
    emulator.advanceAndFire(DAY);
    ctx.handleWeeklyReport(); // a second firing
    const reports = emulator.outbox.filter((m) => /weekly report|周报/.test(m.subject));
    // Sent by the hourly dispatcher's run in the 09:00 hour (Monday 01:00–02:00 UTC).
    const hourOf = (at: Date) => at.toISOString().slice(0, 13);
    expect(reports.map((m) => [m.to, m.subject, hourOf(m.at)])).toEqual([
      [BOSS, "Sheet CRM weekly report 2026-11-16 – 2026-11-22", "2026-11-23T01"],
      [MANAGER2, "Sheet CRM 周报 2026-11-16 – 2026-11-22", "2026-11-23T01"],
    ]);
    const html = reports[0].htmlBody!;
    expect(html).not.toMatch(/<script|<img|<link|url\(/i);
    expect(html).toContain("&lt;b&gt;Evil&lt;/b&gt; &amp; Co");
    expect(html).toMatch(/Segment migration, week of 2026-11-09 → week of 2026-11-16/);
    expect(reports[1].htmlBody).toContain("冠军客户");

    const sheet = emulator.spreadsheet.getSheetByName("Weekly report")!;
    expect(sheet.getCharts()).toHaveLength(2);
    const cells = sheet.getDataRange().getValues();
    // The grid holds the blocks and the charts right of them, not a new tab's 1000 × 26.
    const width = Math.max(...cells.map((r) => r.length));
    expect(sheet.getMaxColumns()).toBeLessThanOrEqual(width + 7);
    // (The report's blocks end with one blank spacer row, beyond the data range.)
    expect(sheet.getMaxRows()).toBeLessThanOrEqual(Math.max(cells.length + 1, 41));
    expect(sheet.getMaxRows() * sheet.getMaxColumns()).toBeLessThan(26_000);
    const row = (label: string) => cells.findIndex((r) => r[0] === label);
    // Migration matrix block: Champions → At Risk for C2, Loyal → Champions for C1.
    const m = cells.findIndex((r) => String(r[0]).startsWith("Segment migration"));
    const header = cells[m + 1];
    const champRow = cells.slice(m + 2).find((r) => r[0] === "Champions")!;
    expect(champRow[header.indexOf("At Risk")]).toBe(1);
    expect(champRow[header.indexOf("Champions")]).toBe(1);
    const loyalRow = cells.slice(m + 2).find((r) => r[0] === "Loyal Customers")!;
    expect(loyalRow[header.indexOf("Champions")]).toBe(1);
    // KPIs: revenue this week vs last week vs the same week last year.
    expect(cells[row("Revenue this week")].slice(1, 4)).toEqual([500, 300, 70]);
    // Overdue payments list the unpaid order past its due date.
    const overdue = cells.findIndex((r) => r[0] === "Overdue payments");
    expect(cells[overdue + 2].slice(0, 2)).toEqual(["O2", "C2"]);
    expect(cells[overdue + 3].slice(0, 4)).toEqual(["1 overdue line, total ¥300.00", "", "", 300]);
    expect(html).toContain("1 overdue line, total ¥300.00");
    // Plain text shows the name as typed (it is not HTML).
    expect(reports[0].body).toContain(
      "Overdue payments:\n- O2 <b>Evil</b> & Co (C2): 300.00, Due 2026-11-15, Days overdue 7\n1 overdue line",
    );
    expect(reports[1].body).toContain("共 1 笔逾期，合计 ¥300.00");

    // Re-running the sheet step replaces the charts, it does not stack them.
    ctx.sendWeeklyReportNow();
    expect(sheet.getCharts()).toHaveLength(2);
    expect(emulator.outbox.filter((m) => /weekly report|周报/.test(m.subject))).toHaveLength(2);
  });

  it("defers a report the quota cannot cover and the daily run sends it later", () => {
    const loaded = loadNotifyBundle(seed(), { now: "2026-11-23T02:00:00Z" });
    const { emulator, ctx } = loaded;
    emulator.faults.mailQuota(1);
    expect(ctx.sendWeeklyReportNow()).toMatchObject({ sent: 1, deferred: 1 });
    expect(
      sendLogRows(loaded)
        .filter((r) => r[4] === "deferred")
        .map((r) => r[1]),
    ).toEqual([MANAGER2]);
    emulator.clock.advance(DAY);
    ctx.handleDailyReminders();
    const reports = emulator.outbox.filter((m) => /weekly report|周报/.test(m.subject));
    expect(reports.map((m) => m.to)).toEqual([BOSS, MANAGER2]);
    expect(reports[1].subject).toBe("Sheet CRM 周报 2026-11-16 – 2026-11-22");
  });

  it("previews without sending or writing", () => {
    const loaded = loadNotifyBundle(seed(), { now: "2026-11-23T02:00:00Z" });
    const { emulator, ctx } = loaded;
    const preview = ctx.previewWeeklyReport();
    expect(preview.recipients).toEqual([BOSS, MANAGER2]);
    expect(preview.html.startsWith("<!DOCTYPE html>")).toBe(true);
    const digests = ctx.previewDigest();
    expect(digests.length).toBeGreaterThan(0);
    ctx.menuPreviewWeeklyReport();
    ctx.menuPreviewDigest();
    expect(emulator.ui.dialogs).toHaveLength(2);
    expect(emulator.outbox).toHaveLength(0);
    expect(emulator.spreadsheet.getSheetByName("Weekly report")).toBeNull();
    expect(emulator.spreadsheet.getSheetByName("SendLog")).toBeNull();
  });
});

describe("permissions", () => {
  it("refuses previews and sends to a sales rep without mailing or writing anything", () => {
    const loaded = loadNotifyBundle(
      {
        customers: [["A", "Alpha", "", "Regular", "Pending", "2026-11-01", "rep@example.com", "", "", 1, ""]],
      },
      { now: "2026-11-23T02:00:00Z" },
    );
    const { emulator, ctx } = loaded;
    emulator.properties.document.set("roles", JSON.stringify({ "rep@example.com": "sales" }));
    emulator.setUser("rep@example.com");
    for (const name of ["previewDigest", "previewWeeklyReport", "sendRemindersNow", "sendWeeklyReportNow"])
      expect(() => ctx[name]()).toThrow(/does not allow/);
    expect(() => ctx.saveNotifySettings({ managers: [] })).toThrow(/does not allow/);
    // The settings name the managers' addresses: a rep may not read them either.
    expect(() => ctx.getNotifySettings()).toThrow(/does not allow/);
    expect(JSON.parse(emulator.properties.document.get("notify")!).managers).toEqual([BOSS]);
    expect(emulator.outbox).toHaveLength(0);
    expect(emulator.spreadsheet.getSheetByName("SendLog")).toBeNull();
  });
});
