import { customerFacts } from "../../../src/core/analysis/customer-facts";
import {
  ageBand,
  DIMENSIONS,
  groupStats,
  rawValuesOf,
  type GroupAttribute,
} from "../../../src/core/analysis/group-stats";
import { encodeOrders } from "../../../src/core/analysis/order-table";
import { BLANK_GROUP } from "../../../src/core/analysis/types";
import { day, line, profile } from "./fixtures";

describe("customer facts and group statistics", () => {
  const customers = [
    profile("C1", { region: "North", age: 30, gender: "Female" }),
    profile("C2", { region: "North", age: 52, gender: "Male" }),
    profile("C3", { region: "South", age: 24, gender: "Female" }),
  ];
  const orders = [
    line("C1", "2026-01-05", 100, { orderId: "O1" }),
    line("C1", "2026-01-05", 50, { orderId: "O1" }),
    line("C1", "2026-02-01", 30, { orderId: "O2" }),
    line("C2", "2026-01-10", 300, { orderId: "O3" }),
    line("X9", "2026-01-11", 20, { orderId: "O4" }),
  ];
  const feedback = [
    { day: day("2026-01-06"), customerId: "C1", rating: 4, category: "", comment: "" },
    { day: day("2026-01-07"), customerId: "C1", rating: 2, category: "", comment: "" },
    { day: day("2026-01-08"), customerId: "C2", rating: 5, category: "", comment: "" },
  ];
  const facts = customerFacts(encodeOrders(orders), customers, feedback);

  it("totals each customer: spend, distinct orders, AOV, mean rating; unknown buyers appended", () => {
    expect(facts.map((f) => f.id)).toEqual(["C1", "C2", "C3", "X9"]);
    expect(facts[0]).toMatchObject({ spend: 180, orders: 2, aov: 90, satisfaction: 3 });
    expect(facts[2].spend).toBe(0);
    expect(facts[2].orders).toBe(0);
    expect(facts[2].aov).toBeNaN();
    expect(facts[3].profile.region).toBe(BLANK_GROUP);
  });

  it("describes each region over its customers", () => {
    const rows = groupStats(facts, "region");
    expect(rows.map((r) => r.group)).toEqual(["North", BLANK_GROUP, "South"]);
    const north = rows[0];
    expect(north.customers).toBe(2);
    expect(north.spend).toMatchObject({ count: 2, sum: 480, mean: 240, median: 240 });
    expect(north.spend.sd).toBeCloseTo(Math.sqrt(((180 - 240) ** 2 + (300 - 240) ** 2) / 1), 9);
    expect(north.orders.mean).toBe(1.5);
    expect(north.aov.mean).toBe(195); // (90 + 300) / 2
    expect(north.satisfaction.mean).toBe(4); // customers' means 3 and 5
    const south = rows[2];
    expect(south.aov.count).toBe(0); // no orders → no AOV, not an AOV of 0
  });

  it("crosses age band with gender", () => {
    expect(ageBand(24)).toBe("<25");
    expect(ageBand(25)).toBe("25-34");
    expect(ageBand(55)).toBe("55+");
    expect(ageBand(null)).toBe(BLANK_GROUP);
    expect(ageBand(-1)).toBe(BLANK_GROUP);
    const rows = groupStats(facts, "ageGender");
    expect(rows.map((r) => r.group).sort()).toEqual(
      ["25-34 · Female", "45-54 · Male", "<25 · Female", `${BLANK_GROUP} · ${BLANK_GROUP}`].sort(),
    );
  });

  it("puts customers whose values differ only in blanks into one group", () => {
    const people = [
      profile("A", { region: "" }),
      profile("B", { region: "  " }),
      profile("C", { region: "North" }),
      profile("D", { age: 30, gender: "" }),
      profile("E", { age: 31, gender: " " }),
    ];
    const f = customerFacts(encodeOrders([]), people, []);
    expect(groupStats(f, "region").map((r) => [r.group, r.customers])).toEqual([
      ["North", 1],
      [BLANK_GROUP, 4],
    ]);
    // A blank gender is BLANK_GROUP; a gender of spaces is kept (the whole value is not blank).
    expect(groupStats(f, "ageGender").map((r) => [r.group, r.customers])).toEqual([
      ["25-34 ·  ", 1],
      [`25-34 · ${BLANK_GROUP}`, 1],
      [`${BLANK_GROUP} · ${BLANK_GROUP}`, 3],
    ]);
  });

  it("counts an order once even when its lines are not contiguous", () => {
    const f = customerFacts(
      encodeOrders([
        line("A", "2026-01-01", 1, { orderId: "1" }),
        line("A", "2026-01-01", 1, { orderId: "2" }),
        line("A", "2026-01-01", 1, { orderId: "1" }),
      ]),
      [],
      [],
    );
    expect(f[0].orders).toBe(2);
  });

  it("numbers every attribute's raw values in first-seen order, each by its own name", () => {
    const attributes = DIMENSIONS.filter((d): d is GroupAttribute => d !== "ageGender");
    // Each attribute gets values of its own, so reading one attribute's value for another shows.
    const profiles = Array.from({ length: 30 }, (_, i) =>
      profile(`C${i}`, Object.fromEntries(attributes.map((a, k) => [a, `${a}-${(i * (k + 2)) % 5}`]))),
    );
    for (const a of attributes) {
      const { index, values } = rawValuesOf(profiles, a);
      const expected = [...new Set(profiles.map((p) => p[a]))];
      expect(values).toEqual(expected);
      expect(Array.from(index, (k) => values[k])).toEqual(profiles.map((p) => p[a]));
    }
  });
});
