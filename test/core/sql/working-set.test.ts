import { planLineKeys, planTrim, validateBigQuerySettings, MIN_WORKING_SET } from "../../../src/core/sql";

describe("stable line keys", () => {
  it("keeps given keys, stamps readable lines without one, and re-keys a copied row", () => {
    // Row 2 copies row 0's key 3; row 4 is unreadable; row 5 holds a key never handed out (≥ counter).
    const plan = planLineKeys([3, "", 3, "1", "", 99], (i) => i !== 4, 10);
    expect(plan.keys).toEqual([3, 10, 11, 1, 0, 12]);
    expect(plan.changed).toEqual([1, 2, 5]);
    expect(plan.nextKey).toBe(13);
  });

  it("clears a copied key on an unreadable row (else trimming would take it for exported)", () => {
    const plan = planLineKeys([4, 4], (i) => i === 0, 5);
    expect(plan.keys).toEqual([4, 0]);
    expect(plan.changed).toEqual([1]);
    expect(plan.nextKey).toBe(5);
  });
});

describe("working-set trimming", () => {
  const lines = [
    { row: 2, key: 1, day: 100 },
    { row: 3, key: 2, day: 50 },
    { row: 4, key: 3, day: 60 },
    { row: 5, key: 0, day: 10 }, // never exported: kept whatever its age
    { row: 6, key: 7, day: 20 }, // above the mark: not yet in BigQuery
    { row: 7, key: 4, day: 70 },
  ];

  it("removes only exported lines, oldest first, in runs from the bottom up", () => {
    expect(planTrim(lines, 5, 3)).toEqual([
      { start: 7, count: 1 },
      { start: 3, count: 2 },
    ]);
    expect(planTrim(lines, 5, 0)).toEqual([]);
    expect(planTrim(lines, 5, 6)).toEqual([]);
    // Fewer exported lines than the excess: all of them go, nothing else.
    expect(planTrim(lines, 2, 1)).toEqual([{ start: 2, count: 2 }]);
  });
});

describe("BigQuery settings", () => {
  it("accepts a switched-on target and refuses bad names and sizes with bilingual problems", () => {
    const good = {
      enabled: true,
      projectId: "my-shop-crm",
      datasetId: "crm_2026",
      location: "asia-east1",
      workingSetLines: MIN_WORKING_SET,
    };
    expect(validateBigQuerySettings(good)).toEqual({ ok: true, settings: good });
    const bad = validateBigQuerySettings({
      ...good,
      projectId: "My`proj",
      datasetId: "a.b",
      location: "",
      workingSetLines: 10,
    });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems).toHaveLength(4);
    expect(!bad.ok && bad.problems.every((p) => / \/ /.test(p))).toBe(true);
    expect(validateBigQuerySettings({ enabled: false, workingSetLines: 0 }).ok).toBe(true);
  });
});
