import { BOSS, loadNotifyBundle, sendLogRows } from "./harness";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const customer = (id: string, extra: Record<number, unknown>) => {
  const row: unknown[] = [
    id,
    `Customer ${id}`,
    "",
    "Regular",
    "Following up",
    "2026-11-01",
    "rep@example.com",
    "North",
    "",
    100,
    "",
  ];
  for (const [i, v] of Object.entries(extra)) row[Number(i)] = v;
  return row;
};

describe("time zones", () => {
  it("counts days in the spreadsheet's zone (Asia/Shanghai) while the script runs in America/New_York", () => {
    const loaded = loadNotifyBundle(
      {
        customers: [
          // Idle 8 days by Shanghai's today (23rd), 7 by New York's (22nd): due only if "today" is Shanghai's.
          customer("S", { 5: "2026-11-15" }),
          // Midnight 16th in Shanghai (15th in New York): 7 days in Shanghai, due only if the cell were read in NY.
          customer("D", { 5: new Date("2026-11-15T16:00:00Z") }),
          customer("Fresh", { 5: "2026-11-22" }),
        ],
        settings: { reminderHour: 8 },
      },
      { now: "2026-11-22T12:00:00Z", timeZone: "Asia/Shanghai", scriptTimeZone: "America/New_York" },
    );
    const { emulator, ctx } = loaded;
    ctx.menuInstallNotifications();
    emulator.advanceAndFire(DAY);
    const mails = emulator.outbox.filter((m) => m.subject.startsWith("Sheet CRM reminders"));
    expect(mails).toHaveLength(1);
    // 08:00 in Shanghai is 19:00 the day before in New York.
    // Sent in the run of that hour (the clock moves with the run's calls).
    expect(mails[0].at.toISOString().slice(0, 13)).toBe("2026-11-23T00");
    expect(mails[0].subject).toContain("2026-11-23");
    expect(mails[0].body).toContain("(S)");
    expect(mails[0].body).not.toContain("(D)");
    expect(mails[0].body).not.toContain("(Fresh)");
    const reminderRows = sendLogRows(loaded).filter((r) => r[3] !== "weekly-report");
    expect(reminderRows.map((r) => [r[0], r[2], r[4]])).toEqual([["2026-11-23", "S", "sent"]]);
  });
});

describe("hostile data", () => {
  const hostile = `<img src=x onerror=alert(1)>`;

  it("escapes names in digests and welcome mails and never lets a value add a header or recipient", () => {
    const loaded = loadNotifyBundle(
      {
        customers: [
          customer("H1", { 1: hostile }),
          customer("H2", { 1: "Bob\r\nBcc: evil@x.com", 6: "evil@x.com\r\nBcc: y@z.com" }),
          customer("OLD", { 2: "old@example.com", 4: "Won" }),
        ],
        settings: {
          welcome: {
            enabled: true,
            subject: "Welcome {{Name}}",
            body: "Dear {{Name}},\nyour contact is {{Owner}}.",
          },
        },
      },
      { now: "2026-11-23T02:00:00Z" },
    );
    const { emulator, ctx } = loaded;
    ctx.sendRemindersNow();
    // First run with welcome mails on: the existing address is baselined, not mailed.
    expect(emulator.outbox.some((m) => m.to === "old@example.com")).toBe(false);

    const rep = emulator.outbox.find((m) => m.to === "rep@example.com")!;
    expect(rep.htmlBody).not.toContain("<img");
    expect(rep.htmlBody).toContain("&lt;img src=x onerror=alert(1)&gt;");
    // The bad Owner is not an address: that customer goes to the managers.
    const boss = emulator.outbox.find((m) => m.to === BOSS)!;
    expect(boss.body).toContain("(H2)");
    for (const m of emulator.outbox) {
      expect(m.bcc).toBe("");
      expect(m.cc).toBe("");
      expect(m.subject).not.toMatch(/[\r\n]/);
      expect(m.name ?? "").not.toMatch(/[\r\n]/);
    }

    // A new row gains a valid e-mail: one welcome, once ever.
    const sheet = emulator.spreadsheet.getSheetByName("Customers")!;
    sheet.appendRow(
      customer("NEW", { 1: "Bob\r\nBcc: evil@x.com " + hostile, 2: "New@Example.com", 11: "Yes" }),
    );
    emulator.clock.advance(DAY);
    ctx.sendRemindersNow();
    ctx.sendRemindersNow();
    emulator.clock.advance(DAY);
    ctx.sendRemindersNow();
    const welcomes = emulator.outbox.filter((m) => m.subject.startsWith("Welcome"));
    expect(welcomes).toHaveLength(1);
    expect(welcomes[0].to).toBe("new@example.com");
    expect(welcomes[0].bcc).toBe("");
    expect(welcomes[0].subject).toBe(`Welcome Bob Bcc: evil@x.com ${hostile}`);
    expect(welcomes[0].htmlBody).not.toContain("<img");
    expect(welcomes[0].body).toContain("your contact is rep@example.com.");
    expect(welcomes[0].replyTo).toBe("rep@example.com");
  });
});

describe("crash safety", () => {
  it("a run that dies after a send never repeats that mail the same day, and the rest still go out", () => {
    const loaded = loadNotifyBundle(
      {
        customers: [
          customer("A", { 6: "a@example.com" }),
          customer("B", { 6: "b@example.com" }),
          customer("C", { 6: "c@example.com" }),
        ],
      },
      { now: "2026-11-23T02:00:00Z" },
    );
    const { emulator, ctx } = loaded;
    // setValues calls: the new SendLog's header, the first mail's "pending" rows, then the write that flips
    // them to "sent", which fails: the mail left, its log row stays "pending".
    emulator.faults.failAtCall(3, "Service error: Spreadsheets", "Range.setValues");
    expect(() => ctx.sendRemindersNow()).toThrow(/Service error/);
    expect(emulator.outbox).toHaveLength(1);
    const first = emulator.outbox[0].to;
    emulator.clock.advance(HOUR);
    ctx.sendRemindersNow();
    ctx.sendRemindersNow();
    expect(emulator.outbox.map((m) => m.to).sort()).toEqual([
      "a@example.com",
      "b@example.com",
      "c@example.com",
    ]);
    expect(emulator.outbox.filter((m) => m.to === first)).toHaveLength(1);
    // The next day everything is due again and sent again, once.
    emulator.clock.advance(DAY);
    ctx.sendRemindersNow();
    expect(emulator.outbox).toHaveLength(6);
  });

  it("a throwing send is logged failed and retried on the next run; a short quota defers and carries", () => {
    const loaded = loadNotifyBundle(
      { customers: [customer("A", { 6: "a@example.com" }), customer("B", { 6: "b@example.com" })] },
      { now: "2026-11-23T02:00:00Z" },
    );
    const { emulator, ctx } = loaded;
    emulator.faults.mailThrowOnce(1).mailQuota(1);
    const s = ctx.sendRemindersNow();
    expect(s).toMatchObject({ sent: 0, failed: 1, deferred: 1, quotaBefore: 1 });
    expect(emulator.outbox).toHaveLength(0);
    expect(
      sendLogRows(loaded)
        .map((r) => r[4])
        .sort(),
    ).toEqual(["deferred", "failed"]);
    emulator.clock.advance(DAY);
    ctx.sendRemindersNow();
    expect(emulator.outbox.map((m) => m.to).sort()).toEqual(["a@example.com", "b@example.com"]);
    for (const m of emulator.outbox) expect(m.body).toContain("carried over from 2026-11-23");
  });
});

describe("batched sheet I/O and settings", () => {
  it("reads each sheet once per run and writes the log in two calls per mail, whatever the number of rows", () => {
    const many = Array.from({ length: 300 }, (_, i) => customer(`C${i}`, { 6: `rep${i % 5}@example.com` }));
    const { emulator, ctx } = loadNotifyBundle({ customers: many }, { now: "2026-11-23T02:00:00Z" });
    ctx.sendRemindersNow();
    expect(emulator.outbox).toHaveLength(5);
    const counts = emulator.counts();
    // Customers, Orders, Interactions, SendLog.
    expect(counts["Range.getValues"]).toBeLessThanOrEqual(5);
    // SendLog header + (pending, sent) per mail + the audit entry.
    expect(counts["Range.setValues"]).toBeLessThanOrEqual(1 + 2 * 5 + 2);
  });

  it("validates settings, stores nothing on error and moves installed triggers to new hours", () => {
    const { emulator, ctx } = loadNotifyBundle({ customers: [] }, { now: "2026-11-23T02:00:00Z" });
    const before = emulator.properties.document.get("notify");
    const bad = ctx.saveNotifySettings({ managers: ["not-an-address"], reportHour: 25 });
    expect(bad.ok).toBe(false);
    expect(bad.errors.map((e: { field: string }) => e.field)).toEqual(["managers[0]", "reportHour"]);
    expect(emulator.properties.document.get("notify")).toBe(before);
    const huge = ctx.saveNotifySettings({
      welcome: { enabled: true, subject: "Hi", body: "x".repeat(5000) },
      langs: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`user${i}@example.com`, "zh-CN"])),
    });
    expect(huge.ok).toBe(false);
    expect(huge.errors[0].message).toMatch(/bytes/);

    ctx.menuInstallNotifications();
    const ok = ctx.saveNotifySettings({
      managers: ["Boss@Example.com"],
      reminderHour: 6,
      weekday: 5,
      reportHour: 17,
    });
    expect(ok.ok).toBe(true);
    expect(ctx.getNotifySettings().managers).toEqual(["boss@example.com"]);
    // One hourly dispatcher runs both mails at the hours the settings name (test/gas/platform/dispatcher.test.ts).
    const clocks = emulator.triggers().filter((t) => t.eventType === "CLOCK");
    expect(clocks.map((t) => [t.handler, t.schedule])).toEqual([
      ["handleDispatch", { kind: "hours", every: 1 }],
    ]);
  });
});

describe("a zh-CN book", () => {
  it("reads Chinese tab names, headers and options and mails the owner in Chinese", () => {
    const { emulator, ctx } = loadNotifyBundle(
      {
        tabs: {
          customers: [
            "客户",
            [
              "客户编号",
              "客户名称",
              "电子邮件",
              "客户类型",
              "客户状态",
              "最近互动时间",
              "负责人",
              "所在地区",
              "客户分群",
              "消费金额",
              "我的备注",
            ],
          ],
          orders: ["订单", ["订单编号", "客户编号", "下单日期", "金额", "付款状态", "应付日期"]],
          interactions: ["互动记录", ["日期", "客户编号", "渠道", "内容摘要", "下次跟进"]],
        },
        customers: [
          [
            "K1",
            "北京星辰科技",
            "",
            "VIP客户",
            "已成交",
            "2026年9月1日",
            "wang@example.com",
            "北京",
            "冠军客户",
            "¥12,000",
            "",
          ],
          ["K2", "上海云帆", "", "普通客户", "跟进中", "2026/11/01", "wang@example.com", "上海", "", "", ""],
        ],
        orders: [["D1", "K2", "2026-10-01", "¥3,500.00", "逾期", "2026-10-31"]],
        interactions: [["2026-11-10", "K1", "电话", "回访", "2026-11-20"]],
        settings: { langs: { "wang@example.com": "zh-CN" } },
      },
      { now: "2026-11-23T02:00:00Z", locale: "zh_CN" },
    );
    ctx.sendRemindersNow();
    expect(emulator.outbox).toHaveLength(1);
    const mail = emulator.outbox[0];
    expect(mail.to).toBe("wang@example.com");
    expect(mail.subject).toBe("Sheet CRM 跟进提醒 2026-11-23：3 项");
    const lines = mail.body.split("\n").filter((l) => /^\d+\. /.test(l));
    expect(lines).toEqual([
      "1. 上海云帆 (K2): 逾期付款：1 笔订单，共 3,500.00（应付日 2026-10-31）",
      "2. 北京星辰科技 (K1): 计划跟进日 2026-11-20 已到",
      "3. 上海云帆 (K2): 状态「跟进中」，久未联系",
    ]);
    // K1's latest contact is the Interactions row (Nov 10), not the older LastInteraction: 13 days, so the
    // 30-day VIP rule does not fire.
    expect(mail.htmlBody).toContain("13 天");
  });
});

describe("the Apps Script time limit", () => {
  it("stops sending before the limit and carries the rest into the next run", () => {
    const reps = Array.from({ length: 60 }, (_, i) => customer(`C${i}`, { 6: `rep${i}@example.com` }));
    const loaded = loadNotifyBundle({ customers: reps }, { now: "2026-11-23T02:00:00Z" });
    const { emulator, ctx } = loaded;
    // Every service call costs 1.5 s of emulated time; Apps Script would kill the run at 6 minutes.
    emulator.faults.timeLimit(360_000, 1_500);
    const s = ctx.sendRemindersNow();
    expect(s.sent).toBeGreaterThan(0);
    expect(s.sent).toBeLessThan(60);
    expect(s.deferred).toBe(60 - s.sent);
    expect(emulator.outbox).toHaveLength(s.sent);
    emulator.faults.timeLimit(1e12, 0);
    emulator.clock.advance(HOUR);
    ctx.sendRemindersNow();
    expect(new Set(emulator.outbox.map((m) => m.to)).size).toBe(60);
    expect(emulator.outbox).toHaveLength(60);
    expect(emulator.outbox.slice(s.sent).every((m) => m.body.includes("carried over") === false)).toBe(true);
  });
});
