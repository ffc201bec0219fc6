/**
 * The vault keyed by CustomerID (issue 15, item 7): a value typed into a new row is re-keyed to the ID the
 * edit trigger gives it; rows moving never make one customer's value show for another; a deleted
 * customer's value is never inherited by a customer who gets their ID again; a delete through the add-on
 * detaches the values and its undo puts them back.
 */
import type { LoadedBundle } from "../../../src/local/load-bundle";
import { MANAGER, OWNER } from "../../../src/local/faults/fixture";
import { everythingVisible, loadTrustBundle } from "./harness";
import { liveVault } from "./vault-helpers";

const ID_A = "310101199001011234";
const ID_B = "11010519851212678X";
const BANK = "6222021234567890123";

function headers(loaded: LoadedBundle): unknown[] {
  const sheet = loaded.emulator.spreadsheet.getSheetByName("Customers")!;
  return sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
}

function letter(loaded: LoadedBundle, header: string): string {
  const i = headers(loaded).indexOf(header);
  if (i < 0) throw new Error(`no ${header} column`);
  return String.fromCharCode(65 + i);
}

/** A new customer pasted into row `row`: a name and an ID number, no CustomerID (the trigger gives one). */
function pasteNewCustomer(loaded: LoadedBundle, row: number, name: string, idNumber: string): void {
  const h = headers(loaded);
  const at = h.indexOf("IDNumber");
  const values = Array.from({ length: at }, (_, i) => (h[i] === "Name" ? name : ""));
  values.push(idNumber);
  const runs = loaded.emulator.edit(`Customers!B${row}:${letter(loaded, "IDNumber")}${row}`, [
    values.slice(1),
  ]);
  expect(runs.filter((r) => r.error).map((r) => r.error!.message)).toEqual([]);
}

/** Sorts the 13 data rows of Customers in place (as a user sorting the range in Sheets). */
function sortCustomers(loaded: LoadedBundle, by: { column: number; ascending: boolean }): void {
  const sheet = loaded.emulator.spreadsheet.getSheetByName("Customers")!;
  sheet.getRange(2, 1, 13, sheet.getLastColumn()).sort(by);
}

function cell(loaded: LoadedBundle, a1: string): unknown {
  return loaded.emulator.spreadsheet.getSheetByName("Customers")!.getRange(a1).getValue();
}

describe("the vault, keyed by CustomerID", () => {
  it("re-keys a value typed into a new row to the ID the edit trigger gives it", () => {
    const loaded = loadTrustBundle();
    pasteNewCustomer(loaded, 14, "Fresh Ltd", ID_A);
    expect(cell(loaded, "A14")).toBe("C0013");
    expect(cell(loaded, `${letter(loaded, "IDNumber")}14`)).toBe("3101********1234");
    const keys = [...liveVault(loaded).keys()];
    expect(keys).toContain("Customers|C0013|IDNumber");
    expect(keys.filter((k) => k.includes("row:"))).toEqual([]);
    expect(loaded.ctx.revealSensitive("C0013", "IDNumber")).toBe(ID_A);
    expect(everythingVisible(loaded)).not.toContain(ID_A);
  });

  it("after rows move (a sort), each customer reveals their own value", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    const idCol = letter(loaded, "IDNumber");
    emulator.edit(`Customers!${idCol}2`, ID_A);
    emulator.edit(`Customers!${letter(loaded, "BankAccount")}3`, BANK);
    pasteNewCustomer(loaded, 14, "Fresh Ltd", ID_B);
    // Last ID first: every row moves.
    sortCustomers(loaded, { column: 1, ascending: false });
    expect(cell(loaded, "A2")).not.toBe("C0001");
    expect(ctx.revealSensitive("C0001", "IDNumber")).toBe(ID_A);
    expect(ctx.revealSensitive("C0002", "BankAccount")).toBe(BANK);
    expect(ctx.revealSensitive("C0013", "IDNumber")).toBe(ID_B);
    expect(() => ctx.revealSensitive("C0002", "IDNumber")).toThrow("No IDNumber is stored for C0002");
  });

  it("a value sealed under its row (no ID) is never shown for whoever holds that row later", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    const customers = emulator.spreadsheet.getSheetByName("Customers")!;
    const idCol = letter(loaded, "IDNumber");
    // Typed before the add-on ran, in a row without an ID, then sealed by the menu (which stamps no ID).
    customers.getRange(`B14`).setValue("No-ID Ltd");
    customers.getRange(`${idCol}14`).setValue(ID_A);
    ctx.menuSealSensitive();
    expect([...liveVault(loaded).keys()]).toContain("Customers|row:14|IDNumber");
    // By name, last to first: "Customer 1" (C0001, whose own ID-number cell is empty) lands in row 14.
    sortCustomers(loaded, { column: 2, ascending: false });
    expect(cell(loaded, "A14")).toBe("C0001");
    expect(cell(loaded, "B2")).toBe("No-ID Ltd");
    expect(() => ctx.revealSensitive("C0001", "IDNumber")).toThrow("No IDNumber is stored for C0001");
  });

  it("a deleted customer's value is dropped when their ID is given again, even to a row showing their mask", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    const idCol = letter(loaded, "IDNumber");
    pasteNewCustomer(loaded, 14, "Leaver Ltd", ID_A);
    expect(ctx.revealSensitive("C0013", "IDNumber")).toBe(ID_A);
    // Deleted in Sheets (not through the add-on): C0013 is free again, and the next new row gets it.
    emulator.spreadsheet.getSheetByName("Customers")!.deleteRow(14);
    pasteNewCustomer(loaded, 14, "Newcomer Ltd", "");
    expect(cell(loaded, "A14")).toBe("C0013");
    expect([...liveVault(loaded).keys()].filter((k) => k.includes("C0013"))).toEqual([]);
    // An editor copies the old customer's mask into the newcomer's cell: still nothing to reveal.
    emulator.edit(`Customers!${idCol}14`, "3101********1234");
    expect(() => ctx.revealSensitive("C0013", "IDNumber")).toThrow("No IDNumber is stored for C0013");
    expect(everythingVisible(loaded)).not.toContain(ID_A);
  });

  it("a row showing another value's mask than the one stored reveals nothing", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    const idCol = letter(loaded, "IDNumber");
    emulator.edit(`Customers!${idCol}2`, ID_A);
    // Written past the trigger (as a restore of an older sheet, or another script, might).
    emulator.spreadsheet.getSheetByName("Customers")!.getRange(`${idCol}2`).setValue("1101********678X");
    expect(() => ctx.revealSensitive("C0001", "IDNumber")).toThrow("No IDNumber is stored for C0001");
  });

  it("a delete through the add-on detaches the values (a reused ID starts empty); undo puts them back", () => {
    const loaded = loadTrustBundle(1, OWNER);
    const { emulator, ctx } = loaded;
    const idCol = letter(loaded, "IDNumber");
    emulator.edit(`Customers!${idCol}13`, ID_A);
    const deleted = ctx.batchDeleteCustomers(["C0012"]);
    expect(deleted.deleted).toBe(1);
    const live = [...liveVault(loaded).keys()];
    expect(live.filter((k) => k.startsWith("Customers|C0012|"))).toEqual([]);
    expect(live.filter((k) => k.startsWith("Customers#") && k.includes("|C0012|"))).toHaveLength(1);
    ctx.undoDelete(deleted.undoToken);
    expect(cell(loaded, "A13")).toBe("C0012");
    expect([...liveVault(loaded).keys()].filter((k) => k.startsWith("Customers#"))).toEqual([]);
    emulator.setUser(MANAGER);
    expect(ctx.revealSensitive("C0012", "IDNumber")).toBe(ID_A);
  });
});
