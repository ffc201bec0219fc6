/**
 * Privacy requests (GDPR / PIPL; issue 15): "Export one customer" hands over everything the book holds about
 * them, as JSON and XLSX, the vault decrypted for the owner only; "Erase one customer" removes their rows,
 * vault values, send-log entries and mentions, keeps their orders under a pseudonym, audits without
 * personal data, and a delete's undo made before the erasure does not bring them back.
 */
import ExcelJS from "exceljs";
import { SEND_LOG_HEADERS } from "../../../src/core/notify/send-log";
import type { LoadedBundle } from "../../../src/local/load-bundle";
import { MANAGER, OWNER, SALES_A, SALES_B, VIEWER } from "../../../src/local/faults/fixture";
import type { PrivacyExport } from "../../../src/shared/privacy";
import { auditRows, loadTrustBundle } from "./harness";
import { liveVault } from "./vault-helpers";

const ID_NUMBER = "310101199001011234";
/** Customer 6 of the fixture: sales rep B's, two interactions' worth of data, a feedback row. */
const ID = "C0006";
const PERSONAL = [
  "Customer 6",
  "Contact 6",
  "c6@example.com",
  "0000 1006",
  "call 6",
  "ok 6",
  "note 6",
  "private 6",
];

function letter(loaded: LoadedBundle, header: string): string {
  const sheet = loaded.emulator.spreadsheet.getSheetByName("Customers")!;
  const i = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].indexOf(header);
  return String.fromCharCode(65 + i);
}

function values(loaded: LoadedBundle, tab: string): unknown[][] {
  const sheet = loaded.emulator.spreadsheet.getSheetByName(tab);
  return sheet ? sheet.getDataRange().getValues() : [];
}

/** Rows of `tab` whose CustomerID column holds `id`. */
function rowsOf(loaded: LoadedBundle, tab: string, id: string): unknown[][] {
  const [header, ...rows] = values(loaded, tab);
  const at = header.indexOf("CustomerID");
  return rows.filter((r) => r[at] === id);
}

/**
 * The fixture plus what a book in use holds about customer 6: a sealed ID number, a send-log entry about
 * them (and one about customer 5), an edit in the audit log naming them, and a note in a tab of the user's.
 */
function usedBook(user = OWNER): LoadedBundle {
  const loaded = loadTrustBundle(1, user);
  const { emulator } = loaded;
  emulator.edit(`Customers!${letter(loaded, "IDNumber")}7`, ID_NUMBER, { user: OWNER });
  emulator.edit("Customers!B7", "Customer 6", { user: OWNER });
  const log = emulator.sheetFromValues("SendLog", [
    [...SEND_LOG_HEADERS],
    ["2026-11-19", "c6@example.com", ID, "welcome", "sent", "2026-11-19T01:00:00.000Z", "", "job:welcome"],
    ["2026-11-19", SALES_A, "C0005", "idle", "sent", "2026-11-19T01:00:00.000Z", "", "job:daily"],
  ]);
  log.hideSheet();
  emulator.sheetFromValues("My notes", [
    ["What", "Who"],
    ["call back tomorrow", ID],
    ["order more tea", "C0005"],
  ]);
  return loaded;
}

function jsonOf(out: PrivacyExport): {
  customerId: string;
  sections: Record<string, { rows: Record<string, unknown>[] }>;
  notes: string[];
} {
  return JSON.parse(Buffer.from(out.json.base64, "base64").toString("utf8"));
}

async function xlsxText(out: PrivacyExport): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(out.xlsx.base64, "base64") as unknown as ArrayBuffer);
  const cells: string[] = [];
  book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((c) => cells.push(String(c.value)))));
  return cells.join("\n");
}

describe("export one customer's data", () => {
  it("holds everything about them, the vault decrypted for the owner, as JSON and XLSX; audited", async () => {
    const loaded = usedBook(OWNER);
    loaded.run("classifyNow");
    const out = loaded.run("exportCustomerData", ID) as PrivacyExport;
    expect(out.decrypted).toBe(true);
    const doc = jsonOf(out);
    expect(doc.customerId).toBe(ID);
    const s = doc.sections;
    expect(s.customer.rows).toHaveLength(1);
    expect(s.customer.rows[0]).toMatchObject({ CustomerID: ID, Name: "Customer 6", Email: "c6@example.com" });
    expect(s.orders.rows).toHaveLength(rowsOf(loaded, "Orders", ID).length);
    expect(s.orders.rows.length).toBeGreaterThan(0);
    expect(s.interactions.rows).toEqual([expect.objectContaining({ CustomerID: ID, Summary: "call 6" })]);
    expect(s.feedback.rows).toEqual([expect.objectContaining({ CustomerID: ID, Comment: "ok 6" })]);
    expect(s.vault.rows).toEqual([{ Column: "IDNumber", Value: ID_NUMBER, State: "decrypted" }]);
    expect(s.mails.rows).toEqual([expect.objectContaining({ Recipient: "c6@example.com", Rule: "welcome" })]);
    expect(s.audit.rows.some((r) => r.NewValue === "Customer 6")).toBe(true);
    expect(s.mentions.rows).toEqual([{ Tab: "My notes", Cell: "B2", Value: ID }]);
    expect(s.segments.rows).toEqual([{ WeekStart: expect.any(String), Segment: expect.any(String) }]);
    // Nobody else's data: customer 5's mail and note, or the others' segment lines, are not in it.
    expect(JSON.stringify(doc)).not.toContain("C0005");
    const sheet = await xlsxText(out);
    for (const text of [ID_NUMBER, "Customer 6", "call 6", "ok 6", "Orders (", "Mails (send log) (1)"])
      expect(sheet).toContain(text);
    expect(out.json.filename).toMatch(/^privacy-C0006-\d{4}-\d{2}-\d{2}\.json$/);
    expect(out.xlsx.filename).toMatch(/\.xlsx$/);
    const entry = auditRows(loaded).at(-1)!;
    expect(entry.slice(1, 2)).toEqual([OWNER]);
    expect(entry[6]).toBe("Export customer data");
    expect(entry[8]).toBe(`privacy export of ${ID} (encrypted fields decrypted)`);
  });

  it("gives a manager the masks, not the decrypted values", () => {
    const loaded = usedBook(MANAGER);
    const out = loaded.run("exportCustomerData", ID) as PrivacyExport;
    expect(out.decrypted).toBe(false);
    const doc = jsonOf(out);
    expect(doc.sections.vault.rows).toEqual([
      { Column: "IDNumber", Value: "3101********1234", State: "masked" },
    ]);
    expect(Buffer.from(out.json.base64, "base64").toString("utf8")).not.toContain(ID_NUMBER);
    expect(Buffer.from(out.xlsx.base64, "base64").toString("latin1")).not.toContain(ID_NUMBER);
  });

  it("is refused to sales and viewers, and names nothing for an unknown ID", () => {
    for (const user of [SALES_A, SALES_B, VIEWER]) {
      const loaded = usedBook(user);
      expect(() => loaded.run("exportCustomerData", ID)).toThrow(/does not allow/);
    }
    const loaded = usedBook(OWNER);
    expect(() => loaded.run("exportCustomerData", "C9999")).toThrow('There is no customer "C9999".');
    expect(() => loaded.run("exportCustomerData", "")).toThrow("Give the CustomerID of the customer.");
  });
});

describe("erase one customer", () => {
  it("removes them everywhere, keeps their orders under a pseudonym, and audits no personal data", () => {
    const loaded = usedBook(MANAGER);
    const { emulator } = loaded;
    // Classified, so the weekly segment snapshot (one packed cell for every customer) holds them too.
    loaded.run("classifyNow");
    const snapshot = String(values(loaded, "SegmentHistory")[1][2]);
    expect(snapshot).toContain(`${ID}\t`);
    const orders = rowsOf(loaded, "Orders", ID);
    const ordersTotal = values(loaded, "Orders").length;
    // Seen in the sidebar first, so the browse caches hold them.
    expect(
      JSON.stringify(
        loaded.run("listCustomers", { search: "", filters: {}, sort: null, page: 1, pageSize: 25 }, "en"),
      ),
    ).toContain("Customer 6");
    const result = loaded.run("eraseCustomer", ID) as Record<string, unknown>;
    const pseudonym = String(result.pseudonym);
    expect(pseudonym).toMatch(/^ERASED-[0-9a-f]{12}$/);
    expect(result).toMatchObject({
      customers: 1,
      interactions: 1,
      feedback: 1,
      ordersPseudonymised: orders.length,
      vaultValues: 1,
      sendLogEntries: 1,
      segmentHistory: 1,
      otherCells: 1,
    });
    // Everyone else's snapshot lines stay.
    expect(String(values(loaded, "SegmentHistory")[1][2])).toBe(
      snapshot
        .split("\n")
        .filter((l) => !l.includes(`${ID}\t`))
        .join("\n"),
    );
    expect(rowsOf(loaded, "Customers", ID)).toEqual([]);
    expect(rowsOf(loaded, "Interactions", ID)).toEqual([]);
    expect(rowsOf(loaded, "Feedback", ID)).toEqual([]);
    // The books still add up: the same order lines, amounts and dates, under the pseudonym.
    expect(values(loaded, "Orders")).toHaveLength(ordersTotal);
    const kept = rowsOf(loaded, "Orders", pseudonym);
    const header = values(loaded, "Orders")[0];
    const amount = header.indexOf("Amount");
    expect(kept.map((r) => r[amount])).toEqual(orders.map((r) => r[amount]));
    expect([...liveVault(loaded).keys()].filter((k) => k.includes(ID))).toEqual([]);
    expect(values(loaded, "SendLog").map((r) => r[2])).toEqual(["CustomerID", "C0005"]);
    expect(values(loaded, "My notes")).toEqual([
      ["What", "Who"],
      ["call back tomorrow", ""],
      ["order more tea", "C0005"],
    ]);
    // Nothing personal of theirs is left in any tab but the audit log (hash-chained, kept as the record).
    // The manager may not write the owner-only vault tab: its deletion waits in the queue until the owner's
    // next write (here: the edit trigger, which runs as the owner), which rewrites the tab without them.
    emulator.edit(`Customers!${letter(loaded, "IDNumber")}2`, "110105198512126789");
    const book = JSON.stringify(
      emulator.spreadsheet
        .getSheets()
        .filter((s) => !s.getName().startsWith("AuditLog"))
        .map((s) => s.getDataRange().getValues()),
    );
    for (const text of [...PERSONAL, ID_NUMBER]) expect(book).not.toContain(text);
    expect(book).not.toMatch(/C0006(?![0-9])/);
    expect([...emulator.properties.document.keys()].filter((k) => k.startsWith("vaultQueue:"))).toEqual([]);
    // The sidebar no longer shows them.
    expect(
      JSON.stringify(
        loaded.run("listCustomers", { search: "", filters: {}, sort: null, page: 1, pageSize: 25 }, "en"),
      ),
    ).not.toContain("Customer 6");
    const entry = auditRows(loaded).find((r) => r[6] === "Erase customer")!;
    expect(entry[1]).toBe(MANAGER);
    expect(String(entry[8])).toContain(pseudonym);
    for (const text of [ID, ...PERSONAL]) expect(String(entry.join("|"))).not.toContain(text);
  });

  it("cut short, is finished by running it again, under the same pseudonym", () => {
    const loaded = usedBook(OWNER);
    const orders = rowsOf(loaded, "Orders", ID).length;
    // The orders are pseudonymised, then the run dies at its first row delete (the interactions).
    loaded.emulator.faults.failAtCall(1, "Service error: Spreadsheets", "Sheet.deleteRows");
    expect(() => loaded.run("eraseCustomer", ID)).toThrow("Service error");
    loaded.emulator.faults.reset();
    const [header, ...lines] = values(loaded, "Orders");
    const half = lines
      .map((r) => String(r[header.indexOf("CustomerID")]))
      .filter((v) => v.startsWith("ERASED-"));
    expect(half).toHaveLength(orders);
    expect(rowsOf(loaded, "Customers", ID)).toHaveLength(1);
    const result = loaded.run("eraseCustomer", ID) as { pseudonym: string; sendLogEntries: number };
    expect(result.pseudonym).toBe(half[0]);
    expect(result.sendLogEntries).toBe(1);
    expect(rowsOf(loaded, "Orders", result.pseudonym)).toHaveLength(orders);
    expect(rowsOf(loaded, "Customers", ID)).toEqual([]);
    expect(rowsOf(loaded, "Interactions", ID)).toEqual([]);
  });

  it("is refused to sales and viewers before anything changes", () => {
    for (const user of [SALES_B, VIEWER]) {
      const loaded = usedBook(user);
      const before = JSON.stringify(loaded.emulator.snapshot());
      expect(() => loaded.run("eraseCustomer", ID)).toThrow(/does not allow/);
      expect(JSON.stringify(loaded.emulator.snapshot())).toBe(before);
    }
  });

  it("refuses an ID the book holds nothing under without echoing it, and an erased one's pseudonym", () => {
    const loaded = usedBook(OWNER);
    expect(() => loaded.run("eraseCustomer", "C9999")).toThrow(
      "The book holds nothing under that CustomerID.",
    );
    const failed = auditRows(loaded).at(-1)!;
    expect(String(failed[8])).not.toContain("C9999");
    const { pseudonym } = loaded.run("eraseCustomer", ID) as { pseudonym: string };
    expect(() => loaded.run("eraseCustomer", pseudonym)).toThrow("That customer was erased already.");
    // Erasing again finds nothing left.
    expect(() => loaded.run("eraseCustomer", ID)).toThrow("The book holds nothing under that CustomerID.");
  });

  it("a restore of a backup made before the erasure erases them again from what it wrote", () => {
    const loaded = usedBook(OWNER);
    const { ctx, emulator } = loaded;
    ctx.menuBackupNow();
    const [backup] = ctx.listBackups();
    emulator.clock.advance(60_000);
    const { pseudonym } = ctx.eraseCustomer(ID);
    emulator.clock.advance(60_000);
    ctx.restoreBackup(backup.id);
    // The other customers come back as the backup holds them; the erased one does not, anywhere.
    expect(rowsOf(loaded, "Customers", "C0005")).toHaveLength(1);
    expect(rowsOf(loaded, "Customers", ID)).toEqual([]);
    expect(rowsOf(loaded, "Interactions", ID)).toEqual([]);
    expect(rowsOf(loaded, "Orders", ID)).toEqual([]);
    expect(rowsOf(loaded, "Orders", pseudonym).length).toBeGreaterThan(0);
    const book = ["Customers", "Orders", "Interactions", "Feedback"].map((t) =>
      JSON.stringify(values(loaded, t)),
    );
    for (const p of PERSONAL) expect(book.join("\n")).not.toContain(p);
    expect([...liveVault(loaded).keys()].filter((k) => k.includes(ID))).toEqual([]);
  });

  it("an undo of a delete made before the erasure does not bring them back; the erasure list holds no ID", () => {
    const loaded = usedBook(OWNER);
    const { ctx, emulator } = loaded;
    const deleted = ctx.batchDeleteCustomers([ID, "C0005"]);
    const { pseudonym } = ctx.eraseCustomer(ID);
    const list = [...emulator.properties.document.entries()].filter(([k]) =>
      k.startsWith("privacyErasures:"),
    );
    expect(list).toHaveLength(1);
    expect(list[0][1]).toContain(pseudonym);
    expect(list[0][1]).not.toContain(ID);
    ctx.undoDelete(deleted.undoToken);
    expect(rowsOf(loaded, "Customers", "C0005")).toHaveLength(1);
    expect(rowsOf(loaded, "Customers", ID)).toEqual([]);
    expect([...liveVault(loaded).keys()].filter((k) => k.includes(ID))).toEqual([]);
  });
});
