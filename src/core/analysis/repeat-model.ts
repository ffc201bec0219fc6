/**
 * The book's repeat-purchase model: BG/NBD and MBG/NBD fitted on the same customers, the one with the
 * higher likelihood chosen (both have four parameters, so this is also the AIC choice). Under BG/NBD a
 * customer who never bought again is alive with probability 1; MBG/NBD lets them drop out after the first
 * purchase, so when it fits the book better every customer with an order gets an informative P(alive).
 */
import {
  bgnbdBracket,
  expectedFromBrackets,
  expectedPurchases,
  fitBgNbd,
  pAlive,
  type BgNbdFit,
  type BgNbdParams,
  type BtydCustomer,
} from "../classify/bgnbd";
import type { ChurnSettings } from "../classify/settings";
import { fitMbgNbd, mbgBracket, mbgExpectedFromBrackets, mbgExpectedPurchases, mbgPAlive } from "./mbgnbd";

export type RepeatModelKind = "bgnbd" | "mbgnbd";

/** Most customers the fits use; beyond that a deterministic sample keeps Apps Script inside its time limit. */
export const MAX_FIT_CUSTOMERS = 2_500;

/** The two fits and the choice between them. */
export interface RepeatModels {
  readonly customers: number;
  readonly repeatBuyers: number;
  /** Customers the fits used (all, or the deterministic sample above MAX_FIT_CUSTOMERS). */
  readonly fittedOn: number;
  /** Null when the book is too small to fit at all. */
  readonly bgnbd: BgNbdFit | null;
  readonly mbgnbd: BgNbdFit | null;
  /** The trusted fit with the higher log-likelihood; null when neither can be trusted. */
  readonly chosen: RepeatModelKind | null;
  /** Why none was chosen. */
  readonly reason: "few-customers" | "few-repeat-buyers" | "untrusted-fit" | null;
}

/** FNV-1a, so the fitting sample depends on the IDs only, never on row order (as classify's churn model). */
function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A fit the add-on relies on: converged, every parameter finite in [1e−6, 1e6]. */
function trusted(fit: BgNbdFit | null): fit is BgNbdFit {
  if (!fit || !fit.converged) return false;
  const p = fit.params;
  return [p.r, p.alpha, p.a, p.b].every((v) => Number.isFinite(v) && v >= 1e-6 && v <= 1e6);
}

/**
 * Fits both models to the customers' histories (`ids[i]` owns `histories[i]`; any one time unit, days in
 * the add-on) under the classification's trust rules: at least `minCustomers` customers and
 * `minRepeatBuyers` with a repeat purchase; above MAX_FIT_CUSTOMERS both fit the customers whose ID hash
 * falls in one 1/k slice (k = ⌈n / MAX_FIT_CUSTOMERS⌉), the same sample the classification uses.
 */
export function repeatModels(
  ids: readonly string[],
  histories: readonly BtydCustomer[],
  s: Pick<ChurnSettings, "minCustomers" | "minRepeatBuyers">,
): RepeatModels {
  const customers = histories.length;
  let repeatBuyers = 0;
  for (const c of histories) if (c.x > 0) repeatBuyers++;
  const none = (reason: RepeatModels["reason"]): RepeatModels => ({
    customers,
    repeatBuyers,
    fittedOn: 0,
    bgnbd: null,
    mbgnbd: null,
    chosen: null,
    reason,
  });
  if (customers < s.minCustomers) return none("few-customers");
  if (repeatBuyers < s.minRepeatBuyers) return none("few-repeat-buyers");
  let sample = histories;
  if (customers > MAX_FIT_CUSTOMERS) {
    const k = Math.ceil(customers / MAX_FIT_CUSTOMERS);
    sample = histories.filter((_, i) => hashId(ids[i]) % k === 0);
  }
  const bgnbd = fitBgNbd(sample);
  const mbgnbd = fitMbgNbd(sample);
  const usable = [trusted(bgnbd) ? bgnbd : null, trusted(mbgnbd) ? mbgnbd : null];
  let chosen: RepeatModelKind | null = null;
  if (usable[0] && usable[1]) chosen = usable[1].logLikelihood > usable[0].logLikelihood ? "mbgnbd" : "bgnbd";
  else if (usable[0]) chosen = "bgnbd";
  else if (usable[1]) chosen = "mbgnbd";
  return {
    customers,
    repeatBuyers,
    fittedOn: sample.length,
    bgnbd,
    mbgnbd,
    chosen,
    reason: chosen ? null : "untrusted-fit",
  };
}

/** P(alive) of a history under the model (BG/NBD gives 1 without a repeat purchase). */
export function pAliveUnder(kind: RepeatModelKind, params: BgNbdParams, c: BtydCustomer): number {
  return kind === "mbgnbd" ? mbgPAlive(params, c) : pAlive(params, c);
}

/** Expected purchases in the next `t` time units under the model; throws when the ₂F₁ series fails. */
export function expectedUnder(
  kind: RepeatModelKind,
  params: BgNbdParams,
  c: BtydCustomer,
  t: number,
): number {
  return kind === "mbgnbd" ? mbgExpectedPurchases(params, c, t) : expectedPurchases(params, c, t);
}

/**
 * Every customer's expected purchases at each of the `horizons` under the model: customer i's at
 * `out[i · H + h]` (H horizons), NaN where the ₂F₁ series failed. The values of {@link expectedUnder} bit
 * for bit; the series — the costly part, a function of x, T and the horizon alone — is summed once per
 * distinct (x, T): customers who first bought on the same day and have bought as often since share it.
 */
export function expectedCurves(
  kind: RepeatModelKind,
  params: BgNbdParams,
  histories: readonly BtydCustomer[],
  horizons: readonly number[],
): Float64Array {
  const H = horizons.length;
  const bracket = kind === "mbgnbd" ? mbgBracket : bgnbdBracket;
  const fromBrackets = kind === "mbgnbd" ? mbgExpectedFromBrackets : expectedFromBrackets;
  const groupOf = new Map<string, number>();
  let brackets = new Float64Array(64 * H);
  const out = new Float64Array(histories.length * H);
  for (let i = 0; i < histories.length; i++) {
    const c = histories[i];
    const key = `${c.x} ${c.T}`;
    let g = groupOf.get(key);
    if (g === undefined) {
      g = groupOf.size;
      groupOf.set(key, g);
      if ((g + 1) * H > brackets.length) {
        const grown = new Float64Array(brackets.length * 2);
        grown.set(brackets);
        brackets = grown;
      }
      try {
        for (let h = 0; h < H; h++) brackets[g * H + h] = bracket(params, c.x, c.T, horizons[h]);
      } catch {
        brackets.fill(NaN, g * H, g * H + H);
      }
    }
    fromBrackets(params, c, horizons, brackets, g * H, out, i * H);
  }
  return out;
}
