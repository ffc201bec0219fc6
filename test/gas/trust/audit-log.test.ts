import { MANAGER, OWNER } from "../../../src/local/faults/fixture";
import { auditRows, loadTrustBundle } from "./harness";

describe("audit trail", () => {
  it("records a single-cell edit with time, user, sheet, A1, old and new value", () => {
    const loaded = loadTrustBundle();
    const { emulator } = loaded;
    const before = emulator.clock.nowMs();
    emulator.edit("Customers!B2", "Renamed Ltd");
    const [row] = auditRows(loaded);
    expect(row.slice(1, 6)).toEqual([OWNER, "Customers", "B2", "Customer 1", "Renamed Ltd"]);
    // The time of the trigger's run (the emulated clock moves with the calls it makes: cost model), to
    // the second: whole seconds are what a date cell holds exactly, and what the hash chain covers.
    const at = new Date(row[0] as Date).getTime();
    expect(at % 1000).toBe(0);
    expect(at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(at).toBeLessThanOrEqual(emulator.clock.nowMs());
  });

  it("records a paste with the new grid and the old one from the newest backup", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    emulator.edit("Customers!B2:B3", [["X"], ["Y"]]);
    expect(auditRows(loaded)[0][4]).toBe("");
    ctx.menuBackupNow();
    emulator.clock.advance(1000);
    emulator.edit("Customers!B2:B3", [["P"], ["Q"]]);
    const paste = auditRows(loaded).at(-1)!;
    expect(JSON.parse(paste[4] as string)).toEqual([["X"], ["Y"]]);
    expect(JSON.parse(paste[5] as string)).toEqual([["P"], ["Q"]]);
    expect(paste[8]).toMatch(/old values from Backup \d{4}-\d\d-\d\d \d\d:\d\d:\d\d Customers/);
  });

  it("writes one entry per job, with who ran it and how many rows", () => {
    const loaded = loadTrustBundle();
    loaded.ctx.menuBackupNow();
    const jobs = auditRows(loaded).filter((r) => r[6] !== "");
    expect(jobs).toHaveLength(1);
    expect(jobs[0][1]).toBe(OWNER);
    expect(jobs[0][6]).toBe("backup (manual)");
    expect(jobs[0][8]).toBe("4 sheet(s) backed up");
  });

  it("neutralises a pasted formula in the log", () => {
    const loaded = loadTrustBundle();
    loaded.emulator.edit("Customers!X2", "=IMPORTXML(A1)");
    const row = auditRows(loaded)[0];
    // Stored as text (Sheets drops the apostrophe that kept it from being parsed): never a formula.
    expect(row[5]).toBe("=IMPORTXML(A1)");
    const log = loaded.emulator.spreadsheet.getSheetByName("AuditLog")!;
    expect(log.getRange(2, 6).getFormula()).toBe("");
  });

  it("is protected so only the owner can edit it; a manager's entries wait in a queue, then land", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    emulator.edit("Customers!B2", "first");
    const log = emulator.spreadsheet.getSheetByName("AuditLog")!;
    const [protection] = log.getProtections(sheetProtectionType(emulator));
    expect(protection.getEditors().map((u) => u.getEmail())).toEqual([OWNER]);
    expect(() => emulator.edit("AuditLog!B2", "forged", { user: MANAGER })).toThrow(/protected/);
    emulator.setUser(MANAGER);
    ctx.menuBackupNow();
    expect(log.getLastRow()).toBe(2);
    expect([...emulator.properties.document.keys()].some((k) => k.startsWith("auditQueue:"))).toBe(true);
    emulator.setUser(OWNER);
    emulator.edit("Customers!B3", "second");
    const rows = log.getRange(2, 1, log.getLastRow() - 1, 9).getValues();
    expect(rows.map((r) => r[6] || r[3])).toEqual(["B2", "backup (manual)", "B3"]);
    expect([...emulator.properties.document.keys()].some((k) => k.startsWith("auditQueue:"))).toBe(false);
  });

  it("stores a manager's queued entries at the owner's next hourly dispatch, with no edit needed", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    const ScriptApp = emulator.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
    ScriptApp.newTrigger("handleDispatch").timeBased().everyHours(1).create();
    emulator.edit("Customers!B2", "first"); // the owner's edit makes the owner-only log
    emulator.setUser(MANAGER);
    ctx.menuBackupNow();
    const queued = () => [...emulator.properties.document.keys()].filter((k) => k.startsWith("auditQueue:"));
    expect(queued().length).toBeGreaterThan(0);
    emulator.setUser(OWNER);
    emulator.advanceAndFire(60 * 60 * 1000);
    expect(queued()).toEqual([]);
    const log = emulator.spreadsheet.getSheetByName("AuditLog")!;
    const jobs = log
      .getRange(2, 7, log.getLastRow() - 1, 1)
      .getValues()
      .flat();
    expect(jobs).toContain("backup (manual)");
    expect(ctx.verifyAuditLog().ok).toBe(true);
  });

  it("rolls over to a new sheet before passing the configured size", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    ctx.saveTrustSettings({ auditMaxRows: 100 });
    for (let i = 0; i < 120; i++) emulator.edit("Customers!X2", `note ${i}`);
    const archive = emulator.spreadsheet.getSheetByName("AuditLog 1")!;
    const current = emulator.spreadsheet.getSheetByName("AuditLog")!;
    expect(archive.getLastRow() - 1).toBe(100);
    expect(current.getLastRow() - 1).toBe(21);
    expect(current.getRange(current.getLastRow(), 6).getValue()).toBe("note 119");
    expect(archive.getProtections(sheetProtectionType(emulator))).toHaveLength(1);
    expect(current.getProtections(sheetProtectionType(emulator))).toHaveLength(1);
  });

  it("pages the log newest first for the sidebar, dates as text", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    for (let i = 0; i < 3; i++) emulator.edit("Customers!X2", `n${i}`);
    const page = ctx.getAuditLog(0);
    expect(page.rows.map((r: unknown[]) => r[5])).toEqual(["n2", "n1", "n0"]);
    expect(typeof page.rows[0][0]).toBe("string");
    expect(page.pages).toBe(1);
  });
});

function sheetProtectionType(emulator: ReturnType<typeof loadTrustBundle>["emulator"]) {
  return (emulator.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).ProtectionType
    .SHEET;
}

describe("protected ranges", () => {
  it("owned columns get a warning protection per contiguous block; log and vault stay owner-only", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    emulator.edit("Customers!U2", "310101199001011234");
    ctx.menuProtectRanges();
    ctx.menuProtectRanges();
    const SpreadsheetApp = emulator.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const customers = emulator.spreadsheet.getSheetByName("Customers")!;
    const ranges = customers.getProtections(SpreadsheetApp.ProtectionType.RANGE);
    expect(ranges.map((p) => p.getRange().getA1Notation().replace(/\d+/g, ""))).toEqual(["Y:AO"]);
    expect(ranges.every((p) => p.isWarningOnly())).toBe(true);
    for (const name of ["AuditLog", "Vault"]) {
      const [p] = emulator.spreadsheet
        .getSheetByName(name)!
        .getProtections(SpreadsheetApp.ProtectionType.SHEET);
      expect(p.getEditors().map((u) => u.getEmail())).toEqual([OWNER]);
    }
    emulator.setUser(MANAGER);
    expect(() => ctx.menuProtectRanges()).not.toThrow();
    emulator.setUser("sales.a@example.com");
    expect(() => ctx.menuProtectRanges()).toThrow(/does not allow/);
  });
});
