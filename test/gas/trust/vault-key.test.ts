/**
 * Where the vault's AES key lives: document properties, one key per document. Script properties are shared
 * by every installation of an add-on (https://developers.google.com/apps-script/guides/properties), so a
 * key there would be every customer's.
 */
import { createProject } from "../../../src/local/emulator";
import { OWNER, fixtureSheets } from "../../../src/local/faults/fixture";
import { loadBundle, type LoadedBundle } from "../../../src/local/load-bundle";
import { loadTrustBundle } from "./harness";

// Ends in X, so the typed entry stays text (a long run of digits would become a number, as in Sheets).
const ID_NUMBER = "11010519851212678X";

function idColumn(loaded: LoadedBundle): string {
  const headers = loaded.emulator.spreadsheet.getSheetByName("Customers")!.getRange("1:1").getValues()[0];
  return String.fromCharCode(65 + headers.indexOf("IDNumber"));
}

describe("the vault key", () => {
  it("is made in document properties on first use, never in script properties", () => {
    const loaded = loadTrustBundle();
    loaded.emulator.edit(`Customers!${idColumn(loaded)}2`, ID_NUMBER);
    expect(loaded.emulator.properties.document.get("vaultKey")).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect([...loaded.emulator.properties.script.keys()]).toEqual([]);
    expect(loaded.ctx.revealSensitive("C0001", "IDNumber")).toBe(ID_NUMBER);
  });

  it("an older version's script-property key moves to the document with its counter, then is deleted", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    const col = idColumn(loaded);
    emulator.edit(`Customers!${col}2`, ID_NUMBER);
    // As an older version kept them: the key and the nonce counter in script properties.
    const doc = emulator.properties.document;
    const key = doc.get("vaultKey")!;
    emulator.properties.script.set("vaultKey", key);
    emulator.properties.script.set("vaultNonceCounter", "41");
    doc.delete("vaultKey");
    doc.delete("vaultNonceCounter");
    expect(ctx.revealSensitive("C0001", "IDNumber")).toBe(ID_NUMBER);
    expect(doc.get("vaultKey")).toBe(key);
    expect(doc.get("vaultNonceCounter")).toBe("41");
    expect([...emulator.properties.script.keys()]).toEqual([]);
    emulator.edit(`Customers!${col}3`, ID_NUMBER);
    expect(doc.get("vaultNonceCounter")).toBe("42");
    expect(ctx.revealSensitive("C0002", "IDNumber")).toBe(ID_NUMBER);
  });

  it("two documents of one add-on have keys of their own", () => {
    const project = createProject();
    const docs = ["first", "second"].map((seed) => {
      const loaded = loadBundle({ owner: OWNER, user: OWNER, project, seed });
      for (const s of fixtureSheets(1)) loaded.emulator.sheetFromValues(s.name, s.values);
      loaded.ctx.setUpSheets();
      loaded.emulator.edit(`Customers!${idColumn(loaded)}2`, ID_NUMBER);
      return loaded;
    });
    const keys = docs.map((d) => d.emulator.properties.document.get("vaultKey"));
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBeTruthy();
    expect(keys[0]).not.toBe(keys[1]);
    expect(project.scriptProperties.size).toBe(0);
    for (const d of docs) expect(d.ctx.revealSensitive("C0001", "IDNumber")).toBe(ID_NUMBER);
  });
});
