import type { Lang } from "../schema/types";
import type { ClassifyOutcome } from "./classify";
import { LIFECYCLE_LABELS } from "./labels";
import { schemeSegments } from "./segments";
import type { ClassifySettings } from "./settings";

/** One line of the Segments summary sheet. */
export interface SummaryRow {
  readonly group: "segment" | "abc" | "lifecycle";
  readonly key: string;
  readonly label: string;
  readonly customers: number;
  readonly revenue: number;
  /** Shares (0–1) of all customers in the book (prospects included) and of the scored customers' revenue. */
  readonly customerShare: number;
  readonly revenueShare: number;
}

/**
 * Counts, revenue and shares per segment (every segment of the scheme, empty ones too, in table order), per
 * ABC class and per lifecycle stage (prospects included there). Revenue shares are of the total net revenue;
 * 0 when it is not positive.
 */
export function summarize(outcome: ClassifyOutcome, settings: ClassifySettings, lang: Lang): SummaryRow[] {
  const total = outcome.results.length + outcome.prospects.length;
  let revenue = 0;
  for (const r of outcome.results) revenue += r.monetary;
  const rows: SummaryRow[] = [];
  const add = (group: SummaryRow["group"], key: string, label: string, customers: number, rev: number) =>
    rows.push({
      group,
      key,
      label,
      customers,
      revenue: rev,
      customerShare: total ? customers / total : 0,
      revenueShare: revenue > 0 ? rev / revenue : 0,
    });
  const tally = (keyOf: (r: ClassifyOutcome["results"][number]) => string) => {
    const m = new Map<string, { n: number; rev: number }>();
    for (const r of outcome.results) {
      const k = keyOf(r);
      const t = m.get(k) ?? { n: 0, rev: 0 };
      t.n++;
      t.rev += r.monetary;
      m.set(k, t);
    }
    return m;
  };
  const bySegment = tally((r) => r.segment.key);
  for (const s of schemeSegments(settings)) {
    const t = bySegment.get(s.key);
    add("segment", s.key, s.label[lang], t?.n ?? 0, t?.rev ?? 0);
  }
  const byAbc = tally((r) => r.abc);
  for (const k of ["A", "B", "C"]) add("abc", k, k, byAbc.get(k)?.n ?? 0, byAbc.get(k)?.rev ?? 0);
  const byStage = tally((r) => r.lifecycle);
  for (const k of Object.keys(LIFECYCLE_LABELS) as (keyof typeof LIFECYCLE_LABELS)[]) {
    const n = k === "prospect" ? outcome.prospects.length : (byStage.get(k)?.n ?? 0);
    add("lifecycle", k, LIFECYCLE_LABELS[k][lang], n, byStage.get(k)?.rev ?? 0);
  }
  return rows;
}
