import { analyzeSentiment, tokenize } from "../../../src/core/analysis/sentiment";
import { summarizeFeedback } from "../../../src/core/analysis/feedback";
import { day } from "./fixtures";

describe("sentiment", () => {
  it("cuts Chinese by longest lexicon match", () => {
    expect(tokenize("物流太慢了，非常失望")).toEqual(["物流", "太慢", "|", "非常", "失望"]);
    expect(tokenize("质量很好")).toEqual(["质量", "很好"]);
  });

  it("scores polarity words with intensifiers (multiplied) and negation (reversed at 0.75)", () => {
    expect(analyzeSentiment("满意").score).toBe(1);
    expect(analyzeSentiment("非常满意").score).toBe(2);
    expect(analyzeSentiment("不满意").label).toBe("negative"); // 不满 is itself negative
    expect(analyzeSentiment("不好").score).toBeCloseTo(-0.75);
    expect(analyzeSentiment("没有问题").score).toBeCloseTo(0.375);
    expect(analyzeSentiment("very good").score).toBe(1.5);
    expect(analyzeSentiment("not good").score).toBeCloseTo(-0.75);
    expect(analyzeSentiment("not bad").score).toBeCloseTo(0.75);
    expect(analyzeSentiment("never on time").terms).toEqual(["¬on time"]);
    expect(analyzeSentiment("really really bad").score).toBeCloseTo(-2.25);
  });

  it("resets negation at a clause break", () => {
    // "不" before the comma must not flip "好" after it.
    expect(analyzeSentiment("不，好").score).toBe(1);
    expect(analyzeSentiment("not slow. good").score).toBeCloseTo(0.75 + 1);
  });

  it("labels and names topics in both languages", () => {
    const zh = analyzeSentiment("快递太慢，客服态度差，要退货");
    expect(zh.label).toBe("negative");
    expect(zh.topics).toEqual(["delivery", "service", "after-sales"]);
    const en = analyzeSentiment("Great quality but way too expensive");
    expect(en.topics).toEqual(["price", "quality"]);
    expect(analyzeSentiment("收到了").label).toBe("neutral");
  });

  it("summarises feedback: mean rating, monthly trend, complaint topics", () => {
    const s = summarizeFeedback([
      { day: day("2026-01-03"), customerId: "A", rating: 5, category: "", comment: "非常满意" },
      { day: day("2026-01-20"), customerId: "B", rating: 2, category: "", comment: "物流很慢" },
      { day: day("2026-02-02"), customerId: "C", rating: 1, category: "", comment: "质量差，物流也慢" },
      { day: day("2026-02-09"), customerId: "D", rating: null, category: "", comment: "price is too high" },
    ]);
    expect(s.meanRating).toBeCloseTo(8 / 3);
    expect(s.months).toEqual([
      { key: "2026-01", responses: 2, meanRating: 3.5, positive: 1, negative: 1 },
      { key: "2026-02", responses: 2, meanRating: 1, positive: 0, negative: 1 },
    ]);
    expect(s.complaints).toBe(2); // the price comment has no polarity word and no rating
    expect(s.topics.map((t) => [t.topic, t.count])).toEqual([
      ["delivery", 2],
      ["quality", 1],
    ]);
    expect(s.topics[0].share).toBe(1);
  });
});
