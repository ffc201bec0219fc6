/**
 * The public CDNOW data in ../shared/data, as the analysis tests read it: the master file's purchases
 * (23,570 customers, Jan 1997 – Jun 1998) and the 2,357-customer cohort of Fader, Hardie & Lee (2005).
 *
 * The cohort file carries (x, t_x, T) in weeks but no customer IDs or spend. Its rows are the cohort's
 * customers ordered by first purchase date, then by master ID; so the cohort is recovered from the master
 * file by walking the master's customers in that order and taking each next one whose own calibration
 * summary (through 1997-09-30, one transaction per day, weeks = days / 7 to two decimals) equals the next
 * row. All 2,357 rows are matched; 30 of the 946 repeat buyers have a twin with the same summary on the
 * same first day, of whom the walk takes the earlier ID — so spend figures fitted on it may differ from the
 * published ones in the third digit.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { dayFromCivil } from "../../../src/core/calendar";

export const SHARED_DATA = path.join(__dirname, "..", "..", "..", "..", "shared", "data");

/** The end of the calibration period of the published CDNOW analyses (39 weeks from 1997-01-01). */
export const CALIBRATION_END = dayFromCivil(1997, 9, 30);

export interface CdnowPurchase {
  readonly customer: string;
  readonly day: number;
  readonly cds: number;
  readonly dollars: number;
}

/** Every line of cdnow_master.txt. */
export function cdnowPurchases(): CdnowPurchase[] {
  return readFileSync(path.join(SHARED_DATA, "cdnow_master.txt"), "utf8")
    .split("\n")
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => {
      const [customer, date, cds, dollars] = l.trim().split(/\s+/);
      const day = dayFromCivil(Number(date.slice(0, 4)), Number(date.slice(4, 6)), Number(date.slice(6, 8)));
      return { customer, day, cds: Number(cds), dollars: Number(dollars) };
    });
}

const weeks = (days: number) => Math.round((days / 7) * 100) / 100;

/** The master IDs of the 2,357-customer cohort, in the cohort file's order. */
export function cdnowCohortIds(purchases: readonly CdnowPurchase[] = cdnowPurchases()): string[] {
  const days = new Map<string, Set<number>>();
  for (const p of purchases) {
    if (p.day > CALIBRATION_END) continue;
    let s = days.get(p.customer);
    if (!s) days.set(p.customer, (s = new Set()));
    s.add(p.day);
  }
  const summary = new Map<string, { first: number; key: string }>();
  for (const [id, set] of days) {
    const sorted = [...set].sort((a, b) => a - b);
    const first = sorted[0];
    const last = sorted[sorted.length - 1];
    summary.set(id, {
      first,
      key: `${sorted.length - 1},${weeks(last - first)},${weeks(CALIBRATION_END - first)}`,
    });
  }
  const order = [...summary.keys()].sort(
    (a, b) => summary.get(a)!.first - summary.get(b)!.first || (a < b ? -1 : 1),
  );
  const rows = readFileSync(path.join(SHARED_DATA, "cdnow_customers_summary.csv"), "utf8")
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => {
      const [, x, tx, T] = l.split(",").map(Number);
      return `${x},${tx},${T}`;
    });
  const ids: string[] = [];
  for (const id of order)
    if (ids.length < rows.length && summary.get(id)!.key === rows[ids.length]) ids.push(id);
  if (ids.length !== rows.length) throw new Error(`matched ${ids.length} of ${rows.length} cohort rows`);
  return ids;
}
