import { barLayout, donutLayout, linePoints } from "../../src/sidebar/chart-geometry";
import { CATALOGUES, setLang, t } from "../../src/sidebar/i18n";
import { readableError } from "../../src/sidebar/rpc";
import { chunkRows } from "../../src/sidebar/views/import";

describe("chart geometry", () => {
  it("scales bars to the largest value and keeps small non-zero values visible", () => {
    const bars = barLayout(
      [
        { label: "A", count: 200 },
        { label: "B", count: 1 },
        { label: "C", count: 0 },
      ],
      120,
    );
    expect(bars.map((b) => b.length)).toEqual([120, 1, 0]);
  });

  it("splits the donut by share and draws a full ring for a single item", () => {
    const slices = donutLayout(
      [
        { label: "x", count: 3 },
        { label: "y", count: 1 },
        { label: "z", count: 0 },
      ],
      50,
      50,
      48,
      28,
    );
    expect(slices.map((s) => s.share)).toEqual([0.75, 0.25]);
    expect(slices[0].path).toMatch(/A 48 48 0 1 1/); // 270° needs the large-arc flag
    const one = donutLayout([{ label: "x", count: 5 }], 50, 50, 48, 28);
    expect(one[0].path.match(/M /g)).toHaveLength(2);
    expect(donutLayout([], 50, 50, 48, 28)).toEqual([]);
  });

  it("maps the series max to the top and zero to the bottom", () => {
    const pts = linePoints([0, 5, 10], 100, 50, 0);
    expect(pts).toEqual([
      [0, 50],
      [50, 25],
      [100, 0],
    ]);
  });
});

describe("i18n catalogue", () => {
  it("has every key in both languages with the same placeholders", () => {
    for (const key of Object.keys(CATALOGUES.en) as (keyof typeof CATALOGUES.en)[]) {
      const en = CATALOGUES.en[key];
      const zh = CATALOGUES["zh-CN"][key];
      expect([key, typeof zh]).toEqual([key, "string"]);
      const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect([key, holes(zh)]).toEqual([key, holes(en)]);
    }
  });

  it("fills placeholders and switches language", () => {
    setLang("zh-CN");
    expect(t("cust.total", { count: 3 })).toBe("共 3 位客户");
    setLang("en");
    expect(t("cust.total", { count: 3 })).toBe("3 customers");
    expect(t("cust.page", { page: 2 })).toBe("Page 2 of {pages}");
  });
});

describe("readableError", () => {
  it("drops Apps Script's Exception prefix and never yields an empty message", () => {
    expect(readableError(new Error("Exception: Customer C9 was not found.")).message).toBe(
      "Customer C9 was not found.",
    );
    expect(readableError("boom").message).toBe("boom");
    expect(readableError(new Error("")).message).toBe("Unknown error");
  });
});

describe("import chunking", () => {
  it("keeps every row once, in order, with its file line, within the byte budget", () => {
    const rows = Array.from({ length: 500 }, (_, i) => [`id${i}`, "x".repeat(i % 50)]);
    const chunks = chunkRows(rows, 2000);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.flatMap((c) => c.rows)).toEqual(rows);
    expect(chunks.flatMap((c) => c.lines)).toEqual(rows.map((_, i) => i + 2));
    for (const c of chunks) expect(JSON.stringify(c.rows).length).toBeLessThanOrEqual(2000 + c.rows.length);
  });
});
