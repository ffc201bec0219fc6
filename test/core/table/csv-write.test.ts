import Papa from "papaparse";
import fc from "fast-check";
import { csvField, toCsv } from "../../../src/core/table/csv-write";

/** Fields as a reader splitting on `delimiter` sees them (BOM dropped, final line break ignored). */
function read(csv: string, delimiter: string): string[][] {
  return Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), {
    delimiter,
    newline: "\r\n",
    skipEmptyLines: true,
  }).data;
}

describe("CSV writer", () => {
  it("quotes fields holding , ; tab quotes CR or LF (RFC 4180, and Excel's ; locales)", () => {
    expect(["a,b", "a;b", "a\tb", 'say "hi"', "a\rb", "a\nb", "plain", "中文"].map(csvField)).toEqual([
      '"a,b"',
      '"a;b"',
      '"a\tb"',
      '"say ""hi"""',
      '"a\rb"',
      '"a\nb"',
      "plain",
      "中文",
    ]);
  });

  it("neutralises fields starting with = + - @ tab or CR (OWASP), numbers untouched", () => {
    expect(
      ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1", -5, 0, null, undefined].map(csvField),
    ).toEqual(["'=1+1", "'+cmd", "'-2+3", "'@SUM(A1)", "\"'\t'=1\"", "\"'\r'=1\"", "-5", "0", "", ""]);
  });

  it("neutralises a formula where a ; tab or line break inside a field starts one for other readers", () => {
    expect(csvField('Acme;=HYPERLINK("http://evil.example";"x")')).toBe(
      '"Acme;\'=HYPERLINK(""http://evil.example"";""x"")"',
    );
    expect(csvField('a;"=cmd"')).toBe('"a;\'""=cmd"""');
    expect(csvField("line\n@SUM(A1)")).toBe('"line\n\'@SUM(A1)"');
    expect(csvField('He said; "hi" - twice; -5 is fine? no: ; -5')).toBe(
      '"He said; ""hi"" - twice; -5 is fine? no: ; -5"',
    );
  });

  it("a name with ; and a formula: inert for readers splitting on , ; or tab", () => {
    const name = 'Acme;=HYPERLINK("http://evil.example";"x")';
    const csv = toCsv(["ID", "Name", "Notes"], [["C1", name, "ok"]]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(read(csv, ",")[1]).toEqual(["C1", name.replace(";=", ";'="), "ok"]);
    for (const delimiter of [";", "\t"])
      for (const row of read(csv, delimiter)) for (const field of row) expect(field).not.toMatch(/^[=+\-@]/);
  });

  it("round-trips any text for a comma reader; no reader splitting on , ; or tab sees a formula", () => {
    // The rule restated as patterns (fine on short strings): a leading mark, then one after inner breaks.
    const expected = (v: string) =>
      v.replace(/^([=+\-@\t\r])/, "'$1").replace(/([;\t\r\n])(?="*[=+\-@])/g, "$1'");
    const text = fc.string({
      unit: fc.constantFrom("a", "1", ",", ";", '"', "\r", "\n", "\t", "=", "+", "-", "@", "'", " ", "中"),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(text, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const grid = rows
            .map((r) => ["x", ...r.slice(0, 3)])
            .map((r) => [...r, ...Array(4 - r.length).fill("y")]);
          const csv = toCsv(["H0", "H1", "H2", "H3"], grid);
          expect(read(csv, ",").slice(1)).toEqual(grid.map((r) => r.map(expected)));
          for (const delimiter of [",", ";", "\t"])
            for (const row of read(csv, delimiter))
              for (const field of row) expect(field).not.toMatch(/^[=+\-@]/);
        },
      ),
    );
  });
});
