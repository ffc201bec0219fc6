/**
 * Satisfaction as the weekly report shows it, over the 90 days ending on the report's day: the mean
 * rating (CSAT, the Feedback sheet's 1–5 Rating) overall and by segment, the comments' sentiment (the
 * analysis' zh-CN + en lexicon), and the Net Promoter Score of the survey answers in that window
 * (promoters 9–10 minus detractors 0–6, in percent of the answers; Reichheld's definition).
 */
import { analyzeSentiment } from "../analysis/sentiment";
import type { Book } from "../book";
import { addDays, dayOfDateKey, type DateKey } from "../calendar";
import { segmentKey, segmentOrder } from "../notify/segments";

/** Days the satisfaction figures cover, ending on the report's day. */
export const SATISFACTION_DAYS = 90;

/** One survey answer's NPS, with the day it arrived (a day number of the spreadsheet's zone). */
export interface SurveyScore {
  readonly day: number;
  readonly nps: number;
}

export interface Satisfaction {
  readonly from: DateKey;
  readonly to: DateKey;
  /** Feedback rows with a rating in the window, and their mean (null when none). */
  readonly ratings: number;
  readonly csat: number | null;
  /** By segment key ("" unclassified), best segment first. */
  readonly bySegment: readonly { readonly key: string; readonly count: number; readonly csat: number }[];
  readonly sentiment: { readonly positive: number; readonly neutral: number; readonly negative: number };
  readonly nps: {
    readonly score: number;
    readonly responses: number;
    readonly promoters: number;
    readonly passives: number;
    readonly detractors: number;
  } | null;
}

/** The satisfaction figures of the {@link SATISFACTION_DAYS} days ending `asOf`. */
export function buildSatisfaction(book: Book, asOf: DateKey, surveys: readonly SurveyScore[]): Satisfaction {
  const to = dayOfDateKey(asOf);
  const from = to - (SATISFACTION_DAYS - 1);
  const { feedback, customers } = book;
  let sum = 0;
  let count = 0;
  const segments = new Map<string, { sum: number; count: number }>();
  const sentiment = { positive: 0, neutral: 0, negative: 0 };
  for (let i = 0; i < feedback.length; i++) {
    const d = feedback.day[i];
    if (!(d >= from && d <= to)) continue;
    const comment = feedback.comment[i];
    if (comment.trim()) sentiment[analyzeSentiment(comment).label]++;
    const r = feedback.rating[i];
    if (!(r >= 1 && r <= 5)) continue;
    sum += r;
    count++;
    const c = feedback.customer[i];
    const key = c >= 0 && c < customers.known ? segmentKey(customers.segment[c]) : "";
    const acc = segments.get(key) ?? { sum: 0, count: 0 };
    acc.sum += r;
    acc.count++;
    segments.set(key, acc);
  }
  const window = surveys.filter((s) => s.day >= from && s.day <= to && s.nps >= 0 && s.nps <= 10);
  const promoters = window.filter((s) => s.nps >= 9).length;
  const detractors = window.filter((s) => s.nps <= 6).length;
  return {
    from: addDays(asOf, -(SATISFACTION_DAYS - 1)),
    to: asOf,
    ratings: count,
    csat: count ? sum / count : null,
    bySegment: segmentOrder(segments.keys()).map((key) => {
      const s = segments.get(key)!;
      return { key, count: s.count, csat: s.sum / s.count };
    }),
    sentiment,
    nps: window.length
      ? {
          score: Math.round(((promoters - detractors) / window.length) * 100),
          responses: window.length,
          promoters,
          passives: window.length - promoters - detractors,
          detractors,
        }
      : null,
  };
}
