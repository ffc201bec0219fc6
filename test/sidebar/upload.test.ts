import { chunkRows } from "../../src/sidebar/views/import";
import { bytesToBase64, isAcceptedName } from "../../src/sidebar/upload";

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
});
