import { inflateSync, strToU8 } from "fflate";
import {
  checkGrid,
  FileCapError,
  loadTableFile,
  MAX_TABLE_FILE_BYTES,
  MAX_XLSX_INFLATED_BYTES,
  readXlsx,
  type Decoder,
} from "../../../src/core/table/import";
import { WORKBOOK_PARTS, xlsxWithRows, zeroBomb, zipOf, type Part } from "./zip-fixtures";

const decode: Decoder = (bytes, encoding) => new TextDecoder(encoding).decode(bytes);

const HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row>';

/** The FileCapError `fn` throws (fails the test when it throws anything else, or nothing). */
function capOf(fn: () => unknown): FileCapError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FileCapError) return e;
    throw e;
  }
  throw new Error("no cap was hit");
}

/** Parts of an XLSX as stored (uncompressed) parts, plus `extra`. */
function storedParts(sheetXml: string, extra: Part[] = []): Part[] {
  const stored = (name: string, text: string): Part => {
    const data = strToU8(text);
    return { name, data, method: 0, size: data.length };
  };
  return [
    ...Object.entries(WORKBOOK_PARTS).map(([name, text]) => stored(name, text)),
    stored("xl/worksheets/sheet1.xml", sheetXml),
    ...extra,
  ];
}

describe("XLSX reader", () => {
  it("reads values, rich and inline text, entities, and skips phonetic runs and empty styled cells", () => {
    const shared =
      '<sst><si><t>plain</t></si><si><r><t>ri</t></r><r><rPr/><t xml:space="preserve">ch </t></r></si>' +
      '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si><si/></sst>';
    const rows =
      HEADER.replace("</row>", '<c r="B1" t="s"><v>0</v></c></row>') +
      '<row r="2"/>' +
      '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="s"><v>2</v></c><c r="C3" t="s"><v>3</v></c></row>' +
      '<row r="4"><c r="A4" t="str"><v>a &amp; b &#x1F600; &#x110000; &bogus; &#12354;</v></c><c r="B4"><v>12.5</v></c>' +
      '<c r="C4" t="b"><v>1</v></c><c r="XFD1048576" s="3"/></row>' +
      "<row><c><v>7</v></c><c><v>8</v></c></row>";
    expect(readXlsx(xlsxWithRows(rows, shared))).toEqual({
      headers: ["Name", "plain"],
      rows: [
        ["rich ", "東京"],
        ["a & b 😀 &#x110000; &bogus; あ", 12.5, true],
        [7, 8],
      ],
      lines: [3, 4, 5],
    });
  });

  it("refuses a tiny file that names a far cell (XFD1048576): the dimension passes 10,000,000 cells", () => {
    const bytes = xlsxWithRows(`${HEADER}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`);
    expect(bytes.length).toBeLessThan(1000);
    const cap = capOf(() => readXlsx(bytes));
    expect([cap.cap, cap.limit, cap.where]).toEqual(["dimension", 10_000_000, "A1:XFD1048576"]);
    expect(cap.message).toBe(
      "its sheet spans A1:XFD1048576, 17,179,869,184 cells, past Google Sheets' limit of 10,000,000",
    );
  });

  it("refuses 100,000 rows of XFD cells (a 1 GB heap before) after a few hundred rows", () => {
    const rows = Array.from(
      { length: 100_000 },
      (_, i) => `<row r="${i + 2}"><c r="XFD${i + 2}"><v>1</v></c></row>`,
    );
    const bytes = xlsxWithRows(HEADER + rows.join(""));
    const cap = capOf(() => readXlsx(bytes));
    expect(cap.cap).toBe("dimension");
    // 611 rows × 16,384 columns is the first used range past the limit.
    expect(cap.where).toBe("A1:XFD611");
  });

  it("refuses a cell past column ZZZ and a text over 50,000 characters, naming the cell", () => {
    expect(
      capOf(() => readXlsx(xlsxWithRows(`${HEADER}<row r="2"><c r="AAAA2"><v>1</v></c></row>`))).message,
    ).toBe("cell AAAA2 lies past column ZZZ, the last of Google Sheets' 18,278 columns");
    const long = "x".repeat(50_001);
    const cap = capOf(() =>
      readXlsx(xlsxWithRows(`${HEADER}<row r="2"><c r="B2" t="inlineStr"><is><t>${long}</t></is></c></row>`)),
    );
    expect([cap.cap, cap.found, cap.where]).toEqual(["cell-chars", 50_001, "cell B2"]);
    expect(
      readXlsx(xlsxWithRows(`${HEADER}<row r="2"><c r="A2" t="str"><v>${"y".repeat(50_000)}</v></c></row>`))
        .rows[0][0],
    ).toHaveLength(50_000);
  });

  it("refuses a 410 KB zip bomb (400 MB of worksheet) from its directory, without inflating it", () => {
    const bomb = zeroBomb(400);
    // The fixture is a real bomb: four segments inflate to 4 MiB of zeros.
    expect(inflateSync(zeroBomb(4))).toEqual(new Uint8Array(4 << 20));
    const parts = storedParts("<worksheet/>").filter((p) => p.name !== "xl/worksheets/sheet1.xml");
    const bytes = zipOf([
      ...parts,
      { name: "xl/worksheets/sheet1.xml", data: bomb, method: 8, size: 400 << 20 },
    ]);
    expect(bytes.length).toBeLessThan(420_000);
    const cap = capOf(() => readXlsx(bytes));
    expect([cap.cap, cap.limit]).toEqual(["inflated-bytes", MAX_XLSX_INFLATED_BYTES]);
    expect(cap.message).toMatch(
      /^it would inflate to more than 100 MB \(.*xl\/worksheets\/sheet1\.xml 419430400 bytes\); refused without inflating it$/,
    );
    // Declared sizes are all that was looked at: a part whose data is not even deflate is refused the same way.
    const garbage = zipOf([
      ...parts,
      { name: "xl/worksheets/sheet1.xml", data: new Uint8Array(10).fill(0xff), method: 8, size: 400 << 20 },
    ]);
    expect(capOf(() => readXlsx(garbage)).cap).toBe("inflated-bytes");
  });

  it("stops a bomb that declares a small size as soon as it inflates past it", () => {
    const parts = storedParts("<worksheet/>").filter((p) => p.name !== "xl/worksheets/sheet1.xml");
    const bytes = zipOf([
      ...parts,
      { name: "xl/worksheets/sheet1.xml", data: zeroBomb(400), method: 8, size: 2_000 },
    ]);
    const cap = capOf(() => readXlsx(bytes));
    expect([cap.cap, cap.limit, cap.where]).toEqual(["size-mismatch", 2_000, "xl/worksheets/sheet1.xml"]);
    // One push of 8 KB of input inflates to at most ~8.3 MB: far from the 400 MB the data holds.
    expect(cap.found).toBeLessThanOrEqual(8 * 1024 * 1032 + 2_000);
  });

  it("caps the parts read together, and never inflates parts it does not read", () => {
    const big = (name: string): Part => ({
      name,
      data: new Uint8Array(10).fill(0xff),
      method: 8,
      size: 60 << 20,
    });
    const sheet = storedParts(`<worksheet><sheetData>${HEADER}</sheetData></worksheet>`);
    const workbook = sheet.filter((p) => p.name !== "xl/worksheets/sheet1.xml");
    const two = zipOf([...workbook, big("xl/sharedStrings.xml"), big("xl/worksheets/sheet1.xml")]);
    expect(capOf(() => readXlsx(two)).cap).toBe("inflated-bytes");
    const withMedia = zipOf([...sheet, { ...big("xl/media/image1.png"), size: 0xfffffff0 }]);
    expect(readXlsx(withMedia).headers).toEqual(["Name"]);
  });
});

describe("CSV and grid caps", () => {
  it("refuses a file over 10 MB before reading it", () => {
    const cap = capOf(() => loadTableFile(new Uint8Array(MAX_TABLE_FILE_BYTES + 1), decode));
    expect(cap.message).toBe("the file is 10,485,761 bytes, more than the 10 MB limit");
    expect(cap.describe("zh-CN")).toBe("文件有 10,485,761 字节，超过上限 10 MB");
  });

  it("names the CSV line and column of a cell over 50,000 characters, and a row wider than ZZZ", () => {
    const text = `Name,Notes\nAcme,ok\n"multi\nline",${"x".repeat(50_001)}\n`;
    const cap = capOf(() => loadTableFile(strToU8(text), decode));
    expect(cap.message).toBe(
      "line 3, column B holds 50,001 characters; a Google Sheets cell holds at most 50,000",
    );
    const wide = capOf(() => loadTableFile(strToU8(`${"h,".repeat(18_278)}h\n`), decode));
    expect([wide.cap, wide.found, wide.where]).toEqual(["columns", 18_279, "header column AAAA"]);
  });

  it("refuses a grid over 10,000,000 cells", () => {
    const row = new Array<string>(18_278).fill("");
    const rows = new Array<string[]>(548).fill(row);
    expect(() => checkGrid(rows.slice(0, 547), () => "")).not.toThrow();
    expect(capOf(() => checkGrid(rows, () => "")).message).toBe(
      "it holds more than 10,000,000 cells, Google Sheets' limit for a whole spreadsheet",
    );
  });
});
