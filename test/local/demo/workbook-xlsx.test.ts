import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { unzipSync, strFromU8 } from "fflate";
import { writeWorkbookXlsx } from "../../../src/local/demo/workbook-xlsx";
import { createEmulator } from "../../../src/local/emulator";

async function roundTrip(timeZone: string) {
  const emulator = createEmulator({ timeZone });
  const ss = emulator.spreadsheet;
  // 2025/3/1 typed in the book is midnight of that day in the book's zone.
  const march1 = new Date(
    timeZone === "Asia/Shanghai" ? "2025-03-01T00:00:00+08:00" : "2025-03-01T00:00:00-05:00",
  );
  const at1430 = new Date(march1.getTime() + 14.5 * 3_600_000);
  const sheet = emulator.sheetFromValues("Orders", [
    ["OrderDate", "Time", "Note", "Amount", "Logged", "Opened"],
    [march1, at1430, "", -100, at1430, "=1+1"],
    [march1, at1430, "", 0.5, "plain", "=A1"],
  ]);
  sheet.getRange(2, 1, 2, 1).setNumberFormat("yyyy-mm-dd");
  sheet.getRange(2, 2, 2, 1).setNumberFormat("yyyy-mm-dd HH:mm");
  // Plain-text cells keep "=1+1" as text (as writeValues stores a user's text); column F holds it as the
  // emulator's formula, whose result it does not compute.
  sheet
    .getRange(2, 3, 2, 1)
    .setNumberFormat("@")
    .setValues([["=1+1"], ["-100"]]);
  // Column E keeps the automatic format, as the AuditLog's Time column does.
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "xlsx-")), "book.xlsx");
  await writeWorkbookXlsx(ss, file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return { ws: book.getWorksheet("Orders")!, file };
}

describe("writeWorkbookXlsx", () => {
  it.each(["Asia/Shanghai", "America/New_York"])(
    "writes dates as the book's local calendar day and wall clock (%s)",
    async (zone) => {
      const { ws } = await roundTrip(zone);
      // exceljs reads an xlsx date (zoneless) as that wall clock in UTC.
      expect(ws.getCell("A2").value).toEqual(new Date("2025-03-01T00:00:00Z"));
      expect(ws.getCell("A2").numFmt).toBe("yyyy-mm-dd");
      expect(ws.getCell("B2").value).toEqual(new Date("2025-03-01T14:30:00Z"));
      expect(ws.getCell("B2").numFmt).toBe("yyyy-mm-dd hh:mm");
      // A date in a cell without a date format (the AuditLog's times) still reads as a date.
      expect(ws.getCell("E2").value).toEqual(new Date("2025-03-01T14:30:00Z"));
      expect(ws.getCell("E2").numFmt).toBe("yyyy-mm-dd hh:mm:ss");
    },
  );

  it("keeps formula-looking text as that text and numbers as numbers", async () => {
    const { ws, file } = await roundTrip("Asia/Shanghai");
    expect(ws.getCell("C2").value).toBe("=1+1");
    expect(ws.getCell("C3").value).toBe("-100");
    expect(ws.getCell("D2").value).toBe(-100);
    expect(ws.getCell("D3").value).toBe(0.5);
    expect(ws.getCell("E3").value).toBe("plain");
    expect(ws.getCell("F2").value).toBe("=1+1");
    expect(ws.getCell("F3").value).toBe("=A1");
    // No cell of the file is a formula, and the text is stored without an apostrophe.
    const parts = unzipSync(new Uint8Array(readFileSync(file)));
    const sheetXml = Object.entries(parts)
      .filter(([name]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))
      .map(([, bytes]) => strFromU8(bytes))
      .join("");
    expect(sheetXml).not.toContain("<f>");
    const strings = strFromU8(parts["xl/sharedStrings.xml"]);
    expect(strings).toContain("<t>=1+1</t>");
    expect(strings).not.toContain("'");
    // The automatic format is Excel's General: no "0.###############" format is written.
    expect(strFromU8(parts["xl/styles.xml"])).not.toContain("0.###############");
  });
});
