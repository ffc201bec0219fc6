import { buildAnalysis } from "../../../src/core/analysis/report";
import { DEFAULT_ANALYSIS_SETTINGS } from "../../../src/core/analysis/settings";
import { orderTableOf } from "../../../src/core/analysis/order-table";
import type { CustomerProfile } from "../../../src/core/analysis/types";
import { buildBook } from "../../../src/core/book";
import { dayFromCivil } from "../../../src/core/calendar";
import { sidebarReport } from "../../../src/gas/analysis/server";
import { SIDEBAR_BUDGET_BYTES, SIDEBAR_TREND_MONTHS } from "../../../src/shared/analysis";

/**
 * A book a big team reaches: ten years of orders, 3,000 customers over 600 regions and 600 owners with long
 * Chinese names, 80 long category names. Its whole report is far past the sidebar's budget.
 */
function bigBook(strayDay?: number) {
  const customers = 3000;
  const profiles: CustomerProfile[] = Array.from({ length: customers }, (_, i) => ({
    id: `C${i}`,
    name: `上海市浦东新区张江高科技园区客户${i}有限公司`,
    segment: ["Champions", "Loyal Customers", "At Risk", "Lost"][i % 4],
    abc: "ABC"[i % 3],
    lifecycle: "Active",
    region: `华东大区上海市浦东新区张江高科技园区第${i % 600}营业部`,
    customerType: `类型${i % 150}号重点客户`,
    owner: `销售代表第${i % 600}号-zhang.san.${i % 600}@example-company-with-a-long-domain.com.cn`,
    gender: i % 2 ? "Male" : "Female",
    age: 20 + (i % 50),
    industry: "",
  }));
  const rows: unknown[][] = [];
  const first = dayFromCivil(2016, 1, 1);
  for (let o = 0; o < 40_000; o++) {
    const c = (o * 7919) % customers;
    const day = first + Math.floor((o / 40_000) * 3650);
    const date = new Date(day * 86_400_000);
    for (let k = 0; k < 1 + (o % 3); k++) {
      const p = (o + k * 13) % 400;
      rows.push([
        `O${o}`,
        `C${c}`,
        date,
        `商品${p}号：特级明前龙井绿茶礼盒装`,
        `品类${p % 80}：茶叶与茶具礼品`,
        1,
        50 + (o % 97),
      ]);
    }
  }
  if (strayDay !== undefined)
    rows.push([
      "O-stray",
      "C1",
      new Date(strayDay * 86_400_000),
      "商品1号：特级明前龙井绿茶礼盒装",
      "品类1",
      1,
      10,
    ]);
  const book = buildBook(
    {
      orders: {
        name: "Orders",
        headers: ["OrderID", "CustomerID", "OrderDate", "Product", "Category", "Quantity", "Amount"],
        rows,
      },
    },
    { timeZone: "UTC" },
  );
  return buildAnalysis(
    { table: orderTableOf(book), customers: profiles, feedback: [], asOfDay: dayFromCivil(2026, 1, 1) },
    DEFAULT_ANALYSIS_SETTINGS,
  );
}

describe("the sidebar's analysis answer", () => {
  const report = bigBook();
  const dto = sidebarReport(report);
  const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), "utf8");

  it("fits its budget on a book whose lists are far larger, answer wrapper included", () => {
    expect(report.groups.region.length).toBe(600);
    const answer = bytes({ ok: true, value: dto });
    expect(answer).toBeLessThanOrEqual(SIDEBAR_BUDGET_BYTES);
    expect(answer).toBeGreaterThan(SIDEBAR_BUDGET_BYTES * 0.5); // cut to fit, not emptied
  });

  it("keeps what the sidebar shows: the latest months, every segment, the largest groups first", () => {
    const months = (points: readonly { key: string }[]) => points.filter((p) => /^\d{4}-\d{2}$/.test(p.key));
    expect(months(report.monthly).length).toBe(120);
    // The same months, the latest ones (numbers compacted to 6 digits for the sidebar).
    expect(months(dto.monthly).map((p) => p.key)).toEqual(
      months(report.monthly)
        .slice(-SIDEBAR_TREND_MONTHS)
        .map((p) => p.key),
    );
    expect(dto.groups.segment.map((g) => g.group)).toEqual(report.groups.segment.map((g) => g.group));
    expect(dto.groups.region.length).toBeGreaterThan(0);
    expect(dto.groups.region.length).toBeLessThan(100);
    expect(dto.groups.region.map((g) => g.group)).toEqual(
      report.groups.region.slice(0, dto.groups.region.length).map((g) => g.group),
    );
    expect(dto.forecast.book.ahead.length).toBeGreaterThan(0);
  });

  it("fits with a stray date a century back (five hundred quarters, twelve hundred months), segments whole", () => {
    const stray = bigBook(dayFromCivil(1900, 3, 1));
    expect(stray.quarterly.length).toBeGreaterThan(400);
    const cut = sidebarReport(stray);
    expect(bytes({ ok: true, value: cut })).toBeLessThanOrEqual(SIDEBAR_BUDGET_BYTES);
    expect(cut.groups.segment.length).toBe(stray.groups.segment.length);
    expect(cut.quarterly.map((q) => q.key)).toEqual(stray.quarterly.slice(-8).map((q) => q.key));
  });
});
