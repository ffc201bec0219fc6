import { createEmulator, MAIL_QUOTA_TEXT } from "../../../src/local/emulator";

function mail(opts: Parameters<typeof createEmulator>[0] = {}) {
  const emu = createEmulator({ now: "2026-11-23T09:00:00Z", scriptTimeZone: "Asia/Shanghai", ...opts });
  const g = emu.globals as any;
  return {
    emu,
    MailApp: g.MailApp as GoogleAppsScript.Mail.MailApp,
    Utilities: g.Utilities as GoogleAppsScript.Utilities.Utilities,
  };
}

describe("MailApp", () => {
  it("keeps every sent mail in the outbox (both overloads, html, name, replyTo, attachments)", () => {
    const { emu, MailApp, Utilities } = mail({ user: "me@example.com" });
    MailApp.sendEmail("a@example.com", "Hi", "plain", {
      htmlBody: "<b>hi</b>",
      name: "Sheet CRM",
      replyTo: "r@example.com",
    });
    MailApp.sendEmail({
      to: "b@example.com,c@example.com",
      cc: "d@example.com",
      subject: "Report",
      body: "text",
      attachments: [Utilities.newBlob("x,y", "text/csv", "r.csv")],
    });
    expect(emu.outbox).toHaveLength(2);
    expect(emu.outbox[0]).toMatchObject({
      to: "a@example.com",
      subject: "Hi",
      body: "plain",
      htmlBody: "<b>hi</b>",
      name: "Sheet CRM",
      replyTo: "r@example.com",
      from: "me@example.com",
    });
    expect(emu.outbox[0].at.toISOString()).toBe("2026-11-23T09:00:00.000Z");
    expect(emu.outbox[1]).toMatchObject({
      to: "b@example.com,c@example.com",
      cc: "d@example.com",
      htmlBody: null,
    });
    expect(emu.outbox[1].attachments[0].bytes.toString()).toBe("x,y");
    expect(MailApp.getRemainingDailyQuota()).toBe(100 - 4);
  });

  it("throws Apps Script's quota text when the quota is spent; a send's slot frees 24 hours later", () => {
    const { emu, MailApp } = mail({ mailQuota: 2 });
    MailApp.sendEmail("a@example.com", "1", "");
    MailApp.sendEmail("a@example.com", "2", "");
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    expect(() => MailApp.sendEmail("a@example.com", "3", "")).toThrow(MAIL_QUOTA_TEXT);
    expect(MAIL_QUOTA_TEXT).toBe("Service invoked too many times for one day: email.");
    expect(emu.outbox).toHaveLength(2);
    // Rolling: midnight frees nothing; each slot frees 24 h after its send.
    emu.clock.set("2026-11-23T16:00:00Z"); // midnight in Shanghai
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    emu.clock.set("2026-11-24T09:00:00Z");
    expect(MailApp.getRemainingDailyQuota()).toBe(2);
  });

  it("rejects bad recipients, and injected failures and quota apply", () => {
    const { emu, MailApp } = mail();
    expect(() => MailApp.sendEmail("not-an-email", "s", "b")).toThrow("Invalid email: not-an-email");
    emu.faults.mailThrowOnce(1, "Service unavailable: Gmail");
    expect(() => MailApp.sendEmail("a@example.com", "s", "b")).toThrow("Service unavailable: Gmail");
    MailApp.sendEmail("a@example.com", "s", "b");
    emu.faults.mailQuota(0);
    expect(() => MailApp.sendEmail("a@example.com", "s", "b")).toThrow(MAIL_QUOTA_TEXT);
    expect(emu.outbox).toHaveLength(1);
  });
});
