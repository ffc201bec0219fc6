import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runCampaignStep, writeCampaignRun } from "../../../src/local/demo/campaign-step";
import { customerRows, seededBundle } from "../../gas/browse/seed-book";

describe("the demo's campaign step", () => {
  it("mails nobody without consent or after unsubscribing, and writes the campaign log", () => {
    const bundle = seededBundle(20);
    const rows = customerRows(20).map((r, i) => [...r, i === 0 ? "MarketingConsent" : ""]);
    bundle.emulator.sheetFromValues("Customers", rows);
    const run = runCampaignStep(bundle);
    const mailed = (id: string) => {
      const email = String(rows.find((r) => r[0] === id)![4]).toLowerCase();
      return bundle.emulator.outbox.filter((m) => m.to === email && !/^\[(Test|测试)\]/.test(m.subject))
        .length;
    };
    expect(mailed(run.noConsent)).toBe(0);
    expect(mailed(run.unsubscribedBefore)).toBe(0);
    expect(mailed(run.unsubscribedAfterFirstMail)).toBe(1);
    const others = run.audience.filter(
      (id) => ![run.noConsent, run.unsubscribedBefore, run.unsubscribedAfterFirstMail].includes(id),
    );
    expect(others.map(mailed)).toEqual([2, 2, 2]);
    expect(run.counts).toMatchObject({ sent: 7, skipped: 2, unsubscribed: 1, deferred: 0 });
    expect(run.testTo).toBe("boss@example.com");

    const dir = mkdtempSync(path.join(tmpdir(), "campaign-"));
    const [csv] = writeCampaignRun(dir, run);
    const lines = readFileSync(csv, "utf8")
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("Date,CampaignID,Step,CustomerID,Recipient,Status,Reason,Note,At,Token,By");
    expect(lines.filter((l) => l.includes(",sent,"))).toHaveLength(7);
    expect(lines.some((l) => l.includes(`,${run.noConsent},`) && l.includes(",no-consent,"))).toBe(true);
  });
});
