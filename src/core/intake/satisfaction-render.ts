/**
 * The weekly report's satisfaction part (satisfaction.ts) in the mail, the text part and the report tab,
 * every label in the report's language and every value escaped.
 */
import { escapeHtml } from "../notify/escape";
import { segmentLabel } from "../notify/segments";
import type { Lang } from "../schema/types";
import type { Satisfaction } from "./satisfaction";

const T = {
  title: { en: "Satisfaction ({from} to {to})", "zh-CN": "客户满意度（{from} 至 {to}）" },
  csat: {
    en: "Mean rating {csat} of 5 from {n} ratings",
    "zh-CN": "平均评分 {csat} / 5（{n} 条评分）",
  },
  noRatings: { en: "No ratings in this period.", "zh-CN": "此期间没有评分。" },
  nps: {
    en: "NPS {score} from {n} survey answers ({p} promoters, {d} detractors)",
    "zh-CN": "净推荐值 {score}（{n} 份问卷：推荐者 {p}，贬损者 {d}）",
  },
  noNps: { en: "No survey answers in this period.", "zh-CN": "此期间没有问卷回复。" },
  sentiment: {
    en: "Comments: {pos} positive, {neu} neutral, {neg} negative",
    "zh-CN": "意见情感：正面 {pos}，中性 {neu}，负面 {neg}",
  },
  colSegment: { en: "Segment", "zh-CN": "客户分群" },
  colRatings: { en: "Ratings", "zh-CN": "评分数" },
  colCsat: { en: "Mean rating", "zh-CN": "平均评分" },
} as const;

const say = (key: keyof typeof T, lang: Lang, slots: Record<string, string | number> = {}) =>
  T[key][lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in slots ? String(slots[k]) : m));

const one = (n: number) => n.toFixed(1);

/** The summary sentences: mean rating, NPS, sentiment. */
export function satisfactionLines(s: Satisfaction, lang: Lang): string[] {
  return [
    s.csat === null ? say("noRatings", lang) : say("csat", lang, { csat: one(s.csat), n: s.ratings }),
    s.nps
      ? say("nps", lang, { score: s.nps.score, n: s.nps.responses, p: s.nps.promoters, d: s.nps.detractors })
      : say("noNps", lang),
    say("sentiment", lang, {
      pos: s.sentiment.positive,
      neu: s.sentiment.neutral,
      neg: s.sentiment.negative,
    }),
  ];
}

/** The section title. */
export function satisfactionTitle(s: Satisfaction, lang: Lang): string {
  return say("title", lang, { from: s.from, to: s.to });
}

/** The mail's section: title, the three sentences, the mean rating by segment. */
export function satisfactionHtml(s: Satisfaction, lang: Lang): string {
  const cell = "padding:4px 6px;border-bottom:1px solid #e3e6ea;";
  const table = s.bySegment.length
    ? `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="width:100%;font-size:13px;">` +
      `<tr><th align="left" style="${cell}">${escapeHtml(say("colSegment", lang))}</th><th align="right" style="${cell}">${escapeHtml(say("colRatings", lang))}</th><th align="right" style="${cell}">${escapeHtml(say("colCsat", lang))}</th></tr>` +
      s.bySegment
        .map(
          (g) =>
            `<tr><td style="${cell}">${escapeHtml(segmentLabel(g.key, lang) || "—")}</td><td align="right" style="${cell}">${g.count}</td><td align="right" style="${cell}">${one(g.csat)}</td></tr>`,
        )
        .join("") +
      `</table>`
    : "";
  return (
    `<h2 style="margin:18px 0 6px 0;font-size:16px;color:#202124;">${escapeHtml(satisfactionTitle(s, lang))}</h2>\n` +
    satisfactionLines(s, lang)
      .map((l) => `<p style="margin:4px 0;">${escapeHtml(l)}</p>`)
      .join("") +
    table +
    "\n"
  );
}

/** The report tab's block: header and one row per segment, the sentences as its footer. */
export function satisfactionBlock(
  s: Satisfaction,
  lang: Lang,
): { title: string; header: string[]; rows: (string | number)[][]; footer: string[] } {
  return {
    title: satisfactionTitle(s, lang),
    header: [say("colSegment", lang), say("colRatings", lang), say("colCsat", lang)],
    rows: s.bySegment.map((g) => [segmentLabel(g.key, lang) || "—", g.count, Math.round(g.csat * 10) / 10]),
    footer: [satisfactionLines(s, lang).join(" · ")],
  };
}
