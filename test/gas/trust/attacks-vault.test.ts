/**
 * Attacks on the vault and on privacy requests (issue 15, items 4 and 7, and the privacy bullet), on the built
 * bundle through google.script.run where a sidebar would call: moving rows, reusing a deleted customer's ID,
 * copying masks, swapping ciphertexts, planting a key in script properties, and callers reaching beyond their
 * role for an export, an erasure or a rotation. Each is refused or harmless, and nothing leaks.
 */
import { unzipSync, strFromU8 } from "fflate";
import type { LoadedBundle } from "../../../src/local/load-bundle";
import { MANAGER, OWNER, SALES_A, SALES_B, VIEWER } from "../../../src/local/faults/fixture";
import type { PrivacyExport } from "../../../src/shared/privacy";
import { auditRows, everythingVisible, loadTrustBundle } from "./harness";
import { liveVault } from "./vault-helpers";

const ID_A = "310101199001011234";
const ID_B = "11010519851212678X";

function letter(loaded: LoadedBundle, header: string): string {
  const sheet = loaded.emulator.spreadsheet.getSheetByName("Customers")!;
  const i = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].indexOf(header);
  return String.fromCharCode(65 + i);
}

/** C0001 and C0002 hold sealed ID numbers (typed by the owner: the trigger stores them in the vault). */
function sealedBook(user = OWNER): LoadedBundle {
  const loaded = loadTrustBundle(1, user);
  const col = letter(loaded, "IDNumber");
  loaded.emulator.edit(`Customers!${col}2`, ID_A, { user: OWNER });
  loaded.emulator.edit(`Customers!${col}3`, ID_B, { user: OWNER });
  return loaded;
}

function noPlaintext(loaded: LoadedBundle): void {
  const text = everythingVisible(loaded);
  for (const plain of [ID_A, ID_B]) expect(text).not.toContain(plain);
}

describe("attacks on the vault", () => {
  it("an editor copies one customer's mask into another's cell: the other reveals nothing", () => {
    const loaded = sealedBook();
    const col = letter(loaded, "IDNumber");
    loaded.emulator.edit(`Customers!${col}5`, "3101********1234", { user: SALES_A });
    loaded.emulator.setUser(MANAGER);
    expect(() => loaded.run("revealSensitive", "C0004", "IDNumber")).toThrow(
      "No IDNumber is stored for C0004",
    );
    expect(loaded.run("revealSensitive", "C0001", "IDNumber")).toBe(ID_A);
    noPlaintext(loaded);
  });

  it("an editor swaps two customers' masks: neither reveals the other's number", () => {
    const loaded = sealedBook();
    const col = letter(loaded, "IDNumber");
    loaded.emulator.edit(`Customers!${col}2:${col}3`, [["1101********678X"], ["3101********1234"]], {
      user: SALES_B,
    });
    loaded.emulator.setUser(OWNER);
    expect(() => loaded.run("revealSensitive", "C0001", "IDNumber")).toThrow("No IDNumber is stored");
    expect(() => loaded.run("revealSensitive", "C0002", "IDNumber")).toThrow("No IDNumber is stored");
    noPlaintext(loaded);
  });

  it("ciphertexts swapped between two vault rows open for neither (each is bound to its customer)", () => {
    const loaded = sealedBook();
    const vault = loaded.emulator.spreadsheet.getSheetByName("Vault")!;
    const rows = vault.getRange(2, 1, vault.getLastRow() - 1, 7).getValues();
    const a = rows.findIndex((r) => r[1] === "C0001");
    const b = rows.findIndex((r) => r[1] === "C0002");
    vault.getRange(a + 2, 4).setValue(rows[b][3]);
    vault.getRange(b + 2, 4).setValue(rows[a][3]);
    for (const id of ["C0001", "C0002"]) {
      let message = "";
      try {
        loaded.run("revealSensitive", id, "IDNumber");
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).not.toBe("");
      expect(message).not.toContain(ID_A);
      expect(message).not.toContain(ID_B);
    }
  });

  it("a customer deleted in Sheets and a new row given their ID: the value is dropped, not inherited", () => {
    const loaded = sealedBook();
    const { emulator } = loaded;
    const col = letter(loaded, "IDNumber");
    // The newest customer (highest ID) leaves; the next new row gets the same ID.
    emulator.edit(`Customers!B14:${col}14`, [["Leaver", ...Array(col.charCodeAt(0) - 67).fill(""), ID_A]]);
    const id = String(emulator.spreadsheet.getSheetByName("Customers")!.getRange("A14").getValue());
    emulator.spreadsheet.getSheetByName("Customers")!.deleteRow(14);
    emulator.edit(
      `Customers!B14:${col}14`,
      [["Newcomer", ...Array(col.charCodeAt(0) - 67).fill(""), "3101********1234"]],
      {
        user: SALES_A,
      },
    );
    expect(emulator.spreadsheet.getSheetByName("Customers")!.getRange("A14").getValue()).toBe(id);
    expect(() => loaded.run("revealSensitive", id, "IDNumber")).toThrow(`No IDNumber is stored for ${id}`);
    const out = loaded.run("exportCustomerData", id) as PrivacyExport;
    expect(Buffer.from(out.json.base64, "base64").toString("utf8")).not.toContain(ID_A);
    noPlaintext(loaded);
  });

  it("a key planted in script properties is never adopted by a document that has sealed nothing", () => {
    const loaded = loadTrustBundle();
    const planted = Buffer.alloc(32, 7).toString("base64");
    loaded.emulator.properties.script.set("vaultKey", planted);
    loaded.emulator.edit(`Customers!${letter(loaded, "IDNumber")}2`, ID_A);
    expect(loaded.emulator.properties.document.get("vaultKey")).toBeTruthy();
    expect(loaded.emulator.properties.document.get("vaultKey")).not.toBe(planted);
    expect(loaded.emulator.properties.script.get("vaultKey")).toBe(planted);
    expect(loaded.run("revealSensitive", "C0001", "IDNumber")).toBe(ID_A);
  });
});

describe("attacks through privacy requests and rotation", () => {
  const beyondRole: readonly [string, string, ...unknown[]][] = [
    [SALES_A, "exportCustomerData", "C0001"],
    [SALES_A, "eraseCustomer", "C0003"],
    [SALES_A, "rotateVaultKey"],
    [VIEWER, "exportCustomerData", "C0001"],
    [VIEWER, "eraseCustomer", "C0001"],
    [VIEWER, "rotateVaultKey"],
    ["stranger@example.org", "exportCustomerData", "C0001"],
    ["", "eraseCustomer", "C0001"],
  ];
  for (const [user, name, ...args] of beyondRole)
    it(`${user || '""'} calling ${name} is refused before anything is read or changed, unaudited`, () => {
      const loaded = sealedBook(user);
      const { emulator } = loaded;
      const before = JSON.stringify([emulator.snapshot(), [...emulator.properties.document.entries()]]);
      const audit = auditRows(loaded).length;
      const calls = emulator.countOf("Range.") + emulator.countOf("Sheet.");
      expect(() => loaded.run(name, ...args)).toThrow(/does not allow/);
      expect(emulator.countOf("Range.") + emulator.countOf("Sheet.")).toBe(calls);
      expect(auditRows(loaded)).toHaveLength(audit);
      expect(JSON.stringify([emulator.snapshot(), [...emulator.properties.document.entries()]])).toBe(before);
    });

  it("a manager may not rotate the owner's key: refused, audited, nothing changed", () => {
    const loaded = sealedBook(MANAGER);
    const keys = () =>
      [...loaded.emulator.properties.document.entries()].filter(([k]) => k.startsWith("vault"));
    const before = JSON.stringify(keys());
    expect(() => loaded.run("rotateVaultKey")).toThrow("Only the spreadsheet's owner");
    expect(JSON.stringify(keys())).toBe(before);
    expect(String(auditRows(loaded).at(-1)![8])).toMatch(/^failed: Only the spreadsheet's owner/);
  });

  it("a manager's export never holds a decrypted value; every export is audited with the customer it named", () => {
    const loaded = sealedBook(MANAGER);
    const out = loaded.run("exportCustomerData", "C0001") as PrivacyExport;
    expect(out.decrypted).toBe(false);
    const xlsx = unzipSync(Buffer.from(out.xlsx.base64, "base64"));
    const sheet = strFromU8(xlsx["xl/worksheets/sheet1.xml"]);
    expect(sheet).toContain("3101********1234");
    expect(sheet).not.toContain(ID_A);
    expect(Buffer.from(out.json.base64, "base64").toString("utf8")).not.toContain(ID_A);
    const entry = auditRows(loaded).at(-1)!;
    expect([entry[1], entry[6], entry[8]]).toEqual([
      MANAGER,
      "Export customer data",
      "privacy export of C0001",
    ]);
  });

  it("an erased customer brought back by a delete's undo is erased again; their value stays gone", () => {
    const loaded = sealedBook(MANAGER);
    const deleted = loaded.run("batchDeleteCustomers", ["C0001"]) as { undoToken: string };
    loaded.emulator.setUser(OWNER);
    loaded.run("eraseCustomer", "C0001");
    loaded.emulator.setUser(MANAGER);
    loaded.run("undoDelete", deleted.undoToken);
    const ids = loaded.emulator.spreadsheet
      .getSheetByName("Customers")!
      .getRange("A2:A13")
      .getValues()
      .flat();
    expect(ids).not.toContain("C0001");
    expect([...liveVault(loaded).keys()].filter((k) => k.includes("C0001"))).toEqual([]);
    noPlaintext(loaded);
  });
});
