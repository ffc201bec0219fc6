// The demo's mails and report sheet, as a reader gets them: `npm run demo -- --lang zh-CN` on a small seeded
// book, then every out/mail/*.html and the workbook's report tab are checked for size and language.
import { execSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { htmlBytes, MAX_MAIL_HTML_BYTES } from "../../../src/core/notify/mail-layout";
import { sheetSpec } from "../../../src/core/schema/sheets";
import { main } from "../../../src/local/demo/run-demo";
import { latinWords } from "../../core/notify/latin-words";

const ROOT = path.join(__dirname, "..", "..", "..");

// `npm test` builds once before Jest; rebuilding here would swap dist/ under tests running in parallel.
beforeAll(() => {
  if (!existsSync(path.join(ROOT, "dist", "Code.js"))) execSync("node build.mjs --quiet", { cwd: ROOT });
});

/** Every string a sheet holds. */
function strings(sheet: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      const v = cell.value;
      if (typeof v === "string") out.push(v);
      else if (v && typeof v === "object" && "richText" in v)
        out.push(v.richText.map((r) => r.text).join(""));
    }),
  );
  return out;
}

describe("demo mails in Chinese", () => {
  it("writes every mail under 100 KB, and every mail and the report sheet in Chinese with --lang zh-CN", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "demo-zh-"));
    const quiet = [jest.spyOn(console, "log"), jest.spyOn(console, "error")].map((s) =>
      s.mockImplementation(() => undefined),
    );
    let code: number;
    try {
      code = await main([
        "--lang",
        "zh-CN",
        "--customers",
        "120",
        "--orders",
        "1200",
        "--days",
        "2",
        "--out",
        dir,
      ]);
    } finally {
      for (const s of quiet) s.mockRestore();
    }
    expect(code).toBe(0);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, "workbook.xlsx"));
    // What the mails may show in any script: the user's data (names, IDs, regions, products…) and the
    // spreadsheet's name.
    const data = ["Sheet CRM demo"];
    for (const key of ["Customers", "Orders", "Interactions", "Feedback"] as const) {
      const sheet = book.getWorksheet(sheetSpec(key).name["zh-CN"]);
      expect(sheet).toBeDefined();
      data.push(...strings(sheet!));
    }

    const mails = readdirSync(path.join(dir, "mail")).filter((f) => f.endsWith(".html"));
    // The team's digests and report, and the customers' campaign and welcome mails: all of them in Chinese.
    const kind = (f: string) => (/跟进提醒/.test(f) ? "digest" : /周报/.test(f) ? "report" : "customer");
    expect(new Set(mails.map(kind))).toEqual(new Set(["digest", "report", "customer"]));
    for (const file of mails) {
      const html = readFileSync(path.join(dir, "mail", file), "utf8");
      expect([file, htmlBytes(html) <= MAX_MAIL_HTML_BYTES]).toEqual([file, true]);
      // An unsubscribe token (unsub-…) is an identifier, not a label.
      const token = /\bunsub-[0-9a-f]{16}\b/g;
      expect([file, latinWords(html.replace(token, ""), data)]).toEqual([file, []]);
      const eml = readFileSync(path.join(dir, "mail", file.replace(/\.html$/, ".eml")), "utf8");
      const text = Buffer.from(eml.split("\r\n\r\n")[2].split("\r\n--")[0].replace(/\r\n/g, ""), "base64");
      // A link written out in the text part (mailto:, https:) is an address, not a label.
      const plain = text
        .toString("utf8")
        .replace(/(mailto:|https?:\/\/)\S+/g, "")
        .replace(token, "");
      expect([file, latinWords(plain, data)]).toEqual([file, []]);
    }

    // The report tab is named and written in Chinese; no English twin.
    expect(book.getWorksheet("Weekly report")).toBeUndefined();
    const report = book.getWorksheet("周报")!;
    expect(String(report.getCell("A1").value)).toMatch(/^客户周报 /);
    expect(latinWords(strings(report).join("\n"), data)).toEqual([]);
  });
});
