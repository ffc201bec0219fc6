import { readFileSync } from "node:fs";
import path from "node:path";
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
    expect(analyzeSentiment("没有问题").score).toBeCloseTo(0.75); // "no problem" is a phrase of its own
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
      { key: "2026-02", responses: 2, meanRating: 1, positive: 0, negative: 2 },
    ]);
    expect(s.complaints).toBe(3); // "price is too high" is a complaint without a rating
    expect(s.topics.map((t) => [t.topic, t.count])).toEqual([
      ["delivery", 2],
      ["price", 1],
      ["quality", 1],
    ]);
    expect(s.topics[0].share).toBeCloseTo(2 / 3);
  });

  it("handles Chinese negation (不, 没, 不太, 不怎么), degree (很, 非常, 有点) and contrast (但是)", () => {
    expect(analyzeSentiment("质量不怎么样").label).toBe("negative");
    expect(analyzeSentiment("不怎么好用").label).toBe("negative");
    expect(analyzeSentiment("不太满意").score).toBeCloseTo(-0.75);
    expect(analyzeSentiment("没让我失望").label).toBe("positive");
    expect(analyzeSentiment("很好").score).toBe(1.5);
    expect(analyzeSentiment("非常好").score).toBe(2);
    expect(analyzeSentiment("有点慢").score).toBeCloseTo(-0.8);
    expect(analyzeSentiment("有点失望").score).toBeCloseTo(-1.2);
    // The clause after 但是 carries the verdict: before it counts half, after it 1.5 times.
    expect(analyzeSentiment("外观不错，但是电池不耐用").label).toBe("negative");
    expect(analyzeSentiment("虽然物流慢了点，但是东西很好").label).toBe("positive");
    expect(analyzeSentiment("价格还行，但是质量太差了").label).toBe("negative");
    // Words whose characters are not polarity words: 尽快 is not 快, 增值税 not 值, 别家 not 别.
    expect(analyzeSentiment("请尽快安排发货").label).toBe("neutral");
    expect(analyzeSentiment("需要开增值税发票").label).toBe("neutral");
    expect(analyzeSentiment("价格比别家贵").label).toBe("negative");
    expect(analyzeSentiment("Nice design, but it stopped working").label).toBe("negative");
    expect(analyzeSentiment("No issues at all").label).toBe("positive"); // "issues" read as "issue"
  });

  it("keeps a compound's topics and reads entries inside ordinary words as those words", () => {
    // The longest match takes the compound: its topics come from the topic words inside it.
    expect(analyzeSentiment("态度恶劣").topics).toEqual(["service"]);
    expect(analyzeSentiment("hidden fees everywhere").topics).toEqual(["price"]);
    expect(analyzeSentiment("my parcel never arrived")).toMatchObject({
      label: "negative",
      topics: ["delivery"],
    });
    // 负责 in 负责人, 烂 in 灿烂, 脏 in 心脏, 好久 in 好久不见: not praise or blame.
    expect(analyzeSentiment("请你们负责人联系我").label).toBe("neutral");
    expect(analyzeSentiment("笑容灿烂，服务好").label).toBe("positive");
    expect(analyzeSentiment("心脏起搏器").label).toBe("neutral");
    expect(analyzeSentiment("好久不见").label).toBe("neutral");
    // A negator must not swallow the 不 of an entry; 性价比 is praised or blamed by what follows it.
    expect(analyzeSentiment("我绝不会再买").label).toBe("negative");
    expect(analyzeSentiment("性价比很低").label).toBe("negative");
    expect(analyzeSentiment("性价比很高").label).toBe("positive");
    expect(analyzeSentiment("质量好差").label).toBe("negative");
    expect(analyzeSentiment("cheaply made").label).toBe("negative");
    // Requests and budgets are not praise.
    expect(analyzeSentiment("I would appreciate a refund").label).not.toBe("positive");
    expect(analyzeSentiment("exceeded my budget").label).not.toBe("positive");
  });

  /** Accuracy of the labeller on a labelled file, with the misses listed. */
  function accuracy(file: string): { share: number; lines: number; misses: string[] } {
    const rows = readFileSync(path.join(__dirname, "..", "..", "fixtures", "analysis", file), "utf8")
      .split(/\r?\n/)
      .filter((l) => l && !l.startsWith("#"))
      .map((l) => l.split("\t"));
    const misses = rows
      .filter(([label, text]) => analyzeSentiment(text).label !== label)
      .map((r) => r.join(" "));
    return { share: 1 - misses.length / rows.length, lines: rows.length, misses };
  }

  it("labels the 218 hand-labelled zh and en feedback lines, and reports its accuracy", () => {
    const set = accuracy("sentiment-labelled.tsv");
    const held = accuracy("sentiment-holdout.tsv");
    const unseen = accuracy("sentiment-unseen.tsv");
    console.log(
      `sentiment accuracy: ${(set.share * 100).toFixed(1)}% of ${set.lines} labelled lines (the lexicon was ` +
        `written alongside them); ${(held.share * 100).toFixed(1)}% of ${held.lines} held-out lines (partly ` +
        `read since); ${(unseen.share * 100).toFixed(1)}% of ${unseen.lines} lines written by someone who ` +
        `never saw the lexicon (65.7% before its second round of general vocabulary, 79.3% before that round's misreadings were mended)`,
    );
    expect(set.lines).toBeGreaterThanOrEqual(200);
    expect(set.share).toBeGreaterThanOrEqual(0.95);
    // Unseen comments fall back to neutral when no lexicon word is in them: floors, not boasts.
    expect(held.share).toBeGreaterThanOrEqual(0.7);
    expect(unseen.lines).toBeGreaterThanOrEqual(100);
    expect(unseen.share).toBeGreaterThanOrEqual(0.75);
  });
});
