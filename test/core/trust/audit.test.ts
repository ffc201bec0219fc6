import {
  AUDIT_FIELDS,
  AUDIT_HEADERS,
  archiveName,
  auditRow,
  clip,
  logCell,
  needsRollover,
} from "../../../src/core/trust/audit";

const at = new Date("2026-11-23T10:00:00Z");

describe("audit rows", () => {
  it("a single-cell edit records sheet, A1, old and new", () => {
    expect(
      auditRow({
        kind: "edit",
        at,
        user: "a@x.com",
        sheet: "Customers",
        range: "B2",
        oldValue: "Old",
        newValue: 5,
      }),
    ).toEqual([at, "a@x.com", "Customers", "B2", "Old", 5, "", "", ""]);
  });

  it("a paste records both grids and where the old values came from", () => {
    const row = auditRow({
      kind: "paste",
      at,
      user: "a@x.com",
      sheet: "Customers",
      range: "B2:C3",
      oldValues: [
        ["a", "b"],
        ["c", "d"],
      ],
      newValues: [
        ["1", "2"],
        ["3", "4"],
      ],
      snapshot: "Backup 2026-11-23 09:00:00 Customers",
    });
    expect(JSON.parse(row[4] as string)).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(JSON.parse(row[5] as string)).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(row[8]).toContain("Backup 2026-11-23 09:00:00 Customers");
    const none = auditRow({
      ...{ kind: "paste" as const, at, user: "", sheet: "S", range: "A1:B1" },
      oldValues: null,
      newValues: [[1, 2]],
    });
    expect(none[4]).toBe("");
    expect(none[8]).toContain("no snapshot");
  });

  it("holds the time to the whole second (what a date cell keeps exactly) and the fields only", () => {
    const row = auditRow({
      kind: "job",
      at: new Date("2026-11-23T10:00:05.987Z"),
      user: "m@x.com",
      job: "classify",
      rows: 1,
      detail: "ok",
    });
    expect(row[0]).toEqual(new Date("2026-11-23T10:00:05.000Z"));
    expect(row).toHaveLength(AUDIT_FIELDS.length);
    expect(AUDIT_HEADERS).toEqual([...AUDIT_FIELDS, "Digest"]);
  });

  it("a job entry names the job, the rows and the detail", () => {
    expect(auditRow({ kind: "job", at, user: "m@x.com", job: "classify", rows: 12, detail: "ok" })).toEqual([
      at,
      "m@x.com",
      "",
      "",
      "",
      "",
      "classify",
      12,
      "ok",
    ]);
  });

  it("a reveal entry says whose field was revealed but not its value", () => {
    const row = auditRow({
      kind: "reveal",
      at,
      user: "m@x.com",
      sheet: "Customers",
      rowKey: "C0001",
      column: "IDNumber",
    });
    expect(row[6]).toBe("reveal");
    expect(row[8]).toBe("revealed IDNumber of C0001");
  });

  it("keeps text as it is (the sheet writer stores it as text, never a formula) and clips past the cell limit", () => {
    expect(logCell("=IMPORTXML(1)")).toBe("=IMPORTXML(1)");
    expect(logCell("-1+2")).toBe("-1+2");
    expect(logCell(-5)).toBe(-5);
    const long = "x".repeat(60_000);
    const cut = clip(long);
    expect(cut.length).toBe(50_000);
    expect(cut).toMatch(/…\(\+\d+ chars\)$/);
  });
});

describe("roll-over", () => {
  it("rolls over before a batch would pass the limit, never for an empty log", () => {
    expect(needsRollover(99, 1, 100)).toBe(false);
    expect(needsRollover(100, 1, 100)).toBe(true);
    expect(needsRollover(50, 51, 100)).toBe(true);
    expect(needsRollover(0, 500, 100)).toBe(false);
  });

  it("names archives after the highest existing number", () => {
    expect(archiveName("AuditLog", ["Customers", "AuditLog"])).toBe("AuditLog 1");
    expect(archiveName("AuditLog", ["AuditLog 1", "AuditLog 7", "AuditLog x"])).toBe("AuditLog 8");
  });
});
