import { monthIndexOfDay, monthKey } from "../calendar";
import { analyzeSentiment, TOPICS, type Topic } from "./sentiment";
import type { FeedbackEntry } from "./types";

/** Average rating and sentiment of one month of feedback. */
export interface FeedbackMonth {
  readonly key: string;
  readonly responses: number;
  /** Mean rating of the month's rated responses; null when none was rated. */
  readonly meanRating: number | null;
  readonly positive: number;
  readonly negative: number;
}

export interface TopicCount {
  readonly topic: Topic;
  /** Complaints naming the topic. */
  readonly count: number;
  /** Share of all complaints. */
  readonly share: number;
  /** Up to three complaint texts naming the topic, the first seen. */
  readonly examples: readonly string[];
}

export interface FeedbackSummary {
  readonly responses: number;
  readonly meanRating: number | null;
  readonly positive: number;
  readonly neutral: number;
  readonly negative: number;
  /** Months with feedback, in order (no gap filling: a month without responses has no rating). */
  readonly months: readonly FeedbackMonth[];
  /** Recurring complaint topics, most named first, ties in TOPICS order; topics never named left out. */
  readonly topics: readonly TopicCount[];
  /** Feedback counted as complaints. */
  readonly complaints: number;
}

/**
 * Satisfaction and sentiment of the Feedback sheet. A response is a complaint when its comment is negative
 * or its rating is 1 or 2; the topics of complaints are counted (a comment naming two topics counts for
 * both).
 */
export function summarizeFeedback(entries: readonly FeedbackEntry[]): FeedbackSummary {
  let ratingSum = 0;
  let rated = 0;
  const counts = { positive: 0, neutral: 0, negative: 0 };
  const months = new Map<
    number,
    { responses: number; sum: number; rated: number; positive: number; negative: number }
  >();
  const topicCount = new Map<Topic, { count: number; examples: string[] }>();
  let complaints = 0;
  for (const e of entries) {
    const s = analyzeSentiment(e.comment ?? "");
    counts[s.label]++;
    const monthIndex = monthIndexOfDay(e.day);
    let m = months.get(monthIndex);
    if (!m) months.set(monthIndex, (m = { responses: 0, sum: 0, rated: 0, positive: 0, negative: 0 }));
    m.responses++;
    if (s.label === "positive") m.positive++;
    if (s.label === "negative") m.negative++;
    const hasRating = e.rating !== null && Number.isFinite(e.rating);
    if (hasRating) {
      ratingSum += e.rating!;
      rated++;
      m.sum += e.rating!;
      m.rated++;
    }
    if (s.label === "negative" || (hasRating && e.rating! <= 2)) {
      complaints++;
      for (const t of s.topics) {
        let tc = topicCount.get(t);
        if (!tc) topicCount.set(t, (tc = { count: 0, examples: [] }));
        tc.count++;
        if (tc.examples.length < 3) tc.examples.push(e.comment);
      }
    }
  }
  return {
    responses: entries.length,
    meanRating: rated ? ratingSum / rated : null,
    ...counts,
    months: [...months.keys()]
      .sort((a, b) => a - b)
      .map((k) => {
        const m = months.get(k)!;
        return {
          key: monthKey(k),
          responses: m.responses,
          meanRating: m.rated ? m.sum / m.rated : null,
          positive: m.positive,
          negative: m.negative,
        };
      }),
    topics: TOPICS.filter((t) => topicCount.has(t))
      .map((t) => ({
        topic: t,
        count: topicCount.get(t)!.count,
        share: topicCount.get(t)!.count / complaints,
        examples: topicCount.get(t)!.examples,
      }))
      .sort((a, b) => b.count - a.count),
    complaints,
  };
}
