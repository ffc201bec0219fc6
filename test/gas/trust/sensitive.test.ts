import { MANAGER, OWNER, SALES_A } from "../../../src/local/faults/fixture";
import { auditRows, everythingVisible, loadTrustBundle } from "./harness";

const ID_NUMBER = "310101199001011234";
const BANK = "6222021234567890123";

/** Column letter of a header in the Customers tab. */
function columnOf(loaded: ReturnType<typeof loadTrustBundle>, header: string): string {
  const headers = loaded.emulator.spreadsheet.getSheetByName("Customers")!.getRange("1:1").getValues()[0];
  const i = headers.indexOf(header);
  return String.fromCharCode(65 + i);
}

describe("sensitive fields", () => {
  it("a typed ID number is encrypted into the vault, masked in the cell, and audited as the mask", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    const col = columnOf(loaded, "IDNumber");
    const runs = emulator.edit(`Customers!${col}2`, ID_NUMBER, { user: MANAGER });
    expect(runs.filter((r) => r.error).map((r) => r.error!.message)).toEqual([]);
    const customers = emulator.spreadsheet.getSheetByName("Customers")!;
    expect(customers.getRange(`${col}2`).getValue()).toBe("3101********1234");
    const vault = emulator.spreadsheet.getSheetByName("Vault");
    const queued = [...emulator.properties.document.keys()].filter((k) => k.startsWith("vaultQueue:"));
    expect(vault !== null || queued.length > 0).toBe(true);
    expect(everythingVisible(loaded)).toMatch(/enc:v1:[A-Za-z0-9+/]{40,}/);
    expect(everythingVisible(loaded)).not.toContain(ID_NUMBER);
    const audit = auditRows(loaded);
    expect(audit.some((r) => r[3] === `${col}2` && r[5] === "3101********1234")).toBe(true);

    emulator.setUser(MANAGER);
    expect(ctx.revealSensitive("C0001", "IDNumber")).toBe(ID_NUMBER);
    const reveal = auditRows(loaded).filter((r) => r[6] === "reveal");
    expect(reveal).toHaveLength(1);
    expect(reveal[0][1]).toBe(MANAGER);
    expect(reveal[0][8]).toBe("revealed IDNumber of C0001");
    expect(everythingVisible(loaded)).not.toContain(ID_NUMBER);
  });

  it("a pasted block seals every sensitive cell and the paste entry holds masks only", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    const id = columnOf(loaded, "IDNumber");
    const bank = columnOf(loaded, "BankAccount");
    expect(bank.charCodeAt(0)).toBe(id.charCodeAt(0) + 1);
    emulator.edit(`Customers!${id}3:${bank}4`, [
      [ID_NUMBER, BANK],
      ["110105198512126789", "6217001234567890"],
    ]);
    const values = emulator.spreadsheet.getSheetByName("Customers")!.getRange(`${id}3:${bank}4`).getValues();
    expect(values).toEqual([
      ["3101********1234", "6222********0123"],
      ["1101********6789", "6217********7890"],
    ]);
    const text = everythingVisible(loaded);
    for (const plain of [ID_NUMBER, BANK, "110105198512126789", "6217001234567890"])
      expect(text).not.toContain(plain);
    expect(ctx.revealSensitive("C0003", "BankAccount")).toBe("6217001234567890");
  });

  it("clearing a sensitive cell drops its stored value", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    const col = columnOf(loaded, "IDNumber");
    emulator.edit(`Customers!${col}2`, ID_NUMBER);
    emulator.edit(`Customers!${col}2`, "");
    expect(() => ctx.revealSensitive("C0001", "IDNumber")).toThrow("No IDNumber is stored for C0001");
  });

  it("sales and viewers cannot reveal; unknown columns and customers are refused", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    emulator.edit(`Customers!${columnOf(loaded, "IDNumber")}2`, ID_NUMBER);
    emulator.setUser(SALES_A);
    expect(() => ctx.revealSensitive("C0001", "IDNumber")).toThrow(/does not allow/);
    emulator.setUser(OWNER);
    expect(() => ctx.revealSensitive("C0001", "Name")).toThrow("Name is not a sensitive column.");
    expect(() => ctx.revealSensitive("C9999", "IDNumber")).toThrow('There is no customer "C9999".');
  });

  it("an edit by a non-owner, whose vault write the protection refuses, still leaves no plaintext", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    const col = columnOf(loaded, "IDNumber");
    emulator.edit(`Customers!${col}2`, "110105198512126789");
    emulator.edit(`Customers!${col}5`, ID_NUMBER, { user: SALES_A });
    expect(emulator.spreadsheet.getSheetByName("Customers")!.getRange(`${col}5`).getValue()).toBe(
      "3101********1234",
    );
    expect(everythingVisible(loaded)).not.toContain(ID_NUMBER);
    emulator.setUser(OWNER);
    expect(ctx.revealSensitive("C0004", "IDNumber")).toBe(ID_NUMBER);
  });
});

describe("sealing existing plaintext", () => {
  it("encrypts every plaintext already in sensitive columns, leaves masks and skips masks", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    const customers = emulator.spreadsheet.getSheetByName("Customers")!;
    const col = columnOf(loaded, "IDNumber");
    customers.getRange(`${col}2:${col}3`).setValues([[ID_NUMBER], ["110105198512126789"]]);
    const maskedBefore = customers.getRange(`${col}4`).getValue();
    ctx.menuSealSensitive();
    expect(customers.getRange(`${col}2:${col}4`).getValues()).toEqual([
      ["3101********1234"],
      ["1101********6789"],
      [maskedBefore],
    ]);
    expect(everythingVisible(loaded)).not.toContain(ID_NUMBER);
    expect(ctx.revealSensitive("C0002", "IDNumber")).toBe("110105198512126789");
    const job = auditRows(loaded).find((r) => r[6] === "seal sensitive columns")!;
    expect(job[8]).toBe("2 sensitive value(s) encrypted");
  });
});

describe("backups of plaintext typed before install", () => {
  it("hold masks, never the plaintext, and leave the source sheet as it was", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    const customers = emulator.spreadsheet.getSheetByName("Customers")!;
    const col = columnOf(loaded, "IDNumber");
    customers.getRange(`${col}3`).setValue("110105198512126789");
    const before = customers.getDataRange().getValues();
    ctx.menuBackupNow();
    expect(customers.getDataRange().getValues()).toEqual(before);
    // The copy lives in the backup spreadsheet; the registry (document properties) says which tab it is.
    const [set] = ctx.listBackups();
    const entry = JSON.parse(emulator.properties.document.get(`backupSet:${set.id}`)!);
    const tab = entry.tabs.find((t: { sheet: string }) => t.sheet === "Customers");
    const backup = emulator.openSpreadsheet(entry.file)!.getSheetById(tab.tabId)!;
    expect(backup.getRange(`${col}3`).getValue()).toBe("1101********6789");
    expect(backup.getDataRange().getValues().flat()).not.toContain("110105198512126789");
    expect(ctx.revealSensitive("C0002", "IDNumber")).toBe("110105198512126789");
  });
});

describe("nonces", () => {
  it("come from the counter in document properties, and are random when its lock is busy; never repeated", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    const col = columnOf(loaded, "IDNumber");
    emulator.edit(`Customers!${col}2:${col}3`, [[ID_NUMBER], [ID_NUMBER]]);
    expect(emulator.properties.document.get("vaultNonceCounter")).toBe("2");
    emulator.faults.lockContention();
    emulator.edit(`Customers!${col}5`, ID_NUMBER);
    emulator.faults.reset();
    expect(emulator.properties.document.get("vaultNonceCounter")).toBe("2");
    expect(emulator.spreadsheet.getSheetByName("Customers")!.getRange(`${col}5`).getValue()).toBe(
      "3101********1234",
    );
    expect(ctx.revealSensitive("C0004", "IDNumber")).toBe(ID_NUMBER);
    const tokens = everythingVisible(loaded).match(/enc:v1:[A-Za-z0-9+/=]+/g)!;
    const nonceOf = (t: string) => Buffer.from(t.slice(7), "base64").subarray(0, 12).toString("hex");
    const unique = new Set(tokens.map(nonceOf));
    expect(unique.size).toBe(new Set(tokens).size);
    expect(unique.size).toBe(3);
  });
});
