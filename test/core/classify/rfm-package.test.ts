import { readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { dayOfDateKey } from "../../../src/core/calendar";
import { classifyBook, DEFAULT_SETTINGS } from "../../../src/core/classify";

const DATA = path.join(__dirname, "..", "..", "..", "..", "shared", "data");

function csv(name: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(path.join(DATA, name), "utf8"), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

describe("quantile scoring and the ten segments reproduce the R package rfm", () => {
  const orders = csv("rfm_data_orders.csv");
  const expected = csv("rfm_data_orders_expected.csv");
  const ids = [...new Set(orders.map((o) => o.customer_id))];
  const outcome = classifyBook({
    customers: { name: "Customers", headers: ["CustomerID"], rows: ids.map((id) => [id]) },
    orders: {
      name: "Orders",
      headers: ["customer_id", "order_date", "revenue"],
      rows: orders.map((o) => [o.customer_id, o.order_date, Number(o.revenue)]),
    },
    asOf: dayOfDateKey("2006-12-31"),
    timeZone: "UTC",
    settings: DEFAULT_SETTINGS,
    lang: "en",
  });
  const byId = new Map(outcome.results.map((r) => [r.customerId, r]));

  it("scores every one of the package's 995 customers", () => {
    expect(expected).toHaveLength(995);
    expect(outcome.results).toHaveLength(995);
    expect(outcome.problems).toEqual([]);
  });

  it("matches transaction count, recency, amount, R, F, M and segment for each customer", () => {
    const mismatches = expected.flatMap((e) => {
      const r = byId.get(e.customer_id);
      const got = r && [r.frequency, r.recencyDays, r.monetary, r.r, r.f, r.m, r.segment.label.en].join("|");
      const want = [
        e.transaction_count,
        e.recency_days,
        e.amount,
        e.recency_score,
        e.frequency_score,
        e.monetary_score,
        e.segment,
      ].join("|");
      return got === want ? [] : [`${e.customer_id}: got ${got}, want ${want}`];
    });
    expect(mismatches).toEqual([]);
  });
});
