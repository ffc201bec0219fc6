/**
 * Attacks on the audit trail (issue 15, item 6), each against the built bundle on the emulator: the log
 * tampered with by someone who may edit it (edited, deleted, inserted, reordered rows, the newest ones cut,
 * the links recomputed), an editor whose e-mail Google hides, a viewer calling export in a loop to fill
 * the queue of waiting entries, and a delete attempted when that queue is full. Each is found by the
 * verifier at the first broken link, or refused before anything changes; nothing goes unaudited.
 */
import { createHash, createHmac } from "node:crypto";
import { chainInput, parseDigestCell } from "../../../src/core/trust/audit-chain";
import { MANAGER, OWNER, VIEWER } from "../../../src/local/faults/fixture";
import type { LoadedBundle } from "../../../src/local/load-bundle";
import { auditRows, loadTrustBundle } from "./harness";

const QUERY = { search: "", filters: {}, sort: null, page: 1, pageSize: 25 };

/** A cell as the chain covers it: a date as its wall clock in the book's zone (Asia/Shanghai, +08:00). */
const asTheChainReadsIt = (v: unknown) =>
  Object.prototype.toString.call(v) === "[object Date]"
    ? new Date((v as Date).getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ")
    : String(v);

/** A book whose log holds ten linked entries (rows 2–11): edits by the owner, then a backup job. */
function bookWithLog(): LoadedBundle {
  const loaded = loadTrustBundle();
  for (let i = 0; i < 9; i++) loaded.emulator.edit(`Customers!X${i + 2}`, `note ${i}`);
  loaded.ctx.menuBackupNow();
  expect(loaded.ctx.verifyAuditLog()).toMatchObject({ ok: true, entries: 10 });
  return loaded;
}

const log = (loaded: LoadedBundle) => loaded.emulator.spreadsheet.getSheetByName("AuditLog")!;
const rowValues = (loaded: LoadedBundle, row: number) => log(loaded).getRange(row, 1, 1, 10).getValues()[0];
const broken = (loaded: LoadedBundle) => loaded.ctx.verifyAuditLog().broken;
const queuedKeys = (loaded: LoadedBundle) =>
  [...loaded.emulator.properties.document.entries()].filter(([k]) => k.startsWith("auditQueue:"));
const queuedBytes = (loaded: LoadedBundle) =>
  queuedKeys(loaded).reduce((n, [k, v]) => n + Buffer.byteLength(k + v, "utf8"), 0);

describe("tampering with the audit log", () => {
  it("an entry edited in the sheet (by its owner, through the UI) is found at its row", () => {
    const loaded = bookWithLog();
    loaded.emulator.edit("AuditLog!F5", "nothing to see"); // the edit itself is audited, and chained
    const check = loaded.ctx.verifyAuditLog();
    expect(check.broken).toMatchObject({ kind: "edited", sheet: "AuditLog", row: 5, expected: 4 });
    expect(check.entries).toBe(3);
    expect(check.message).toBe(
      "The audit log is broken at AuditLog row 5 (3 entries verified before it): entry #4 was edited after it was written.",
    );
    // The editor of the log is on record: the edit of AuditLog!F5 is the newest entry.
    expect(auditRows(loaded).at(-1)!.slice(1, 4)).toEqual([OWNER, "AuditLog", "F5"]);
  });

  it("a deleted entry is found where the gap is", () => {
    const loaded = bookWithLog();
    log(loaded).deleteRow(6);
    expect(broken(loaded)).toMatchObject({ kind: "deleted", row: 6, expected: 5, count: 1 });
  });

  it("a forged entry inserted between two is found", () => {
    const loaded = bookWithLog();
    const sheet = log(loaded);
    const forged = [...rowValues(loaded, 4)];
    forged[1] = "someone.else@example.com";
    forged[9] = `4:${"a".repeat(64)}`; // a link of the right shape, which no one without the key can make
    sheet.insertRowBefore(5);
    sheet.getRange(5, 1, 1, 10).setValues([forged]);
    expect(broken(loaded)).toMatchObject({ kind: "inserted", row: 5, count: 1 });
  });

  it("reordered entries are found, with where the expected one went", () => {
    const loaded = bookWithLog();
    const [a, b] = [rowValues(loaded, 4), rowValues(loaded, 8)];
    log(loaded).getRange(4, 1, 1, 10).setValues([b]);
    log(loaded).getRange(8, 1, 1, 10).setValues([a]);
    expect(broken(loaded)).toMatchObject({
      kind: "reordered",
      row: 4,
      expected: 3,
      foundAt: { sheet: "AuditLog", row: 8 },
    });
  });

  it("the newest entries cut from the end are found (the add-on recorded the newest link)", () => {
    const loaded = bookWithLog();
    log(loaded).deleteRows(9, 3);
    expect(broken(loaded)).toMatchObject({ kind: "deleted", row: 9, expected: 8, count: 3 });
  });

  it("links recomputed by hand (SHA-256 without the add-on's key) do not pass", () => {
    const loaded = bookWithLog();
    const sheet = log(loaded);
    const values = sheet.getRange(2, 1, 10, 10).getValues();
    // The attacker's text of an entry is right: with the key, it gives the stored link.
    const { key } = JSON.parse(loaded.emulator.properties.document.get("auditChain")!) as { key: string };
    const second = parseDigestCell(values[1][9])!;
    const text = chainInput(
      parseDigestCell(values[0][9])!.digest,
      2,
      values[1].slice(0, 9).map(asTheChainReadsIt),
    );
    expect(createHmac("sha256", key).update(text, "utf8").digest("hex")).toBe(second.digest);
    values[3][5] = "rewritten";
    // The attacker rebuilds every link from the edited entry on, exactly as a plain (unkeyed) SHA-256
    // chain would allow: with the add-on's key in document properties, out of an editor's reach, they fail.
    let prev = parseDigestCell(values[2][9])!.digest;
    for (let i = 3; i < values.length; i++) {
      const seq = i + 1;
      const fields = values[i].slice(0, 9).map(asTheChainReadsIt);
      prev = createHash("sha256")
        .update(chainInput(prev, seq, fields))
        .digest("hex");
      values[i][9] = `${seq}:${prev}`;
    }
    sheet.getRange(2, 1, 10, 10).setValues(values);
    expect(broken(loaded)).toMatchObject({ kind: "edited", row: 5, expected: 4 });
  });
});

describe("who the log names", () => {
  it("an editor whose e-mail Google hides is an unknown editor, never the trigger's owner", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    emulator.edit("Customers!B2", "hidden hand", { user: "stranger@gmail.com" });
    emulator.edit("Customers!B3", "paste", { user: "stranger@gmail.com" });
    emulator.edit("Customers!B4:B5", [["p"], ["q"]], { user: MANAGER });
    const rows = auditRows(loaded);
    expect(rows.map((r) => r[1])).toEqual(["(unknown editor)", "(unknown editor)", "(unknown editor)"]);
    expect(rows.some((r) => r[1] === OWNER)).toBe(false);
    // The owner's own edit, by contrast, is the owner's (the trigger runs as its owner).
    emulator.edit("Customers!B6", "mine", { user: OWNER });
    expect(auditRows(loaded).at(-1)![1]).toBe(OWNER);
    expect(ctx.verifyAuditLog()).toMatchObject({ ok: true, entries: 4 });
  });
});

describe("the queue of waiting entries", () => {
  it("a viewer exporting in a loop is refused long before the queue fills; each export it made is audited", () => {
    const loaded = loadTrustBundle();
    const { emulator } = loaded;
    emulator.edit("Customers!B2", "first"); // the owner's log exists; the viewer may not write it
    emulator.setUser(VIEWER);
    let exported = 0;
    let refusal: Error | null = null;
    for (let i = 0; i < 200 && refusal === null; i++) {
      try {
        loaded.run("exportCustomers", QUERY, "csv", "en");
        exported++;
      } catch (e) {
        refusal = e as Error;
      }
    }
    expect(refusal?.message).toMatch(/^Not done: too many exports and reveals are still waiting/);
    expect(exported).toBeGreaterThan(5);
    expect(exported).toBeLessThan(60);
    const exports = auditRows(loaded).filter((r) => r[6] === "Export customers");
    expect(exports).toHaveLength(exported);
    expect(exports.every((r) => r[1] === VIEWER)).toBe(true);
    // Capped at a small share of the 100 KB queue; more calls are refused and add nothing.
    const bytes = queuedBytes(loaded);
    expect(bytes).toBeLessThan(8 * 1024);
    for (let i = 0; i < 20; i++)
      expect(() => loaded.run("exportCustomers", QUERY, "csv", "en")).toThrow(/Not done/);
    expect(queuedBytes(loaded)).toBe(bytes);
    // A manager's delete is still admitted, and audited.
    emulator.setUser(MANAGER);
    loaded.run("batchDeleteCustomers", ["C0011"]);
    expect(auditRows(loaded).at(-1)!.slice(1, 2).concat(auditRows(loaded).at(-1)![6])).toEqual([
      MANAGER,
      "Batch delete customers",
    ]);
    // Once the owner's next edit stores the waiting entries, the viewer may export again.
    emulator.setUser(OWNER);
    emulator.edit("Customers!B3", "second");
    expect(queuedKeys(loaded)).toEqual([]);
    emulator.setUser(VIEWER);
    expect(loaded.run("exportCustomers", QUERY, "csv", "en").rows).toBeGreaterThan(0);
    emulator.setUser(OWNER);
    expect(loaded.ctx.verifyAuditLog()).toMatchObject({ ok: true, waiting: 1 });
  });

  it("when the queue is full, a delete (or a menu job) fails closed: refused before it runs, nothing changed or queued", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    emulator.edit("Customers!B2", "first");
    // The edit trigger installed by a manager, who cannot write the owner-only log: edits queue.
    const ScriptApp = emulator.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
    for (const t of ScriptApp.getUserTriggers(emulator.spreadsheet)) ScriptApp.deleteTrigger(t);
    emulator.setUser(MANAGER);
    emulator.execution(() =>
      ScriptApp.newTrigger("handleEdit").forSpreadsheet(emulator.spreadsheet).onEdit().create(),
    );
    const paste = Array.from({ length: 12 }, (_, i) => [`客户备注${i}：`.repeat(300)]);
    let full = false;
    for (let i = 0; i < 12 && !full; i++)
      full = emulator.edit("Customers!X2:X13", paste, { user: MANAGER }).some((r) => r.error);
    expect(full).toBe(true);
    const customers = () => JSON.stringify(emulator.snapshot().sheets.find((s) => s.name === "Customers"));
    const before = { customers: customers(), queue: JSON.stringify(queuedKeys(loaded)) };
    expect(() => loaded.run("batchDeleteCustomers", ["C0011"])).toThrow(
      /^Not done: the audit log cannot record this now\. \d+ KB of audit entries already wait .* Nothing was changed; try again then\.$/,
    );
    expect(customers()).toBe(before.customers);
    expect(JSON.stringify(queuedKeys(loaded))).toBe(before.queue);
    // A job from the menu fails closed the same way.
    expect(() => ctx.menuSealSensitive()).toThrow(/^Not done: the audit log cannot record this now/);
    expect(customers()).toBe(before.customers);
    expect(JSON.stringify(queuedKeys(loaded))).toBe(before.queue);
    // The owner's call stores the waiting entries first; then the manager's delete goes through, audited.
    emulator.setUser(OWNER);
    ctx.clearProblemMarks();
    emulator.setUser(MANAGER);
    loaded.run("batchDeleteCustomers", ["C0011"]);
    expect(customers()).not.toBe(before.customers);
    expect(auditRows(loaded).at(-1)![6]).toBe("Batch delete customers");
  });
});
