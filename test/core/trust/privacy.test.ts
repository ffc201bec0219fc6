import { mapHeaders } from "../../../src/core/schema/headers";
import { ORDERS } from "../../../src/core/schema/sheets";
import {
  erasuresSince,
  isPseudonym,
  neededErasures,
  packErasures,
  parseErasures,
  pseudonymOf,
  type Erasure,
} from "../../../src/core/trust/privacy-erasures";
import { privacyJson, privacySheet, PRIVACY_EXPORT_FORMAT } from "../../../src/core/trust/privacy-export";
import { mentions, personMarks, pseudonymisedOrder } from "../../../src/core/trust/privacy-scrub";

const who = personMarks("C0006", {
  Name: "  Acme   Trading ",
  ContactName: "X",
  Email: "Li.Wei@Example.com",
  Phone: "+86 138 0013 8000",
});

describe("what names a customer", () => {
  it("takes names (2+ characters), e-mails and phone digits from their row", () => {
    expect(who).toEqual({
      id: "C0006",
      names: ["acme trading"],
      emails: ["li.wei@example.com"],
      phones: ["13800138000"],
    });
  });

  it("finds their ID as a whole word only", () => {
    expect(mentions("call C0006 back", who)).toBe(true);
    expect(mentions("c0006", who)).toBe(true);
    expect(mentions("C00061", who)).toBe(false);
    expect(mentions("XC0006", who)).toBe(false);
  });

  it("finds their name when a cell is the name, their e-mail or phone anywhere", () => {
    expect(mentions("ACME trading", who)).toBe(true);
    expect(mentions("Acme Trading Ltd", who)).toBe(false);
    expect(mentions("mail li.wei@example.com today", who)).toBe(true);
    expect(mentions("tel 138-0013-8000", who)).toBe(true);
    expect(mentions(13800138000, who)).toBe(true);
    expect(mentions("138001", who)).toBe(false);
    expect(mentions(new Date(), who)).toBe(false);
    expect(mentions("", who)).toBe(false);
  });

  it("reads a 50,000-character cell in linear time", () => {
    const long = "C000".repeat(12_500);
    const started = Date.now();
    expect(mentions(long, who)).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe("an erased customer's order line", () => {
  const header = [...ORDERS.columns.map((c) => c.header.en), "Gift note"];
  const map = mapHeaders(ORDERS, header);
  const row = ["O1", "C0006", new Date(0), "Tea for Acme Trading", "", 2, 99, "", "Paid", "", "for Li Wei"];

  it("carries the pseudonym, keeps the books' columns, empties the user's columns", () => {
    const out = pseudonymisedOrder(row, map, "ERASED-0123456789ab", who);
    expect(out.row).toEqual(["O1", "ERASED-0123456789ab", row[2], row[3], "", 2, 99, "", "Paid", "", ""]);
    expect(out.changed).toEqual([1, 10]);
  });

  it("empties a canonical cell that names them", () => {
    const named = [...row];
    named[3] = "Acme Trading";
    expect(pseudonymisedOrder(named, map, "ERASED-0123456789ab", who).row[3]).toBe("");
  });
});

describe("the erasure list", () => {
  const e = (id: string, at: number): Erasure => ({ id, pseudonym: pseudonymOf("ab".repeat(16)), at });

  it("makes pseudonyms from digests and knows them", () => {
    expect(pseudonymOf("0123456789ABCDEF")).toBe("ERASED-0123456789ab");
    expect(isPseudonym("ERASED-0123456789ab")).toBe(true);
    expect(isPseudonym("C0006")).toBe(false);
    expect(() => pseudonymOf("abc")).toThrow();
  });

  it("packs into values under the size given and reads them back, skipping what is malformed", () => {
    const list = Array.from({ length: 300 }, (_, i) => e(`sealed-${i}`, 1000 + i));
    const values = packErasures(list, 2048);
    expect(values.length).toBeGreaterThan(1);
    for (const v of values) expect(Buffer.byteLength(v)).toBeLessThanOrEqual(2048);
    expect(parseErasures([...values].reverse())).toEqual(list);
    expect(parseErasures(["not json", '[["x","not-a-pseudonym",1]]', null, "{}"])).toEqual([]);
  });

  it("applies to data made before each erasure, once per ID (its earliest erasure after it)", () => {
    const list = [e("a1", 100), e("b", 200), e("a2", 300)];
    const idOf = (x: Erasure) => x.id.slice(0, 1);
    expect(erasuresSince(list, 50, idOf).map((x) => x.erasure.id)).toEqual(["a1", "b"]);
    expect(erasuresSince(list, 150, idOf).map((x) => x.erasure.id)).toEqual(["b", "a2"]);
    expect(erasuresSince(list, 300, idOf)).toEqual([]);
  });

  it("is kept only while some backup predates the erasure", () => {
    const list = [e("a", 100), e("b", 200)];
    expect(neededErasures(list, [150]).map((x) => x.id)).toEqual(["b"]);
    expect(neededErasures(list, [])).toEqual([]);
    expect(neededErasures(list, [50, 250])).toEqual(list);
  });
});

describe("the export document", () => {
  const doc = {
    format: PRIVACY_EXPORT_FORMAT,
    customerId: "C0006",
    exportedAt: "2026-11-23T09:00:00.000Z",
    exportedBy: "owner@example.com",
    notes: ["a note"],
    sections: [
      {
        key: "customer",
        title: "Customers",
        header: ["CustomerID", "Name", "Name"],
        rows: [["C0006", "Acme", "dup"]],
      },
      { key: "orders", title: "Orders", header: ["OrderID", ""], rows: [["O1", 99]] },
    ],
  } as const;

  it("as JSON: sections by key, rows as objects (repeated or blank headers get their column)", () => {
    const json = JSON.parse(privacyJson(doc));
    expect(json.format).toBe(PRIVACY_EXPORT_FORMAT);
    expect(json.sections.customer.rows).toEqual([{ CustomerID: "C0006", Name: "Acme", "Name (3)": "dup" }]);
    expect(json.sections.orders.rows).toEqual([{ OrderID: "O1", "Column 2": 99 }]);
  });

  it("as one sheet: title, notes, then each section's title, header and rows", () => {
    const sheet = privacySheet(doc);
    expect(sheet.header).toEqual(["Privacy export", "C0006"]);
    expect(sheet.rows).toContainEqual(["Customers (1)"]);
    expect(sheet.rows).toContainEqual(["C0006", "Acme", "dup"]);
    expect(sheet.rows).toContainEqual(["Note", "a note"]);
    expect(sheet.rows.findIndex((r) => r[0] === "Orders (1)")).toBeGreaterThan(
      sheet.rows.findIndex((r) => r[0] === "C0006"),
    );
  });
});
