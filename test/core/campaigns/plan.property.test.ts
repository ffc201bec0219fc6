import fc from "fast-check";
import { addDays } from "../../../src/core/calendar";
import type { CampaignLogEntry } from "../../../src/core/campaigns/campaign-log";
import { planCampaignRun } from "../../../src/core/campaigns/plan";
import { suppressedOf, type SuppressionEntry } from "../../../src/core/campaigns/suppression";
import { campaign, member, step } from "./fixtures";

/**
 * Many days of runs of a three-step campaign on a random audience (shared addresses, blank ones), with
 * consent given and withdrawn, unsubscribes recorded mid-way, random quotas, and runs cut at random points
 * (before the pending row, or after it — the mail may or may not have left). Whatever happens: no
 * (step, customer) and no (step, address) is delivered twice, none without consent that day, none to a
 * suppressed address or after an unsubscribe, and steps go out in order after their delays.
 */
describe("campaign runs (property)", () => {
  it("never mails twice, without consent, or after unsubscribing", () => {
    const customer = fc.record({
      address: fc.constantFrom("", "a@x.com", "b@x.com", "c@x.com", "d@x.com", "e@x.com", "f@x.com"),
      consentDays: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
      unsubscribeOn: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
    });
    const day = fc.record({
      allowance: fc.integer({ min: 0, max: 4 }),
      // The run is cut at this mail (if it gets that far): "before" the pending row or "after" it.
      cutAt: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
      cutWhere: fc.constantFrom("before", "after-unsent", "after-sent"),
    });
    fc.assert(
      fc.property(
        fc.array(customer, { minLength: 1, maxLength: 8 }),
        fc.array(day, { minLength: 10, maxLength: 10 }),
        fc.integer({ min: 1, max: 3 }),
        (customers, days, dailyCap) => {
          const c = campaign({ steps: [step(0), step(1), step(2)], dailyCap });
          const audience = customers.map((x, i) => member(`C${i}`, x.address));
          const log: CampaignLogEntry[] = [];
          const suppression: SuppressionEntry[] = [];
          const delivered: { day: string; step: number; id: string; address: string }[] = [];
          for (let d = 0; d < days.length; d++) {
            const today = addDays("2026-12-01", d);
            // Unsubscribes recorded this morning: the suppression list and the log both say so.
            customers.forEach((x, i) => {
              if (x.unsubscribeOn === d && x.address) {
                suppression.push({
                  email: x.address,
                  customerId: `C${i}`,
                  reason: "unsubscribed",
                  campaignId: "c1",
                  at: "",
                  by: "",
                });
                log.push({
                  date: today,
                  campaignId: "c1",
                  step: -1,
                  customerId: `C${i}`,
                  recipient: x.address,
                  status: "unsubscribed",
                  reason: "",
                  note: "",
                  at: "",
                  token: "",
                  by: "",
                });
              }
            });
            const consented = new Set(
              audience.filter((_, i) => customers[i].consentDays[d]).map((m) => m.id),
            );
            // Two runs a day: re-runs must not repeat anything.
            for (let run = 0; run < 2; run++) {
              const plan = planCampaignRun({
                campaign: c,
                today,
                audience,
                consented,
                suppressed: suppressedOf(suppression),
                log: [...log],
                allowance: days[d].allowance,
              });
              for (const s of plan.skip)
                log.push({
                  date: today,
                  campaignId: "c1",
                  step: s.step,
                  customerId: s.customer.id,
                  recipient: s.customer.email,
                  status: "skipped",
                  reason: s.reason,
                  note: "",
                  at: "",
                  token: "",
                  by: "",
                });
              for (const s of plan.deferNew)
                log.push({
                  date: today,
                  campaignId: "c1",
                  step: s.step,
                  customerId: s.customer.id,
                  recipient: s.customer.email,
                  status: "deferred",
                  reason: "",
                  note: "",
                  at: "",
                  token: "",
                  by: "",
                });
              for (const [k, s] of plan.send.entries()) {
                const cut = run === 0 && days[d].cutAt === k ? days[d].cutWhere : null;
                if (cut === "before") break;
                const row: CampaignLogEntry = {
                  date: today,
                  campaignId: "c1",
                  step: s.step,
                  customerId: s.customer.id,
                  recipient: s.customer.email,
                  status: "pending",
                  reason: "",
                  note: "",
                  at: "",
                  token: "",
                  by: "",
                };
                log.push(row);
                if (cut === "after-unsent") break;
                delivered.push({ day: today, step: s.step, id: s.customer.id, address: s.customer.email });
                if (cut === "after-sent") break;
                log[log.length - 1] = { ...row, status: "sent" };
              }
            }
          }
          const once = (key: (m: (typeof delivered)[number]) => string) =>
            new Set(delivered.map(key)).size === delivered.length;
          expect(once((m) => `${m.step}|${m.id}`)).toBe(true);
          expect(once((m) => `${m.step}|${m.address}`)).toBe(true);
          for (const m of delivered) {
            const i = Number(m.id.slice(1));
            const dayIndex = Math.round((Date.parse(m.day) - Date.parse("2026-12-01")) / 86_400_000);
            expect(m.address).not.toBe("");
            expect(customers[i].consentDays[dayIndex]).toBe(true);
            const unsubscribed = customers.some(
              (x) =>
                x.unsubscribeOn !== undefined &&
                x.unsubscribeOn <= dayIndex &&
                (x === customers[i] || x.address === m.address),
            );
            expect(unsubscribed).toBe(false);
            // Steps in order, each after its delay from the previous one to that customer.
            if (m.step > 0) {
              const before = delivered.find((p) => p.id === m.id && p.step === m.step - 1);
              const pending = log.find(
                (e) =>
                  e.customerId === m.id &&
                  e.step === m.step - 1 &&
                  (e.status === "pending" || e.status === "sent"),
              );
              const prevDay = before?.day ?? pending?.date;
              expect(prevDay).toBeDefined();
              expect(addDays(prevDay!, c.steps[m.step].delayDays) <= m.day).toBe(true);
            }
          }
          // Within the cap every day.
          const perDay = new Map<string, number>();
          for (const m of delivered) perDay.set(m.day, (perDay.get(m.day) ?? 0) + 1);
          for (const n of perDay.values()) expect(n).toBeLessThanOrEqual(dailyCap);
        },
      ),
      { numRuns: 300 },
    );
  });
});
