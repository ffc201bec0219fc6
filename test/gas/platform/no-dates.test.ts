/**
 * google.script.run cannot carry a Date: a Date parameter fails, and a returned Date (or an object holding
 * one) reaches the sidebar as null (https://developers.google.com/apps-script/guides/html/reference/run).
 * Every server function is called here as the sidebar would on a book that has data in every feature, and
 * its raw result is searched for Dates before any bridge could hide one.
 */
import { SERVER_FUNCTION_NAMES } from "../../../src/shared/api";
import { OWNER } from "../../../src/local/faults/fixture";
import { loadTrustBundle } from "../trust/harness";

/** Paths of every Date inside `value`. */
function datesIn(value: unknown, path = "", seen = new Set<unknown>()): string[] {
  if (value === null || typeof value !== "object" || seen.has(value)) return [];
  seen.add(value);
  if (Object.prototype.toString.call(value) === "[object Date]") return [path || "(result)"];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    datesIn(v, `${path}.${k}`, seen),
  );
}

const PERIOD = { from: "2026-01-01", to: "2026-06-30" };
const LATER = { from: "2026-07-01", to: "2026-11-20" };
const QUERY = { search: "", filters: {}, sort: null, page: 1, pageSize: 25 };

/** Arguments for the functions that need some; the others are called without. */
const ARGS: Readonly<Record<string, readonly unknown[]>> = {
  listCustomers: [QUERY],
  getCustomerPortrait: ["C0001"],
  exportCustomers: [QUERY, "csv"],
  getAuditLog: [0],
  comparePeriods: [{ a: PERIOD, b: LATER }],
  compareSegments: [
    { by: "owner", a: "sales.a@example.com", b: "sales.b@example.com", current: LATER, previous: PERIOD },
  ],
  getCustomColumnTypes: ["Customers"],
};

/** Functions that change the book in ways the rest of the walk does not need. */
const SKIP = new Set(["batchDeleteCustomers", "restoreBackup", "applyFixes", "importCommit", "saveRoles"]);

describe("server functions exchange no Dates", () => {
  it("no server function returns a Date anywhere in its result", () => {
    const loaded = loadTrustBundle(1, OWNER);
    const { ctx } = loaded;
    ctx.setUpSheets();
    ctx.classifyNow();
    ctx.validateAll();
    ctx.menuBackupNow();
    const found: string[] = [];
    let called = 0;
    for (const name of SERVER_FUNCTION_NAMES) {
      if (SKIP.has(name)) continue;
      let result: unknown;
      try {
        result = loaded.invoke(name, ARGS[name] ?? []);
      } catch {
        continue; // needs arguments this walk does not build; its types carry no Date either
      }
      called++;
      found.push(...datesIn(result).map((p) => `${name}${p}`));
    }
    expect(found).toEqual([]);
    // The walk reached most of the API, so an empty list means something.
    expect(called).toBeGreaterThan(SERVER_FUNCTION_NAMES.length * 0.6);
  });
});
