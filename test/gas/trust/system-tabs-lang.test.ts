/**
 * The add-on's own tabs (audit log, send log, vault, segment history) are named in the book's language: a
 * zh_CN book gets 审计日志 / 发送记录 / 加密保管库 / 分群历史 and every feature works on them; a book that
 * already has the English tabs keeps using them after its language changes (none is renamed or doubled).
 */
import type { LoadedBundle } from "../../../src/local/load-bundle";
import type { PrivacyExport } from "../../../src/shared/privacy";
import type { RestorePreview } from "../../../src/shared/trust";
import { loadTrustBundle } from "./harness";

const ZH = ["审计日志", "发送记录", "加密保管库", "分群历史"];
const EN = ["AuditLog", "SendLog", "Vault", "SegmentHistory"];
const ID = "C0006";
const ID_NUMBER = "310101199001011234";
const OTHER_ID_NUMBER = "110105198512126789";

function tabNames(loaded: LoadedBundle): string[] {
  return loaded.emulator.spreadsheet.getSheets().map((s) => s.getName());
}

function tab(loaded: LoadedBundle, name: string): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = loaded.emulator.spreadsheet.getSheetByName(name);
  if (!sheet) throw new Error(`no tab ${name} among ${tabNames(loaded).join(", ")}`);
  return sheet;
}

function letter(loaded: LoadedBundle, header: string): string {
  const sheet = tab(loaded, "Customers");
  const i = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].indexOf(header);
  return String.fromCharCode(65 + i);
}

/** Entries below the header of audit tab `name`. */
function entries(loaded: LoadedBundle, name: string): unknown[][] {
  const sheet = tab(loaded, name);
  return sheet.getLastRow() < 2 ? [] : sheet.getRange(2, 1, sheet.getLastRow() - 1, 9).getValues();
}

/** A name edit (audited), a sealed ID number, a classification (history) and a reminder run (send log). */
function useBook(loaded: LoadedBundle, name: string, idNumber: string): void {
  const { emulator, ctx } = loaded;
  emulator.edit("Customers!B7", name);
  emulator.edit(`Customers!${letter(loaded, "IDNumber")}7`, idNumber);
  loaded.run("classifyNow");
  ctx.sendRemindersNow();
}

function jsonOf(out: PrivacyExport): { sections: Record<string, { rows: Record<string, unknown>[] }> } {
  return JSON.parse(Buffer.from(out.json.base64, "base64").toString("utf8"));
}

describe("system tabs in the book's language", () => {
  it("a zh_CN book makes 审计日志, 发送记录, 加密保管库 and 分群历史, and every feature works on them", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    emulator.spreadsheet.setSpreadsheetLocale("zh_CN");
    useBook(loaded, "Customer 6", ID_NUMBER);

    const names = tabNames(loaded);
    for (const name of ZH) expect(names).toContain(name);
    for (const name of EN) expect(names).not.toContain(name);
    expect(tab(loaded, "审计日志").isSheetHidden()).toBe(false);
    for (const name of ["发送记录", "加密保管库", "分群历史"])
      expect(tab(loaded, name).isSheetHidden()).toBe(true);

    // The edit is audited in 审计日志 and the chain verifies; the ID number is sealed in 加密保管库.
    expect(entries(loaded, "审计日志").some((r) => r[3] === "B7" && r[5] === "Customer 6")).toBe(true);
    expect(ctx.verifyAuditLog()).toMatchObject({ ok: true, waiting: 0 });
    expect(tab(loaded, "加密保管库").getLastRow()).toBeGreaterThan(1);
    expect(
      tab(loaded, "Customers")
        .getRange(`${letter(loaded, "IDNumber")}7`)
        .getValue(),
    ).toBe("3101********1234");
    expect(ctx.revealSensitive(ID, "IDNumber")).toBe(ID_NUMBER);
    expect(tab(loaded, "发送记录").getLastRow()).toBeGreaterThan(1);

    // A backup copies the vault under its Chinese name; the preview finds it and nothing to change.
    ctx.menuBackupNow();
    const set = ctx.listBackups()[0];
    expect(set.sheets).toContain("加密保管库");
    const preview = ctx.previewRestore(set.id) as RestorePreview;
    const vault = preview.sheets.find((s) => s.sheet === "加密保管库")!;
    expect(vault).toMatchObject({ missing: false, skipped: false, changed: 0, added: 0, removed: 0 });

    // A privacy export reads the system tabs as the add-on's data, never as "other cells naming them".
    const doc = jsonOf(loaded.run("exportCustomerData", ID) as PrivacyExport);
    expect(doc.sections.vault.rows).toEqual([{ Column: "IDNumber", Value: ID_NUMBER, State: "decrypted" }]);
    expect(doc.sections.audit.rows.some((r) => r.NewValue === "Customer 6")).toBe(true);
    expect(doc.sections.segments.rows).toHaveLength(1);
    expect(doc.sections.mentions.rows.map((r) => r.Tab)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/审计日志|发送记录|加密保管库|分群历史/)]),
    );
    expect(ctx.verifyAuditLog()).toMatchObject({ ok: true });
  });

  it("rolls 审计日志 over into 审计日志 1 and verifies the chain across both", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    emulator.spreadsheet.setSpreadsheetLocale("zh_CN");
    ctx.saveTrustSettings({ auditMaxRows: 100 });
    for (let i = 0; i < 120; i++) emulator.edit("Customers!X2", `note ${i}`);
    expect(entries(loaded, "审计日志 1")).toHaveLength(100);
    expect(entries(loaded, "审计日志").at(-1)![5]).toBe("note 119");
    expect(tabNames(loaded).filter((n) => n.startsWith("AuditLog"))).toEqual([]);
    expect(ctx.verifyAuditLog()).toMatchObject({ ok: true, entries: 100 + 21 });
  });

  it("a book with English tabs keeps using them after its language changes to zh-CN", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    useBook(loaded, "Customer 6", ID_NUMBER);
    for (const name of EN) expect(tabNames(loaded)).toContain(name);
    ctx.menuBackupNow();
    const before = ctx.listBackups()[0];
    expect(before.sheets).toContain("Vault");
    const audited = entries(loaded, "AuditLog").length;
    const snapshots = tab(loaded, "SegmentHistory").getLastRow();

    emulator.spreadsheet.setSpreadsheetLocale("zh_CN");
    emulator.edit("Customers!B8", "Customer 7");
    emulator.edit(`Customers!${letter(loaded, "IDNumber")}8`, OTHER_ID_NUMBER);
    loaded.run("classifyNow");
    ctx.sendRemindersNow();
    ctx.saveTrustSettings({ auditMaxRows: 100 });
    for (let i = 0; i < 110; i++) emulator.edit("Customers!X2", `note ${i}`);

    // No second tab under the Chinese name; the English ones grew (the log rolled over as "AuditLog 1").
    for (const name of ZH) expect(tabNames(loaded)).not.toContain(name);
    expect(tabNames(loaded).filter((n) => n.startsWith("审计日志"))).toEqual([]);
    expect(tabNames(loaded)).toContain("AuditLog 1");
    expect(entries(loaded, "AuditLog 1").length + entries(loaded, "AuditLog").length).toBeGreaterThan(
      audited + 110,
    );
    expect(tab(loaded, "SegmentHistory").getLastRow()).toBe(snapshots);
    expect(ctx.verifyAuditLog()).toMatchObject({ ok: true });
    expect(ctx.revealSensitive(ID, "IDNumber")).toBe(ID_NUMBER);
    expect(ctx.revealSensitive("C0007", "IDNumber")).toBe(OTHER_ID_NUMBER);
    expect(loaded.run("exportCustomerData", "C0007")).toBeTruthy();

    // A backup made under "Vault" restores onto the vault under either name: with the old tab gone and
    // a new 加密保管库 made by the next seal, the preview finds that one (not a missing sheet).
    emulator.spreadsheet.deleteSheet(tab(loaded, "Vault"));
    emulator.edit(`Customers!${letter(loaded, "IDNumber")}9`, ID_NUMBER);
    expect(tabNames(loaded)).toContain("加密保管库");
    const preview = ctx.previewRestore(before.id) as RestorePreview;
    const vault = preview.sheets.find((s) => s.sheet === "Vault")!;
    expect(vault).toMatchObject({ missing: false, currentRows: tab(loaded, "加密保管库").getLastRow() - 1 });
  });
});
