import { suggestNextAction, type NextActionInput } from "../../../src/core/browse/next-action";

const base: NextActionInput = {
  status: "won",
  churnRisk: null,
  segment: null,
  daysSinceContact: 5,
  unresolvedFeedback: 0,
  overdueOrders: 0,
  daysToFollowUp: null,
};

describe("suggestNextAction", () => {
  it("puts open complaints before money owed before due follow-ups", () => {
    expect(
      suggestNextAction({ ...base, unresolvedFeedback: 1, overdueOrders: 2, daysToFollowUp: -3 }).code,
    ).toBe("resolve_feedback");
    expect(suggestNextAction({ ...base, overdueOrders: 2, daysToFollowUp: -3 }).code).toBe("collect_payment");
    expect(suggestNextAction({ ...base, daysToFollowUp: -3 })).toEqual({ code: "follow_up_due", days: 3 });
  });

  it("reads churn risk in either language", () => {
    expect(suggestNextAction({ ...base, churnRisk: "高" }).code).toBe("retain");
    expect(suggestNextAction({ ...base, churnRisk: "High (0.8)" }).code).toBe("retain");
    expect(suggestNextAction({ ...base, churnRisk: "Low" }).code).toBe("keep_in_touch");
  });

  it("follows the status for prospects and lost customers", () => {
    expect(suggestNextAction({ ...base, status: "prospect", daysSinceContact: null }).code).toBe(
      "first_contact",
    );
    expect(suggestNextAction({ ...base, status: "prospect" }).code).toBe("nurture");
    expect(suggestNextAction({ ...base, status: "lost", churnRisk: "high" }).code).toBe("win_back");
  });

  it("upsells champions and re-contacts stale customers", () => {
    expect(suggestNextAction({ ...base, segment: "Champions" }).code).toBe("upsell");
    expect(suggestNextAction({ ...base, daysSinceContact: 45 })).toEqual({ code: "follow_up_due", days: 45 });
  });
});
