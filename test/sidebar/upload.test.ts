import { bytesToBase64, chunkRows, isAcceptedName, utf8Length } from "../../src/sidebar/upload";
import { splitUtf8, utf8Length as coreUtf8Length } from "../../src/core/table/import/utf8-size";

describe("upload", () => {
  it("encodes bytes as base64 exactly as Node does, including multi-slice files and every byte value", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(bytesToBase64(all)).toBe(Buffer.from(all).toString("base64"));
    // Larger than one slice (32 KB) and not a multiple of 3, so slice joins and padding are both exercised.
    const big = Uint8Array.from({ length: 100_001 }, (_, i) => (i * 7919) % 256);
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString("base64"));
    expect(bytesToBase64(new Uint8Array())).toBe("");
  });

  it("accepts CSV, text and XLSX names only", () => {
    expect(["a.csv", "B.XLSX", "客户.txt", "x.tsv"].map(isAcceptedName)).toEqual([true, true, true, true]);
    expect(["old.xls", "a.pdf", "xlsx", "a.csv.exe"].map(isAcceptedName)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it("keeps the parser's line numbers (blank rows skipped) when chunking mixed-type rows", () => {
    const rows = [
      ["X001", 5000, true],
      ["X002", 12.5, null],
      ["X003", 0, false],
    ];
    const chunks = chunkRows(rows, 20, [2, 4, 9]);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flatMap((c) => c.rows)).toEqual(rows);
    expect(chunks.flatMap((c) => c.lines)).toEqual([2, 4, 9]);
  });

  it("counts UTF-8 bytes as Node does (Chinese 3, emoji 4, lone surrogates 3), on both sides of the wire", () => {
    for (const text of [
      "",
      "abc",
      "客户名称",
      "é",
      "😀x",
      "a\ud800b",
      "\udc00",
      "王芳,13812345678,wang@例子.cn",
    ]) {
      const bytes = Buffer.byteLength(text, "utf8");
      expect(utf8Length(text)).toBe(bytes);
      expect(coreUtf8Length(text)).toBe(bytes);
    }
  });

  it("sizes chunks in UTF-8 bytes: Chinese rows are cut three times sooner than their length says", () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => [
      `C${100000 + i}`,
      "杭州西湖龙井茶业有限公司".repeat(3),
      i,
    ]);
    const chunks = chunkRows(rows, 20_000);
    expect(chunks.flatMap((c) => c.rows)).toEqual(rows);
    for (const c of chunks) {
      const json = JSON.stringify({ rows: c.rows, lines: c.lines });
      expect(Buffer.byteLength(json, "utf8")).toBeLessThanOrEqual(20_000);
    }
    // Counted in characters, the same rows would fit in about a third as many chunks.
    const chars = JSON.stringify({ rows, lines: rows.map((_, i) => i + 2) }).length;
    expect(chunks.length).toBeGreaterThan(2 * Math.ceil(chars / 20_000));
  });

  it("splits text into pieces within a byte budget without cutting a surrogate pair", () => {
    const text = "客户😀".repeat(1_000) + "ascii tail";
    for (const max of [4, 5, 7, 100, 90_000]) {
      const pieces = splitUtf8(text, max);
      expect(pieces.join("")).toBe(text);
      for (const p of pieces) {
        expect(Buffer.byteLength(p, "utf8")).toBeLessThanOrEqual(max);
        expect(p).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
      }
    }
    expect(splitUtf8("", 10)).toEqual([""]);
    expect(() => splitUtf8("x", 3)).toThrow(RangeError);
  });
});
