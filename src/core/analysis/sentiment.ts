/**
 * Lexicon sentiment of short feedback comments in Chinese and English, with negation and intensifiers,
 * and the complaint topics they mention. Chinese has no spaces, so text is cut by longest match against
 * the lexicon (any unknown character is skipped); English is cut into words.
 */

/** Polarity words: weight > 0 positive, < 0 negative. Multi-word English entries are matched as phrases. */
const POLARITY: Readonly<Record<string, number>> = {
  // zh positive
  好: 1,
  很好: 1.5,
  满意: 1,
  喜欢: 1,
  不错: 1,
  优秀: 1.5,
  完美: 2,
  快: 0.5,
  及时: 1,
  专业: 1,
  耐心: 1,
  热情: 1,
  推荐: 1,
  实惠: 1,
  划算: 1,
  值: 0.5,
  值得: 1,
  便宜: 0.5,
  棒: 1.5,
  赞: 1.5,
  感谢: 1,
  谢谢: 0.5,
  方便: 1,
  稳定: 1,
  清楚: 0.5,
  准时: 1,
  周到: 1,
  高效: 1,
  靠谱: 1,
  好用: 1,
  放心: 1,
  惊喜: 1.5,
  // zh negative
  差: -1,
  很差: -1.5,
  慢: -1,
  太慢: -1.5,
  贵: -1,
  坏: -1,
  坏了: -1.5,
  破损: -1.5,
  失望: -1.5,
  糟糕: -1.5,
  垃圾: -2,
  投诉: -1,
  退货: -1,
  退款: -0.5,
  问题: -0.5,
  故障: -1.5,
  延迟: -1,
  延误: -1,
  生气: -1.5,
  不满: -1.5,
  敷衍: -1.5,
  态度差: -1.5,
  难用: -1,
  麻烦: -1,
  错误: -1,
  缺货: -1,
  漏发: -1.5,
  错发: -1.5,
  质量差: -1.5,
  骗: -2,
  后悔: -1.5,
  // en positive
  good: 1,
  great: 1.5,
  excellent: 2,
  happy: 1,
  satisfied: 1,
  love: 1.5,
  like: 0.5,
  fast: 0.5,
  quick: 0.5,
  helpful: 1,
  friendly: 1,
  professional: 1,
  recommend: 1,
  perfect: 2,
  reliable: 1,
  easy: 0.5,
  nice: 1,
  amazing: 2,
  smooth: 1,
  thanks: 0.5,
  "on time": 1,
  worth: 1,
  cheap: 0.5,
  responsive: 1,
  // en negative
  bad: -1,
  poor: -1,
  terrible: -2,
  awful: -2,
  slow: -1,
  late: -1,
  delay: -1,
  delayed: -1,
  broken: -1.5,
  damaged: -1.5,
  expensive: -1,
  disappointed: -1.5,
  disappointing: -1.5,
  angry: -1.5,
  rude: -1.5,
  refund: -0.5,
  complaint: -1,
  problem: -0.5,
  issue: -0.5,
  wrong: -1,
  missing: -1,
  defective: -1.5,
  worst: -2,
  useless: -1.5,
  unhappy: -1.5,
  overpriced: -1.5,
  faulty: -1.5,
};

/** Negators flip the sign of the next polarity word within the same clause. */
const NEGATORS = new Set([
  "不",
  "没",
  "没有",
  "别",
  "无",
  "未",
  "不太",
  "not",
  "no",
  "never",
  "don't",
  "dont",
  "isn't",
  "wasn't",
  "didn't",
  "won't",
  "cannot",
  "can't",
]);

/** Intensifiers scale the next polarity word (several multiply). */
const INTENSIFIERS: Readonly<Record<string, number>> = {
  很: 1.5,
  非常: 2,
  特别: 2,
  太: 2,
  十分: 1.8,
  超: 1.8,
  极其: 2,
  真: 1.3,
  挺: 1.2,
  比较: 1.1,
  有点: 0.8,
  very: 1.5,
  really: 1.5,
  extremely: 2,
  so: 1.3,
  too: 1.5,
  super: 1.8,
  quite: 1.2,
  totally: 1.8,
  bit: 0.8,
};

/** The complaint topics and the words that name them. */
export type Topic = "delivery" | "price" | "quality" | "service" | "after-sales" | "product";

const TOPIC_WORDS: Readonly<Record<Topic, readonly string[]>> = {
  delivery: [
    "物流",
    "快递",
    "发货",
    "送货",
    "配送",
    "到货",
    "运输",
    "包装",
    "delivery",
    "shipping",
    "shipment",
    "courier",
    "package",
    "packaging",
    "arrived",
    "late",
    "delay",
    "delayed",
  ],
  price: [
    "价格",
    "贵",
    "价钱",
    "收费",
    "费用",
    "优惠",
    "price",
    "pricing",
    "expensive",
    "cost",
    "overpriced",
    "fee",
    "fees",
    "cheap",
  ],
  quality: [
    "质量",
    "破损",
    "坏",
    "坏了",
    "故障",
    "瑕疵",
    "做工",
    "质量差",
    "quality",
    "broken",
    "damaged",
    "defective",
    "faulty",
    "defect",
  ],
  service: [
    "服务",
    "客服",
    "态度",
    "态度差",
    "敷衍",
    "回复",
    "响应",
    "service",
    "support",
    "staff",
    "rude",
    "response",
    "responsive",
    "attitude",
  ],
  "after-sales": [
    "售后",
    "退货",
    "退款",
    "换货",
    "维修",
    "保修",
    "after-sales",
    "refund",
    "return",
    "returns",
    "repair",
    "warranty",
    "replacement",
  ],
  product: [
    "功能",
    "难用",
    "操作",
    "设计",
    "缺货",
    "漏发",
    "错发",
    "feature",
    "features",
    "design",
    "usability",
    "missing",
    "wrong",
  ],
};

export const TOPICS = Object.keys(TOPIC_WORDS) as Topic[];

const WORD_TOPICS = new Map<string, Topic[]>();
for (const topic of TOPICS) {
  for (const w of TOPIC_WORDS[topic]) WORD_TOPICS.set(w, [...(WORD_TOPICS.get(w) ?? []), topic]);
}

/** Every zh entry of every lexicon, for the longest-match cut. */
const ZH_WORDS = new Set<string>();
for (const w of [
  ...Object.keys(POLARITY),
  ...NEGATORS,
  ...Object.keys(INTENSIFIERS),
  ...WORD_TOPICS.keys(),
]) {
  if (/[\u4e00-\u9fff]/.test(w)) ZH_WORDS.add(w);
}
const ZH_MAX = Math.max(...[...ZH_WORDS].map((w) => w.length));
const EN_PHRASES = Object.keys(POLARITY).filter((w) => w.includes(" "));

/** A negated word counts this share of its weight, reversed ("not bad" is milder than "good"). */
const NEGATION_FACTOR = 0.75;

/** A clause break resets negation and intensity. */
const BREAK = "|";

/**
 * Cuts a comment into lexicon tokens: Chinese runs by forward longest match (unknown characters dropped),
 * Latin runs into lower-case words (known two-word phrases joined), punctuation into clause breaks.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const parts =
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\u4e00-\u9fff]+|[a-z][a-z'-]*|[.,;!?。，；！？、\n]+/g) ?? [];
  for (const part of parts) {
    if (/^[\u4e00-\u9fff]/.test(part)) {
      let i = 0;
      while (i < part.length) {
        let matched = "";
        for (let len = Math.min(ZH_MAX, part.length - i); len > 0; len--) {
          const candidate = part.slice(i, i + len);
          if (ZH_WORDS.has(candidate)) {
            matched = candidate;
            break;
          }
        }
        if (matched) {
          tokens.push(matched);
          i += matched.length;
        } else i++;
      }
    } else if (/^[a-z]/.test(part)) {
      const last = tokens[tokens.length - 1];
      if (last && EN_PHRASES.includes(`${last} ${part}`)) tokens[tokens.length - 1] = `${last} ${part}`;
      else tokens.push(part);
    } else tokens.push(BREAK);
  }
  return tokens;
}

/** Sentiment of one comment. */
export interface SentimentResult {
  /** Sum of the weighted polarity words; > 0 positive, < 0 negative. */
  readonly score: number;
  readonly label: "positive" | "negative" | "neutral";
  /** Polarity words found, prefixed "¬" when negated. */
  readonly terms: readonly string[];
  readonly topics: readonly Topic[];
}

/**
 * Scores a comment: each polarity word adds its weight times the product of the intensifiers before it
 * (in its clause, since the last polarity word); a negator before it in that span reverses it at 0.75 of
 * its weight (as VADER does: "not bad" is milder than "good"). Topics are every topic a token names. The
 * label is positive above 0.25, negative below −0.25, else neutral.
 */
export function analyzeSentiment(text: string): SentimentResult {
  let score = 0;
  const terms: string[] = [];
  const topics = new Set<Topic>();
  let negated = false;
  let intensity = 1;
  for (const token of tokenize(text)) {
    for (const t of WORD_TOPICS.get(token) ?? []) topics.add(t);
    if (token === BREAK) {
      negated = false;
      intensity = 1;
    } else if (NEGATORS.has(token)) negated = !negated;
    else if (token in INTENSIFIERS) intensity *= INTENSIFIERS[token];
    else if (token in POLARITY) {
      const weight = POLARITY[token] * intensity;
      score += negated ? -NEGATION_FACTOR * weight : weight;
      terms.push(negated ? `¬${token}` : token);
      negated = false;
      intensity = 1;
    }
  }
  const label = score > 0.25 ? "positive" : score < -0.25 ? "negative" : "neutral";
  return { score, label, terms, topics: TOPICS.filter((t) => topics.has(t)) };
}
