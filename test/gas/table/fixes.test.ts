import { corpusGrid, tableBundle, values } from "./harness";

function seeded() {
  const b = tableBundle();
  b.emulator.sheetFromValues("Customers", corpusGrid("customers-corpus.csv"));
  return b;
}

describe("Fix what is safe", () => {
  it("previews every change, applies it in one write per run of changed rows with a backup, and keeps custom columns", () => {
    const b = seeded();
    const before = values(b, "Customers");
    const preview = b.ctx.previewFixes();
    expect(preview.total).toBeGreaterThan(10);
    expect(preview.changes).toContainEqual({
      sheet: "Customers",
      a1: "C3",
      before: "+86 139 0000 1111",
      after: "+8613900001111",
      rule: "phone",
    });
    expect(values(b, "Customers")).toEqual(before);
    const touched = [
      ...new Set<number>(preview.changes.map((c: { a1: string }) => c.a1.charCodeAt(0) - 65)),
    ].sort((x, y) => x - y);
    // One write per run of consecutive changed rows in each block of adjacent changed columns.
    const blockOf = (c: number) =>
      touched
        .filter((t, i) => (i === 0 || touched[i - 1] !== t - 1 ? true : false))
        .filter((start) => start <= c)
        .pop()!;
    const rowsByBlock = new Map<number, Set<number>>();
    for (const ch of preview.changes as { a1: string }[]) {
      const block = blockOf(ch.a1.charCodeAt(0) - 65);
      rowsByBlock.set(block, (rowsByBlock.get(block) ?? new Set()).add(Number(ch.a1.slice(1))));
    }
    const blocks = [...rowsByBlock.values()]
      .map(
        (rows) =>
          [...rows].sort((x, y) => x - y).filter((r, i, all) => i === 0 || all[i - 1] !== r - 1).length,
      )
      .reduce((n, runs) => n + runs, 0);
    b.ctx.clearProblemMarks(); // creates the audit log, so applying adds just one audit row
    b.emulator.resetCounts();
    const result = b.ctx.applyFixes(preview.token);
    expect(result.applied).toBe(preview.total);
    expect(result.backups).toHaveLength(1);
    // + the audit row, + the "About" tab of the backup spreadsheet made by this first backup.
    expect(b.emulator.counts()["Range.setValues"]).toBe(blocks + 2);
    const after = values(b, "Customers");
    expect(after[2][2]).toBe("+8613900001111");
    const sheet = b.emulator.spreadsheet.getSheetByName("Customers")!;
    expect(sheet.getRange("C3").getNumberFormat()).toBe("@"); // phones stay text…
    expect(sheet.getRange("G4").getNumberFormat()).not.toBe("@"); // …but the dates beside them do not
    expect(after[1][7]).toBe(50000);
    expect((after[3][6] as Date).toISOString()).toBe("2025-02-28T16:00:00.000Z"); // 2025-03-01 in Shanghai
    const custom = before[0].indexOf("内部备注");
    expect(after.map((r) => r[custom])).toEqual(before.map((r) => r[custom]));
    const previewed = new Set(preview.changes.map((c: { a1: string }) => c.a1));
    const changed = after.flatMap((row, r) =>
      row.flatMap((v, c) => (v === before[r][c] ? [] : [`${String.fromCharCode(65 + c)}${r + 1}`])),
    );
    expect(changed.filter((a1) => !previewed.has(a1))).toEqual([]);
    expect(changed).toHaveLength(preview.total);
    expect(b.ctx.previewFixes().total).toBe(0);
  });

  it("refuses to apply when the data changed since the preview", () => {
    const b = seeded();
    const preview = b.ctx.previewFixes();
    b.emulator.edit("Customers!C3", " 139 0000 2222 ");
    const snapshot = b.emulator.snapshot().sheets.find((s) => s.name === "Customers");
    expect(() => b.ctx.applyFixes(preview.token)).toThrow(/changed since the preview/);
    expect(b.emulator.snapshot().sheets.find((s) => s.name === "Customers")).toEqual(snapshot);
  });

  it("asks through the menu and writes nothing when the user says No", () => {
    const b = seeded();
    const before = b.emulator.snapshot().sheets.find((s) => s.name === "Customers");
    b.emulator.ui.answers.push("NO");
    b.ctx.menuFixSafe();
    expect(b.emulator.ui.alerts[0].message).toMatch(/Customers!C3: "\+86 139 0000 1111" → "\+8613900001111"/);
    // A carriage return from a CRLF file is spelled out, so the line does not read as no change.
    const crlf = corpusGrid("customers-corpus.csv").map((r, i) =>
      i === 7 ? r.map((v, c) => (c === 3 ? `${v}\r` : v)) : r,
    );
    const c = tableBundle();
    c.emulator.sheetFromValues("Customers", crlf);
    c.emulator.ui.answers.push("NO");
    c.ctx.menuFixSafe();
    expect(c.emulator.ui.alerts[0].message).toContain('Customers!D8: "BOB@acme.com\\r" → "bob@acme.com"');
    expect(b.emulator.snapshot().sheets.find((s) => s.name === "Customers")).toEqual(before);
  });
});
