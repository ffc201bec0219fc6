/**
 * Lexicon sentiment of short feedback comments in Chinese and English, with negation (不, 没, 不太,
 * 不怎么, not, never …), degree words (很, 非常, 有点, very, a bit …) and contrast (但是, 不过, but …),
 * and the complaint topics they mention. Chinese has no spaces, so text is cut by longest match against
 * the lexicon (any unknown character is skipped); English is cut into words. The words are data:
 * sentiment-lexicon.json.
 */
import LEXICON from "./sentiment-lexicon.json";

/** Polarity words: weight > 0 positive, < 0 negative. Multi-word English entries are matched as phrases. */
const POLARITY: Readonly<Record<string, number>> = LEXICON.polarity;

/** Negators flip the sign of the next polarity word within the same clause. */
const NEGATORS: ReadonlySet<string> = new Set(LEXICON.negators);

/** Intensifiers (degree words) scale the next polarity word (several multiply): 很 1.5, 有点 0.8 … */
const INTENSIFIERS: Readonly<Record<string, number>> = LEXICON.intensifiers;

/** "X, but Y": what came before counts half, Y's clause half as much again (the point follows the contrast). */
const CONTRAST: ReadonlySet<string> = new Set(LEXICON.contrast);

/** "Although X, …": the clause X counts half. */
const CONCESSIVE: ReadonlySet<string> = new Set(LEXICON.concessive);

/** Words cut whole so their characters are not read as polarity words (尽快 is not 快, 增值税 not 值). */
const NEUTRAL: ReadonlySet<string> = new Set(LEXICON.neutral);

/** The weight of what precedes a contrast word, and of a concessive clause. */
const CONCEDED = 0.5;
/** The weight of the clause after a contrast word. */
const STRESSED = 1.5;

/** The complaint topics and the words that name them. */
export type Topic = "delivery" | "price" | "quality" | "service" | "after-sales" | "product";

const TOPIC_WORDS: Readonly<Record<Topic, readonly string[]>> = LEXICON.topics;

export const TOPICS = Object.keys(TOPIC_WORDS) as Topic[];

const WORD_TOPICS = new Map<string, Topic[]>();
for (const topic of TOPICS) {
  for (const w of TOPIC_WORDS[topic]) WORD_TOPICS.set(w, [...(WORD_TOPICS.get(w) ?? []), topic]);
}

/**
 * The topics each polarity token names: its own, and those of the topic words inside it, since the cut
 * takes the longest entry (态度恶劣 names service through 态度, "hidden fees" price through "fees").
 */
const TOKEN_TOPICS = new Map<string, readonly Topic[]>(WORD_TOPICS);
for (const token of Object.keys(POLARITY)) {
  const found = new Set<Topic>(WORD_TOPICS.get(token) ?? []);
  const words = token.split(" ");
  for (const [word, topics] of WORD_TOPICS)
    if (/[\u4e00-\u9fff]/.test(word) ? token.includes(word) : words.includes(word))
      for (const t of topics) found.add(t);
  if (found.size)
    TOKEN_TOPICS.set(
      token,
      TOPICS.filter((t) => found.has(t)),
    );
}

/** Every zh entry of every lexicon, for the longest-match cut. */
const ZH_WORDS = new Set<string>();
for (const w of [
  ...Object.keys(POLARITY),
  ...NEGATORS,
  ...Object.keys(INTENSIFIERS),
  ...CONTRAST,
  ...CONCESSIVE,
  ...NEUTRAL,
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

/** Every entry of every lexicon, English ones included, for the suffix fallback. */
const KNOWN = new Set<string>([
  ...Object.keys(POLARITY),
  ...NEGATORS,
  ...Object.keys(INTENSIFIERS),
  ...CONTRAST,
  ...CONCESSIVE,
  ...WORD_TOPICS.keys(),
]);

/**
 * An English word as the lexicon knows it: itself when listed, else without a plural, past or adverb
 * ending ("issues" → "issue", "loved" → "love", "quickly" stays, being listed), else unchanged.
 */
function englishWord(word: string): string {
  if (KNOWN.has(word)) return word;
  for (const [suffix, replacement] of SUFFIXES) {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) {
      const stem = word.slice(0, -suffix.length) + replacement;
      if (KNOWN.has(stem)) return stem;
    }
  }
  return word;
}

const SUFFIXES: readonly [string, string][] = [
  ["ies", "y"],
  ["es", ""],
  ["s", ""],
  ["ied", "y"],
  ["ed", ""],
  ["ed", "e"],
  ["ing", ""],
  ["ing", "e"],
  ["ly", ""],
];

/**
 * Cuts a comment into lexicon tokens: Chinese runs by forward longest match (unknown characters dropped),
 * Latin runs into lower-case words (a plural, past or adverb ending dropped when only the stem is known;
 * known two-word phrases joined), punctuation into clause breaks.
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
      const word = englishWord(part);
      const last = tokens[tokens.length - 1];
      if (last && EN_PHRASES.includes(`${last} ${word}`)) tokens[tokens.length - 1] = `${last} ${word}`;
      else tokens.push(word);
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
 * its weight (as VADER does: "not bad" is milder than "good"). A contrast word (但是, but …) halves
 * everything scored before it and weighs the rest of its clause 1.5 times; a concessive word (虽然,
 * although …) halves its own clause. Topics are
 * every topic a token names. The label is positive above 0.25, negative below −0.25, else neutral.
 */
export function analyzeSentiment(text: string): SentimentResult {
  let score = 0;
  const terms: string[] = [];
  const topics = new Set<Topic>();
  let negated = false;
  let intensity = 1;
  let clauseWeight = 1;
  for (const token of tokenize(text)) {
    for (const t of TOKEN_TOPICS.get(token) ?? []) topics.add(t);
    if (token === BREAK) {
      negated = false;
      intensity = 1;
      clauseWeight = 1;
    } else if (CONTRAST.has(token)) {
      score *= CONCEDED;
      negated = false;
      intensity = 1;
      clauseWeight = STRESSED;
    } else if (CONCESSIVE.has(token)) clauseWeight = CONCEDED;
    else if (NEGATORS.has(token)) negated = !negated;
    else if (token in INTENSIFIERS) intensity *= INTENSIFIERS[token];
    else if (token in POLARITY) {
      const weight = POLARITY[token] * intensity * clauseWeight;
      score += negated ? -NEGATION_FACTOR * weight : weight;
      terms.push(negated ? `¬${token}` : token);
      negated = false;
      intensity = 1;
    }
  }
  const label = score > 0.25 ? "positive" : score < -0.25 ? "negative" : "neutral";
  return { score, label, terms, topics: TOPICS.filter((t) => topics.has(t)) };
}
