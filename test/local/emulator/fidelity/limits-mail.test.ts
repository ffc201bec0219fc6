// MailApp limits (quotas page): recipients per day per user (100 consumer / 1,500 Workspace) in a rolling
// 24 hours, 50 recipients per message, body 200 KB (400 KB Workspace), 250 attachments / 25 MB per message;
// quotas are the effective user's.
// https://developers.google.com/apps-script/guides/services/quotas
import { createProject, MAIL_QUOTA_TEXT } from "../../../../src/local/emulator";
import { emulated, HOUR } from "./harness";

describe("mail limits", () => {
  it("counts recipients over a rolling 24 hours: a send's slot frees a day later, not at midnight", () => {
    const { MailApp, emu } = emulated({ mailQuota: 2 });
    MailApp.sendEmail("a@example.com", "1", "");
    emu.clock.advance(12 * HOUR);
    MailApp.sendEmail("a@example.com", "2", "");
    expect(() => MailApp.sendEmail("a@example.com", "3", "")).toThrow(MAIL_QUOTA_TEXT);
    emu.clock.advance(11 * HOUR); // midnight has passed in any zone: still 2 sends in the last 24 h
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    emu.clock.advance(HOUR);
    expect(MailApp.getRemainingDailyQuota()).toBe(1);
    emu.clock.advance(12 * HOUR);
    expect(MailApp.getRemainingDailyQuota()).toBe(2);
  });

  it("is each effective user's, across the documents of the project", () => {
    const project = createProject({ mailQuota: 1 });
    const a = emulated({ project, user: "ann@example.com" });
    const b = emulated({ project, user: "ann@example.com" });
    a.MailApp.sendEmail("x@example.com", "s", "b");
    expect(() => b.MailApp.sendEmail("x@example.com", "s", "b")).toThrow(MAIL_QUOTA_TEXT);
    b.emu.setUser("bob@example.com");
    b.MailApp.sendEmail("x@example.com", "s", "b");
  });

  it("gives Workspace users 1,500 recipients a day, consumer accounts 100", () => {
    expect(emulated().MailApp.getRemainingDailyQuota()).toBe(100);
    const w = emulated({ workspaceDomain: "corp.com", owner: "me@corp.com" });
    expect(w.MailApp.getRemainingDailyQuota()).toBe(1500);
  });

  it("refuses more than 50 recipients and bodies over 200 KB", () => {
    const { MailApp, emu } = emulated();
    const many = Array.from({ length: 51 }, (_, i) => `r${i}@example.com`).join(",");
    expect(() => MailApp.sendEmail(many, "s", "b")).toThrow("Limit Exceeded: Email Recipients Per Message.");
    expect(() =>
      MailApp.sendEmail({ to: "a@example.com", subject: "s", body: "x", htmlBody: "y".repeat(200 * 1024) }),
    ).toThrow("Limit Exceeded: Email Body Size.");
    MailApp.sendEmail("a@example.com", "s", "x".repeat(200 * 1024));
    expect(emu.outbox).toHaveLength(1);
  });
});
