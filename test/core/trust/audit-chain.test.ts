import { createHmac } from "node:crypto";
import {
  type AuditVerification,
  type LogSheet,
  chainInput,
  describeVerification,
  digestCell,
  hexOf,
  linkRows,
  parseDigestCell,
  verifyChain,
} from "../../../src/core/trust/audit-chain";

const digestOf = (text: string) => createHmac("sha256", "k").update(text, "utf8").digest("hex");

type Row = { fields: string[]; digest: unknown };

/** `n` entries linked from the start (entry i's fields name it), as a tab holds them. */
function chained(n: number, after: { seq: number; digest: string } | null = null): Row[] {
  const fields = Array.from({ length: n }, (_, i) => [
    `2026-11-23 10:00:0${i % 10}`,
    "a@x.com",
    `entry ${i}`,
  ]);
  const links = linkRows(after, fields, digestOf);
  return fields.map((f, i) => ({ fields: f, digest: digestCell(links[i]) }));
}

const tab = (
  rows: Row[],
  anchor: LogSheet["anchor"] = { seq: 1, prev: "" },
  name = "AuditLog",
): LogSheet => ({
  name,
  anchor,
  rows,
});
const tailOf = (rows: LogSheet["rows"]) => parseDigestCell(rows[rows.length - 1].digest);
const verify = (sheets: LogSheet[], tail = tailOf(sheets.at(-1)!.rows)) =>
  verifyChain(sheets, tail, digestOf);
const brokenAt = (v: AuditVerification) => v.broken && { kind: v.broken.kind, row: v.broken.row };

describe("links", () => {
  it("number entries from 1 and cover the previous digest, the number and the fields", () => {
    const [a, b] = linkRows(null, [["x"], ["y"]], digestOf);
    expect(a).toEqual({ seq: 1, digest: digestOf(chainInput("", 1, ["x"])) });
    expect(b).toEqual({ seq: 2, digest: digestOf(chainInput(a.digest, 2, ["y"])) });
    expect(chainInput("p", 3, ['a","b'])).not.toBe(chainInput("p", 3, ["a", "b"]));
  });

  it("print bytes as Apps Script returns them (signed) as hex", () => {
    expect(hexOf([0, 15, 127, -128, -1])).toBe("000f7f80ff");
  });

  it("read back from a Digest cell, and only from one", () => {
    const link = { seq: 12, digest: "ab".repeat(32) };
    expect(parseDigestCell(digestCell(link))).toEqual(link);
    for (const bad of ["", "12", "x:ab", `12:${"g".repeat(64)}`, `12:${"a".repeat(63)}`, null, 5])
      expect(parseDigestCell(bad)).toBeNull();
  });
});

describe("verifyChain", () => {
  it("passes an untouched log and counts its entries", () => {
    const rows = chained(6);
    expect(verify([tab(rows)])).toEqual({ ok: true, entries: 6, legacy: 0, broken: null, keyMissing: false });
  });

  it("finds an edited entry where it is", () => {
    const rows = chained(6);
    rows[3] = { ...rows[3], fields: [...rows[3].fields.slice(0, 2), "entry 3 (changed)"] };
    const v = verify([tab(rows)]);
    expect(brokenAt(v)).toEqual({ kind: "edited", row: 5 });
    expect(v.entries).toBe(3);
    expect(v.broken!.expected).toBe(4);
  });

  it("calls a changed number an edit, not a gap", () => {
    const rows = chained(4);
    rows[2] = { ...rows[2], digest: String(rows[2].digest).replace(/^3:/, "9:") };
    expect(brokenAt(verify([tab(rows)]))).toEqual({ kind: "edited", row: 4 });
  });

  it("finds a deleted entry in the middle, at the start and at the end", () => {
    const rows = chained(6);
    const middle = [...rows.slice(0, 2), ...rows.slice(3)];
    expect(verify([tab(middle)], tailOf(rows)).broken).toMatchObject({
      kind: "deleted",
      row: 4,
      expected: 3,
      count: 1,
    });
    const start = rows.slice(2);
    expect(verify([tab(start)], tailOf(rows)).broken).toMatchObject({
      kind: "deleted",
      row: 2,
      expected: 1,
      count: 2,
    });
    const end = rows.slice(0, 4);
    expect(verify([tab(end)], tailOf(rows)).broken).toMatchObject({
      kind: "deleted",
      row: 6,
      expected: 5,
      count: 2,
    });
    // Every chained entry gone: the recorded tail still says how many there were.
    expect(verify([tab([])], tailOf(rows)).broken).toMatchObject({ kind: "deleted", expected: 1, count: 6 });
  });

  it("finds inserted rows: a forged link, a row without one, a copy", () => {
    const rows = chained(5);
    const forged = {
      fields: ["2026-11-23 10:00:00", "evil@x.com", "forged"],
      digest: digestCell({ seq: 3, digest: "0".repeat(64) }),
    };
    expect(verify([tab([...rows.slice(0, 2), forged, ...rows.slice(2)])]).broken).toMatchObject({
      kind: "inserted",
      row: 4,
      count: 1,
    });
    const bare = { fields: ["x", "y", "z"], digest: "" };
    expect(verify([tab([...rows.slice(0, 2), bare, bare, ...rows.slice(2)])]).broken).toMatchObject({
      kind: "inserted",
      row: 4,
      count: 2,
    });
    expect(brokenAt(verify([tab([...rows, bare])], tailOf(rows)))).toEqual({ kind: "inserted", row: 7 });
    expect(brokenAt(verify([tab([...rows.slice(0, 3), rows[1], ...rows.slice(3)])]))).toEqual({
      kind: "inserted",
      row: 5,
    });
  });

  it("finds reordered entries and where the expected one went", () => {
    const rows = chained(6);
    const swapped = [rows[0], rows[3], rows[2], rows[1], rows[4], rows[5]];
    const v = verify([tab(swapped)]);
    expect(v.broken).toMatchObject({
      kind: "reordered",
      row: 3,
      expected: 2,
      foundAt: { sheet: "AuditLog", row: 5 },
    });
    const moved = [rows[0], rows[2], rows[3], rows[1], rows[4], rows[5]];
    expect(brokenAt(verify([tab(moved)]))).toEqual({ kind: "reordered", row: 3 });
  });

  it("counts legacy rows before the chain and starts where the add-on recorded it", () => {
    const legacy = [
      { fields: ["old", "a", "b"], digest: "" },
      { fields: ["old", "c", "d"], digest: undefined },
    ];
    const rows = chained(3);
    expect(verify([tab([...legacy, ...rows])])).toMatchObject({ ok: true, entries: 3, legacy: 2 });
    // A legacy-looking row after the chain began is not legacy: it was inserted.
    expect(brokenAt(verify([tab([...rows.slice(0, 1), legacy[0], ...rows.slice(1)])]))).toEqual({
      kind: "inserted",
      row: 3,
    });
    // Links numbered below the key's first entry (an earlier key, say) are legacy too.
    const later = chained(2, { seq: 7, digest: "f".repeat(64) });
    const earlier = chained(3);
    const sheets = [tab([...earlier, ...later], { seq: 8, prev: "f".repeat(64) })];
    expect(verifyChain(sheets, tailOf(later), digestOf, 8)).toMatchObject({
      ok: true,
      entries: 2,
      legacy: 3,
    });
  });

  it("follows the chain across an archive and the current tab, and sees a cut at the seam", () => {
    const all = chained(7);
    const archive = tab(all.slice(0, 4), { seq: 1, prev: "" }, "AuditLog 1");
    const seam = parseDigestCell(all[3].digest)!;
    const current = tab(all.slice(4), { seq: 5, prev: seam.digest });
    expect(verify([archive, current])).toMatchObject({ ok: true, entries: 7 });
    // The archive's newest entry deleted: the current tab continues from an entry no longer there.
    const cut = tab(all.slice(0, 3), { seq: 1, prev: "" }, "AuditLog 1");
    expect(verify([cut, current]).broken).toMatchObject({
      kind: "deleted",
      sheet: "AuditLog",
      row: 2,
      count: 1,
    });
    // The oldest archive gone (dropped at rollover): the remaining tab starts where recorded.
    expect(verify([current])).toMatchObject({ ok: true, entries: 3 });
  });

  it("accepts entries past the recorded tail that link correctly (a run cut before recording them)", () => {
    const rows = chained(5);
    expect(verify([tab(rows)], parseDigestCell(rows[2].digest))).toMatchObject({ ok: true, entries: 5 });
  });
});

describe("describeVerification", () => {
  it("says OK with the count and the legacy entries, or where the log broke and how", () => {
    const ok: AuditVerification = { ok: true, entries: 12, legacy: 3, broken: null, keyMissing: false };
    expect(describeVerification(ok, "en")).toBe(
      "Audit log OK: 12 entries verified. 3 legacy entries without digests precede the chain and cannot be verified.",
    );
    expect(describeVerification(ok, "zh-CN")).toMatch(/^审计日志完好:12 条/);
    const broken: AuditVerification = {
      ok: false,
      entries: 4,
      legacy: 0,
      keyMissing: false,
      broken: { kind: "deleted", sheet: "AuditLog", row: 6, expected: 5, count: 2, foundAt: null },
    };
    expect(describeVerification(broken, "en")).toBe(
      "The audit log is broken at AuditLog row 6 (4 entries verified before it): entries #5–#6 were deleted.",
    );
    expect(describeVerification({ ...ok, ok: false, keyMissing: true }, "en")).toMatch(/no longer holds/);
  });
});
