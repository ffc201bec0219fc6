import type { AnalysisReport } from "./report";

/**
 * The models of one analysis run in the shape `npm run analyze` writes to models.json: the BG/NBD fit (days),
 * the Gamma-Gamma spend fit, the model that gives one-time buyers their P(alive), and the book's forecast.
 * Parameters are null where the model could not be fitted; numbers are plain JSON numbers.
 */
export interface ModelSummary {
  readonly bgnbd: {
    readonly r: number | null;
    readonly alpha: number | null;
    readonly a: number | null;
    readonly b: number | null;
    readonly timeUnit: "day";
    readonly converged: boolean;
    readonly logLikelihood: number | null;
  };
  readonly gammaGamma: {
    readonly p: number | null;
    readonly q: number | null;
    readonly gamma: number | null;
    readonly converged: boolean;
    readonly customers: number;
  };
  readonly oneTimeBuyers: {
    /** "MBG/NBD" or "BG/NBD" (the better likelihood), or null when neither could be trusted. */
    readonly model: "MBG/NBD" | "BG/NBD" | null;
    /** Customers without a repeat purchase and their mean P(alive) under that model. */
    readonly customers: number;
    readonly meanPAlive: number | null;
    /** Both fits' log-likelihoods on the same customers (the choice). */
    readonly logLikelihood: { readonly bgnbd: number | null; readonly mbgnbd: number | null };
    readonly mbgnbd: {
      readonly r: number;
      readonly alpha: number;
      readonly a: number;
      readonly b: number;
      readonly converged: boolean;
    } | null;
    /** Why the Gamma-Gamma fit is not used, when it is not ("boundary", "no-convergence", …). */
    readonly spendProblem: string | null;
  };
  readonly forecast: {
    /** The book's method chosen by the backtest, null without enough history. */
    readonly method: string | null;
    readonly backtestMape: number | null;
  };
}

/** The models.json content of a report. */
export function modelSummary(report: AnalysisReport): ModelSummary {
  const life = report.keyCustomers.lifetime;
  const bg = life.bgnbd;
  const mbg = life.mbgnbd;
  const gg = life.gammaGamma;
  return {
    bgnbd: {
      r: bg?.params.r ?? null,
      alpha: bg?.params.alpha ?? null,
      a: bg?.params.a ?? null,
      b: bg?.params.b ?? null,
      timeUnit: "day",
      converged: bg?.converged ?? false,
      logLikelihood: bg?.logLikelihood ?? null,
    },
    gammaGamma: {
      p: gg?.p ?? null,
      q: gg?.q ?? null,
      gamma: gg?.gamma ?? null,
      converged: gg?.converged ?? false,
      customers: gg?.customers ?? 0,
    },
    oneTimeBuyers: {
      model: life.model === "mbgnbd" ? "MBG/NBD" : life.model === "bgnbd" ? "BG/NBD" : null,
      customers: life.oneTimeBuyers.customers,
      meanPAlive: life.oneTimeBuyers.meanPAlive,
      logLikelihood: { bgnbd: bg?.logLikelihood ?? null, mbgnbd: mbg?.logLikelihood ?? null },
      mbgnbd: mbg ? { ...mbg.params, converged: mbg.converged } : null,
      spendProblem: gg ? gg.problem : "fewer than 3 repeat customers",
    },
    forecast: { method: report.forecast.book.method, backtestMape: report.forecast.book.backtestMape },
  };
}
