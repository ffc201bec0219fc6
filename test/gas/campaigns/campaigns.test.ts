import { TIME_LIMIT_TEXT } from "../../../src/local/emulator/faults";
import type { LoadedBundle } from "../../../src/local/load-bundle";
import type { CampaignList, CampaignPreview, SaveCampaignResult } from "../../../src/shared/campaigns";
import { MANAGER, OWNER, SALES, campaignBook, campaignLog, campaignMails, draft, tick } from "./harness";

const HOUR = 3_600_000;

/** A dispatcher run the time limit ends (the dispatcher reports the job's failure). */
function cut(loaded: LoadedBundle): void {
  try {
    tick(loaded);
  } catch (e) {
    expect(String(e)).toMatch(/Exceeded maximum execution time/);
  }
}

describe("segment campaigns on the bundle", () => {
  it("previews per recipient, tests to oneself only, and sends once to consenting, unsuppressed customers", () => {
    const loaded = campaignBook();
    const { emulator } = loaded;
    const preview = loaded.run("previewCampaign", draft()) as CampaignPreview;
    expect(preview.problems).toEqual([]);
    expect(preview.recipients.map((r) => [r.customerId, r.hold])).toEqual([
      ["A", ""],
      ["B", "no-consent"],
      ["C", ""],
      ["D", ""],
      ["E", "duplicate-address"],
      ["F", "no-email"],
    ]);
    expect([preview.matched, preview.eligible]).toEqual([6, 3]);

    const test = loaded.run("sendCampaignTest", draft(), 0) as { to: string };
    expect(test.to).toBe(OWNER);
    expect(emulator.outbox.map((m) => m.to)).toEqual([OWNER]);
    expect(emulator.outbox[0].subject).toBe("[Test] Hello Customer A");

    // C unsubscribes (a reply naming their address) before the campaign runs.
    loaded.run("recordUnsubscribe", "From: c@mail.com — please unsubscribe me", "unsubscribed");
    const saved = loaded.run("saveCampaign", draft()) as SaveCampaignResult;
    expect(saved.ok).toBe(true);
    expect(emulator.triggers().some((t) => t.handler === "handleDispatch")).toBe(true);

    tick(loaded);
    expect(campaignMails(loaded)).toEqual([
      ["a@mail.com", "Hello Customer A"],
      ["d@mail.com", "Hello Customer D"],
    ]);
    const mail = emulator.outbox.find((m) => m.to === "a@mail.com")!;
    expect(mail.replyTo).toBe(MANAGER);
    expect(mail.htmlBody).toContain('href="mailto:boss@example.com?subject=Unsubscribe%20');
    // Every customer of the audience is accounted for in the log.
    expect(campaignLog(loaded).map((r) => [r[3], r[5], r[6]])).toEqual([
      ["B", "skipped", "no-consent"],
      ["C", "skipped", "suppressed"],
      ["E", "skipped", "duplicate-address"],
      ["F", "skipped", "no-email"],
      ["A", "sent", ""],
      ["D", "sent", ""],
    ]);
    // A one-off campaign with nobody left is done; more runs send nothing.
    emulator.advanceAndFire(26 * HOUR);
    expect(campaignMails(loaded)).toHaveLength(2);
    const list = loaded.run("listCampaigns") as CampaignList;
    expect(list.campaigns[0].campaign.status).toBe("done");
    expect(list.campaigns[0].counts).toMatchObject({ sent: 2, skipped: 4, deferred: 0 });
  });

  it("throttles under the mail quota across days, keeping the team's share", () => {
    const loaded = campaignBook({ quota: 22 });
    loaded.run("saveCampaign", draft());
    tick(loaded);
    // 22 left, 20 kept for the team's own mails: two today.
    expect(campaignMails(loaded).map((m) => m[0])).toEqual(["a@mail.com", "c@mail.com"]);
    expect(
      campaignLog(loaded)
        .filter((r) => r[5] === "deferred")
        .map((r) => r[3]),
    ).toEqual(["D"]);
    loaded.emulator.advanceAndFire(26 * HOUR);
    expect(campaignMails(loaded).map((m) => m[0])).toEqual(["a@mail.com", "c@mail.com", "d@mail.com"]);
  });

  it("a run cut by the time limit at any write mails nobody twice; the next runs send the rest", () => {
    let cutAfterSend = 0;
    for (let k = 1; k <= 12; k++) {
      const loaded = campaignBook();
      const { emulator } = loaded;
      loaded.run("saveCampaign", draft());
      // The run dies at its k-th setValues (pending rows, "sent" marks, skips): Apps Script ends it there.
      emulator.faults.failAtCall(k, TIME_LIMIT_TEXT, "Range.setValues");
      cut(loaded);
      const sentBefore = campaignMails(loaded).length;
      emulator.faults.reset();
      emulator.advanceAndFire(2 * HOUR);
      const all = campaignMails(loaded).map((m) => m[0]);
      expect(new Set(all).size).toBe(all.length);
      // B (no consent) and the unsubscribed or shared addresses are never mailed, cut or not.
      expect(all.every((a) => ["a@mail.com", "c@mail.com", "d@mail.com"].includes(a))).toBe(true);
      // A mail whose "sent" mark was cut is logged pending: counted as sent, not repeated.
      const rows = campaignLog(loaded).filter((r) => r[5] === "sent" || r[5] === "pending");
      expect(rows.map((r) => r[4]).sort()).toEqual(["a@mail.com", "c@mail.com", "d@mail.com"]);
      if (sentBefore > 0 && sentBefore < 3) cutAfterSend++;
    }
    // Some of those cuts fell between a send and its "sent" mark, mid-run.
    expect(cutAfterSend).toBeGreaterThan(0);
  });

  it("a run cut at a send leaves that mail pending: never sent twice, the rest go out", () => {
    const loaded = campaignBook();
    const { emulator } = loaded;
    loaded.run("saveCampaign", draft());
    emulator.faults.failAtCall(2, TIME_LIMIT_TEXT, "MailApp.sendEmail");
    cut(loaded);
    expect(campaignMails(loaded).map((m) => m[0])).toEqual(["a@mail.com"]);
    emulator.faults.reset();
    emulator.advanceAndFire(2 * HOUR);
    expect(campaignMails(loaded).map((m) => m[0])).toEqual(["a@mail.com", "d@mail.com"]);
    expect(
      campaignLog(loaded)
        .filter((r) => r[3] === "C")
        .map((r) => r[5]),
    ).toEqual(["pending"]);
  });

  it("an unsubscribe recorded from the mail's token stops the customer's next steps", () => {
    const loaded = campaignBook();
    const { emulator } = loaded;
    const series = draft({
      steps: [
        { delayDays: 0, subject: "One {{Name}}", body: "First." },
        { delayDays: 2, subject: "Two {{Name}}", body: "Second." },
      ],
    });
    loaded.run("saveCampaign", series);
    tick(loaded);
    const token = /unsub-[0-9a-f]{16}/.exec(emulator.outbox.find((m) => m.to === "c@mail.com")!.body)![0];
    loaded.run("recordUnsubscribe", `Re: Unsubscribe 退订 ${token}`, "unsubscribed");
    emulator.advanceAndFire(49 * HOUR);
    expect(
      campaignMails(loaded)
        .filter((m) => m[1].startsWith("Two"))
        .map((m) => m[0]),
    ).toEqual(["a@mail.com", "d@mail.com"]);
    const list = loaded.run("listCampaigns") as CampaignList;
    expect(list.campaigns[0].counts).toMatchObject({ sent: 5, unsubscribed: 1 });
    expect(list.suppressed).toBe(1);
  });

  it("a welcome series follows each welcome mail sent since it was scheduled, step by step", () => {
    const loaded = campaignBook();
    const { emulator } = loaded;
    const series = draft({
      audience: { search: "", filters: {} },
      trigger: { kind: "after-welcome" },
      steps: [
        { delayDays: 1, subject: "Tip one {{Name}}", body: "First tip." },
        { delayDays: 2, subject: "Tip two {{Name}}", body: "Second tip." },
      ],
    });
    loaded.run("saveCampaign", series);
    // What the welcome mailer logged: A welcomed today, C long before the series existed.
    emulator.sheetFromValues("SendLog", [
      ["Date", "Recipient", "CustomerID", "Rule", "Status", "At", "Note", "By"],
      ["2026-12-01", "a@mail.com", "A", "welcome", "sent", "2026-12-01T01:00:00Z", "", "job:reminders"],
      ["2026-11-01", "c@mail.com", "C", "welcome", "sent", "2026-11-01T01:00:00Z", "", "job:reminders"],
    ]);
    emulator.advanceAndFire(12 * HOUR);
    expect(campaignMails(loaded)).toEqual([]);
    emulator.advanceAndFire(24 * HOUR);
    expect(campaignMails(loaded)).toEqual([["a@mail.com", "Tip one Customer A"]]);
    emulator.advanceAndFire(48 * HOUR);
    expect(campaignMails(loaded)).toEqual([
      ["a@mail.com", "Tip one Customer A"],
      ["a@mail.com", "Tip two Customer A"],
    ]);
    // A series never finishes: it waits for the next welcome.
    const list = loaded.run("listCampaigns") as CampaignList;
    expect(list.campaigns[0].campaign.status).toBe("scheduled");
  });

  it("erasing a customer clears them from the campaign log and the suppression list", () => {
    const loaded = campaignBook();
    loaded.run("recordUnsubscribe", "d@mail.com", "unsubscribed");
    loaded.run("saveCampaign", draft());
    tick(loaded);
    const cells = () =>
      loaded.emulator
        .snapshot()
        .sheets.filter((s) => /^(CampaignLog|Suppression)$/.test(s.name))
        .flatMap((s) => s.values.flat().map(String));
    expect(cells()).toContain("d@mail.com");
    expect(cells()).toContain("a@mail.com");
    loaded.run("eraseCustomer", "D");
    loaded.run("eraseCustomer", "A");
    expect(cells().filter((v) => /^(a|d)@mail\.com$/i.test(v))).toEqual([]);
  });

  it("only owners and managers may create or send campaigns", () => {
    const loaded = campaignBook();
    loaded.emulator.setUser(SALES);
    expect(() => loaded.run("saveCampaign", draft())).toThrow(/does not allow/);
    expect(() => loaded.run("sendCampaignTest", draft(), 0)).toThrow(/does not allow/);
    loaded.emulator.setUser(MANAGER);
    expect((loaded.run("saveCampaign", draft({ status: "draft" })) as SaveCampaignResult).ok).toBe(true);
  });
});
