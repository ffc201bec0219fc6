/**
 * Key rotation (issue 15, item 4): "Rotate encryption key" makes a new document key and re-seals the whole
 * vault with it, owner only and audited; the old key is kept until every value is re-sealed, so a run cut
 * at any point loses nothing, and running it again finishes the same rotation.
 */
import type { LoadedBundle } from "../../../src/local/load-bundle";
import { MANAGER, OWNER } from "../../../src/local/faults/fixture";
import { auditRows, everythingVisible, loadTrustBundle } from "./harness";
import { liveVault } from "./vault-helpers";

const ID_A = "310101199001011234";
const ID_B = "11010519851212678X";
const BANK = "6222021234567890123";

function letter(loaded: LoadedBundle, header: string): string {
  const sheet = loaded.emulator.spreadsheet.getSheetByName("Customers")!;
  const i = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].indexOf(header);
  return String.fromCharCode(65 + i);
}

/** A book with three sealed values: C0001's and C0002's ID numbers, C0003's bank account. */
function sealedBook(user = OWNER): LoadedBundle {
  const loaded = loadTrustBundle(1, user);
  const { emulator } = loaded;
  emulator.edit(`Customers!${letter(loaded, "IDNumber")}2`, ID_A, { user: OWNER });
  emulator.edit(`Customers!${letter(loaded, "IDNumber")}3`, ID_B, { user: OWNER });
  emulator.edit(`Customers!${letter(loaded, "BankAccount")}4`, BANK, { user: OWNER });
  return loaded;
}

function revealAll(loaded: LoadedBundle): string[] {
  const { ctx } = loaded;
  return [
    ctx.revealSensitive("C0001", "IDNumber"),
    ctx.revealSensitive("C0002", "IDNumber"),
    ctx.revealSensitive("C0003", "BankAccount"),
  ];
}

const keysOf = (loaded: LoadedBundle) => [...liveVault(loaded).values()].map((r) => r[6]);
const tokensOf = (loaded: LoadedBundle) => [...liveVault(loaded).values()].map((r) => String(r[3]));

describe("rotating the vault key", () => {
  it("re-seals every value with a new document key; the values read the same; audited", () => {
    const loaded = sealedBook();
    const { emulator, ctx } = loaded;
    const doc = emulator.properties.document;
    const oldKey = doc.get("vaultKey");
    const before = tokensOf(loaded);
    expect(keysOf(loaded)).toEqual(["k0", "k0", "k0"]);
    const result = ctx.rotateVaultKey();
    expect(result).toMatchObject({ keyId: "k1", resealed: 3, remaining: 0, unreadable: 0, done: true });
    expect(doc.get("vaultKey")).not.toBe(oldKey);
    expect(doc.get("vaultKeyId")).toBe("k1");
    expect(keysOf(loaded)).toEqual(["k1", "k1", "k1"]);
    expect(tokensOf(loaded).filter((t) => before.includes(t))).toEqual([]);
    // No backup holds a vault sealed with the old key: nothing needs it, so it is gone.
    expect(result.retiredKeysKept).toBe(0);
    expect(doc.get("vaultRetiredKeys") ?? "").not.toContain(oldKey!);
    expect(revealAll(loaded)).toEqual([ID_A, ID_B, BANK]);
    const entry = auditRows(loaded).find((r) => r[6] === "Rotate encryption key")!;
    expect(entry[1]).toBe(OWNER);
    expect(String(entry[8])).toMatch(/^key k1: 3 value\(s\) re-sealed/);
    for (const plain of [ID_A, ID_B, BANK]) expect(everythingVisible(loaded)).not.toContain(plain);
    expect([...emulator.properties.script.keys()]).toEqual([]);
  });

  it("is the owner's: a manager is refused before anything changes, and the refusal is audited", () => {
    const loaded = sealedBook(MANAGER);
    const { emulator, ctx } = loaded;
    const before = JSON.stringify(
      [...emulator.properties.document.entries()].filter(([k]) => k.startsWith("vault")),
    );
    expect(() => ctx.rotateVaultKey()).toThrow("Only the spreadsheet's owner may rotate the encryption key");
    const after = JSON.stringify(
      [...emulator.properties.document.entries()].filter(([k]) => k.startsWith("vault")),
    );
    expect(after).toBe(before);
    expect(keysOf(loaded)).toEqual(["k0", "k0", "k0"]);
    const entry = auditRows(loaded).at(-1)!;
    expect(entry[1]).toBe(MANAGER);
    expect(String(entry[8])).toMatch(/^failed: Only the spreadsheet's owner/);
  });

  it("cut after the new key is made but before the vault is written: nothing lost, and running it again finishes", () => {
    const loaded = sealedBook();
    const { emulator, ctx } = loaded;
    // The vault write fails, and so does queueing its rows: the run dies with the new key made.
    emulator.faults.failAtCall(1, "Service error: Spreadsheets", "Range.setValues");
    emulator.faults.failAtCall(2, "Service error: Properties", "Properties.setProperties");
    expect(() => ctx.rotateVaultKey()).toThrow();
    emulator.faults.reset();
    const doc = emulator.properties.document;
    expect(doc.get("vaultKeyId")).toBe("k1");
    expect(keysOf(loaded)).toEqual(["k0", "k0", "k0"]);
    // The old key is still held: every value still opens.
    expect(revealAll(loaded)).toEqual([ID_A, ID_B, BANK]);
    // Sealed meanwhile: with the new key.
    emulator.edit(`Customers!${letter(loaded, "IDNumber")}5`, ID_A);
    expect(liveVault(loaded).get("Customers|C0004|IDNumber")![6]).toBe("k1");
    const again = ctx.rotateVaultKey();
    expect(again).toMatchObject({ keyId: "k1", resealed: 3, remaining: 0, done: true });
    expect(String(auditRows(loaded).at(-1)![8])).toMatch(/^key k1 \(continued\)/);
    expect(keysOf(loaded)).toEqual(["k1", "k1", "k1", "k1"]);
    expect(revealAll(loaded)).toEqual([ID_A, ID_B, BANK]);
    expect(ctx.revealSensitive("C0004", "IDNumber")).toBe(ID_A);
  });

  it("cut before the new key is made: nothing changes", () => {
    const loaded = sealedBook();
    const { emulator, ctx } = loaded;
    const before = JSON.stringify(
      [...emulator.properties.document.entries()].filter(([k]) => k.startsWith("vault")),
    );
    emulator.faults.failAtCall(1, "Service error: Properties", "Properties.setProperties");
    expect(() => ctx.rotateVaultKey()).toThrow();
    emulator.faults.reset();
    const after = JSON.stringify(
      [...emulator.properties.document.entries()].filter(([k]) => k.startsWith("vault")),
    );
    expect(after).toBe(before);
    expect(revealAll(loaded)).toEqual([ID_A, ID_B, BANK]);
  });

  it("keeps the old key while a backup's vault copy needs it: a restored old vault still opens", () => {
    const loaded = sealedBook();
    const { ctx } = loaded;
    ctx.menuBackupNow();
    const [set] = ctx.listBackups();
    expect(set.sheets).toContain("Vault");
    const rotated = ctx.rotateVaultKey();
    expect(rotated.retiredKeysKept).toBe(1);
    ctx.restoreBackup(set.id);
    expect(keysOf(loaded)).toEqual(["k0", "k0", "k0"]);
    expect(revealAll(loaded)).toEqual([ID_A, ID_B, BANK]);
    // The next rotation re-seals what the restore brought back.
    expect(ctx.rotateVaultKey()).toMatchObject({ keyId: "k2", resealed: 3, done: true });
    expect(revealAll(loaded)).toEqual([ID_A, ID_B, BANK]);
  });
});
