import type { Lang } from "../schema/types";
import type { ChurnModel } from "./churn";
import { WHY_TEXT } from "./labels";
import type { Interval } from "./scores";

/**
 * 82000 → "82,000"; at most `decimals` decimals (rounded half away from zero), trailing zeros dropped.
 * Written without toFixed and regular expressions: it runs six times per customer.
 */
export function formatNumber(value: number, decimals = 2): string {
  const scale = POWERS[decimals];
  const rounded = Math.round(Math.abs(value) * scale);
  const whole = Math.floor(rounded / scale);
  let fraction = rounded - whole * scale;
  let digits = "";
  if (fraction > 0) {
    let width = decimals;
    while (fraction % 10 === 0) {
      fraction /= 10;
      width--;
    }
    digits = "." + String(fraction).padStart(width, "0");
  }
  const w = String(whole);
  let grouped = w;
  if (w.length > 3) {
    let i = w.length % 3 || 3;
    grouped = w.slice(0, i);
    for (; i < w.length; i += 3) grouped += "," + w.slice(i, i + 3);
  }
  return (value < 0 && rounded > 0 ? "-" : "") + grouped + digits;
}

const POWERS = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

/** "≤ 30", "≥ ¥60,000", "30 – < 90": the interval a score stands for, open ends left out. */
export function intervalText(i: Interval, fmt: (v: number) => string): string {
  const lo = Number.isFinite(i.lo) ? `${i.loClosed ? "≥" : ">"} ${fmt(i.lo)}` : "";
  const hi = Number.isFinite(i.hi) ? `${i.hiClosed ? "≤" : "<"} ${fmt(i.hi)}` : "";
  return lo && hi ? `${lo}, ${hi}` : lo || hi || "all";
}

/** What the "why" of every customer in one run shares: score intervals, language, means, churn model. */
export interface WhyContext {
  readonly r: readonly Interval[];
  readonly f: readonly Interval[];
  readonly m: readonly Interval[];
  readonly lang: Lang;
  readonly currency: string;
  /** Set for the mean-based scheme: the means compared with. */
  readonly means?: { readonly recency: number; readonly frequency: number; readonly monetary: number };
  readonly model: ChurnModel;
}

/** One customer's part of the "why". */
export interface WhyParts {
  readonly recency: number;
  readonly orders: number;
  readonly monetary: number;
  readonly r: number;
  readonly f: number;
  readonly m: number;
  readonly segment: string;
  readonly lifecycle: string;
  readonly medianGap: number;
  readonly pAlive: number | null;
}

/**
 * A function writing the short explanation of one customer's classification, e.g.
 * "R4: last order 12 days ago (≤ 30); F3: 5 orders (≥ 5, < 10); M5: ¥82,000 (≥ ¥60,000) → Champions; At risk
 * (usual gap 30 days); P(alive) 42%". What all customers share (interval texts, means, the churn note) is
 * rendered once per run, not 50,000 times.
 */
export function whyRenderer(ctx: WhyContext): (p: WhyParts) => string {
  const { lang, currency } = ctx;
  const t = WHY_TEXT;
  const money = (v: number) => (v < 0 ? "-" : "") + currency + formatNumber(Math.abs(v));
  const days = (v: number) => formatNumber(v, 1);
  const bounds = (list: readonly Interval[], fmt: (v: number) => string) =>
    list.map((i) => `${t.open[lang]}${intervalText(i, fmt)}${t.close[lang]}`);
  const rText = bounds(ctx.r, days);
  const fText = bounds(ctx.f, (v) => formatNumber(v));
  const mText = bounds(ctx.m, money);
  const sep = t.sep[lang];
  const colon = t.colon[lang];
  const means = ctx.means
    ? sep +
      t.means[lang](days(ctx.means.recency), formatNumber(ctx.means.frequency, 1), money(ctx.means.monetary))
    : "";
  // Without a P(alive): the whole book under the rhythm rule, or a one-time buyer under BG/NBD.
  const noAlive =
    sep + (ctx.model.kind === "rhythm" ? t.rhythm[lang](modelReason(ctx.model, lang)) : t.oneTime[lang]);
  // Everything between two per-customer values is joined once per run (per score pair where it depends on
  // two scores), so each text is built from about a dozen pieces instead of thirty.
  const lastOrder = around(t.lastOrder[lang]);
  const gap = around(t.usualGap[lang]);
  const alive = around(t.pAlive[lang]);
  const ordersText = t.orders[lang];
  const scores = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  const head = ["", ...scores(rText.length).map((r) => `R${r}${colon}${lastOrder.before}`)];
  const rToF = [
    "",
    ...scores(rText.length).map((r) => [
      "",
      ...scores(fText.length).map((f) => `${lastOrder.after}${rText[r - 1]}${sep}F${f}${colon}`),
    ]),
  ];
  const fToM = [
    "",
    ...scores(fText.length).map((f) => [
      "",
      ...scores(mText.length).map((m) => `${fText[f - 1]}${sep}M${m}${colon}`),
    ]),
  ];
  const mTail = ["", ...mText.map((m) => `${m}${means} → `)];
  const gapBefore = t.open[lang] + gap.before;
  const gapAfter = gap.after + t.close[lang];
  const aliveBefore = sep + alive.before;
  // Under MBG/NBD (chosen when it fits the book better) the "why" names it: one-time buyers have a P(alive).
  const aliveAfter =
    "%" +
    alive.after +
    (ctx.model.kind === "bgnbd" && ctx.model.model === "mbgnbd"
      ? t.open[lang] + "MBG/NBD" + t.close[lang]
      : "");
  return (p) => {
    let text =
      head[p.r] +
      formatNumber(p.recency, 0) +
      rToF[p.r][p.f] +
      ordersText(formatNumber(p.orders, 0)) +
      fToM[p.f][p.m] +
      money(p.monetary) +
      mTail[p.m] +
      p.segment +
      sep +
      p.lifecycle;
    if (!Number.isNaN(p.medianGap)) text += gapBefore + days(p.medianGap) + gapAfter;
    text += p.pAlive !== null ? aliveBefore + Math.round(p.pAlive * 100) + aliveAfter : noAlive;
    // Concatenation leaves a rope of pieces, and 50,000 of them live until the run ends: every
    // young-generation GC copies them all. Reading a character makes V8 flatten the rope into one string
    // (measured: the customer loop of a 50,000-customer book takes half the time). The text is unchanged.
    text.charCodeAt(0);
    return text;
  };
}

/**
 * A one-argument phrase split around its argument, so the fixed parts can be joined with their neighbours
 * ahead of time: phrase(x) === before + x + after for every x.
 */
function around(phrase: (value: string) => string): { before: string; after: string } {
  const mark = "\u0000";
  const [before, after, ...rest] = phrase(mark).split(mark);
  if (after === undefined || rest.length) throw new Error("a why phrase must use its argument once");
  return { before, after };
}

function modelReason(model: Extract<ChurnModel, { kind: "rhythm" }>, lang: Lang): string {
  const t = WHY_TEXT;
  if (model.reason === "few-customers") return t.fewCustomers[lang](model.customers, model.need);
  if (model.reason === "few-repeat-buyers") return t.fewRepeat[lang](model.repeatBuyers, model.need);
  return t.untrusted[lang];
}
