import { planCampaignRun, MAX_FAILURES, type CampaignPlanInput } from "../../../src/core/campaigns/plan";
import { suppressedOf } from "../../../src/core/campaigns/suppression";
import { campaign, logEntry, member, step } from "./fixtures";

const NONE = suppressedOf([]);
const ids = (xs: readonly { customer: { id: string } }[]) => xs.map((x) => x.customer.id);

function input(over: Partial<CampaignPlanInput> = {}): CampaignPlanInput {
  const audience = over.audience ?? [member("A"), member("B"), member("C")];
  return {
    campaign: campaign(),
    today: "2026-12-01",
    audience,
    consented: new Set(audience.map((m) => m.id)),
    suppressed: NONE,
    log: [],
    allowance: 100,
    ...over,
  };
}

describe("planCampaignRun", () => {
  it("mails everyone consenting on the start day, not before, and nothing for a draft or paused campaign", () => {
    expect(ids(planCampaignRun(input()).send)).toEqual(["A", "B", "C"]);
    expect(planCampaignRun(input({ today: "2026-11-30" })).send).toEqual([]);
    expect(planCampaignRun(input({ campaign: campaign({ status: "paused" }) })).send).toEqual([]);
    expect(planCampaignRun(input({ campaign: campaign({ status: "draft" }) })).send).toEqual([]);
  });

  it("never mails without consent, a suppressed address or customer, or after an unsubscribe (logged once)", () => {
    const plan = planCampaignRun(
      input({
        audience: [member("A"), member("B"), member("C"), member("D"), member("E", "")],
        consented: new Set(["A", "C", "D", "E"]),
        suppressed: suppressedOf([
          { email: "c@mail.com", customerId: "", reason: "unsubscribed", campaignId: "", at: "", by: "" },
        ]),
        log: [logEntry("D", "unsubscribed", { step: -1, campaignId: "c1" })],
      }),
    );
    expect(ids(plan.send)).toEqual(["A"]);
    expect(plan.skip.map((s) => [s.customer.id, s.reason])).toEqual([
      ["B", "no-consent"],
      ["C", "suppressed"],
      ["E", "no-email"],
    ]);
    // The skips are in the log now: the next run logs them no more.
    const log = plan.skip.map((s) => logEntry(s.customer.id, "skipped", { reason: s.reason }));
    const again = planCampaignRun(
      input({
        audience: [member("B"), member("C"), member("E", "")],
        consented: new Set(["C", "E"]),
        suppressed: suppressedOf([
          { email: "c@mail.com", customerId: "", reason: "unsubscribed", campaignId: "", at: "", by: "" },
        ]),
        log,
      }),
    );
    expect(again.skip).toEqual([]);
  });

  it("never mails a customer twice: sent, pending (a cut run) and bounced are done; failed is retried a few times", () => {
    const log = [logEntry("A", "sent"), logEntry("B", "pending"), logEntry("C", "failed")];
    expect(ids(planCampaignRun(input({ log })).send)).toEqual(["C"]);
    const failedOut = Array.from({ length: MAX_FAILURES }, () => logEntry("C", "failed"));
    const plan = planCampaignRun(input({ log: [...log, ...failedOut] }));
    expect(plan.send).toEqual([]);
    expect(plan.skip.map((s) => s.reason)).toEqual(["gave-up"]);
  });

  it("mails one address once per step, whichever customers share it", () => {
    const plan = planCampaignRun(input({ audience: [member("A", "same@x.com"), member("B", "same@x.com")] }));
    expect(ids(plan.send)).toEqual(["A"]);
    expect(plan.skip.map((s) => [s.customer.id, s.reason])).toEqual([["B", "duplicate-address"]]);
  });

  it("throttles to the allowance and the daily cap, logs a deferral once, and finishes when nobody is left", () => {
    const capped = planCampaignRun(
      input({ campaign: campaign({ dailyCap: 2 }), log: [logEntry("X", "sent")] }),
    );
    expect(ids(capped.send)).toEqual(["A"]);
    expect(ids(capped.defer)).toEqual(["B", "C"]);
    expect(ids(capped.deferNew)).toEqual(["B", "C"]);
    expect(capped.finished).toBe(false);
    const next = planCampaignRun(
      input({
        allowance: 1,
        log: [logEntry("A", "sent"), logEntry("B", "deferred"), logEntry("C", "deferred")],
      }),
    );
    expect(ids(next.send)).toEqual(["B"]);
    expect(ids(next.deferNew)).toEqual([]);
    const last = planCampaignRun(input({ log: ["A", "B"].map((id) => logEntry(id, "sent")) }));
    expect(ids(last.send)).toEqual(["C"]);
    expect(last.finished).toBe(true);
  });

  it("sends later steps after their delay from the previous one, in order", () => {
    const c = campaign({ steps: [step(0), step(3), step(7)] });
    const log = [
      logEntry("A", "sent", { date: "2026-12-01" }),
      logEntry("B", "sent", { date: "2026-11-28" }),
    ];
    const plan = planCampaignRun(
      input({ campaign: c, today: "2026-12-01", log, audience: [member("A"), member("B")] }),
    );
    expect(plan.send.map((s) => [s.customer.id, s.step])).toEqual([["B", 1]]);
    expect(plan.finished).toBe(false);
  });

  it("starts a welcome series on each customer's welcome day, only for welcomes since it was scheduled", () => {
    const c = campaign({ trigger: { kind: "after-welcome" }, steps: [step(2)], activeSince: "2026-11-25" });
    const welcomed = new Map([
      ["A", "2026-11-29"],
      ["B", "2026-11-30"],
      ["C", "2026-11-20"],
    ]);
    const plan = planCampaignRun(input({ campaign: c, welcomed }));
    expect(ids(plan.send)).toEqual(["A"]);
    expect(plan.finished).toBe(false);
  });
});
