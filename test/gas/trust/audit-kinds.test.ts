/**
 * The one table of server functions declares what each call does (src/shared/server-functions.ts): a
 * "read" is never audited, a "write" or "disclose" always is. The type already forbids an unaudited
 * write; this checks the declarations against what the bundle does: every read, called through
 * google.script.run by the owner (who may call them all), changes nothing but the script cache — not the
 * workbook, no property store, no trigger, no mail — so no state-changing function hides as a read.
 */
import type { LoadedBundle } from "../../../src/local/load-bundle";
import { OWNER, SALES_A, SALES_B } from "../../../src/local/faults/fixture";
import { SERVER_FUNCTIONS, SERVER_FUNCTION_NAMES } from "../../../src/shared/server-functions";
import { loadTrustBundle } from "./harness";

const QUERY = { search: "", filters: {}, sort: null, page: 1, pageSize: 25 };
const PERIOD = { from: "2026-01-01", to: "2026-06-30" };
const LATER = { from: "2026-07-01", to: "2026-11-20" };
const IMPORT = { sheet: "Customers", headers: ["CustomerID", "Name"], dedupe: "skip" };

/** Arguments the sidebar would send to each read that takes some. */
const READ_ARGS: Readonly<Record<string, readonly unknown[]>> = {
  parseImportFile: [Buffer.from("CustomerID,Name\nC0099,New Ltd\n").toString("base64"), "new.csv"],
  importStage: [null, IMPORT, [["C0099", "New Ltd"]], [2]],
  importPreview: ["no-such-job", IMPORT],
  getCustomColumnTypes: ["Customers"],
  previewDigest: [SALES_A],
  getAuditLog: [0],
  comparePeriods: [{ a: PERIOD, b: LATER }],
  compareSegments: [{ by: "owner", a: SALES_A, b: SALES_B, current: LATER, previous: PERIOD }],
  getDashboard: ["en"],
  listCustomers: [QUERY, "en"],
  getCustomerPortrait: ["C0001", "en"],
  goToRow: ["C0001"],
  selectCell: ["Customers", "A1"],
};

/** Everything a read must leave alone (the script cache is not in it: caching a read is fine). */
function state(loaded: LoadedBundle): Record<string, string> {
  const { emulator } = loaded;
  return {
    workbook: JSON.stringify(emulator.snapshot()),
    documentProperties: JSON.stringify([...emulator.properties.document.entries()].sort()),
    scriptProperties: JSON.stringify([...emulator.properties.script.entries()].sort()),
    userProperties: JSON.stringify([...emulator.properties.user(OWNER).entries()].sort()),
    triggers: JSON.stringify(emulator.triggers().map((t) => [t.handler, t.eventType, t.owner])),
    mail: String(emulator.outbox.length),
    drive: JSON.stringify(emulator.driveFiles()),
  };
}

const READS = SERVER_FUNCTION_NAMES.filter((n) => SERVER_FUNCTIONS[n].kind === "read");

describe("the table's kinds", () => {
  it("audits every write and disclosure, and no read", () => {
    const wrong = SERVER_FUNCTION_NAMES.filter(
      (n) => SERVER_FUNCTIONS[n].audited !== (SERVER_FUNCTIONS[n].kind !== "read"),
    );
    expect(wrong).toEqual([]);
    // The table's own words for the functions issue 15 found writing no entry.
    for (const name of ["saveNotifySettings", "saveRoles", "saveTrustSettings", "importCommit"] as const)
      expect(SERVER_FUNCTIONS[name].kind).toBe("write");
    expect(SERVER_FUNCTIONS.exportCustomers.kind).toBe("disclose");
    expect(SERVER_FUNCTIONS.revealSensitive.kind).toBe("disclose");
    expect(SERVER_FUNCTIONS.verifyAuditLog).toMatchObject({ kind: "read", permission: "manage-settings" });
  });

  it("every read, run on the emulator, changes nothing but the cache", () => {
    const loaded = loadTrustBundle(1, OWNER);
    // A book that has been used: a log with entries and a backup, so reads have something to read.
    loaded.emulator.edit("Customers!B2", "Used Ltd");
    loaded.ctx.menuBackupNow();
    const changed: string[] = [];
    for (const name of READS) {
      const before = state(loaded);
      try {
        loaded.run(name, ...(READ_ARGS[name] ?? []));
      } catch {
        // A read may refuse its arguments; it must still change nothing.
      }
      const after = state(loaded);
      for (const part of Object.keys(before))
        if (before[part] !== after[part]) changed.push(`${name} changed ${part}`);
    }
    expect(changed).toEqual([]);
    expect(READS.length).toBeGreaterThan(20);
    // The same check sees a write (and its audit entry).
    const before = state(loaded);
    loaded.run("saveTrustSettings", { auditMaxRows: 300 });
    const after = state(loaded);
    expect(after.documentProperties).not.toBe(before.documentProperties);
    expect(after.workbook).not.toBe(before.workbook);
  });
});
