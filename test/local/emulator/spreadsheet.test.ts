import { createEmulator, PROTECTED_TEXT } from "../../../src/local/emulator";

type Ss = GoogleAppsScript.Spreadsheet.Spreadsheet;

function setup(opts: Parameters<typeof createEmulator>[0] = {}) {
  const emu = createEmulator({ now: "2026-11-23T09:00:00Z", ...opts });
  const SpreadsheetApp = emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const ss: Ss = SpreadsheetApp.getActive();
  return { emu, SpreadsheetApp, ss, sheet: ss.getSheets()[0] };
}

describe("Spreadsheet", () => {
  it("starts with one Sheet1 of 1000×26 and exposes id, url, name, zone and owner", () => {
    const { ss, sheet } = setup({ owner: "boss@example.com", timeZone: "America/New_York" });
    expect(ss.getSheets().map((s) => s.getName())).toEqual(["Sheet1"]);
    expect([sheet.getMaxRows(), sheet.getMaxColumns(), sheet.getSheetId()]).toEqual([1000, 26, 0]);
    expect(ss.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${ss.getId()}/edit`);
    expect(ss.getSpreadsheetTimeZone()).toBe("America/New_York");
    expect(ss.getOwner()!.getEmail()).toBe("boss@example.com");
    ss.setSpreadsheetTimeZone("Europe/Paris");
    expect(ss.getSpreadsheetTimeZone()).toBe("Europe/Paris");
  });

  it("insertSheet/getSheetByName/deleteSheet with Apps Script's duplicate-name text", () => {
    const { ss } = setup();
    const a = ss.insertSheet("Customers");
    ss.insertSheet("Orders", 0);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(["Orders", "Sheet1", "Customers"]);
    expect(ss.getSheetByName("Customers")!.getSheetId()).toBe(a.getSheetId());
    expect(a.getSheetId()).not.toBe(0);
    expect(() => ss.insertSheet("customers")).toThrow(
      'A sheet with the name "customers" already exists. Please enter another name.',
    );
    ss.deleteSheet(a);
    expect(ss.getSheetByName("Customers")).toBeNull();
    expect(() => a.getName()).toThrow("This sheet has been deleted.");
    expect(() => a.setName("Orders")).toThrow();
    const b = ss.getSheetByName("Orders")!;
    expect(() => b.setName("Sheet1")).toThrow('A sheet with the name "Sheet1" already exists.');
  });

  it("cannot delete the last sheet nor hide every sheet", () => {
    const { ss, sheet } = setup();
    expect(() => ss.deleteSheet(sheet)).toThrow("You can't remove all the sheets in a document.");
    expect(() => sheet.hideSheet()).toThrow("You can't hide all the sheets in a document.");
    const other = ss.insertSheet("Other");
    other.hideSheet();
    expect(other.isSheetHidden()).toBe(true);
    other.showSheet();
    expect(other.isSheetHidden()).toBe(false);
  });

  it("named ranges, getRange with a sheet prefix, toast, active sheet", () => {
    const { emu, ss } = setup();
    const c = ss.insertSheet("My Customers");
    c.getRange("A1:B2").setValues([
      [1, 2],
      [3, 4],
    ]);
    ss.setNamedRange("Totals", c.getRange("B1:B2"));
    expect(ss.getRangeByName("Totals")!.getValues()).toEqual([[2], [4]]);
    expect(ss.getNamedRanges().map((n) => n.getName())).toEqual(["Totals"]);
    expect(ss.getRange("'My Customers'!A2").getValue()).toBe(3);
    expect(ss.getActiveSheet().getName()).toBe("My Customers");
    ss.setActiveSheet(ss.getSheetByName("Sheet1")!);
    expect(ss.getActiveSheet().getName()).toBe("Sheet1");
    ss.toast("Done", "Sheet CRM", 3);
    expect(emu.ui.toasts).toEqual([{ message: "Done", title: "Sheet CRM", timeoutSeconds: 3 }]);
  });
});

describe("Range values", () => {
  it("is 1-based; getValues returns numbers, booleans, Dates and '' for empty", () => {
    const { sheet } = setup();
    const when = new Date("2026-03-04T05:06:07Z");
    sheet.getRange(2, 2, 1, 4).setValues([[12.5, true, when, "text"]]);
    const v = sheet.getRange("A2:F2").getValues();
    expect(v).toEqual([["", 12.5, true, when, "text", ""]]);
    expect(v[0][3]).toBeInstanceOf(Date);
    expect(v[0][3]).not.toBe(when);
    expect(sheet.getRange("B2").getValue()).toBe(12.5);
    expect(sheet.getRange(2, 2).getA1Notation()).toBe("B2");
    expect(sheet.getRange(1, 1, 3, 28 - 26 + 1).getA1Notation()).toBe("A1:C3");
  });

  it("parses strings as typed, keeps '-prefixed text, null/undefined as empty; '=...' becomes a formula", () => {
    const { sheet } = setup();
    sheet.getRange("A1:D1").setValues([["'007", null, undefined, "=SUM(1,2)"]]);
    expect(sheet.getRange("A1:D1").getValues()).toEqual([["007", "", "", ""]]);
    sheet.getRange("F1").setValue("007");
    expect(sheet.getRange("F1").getValue()).toBe(7);
    expect(sheet.getRange("D1").getFormula()).toBe("=SUM(1,2)");
    sheet.getRange("E1").setNumberFormat("@").setValue("=1+1");
    expect([sheet.getRange("E1").getValue(), sheet.getRange("E1").getFormula()]).toEqual(["=1+1", ""]);
    expect(sheet.getLastColumn()).toBe(6);
  });

  it("setValues throws Apps Script's texts when dimensions differ, and writes nothing", () => {
    const { sheet, emu } = setup();
    const before = emu.snapshot();
    expect(() =>
      sheet.getRange(1, 1, 3, 2).setValues([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow(
      "The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.",
    );
    expect(() =>
      sheet.getRange(1, 1, 2, 3).setValues([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow(
      "The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.",
    );
    expect(emu.snapshot()).toEqual(before);
  });

  it("getRange rejects coordinates outside the sheet with Apps Script's texts", () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1001, 1)).toThrow(
      "The coordinates of the range are outside the dimensions of the sheet.",
    );
    expect(() => sheet.getRange(1, 27)).toThrow(
      "The coordinates of the range are outside the dimensions of the sheet.",
    );
    expect(() => sheet.getRange(0, 1)).toThrow("The starting row of the range is too small.");
    expect(() => sheet.getRange(1, 0)).toThrow("The starting column of the range is too small.");
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow("The number of rows in the range must be at least 1.");
    expect(() => sheet.getRange("nonsense!!")).toThrow("Range not found");
  });

  it("reads whole columns and rows in A1 ('B:B', '2:2', 'A2:C')", () => {
    const { sheet } = setup();
    expect(sheet.getRange("B:B").getA1Notation()).toBe("B1:B1000");
    expect(sheet.getRange("2:2").getA1Notation()).toBe("A2:Z2");
    const r = sheet.getRange("A2:C");
    expect([r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()]).toEqual([2, 1, 999, 3]);
  });

  it("getLastRow/getLastColumn follow content, not formatting; getDataRange spans it", () => {
    const { sheet } = setup();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
    sheet.getRange("A1:C3").setBackground("#ff0000");
    expect(sheet.getLastRow()).toBe(0);
    sheet.getRange("B5").setValue("x");
    sheet.getRange("D2").setValue(0);
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([5, 4]);
    expect(sheet.getDataRange().getA1Notation()).toBe("A1:D5");
    sheet.getRange("B5").clearContent();
    expect(sheet.getLastRow()).toBe(2);
  });

  it("appendRow writes after the last row and grows the sheet", () => {
    const { emu } = setup();
    const sheet = emu.sheetFromValues("T", [["h1", "h2"]]);
    sheet.appendRow(["a", 1]);
    expect(sheet.getRange("A1:B2").getValues()).toEqual([
      ["h1", "h2"],
      ["a", 1],
    ]);
    const full = emu.sheetFromValues(
      "Full",
      Array.from({ length: 1000 }, (_, i) => [i]),
    );
    full.appendRow(["next"]);
    expect([full.getLastRow(), full.getMaxRows()]).toEqual([1001, 1001]);
  });

  it("insert/delete rows and columns move values, formats, notes and validations with their cells", () => {
    const { emu, SpreadsheetApp } = setup();
    const sheet = emu.sheetFromValues("T", [
      ["a", "b", "c"],
      [1, 2, 3],
      [4, 5, 6],
    ]);
    sheet.getRange("B2").setNote("n").setBackground("#00ff00");
    sheet
      .getRange("C3")
      .setDataValidation(SpreadsheetApp.newDataValidation().requireNumberBetween(0, 9).build());
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getMaxRows()).toBe(1002);
    expect(sheet.getRange("B4").getNote()).toBe("n");
    expect(sheet.getRange("B4").getBackground()).toBe("#00ff00");
    expect(sheet.getRange("C5").getDataValidation()!.getCriteriaType()).toBe("NUMBER_BETWEEN");
    sheet.insertColumnsAfter(1, 1);
    expect(sheet.getRange("A1:D1").getValues()).toEqual([["a", "", "b", "c"]]);
    sheet.deleteColumn(2);
    sheet.deleteRows(2, 2);
    expect(sheet.getDataRange().getValues()).toEqual([
      ["a", "b", "c"],
      [1, 2, 3],
      [4, 5, 6],
    ]);
    sheet.insertRows(2);
    expect(sheet.getRange("A3").getValue()).toBe(1);
    sheet.insertRowsBefore(1, 1);
    expect(sheet.getRange("A2").getValue()).toBe("a");
    expect(() => sheet.deleteRows(1, sheet.getMaxRows())).toThrow(
      "Sorry, it is not possible to delete all non-frozen rows.",
    );
  });

  it("frozen rows, column widths, tab colour", () => {
    const { sheet } = setup();
    sheet.setFrozenRows(1);
    sheet.setColumnWidth(2, 240);
    sheet.setTabColor("#123456");
    expect([
      sheet.getFrozenRows(),
      sheet.getColumnWidth(2),
      sheet.getColumnWidth(3),
      sheet.getTabColor(),
    ]).toEqual([1, 240, 100, "#123456"]);
  });
});

describe("formats and display values", () => {
  it("formats numbers and dates by number format in the spreadsheet's zone", () => {
    const { sheet } = setup({ timeZone: "Asia/Shanghai" });
    const d = new Date("2026-01-31T20:30:00Z"); // 2026-02-01 04:30 in Shanghai
    sheet.getRange("A1:I1").setValues([[1234.5, 1234.5, 0.256, 1234.567, d, d, 1234.5, true, "x"]]);
    sheet
      .getRange("A1:I1")
      .setNumberFormats([
        ["0", "#,##0.00", "0.0%", "¥#,##0.00", "yyyy-mm-dd", "yyyy-mm-dd hh:mm", "@", "0", "0"],
      ]);
    expect(sheet.getRange("A1:I1").getDisplayValues()).toEqual([
      ["1235", "1,234.50", "25.6%", "¥1,234.57", "2026-02-01", "2026-02-01 04:30", "1234.5", "TRUE", "x"],
    ]);
    expect(sheet.getRange("A1").getNumberFormat()).toBe("0");
    expect(sheet.getRange("J1").getNumberFormat()).toBe("0.###############");
    expect(sheet.getRange("A1").getValue()).toBe(1234.5);
  });

  it("types values by number format as Sheets does: serials read as dates, dates as serials", () => {
    const { sheet } = setup({ timeZone: "Asia/Shanghai" });
    sheet.getRange("A1:B1").setValues([[46000.5, new Date("2026-01-01T04:00:00Z")]]); // 2026-01-01 12:00 Shanghai
    sheet.getRange("A1:B1").setNumberFormats([["yyyy-mm-dd hh:mm", "0.00"]]);
    const [[asDate, asSerial]] = sheet.getRange("A1:B1").getValues();
    expect((asDate as Date).toISOString()).toBe("2025-12-09T04:00:00.000Z"); // serial 46000.5 = 2025-12-09 12:00
    expect(asSerial).toBeCloseTo(46023.5, 10);
    expect(sheet.getRange("A1:B1").getDisplayValues()).toEqual([["2025-12-09 12:00", "46023.50"]]);
  });

  it("shows dates with time patterns, am/pm and the locale's default format", () => {
    const { sheet } = setup({ timeZone: "America/New_York" });
    const d = new Date("2026-07-04T17:05:09Z"); // 13:05:09 EDT
    const midnight = new Date("2026-07-04T04:00:00Z");
    sheet.getRange("A1:E1").setValues([[d, d, d, d, midnight]]);
    sheet.getRange("A1:D1").setNumberFormats([["hh:mm:ss", "h:mm am/pm", "dddd, mmmm d", "m/d/yy"]]);
    expect(sheet.getRange("A1:F1").getDisplayValues()).toEqual([
      ["13:05:09", "1:05 PM", "Saturday, July 4", "7/4/26", "7/4/2026", ""],
    ]);
    sheet.getRange("F1").setValue(d);
    expect(sheet.getRange("F1").getDisplayValue()).toBe("7/4/2026 13:05:09");
  });

  it("backgrounds, fonts, notes, wrap and clear", () => {
    const { sheet } = setup();
    const r = sheet.getRange("A1:B1");
    r.setBackgrounds([["#ff0000", "#00ff00"]])
      .setFontWeight("bold")
      .setFontColor("#333333")
      .setNotes([["a", "b"]]);
    expect(r.getBackgrounds()).toEqual([["#ff0000", "#00ff00"]]);
    expect(r.getFontWeights()).toEqual([["bold", "bold"]]);
    expect(r.getFontColors()).toEqual([["#333333", "#333333"]]);
    expect(r.getNotes()).toEqual([["a", "b"]]);
    expect(sheet.getRange("C1").getBackground()).toBe("#ffffff");
    r.setValue(5);
    r.clear();
    expect([r.getValues(), r.getBackgrounds(), r.getNotes()]).toEqual([
      [["", ""]],
      [["#ffffff", "#ffffff"]],
      [["", ""]],
    ]);
  });
});

describe("data validation builder", () => {
  it("builds each criteria with values, help text and allow-invalid, stored per cell", () => {
    const { SpreadsheetApp, sheet } = setup();
    const C = SpreadsheetApp.DataValidationCriteria;
    const list = SpreadsheetApp.newDataValidation()
      .requireValueInList(["VIP", "Regular"], true)
      .setAllowInvalid(false)
      .setHelpText("Pick one")
      .build();
    expect(list.getCriteriaType()).toBe(C.VALUE_IN_LIST);
    expect(list.getCriteriaValues()).toEqual([["VIP", "Regular"], true]);
    expect([list.getHelpText(), list.getAllowInvalid()]).toEqual(["Pick one", false]);
    const d1 = new Date("2020-01-01T00:00:00Z");
    const cases: [GoogleAppsScript.Spreadsheet.DataValidation, string, unknown[]][] = [
      [SpreadsheetApp.newDataValidation().requireTextIsEmail().build(), "TEXT_IS_VALID_EMAIL", []],
      [SpreadsheetApp.newDataValidation().requireDate().build(), "DATE_IS_VALID_DATE", []],
      [SpreadsheetApp.newDataValidation().requireDateOnOrAfter(d1).build(), "DATE_ON_OR_AFTER", [d1]],
      [SpreadsheetApp.newDataValidation().requireNumberBetween(1, 5).build(), "NUMBER_BETWEEN", [1, 5]],
      [
        SpreadsheetApp.newDataValidation().requireNumberGreaterThanOrEqualTo(0).build(),
        "NUMBER_GREATER_THAN_OR_EQUAL_TO",
        [0],
      ],
      [
        SpreadsheetApp.newDataValidation().requireFormulaSatisfied("=LEN(A1)<5").build(),
        "CUSTOM_FORMULA",
        ["=LEN(A1)<5"],
      ],
      [SpreadsheetApp.newDataValidation().requireCheckbox().build(), "CHECKBOX", []],
    ];
    for (const [rule, type, values] of cases) {
      expect(rule.getCriteriaType()).toBe(type);
      expect(rule.getCriteriaValues()).toEqual(values);
      expect(rule.getAllowInvalid()).toBe(true);
    }
    sheet.getRange("A2:A3").setDataValidation(list);
    expect(sheet.getRange("A3").getDataValidation()!.getCriteriaValues()[0]).toEqual(["VIP", "Regular"]);
    expect(sheet.getRange("A4").getDataValidation()).toBeNull();
    sheet.getRange("A2").clearDataValidations();
    expect(
      sheet
        .getRange("A2:A3")
        .getDataValidations()
        .map((r) => r[0] && r[0].getCriteriaType()),
    ).toEqual([null, "VALUE_IN_LIST"]);
    expect(() => SpreadsheetApp.newDataValidation().build()).toThrow();
  });

  it("copy() keeps criteria and changes independently", () => {
    const { SpreadsheetApp } = setup();
    const a = SpreadsheetApp.newDataValidation().requireNumberLessThan(3).build();
    const b = a.copy().setHelpText("h").build();
    expect([a.getHelpText(), b.getHelpText(), b.getCriteriaType()]).toEqual(["", "h", "NUMBER_LESS_THAN"]);
  });
});

describe("conditional formats and charts", () => {
  it("records conditional format rules with their ranges", () => {
    const { SpreadsheetApp, sheet } = setup();
    const rule = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied("=$C2<0")
      .setBackground("#fce8e6")
      .setFontColor("#a50e0e")
      .setRanges([sheet.getRange("A2:D100")])
      .build();
    sheet.setConditionalFormatRules([rule]);
    const got = sheet.getConditionalFormatRules();
    expect(got).toHaveLength(1);
    expect(got[0].getRanges()[0].getA1Notation()).toBe("A2:D100");
    const cond = got[0].getBooleanCondition()!;
    expect([cond.getCriteriaType(), cond.getCriteriaValues(), cond.getBackground()]).toEqual([
      "CUSTOM_FORMULA",
      ["=$C2<0"],
      "#fce8e6",
    ]);
  });

  it("records embedded charts built with the chart builder", () => {
    const { emu, sheet } = setup();
    const Charts = emu.globals.Charts as GoogleAppsScript.Charts.Charts;
    const chart = sheet
      .newChart()
      .setChartType(Charts.ChartType.PIE)
      .addRange(sheet.getRange("A1:B5"))
      .setPosition(2, 4, 0, 0)
      .setOption("title", "Segments")
      .build();
    sheet.insertChart(chart);
    const charts = sheet.getCharts();
    expect(charts).toHaveLength(1);
    expect(charts[0].getRanges().map((r) => r.getA1Notation())).toEqual(["A1:B5"]);
    expect(charts[0].getOptions().get("title")).toBe("Segments");
    expect(emu.snapshot().sheets[0].charts).toEqual([
      {
        type: "PIE",
        ranges: ["Sheet1!A1:B5"],
        options: { title: "Segments" },
        position: { row: 2, column: 4, offsetX: 0, offsetY: 0 },
      },
    ]);
  });
});

describe("builder method families", () => {
  // The methods Apps Script documents for each builder family (developers.google.com/apps-script/reference/
  // spreadsheet/data-validation-builder, conditional-format-rule-builder, embedded-chart-builder and
  // script/spreadsheet-trigger-builder): the emulator adds them from tables, so a typo would show here.
  it("data validation: one requireX per criteria, setting it with its arguments", () => {
    const { SpreadsheetApp } = setup();
    const d = new Date("2020-01-01T00:00:00Z");
    const b = () => SpreadsheetApp.newDataValidation();
    const rules: [GoogleAppsScript.Spreadsheet.DataValidationBuilder, string, unknown[]][] = [
      [b().requireDateAfter(d), "DATE_AFTER", [d]],
      [b().requireDateBefore(d), "DATE_BEFORE", [d]],
      [b().requireDateBetween(d, d), "DATE_BETWEEN", [d, d]],
      [b().requireDateEqualTo(d), "DATE_EQUAL_TO", [d]],
      [b().requireDateNotBetween(d, d), "DATE_NOT_BETWEEN", [d, d]],
      [b().requireDateOnOrBefore(d), "DATE_ON_OR_BEFORE", [d]],
      [b().requireNumberEqualTo(1), "NUMBER_EQUAL_TO", [1]],
      [b().requireNumberGreaterThan(1), "NUMBER_GREATER_THAN", [1]],
      [b().requireNumberLessThanOrEqualTo(1), "NUMBER_LESS_THAN_OR_EQUAL_TO", [1]],
      [b().requireNumberNotBetween(1, 2), "NUMBER_NOT_BETWEEN", [1, 2]],
      [b().requireNumberNotEqualTo(1), "NUMBER_NOT_EQUAL_TO", [1]],
      [b().requireTextContains("a"), "TEXT_CONTAINS", ["a"]],
      [b().requireTextDoesNotContain("a"), "TEXT_DOES_NOT_CONTAIN", ["a"]],
      [b().requireTextEqualTo("a"), "TEXT_EQUAL_TO", ["a"]],
      [b().requireTextIsUrl(), "TEXT_IS_VALID_URL", []],
    ];
    for (const [builder, type, values] of rules) {
      expect([builder.getCriteriaType(), builder.getCriteriaValues()]).toEqual([type, values]);
    }
  });

  it("conditional formats: one whenX per condition, and the format setters", () => {
    const { SpreadsheetApp } = setup();
    const d = new Date("2020-01-01T00:00:00Z");
    const b = () => SpreadsheetApp.newConditionalFormatRule();
    const conditions: [GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder, string, unknown[]][] = [
      [b().whenCellEmpty(), "CELL_EMPTY", []],
      [b().whenCellNotEmpty(), "CELL_NOT_EMPTY", []],
      [b().whenDateAfter(d), "DATE_AFTER", [d]],
      [b().whenDateBefore(d), "DATE_BEFORE", [d]],
      [b().whenDateEqualTo(d), "DATE_EQUAL_TO", [d]],
      [b().whenNumberBetween(1, 2), "NUMBER_BETWEEN", [1, 2]],
      [b().whenNumberEqualTo(1), "NUMBER_EQUAL_TO", [1]],
      [b().whenNumberGreaterThan(1), "NUMBER_GREATER_THAN", [1]],
      [b().whenNumberGreaterThanOrEqualTo(1), "NUMBER_GREATER_THAN_OR_EQUAL_TO", [1]],
      [b().whenNumberLessThan(1), "NUMBER_LESS_THAN", [1]],
      [b().whenNumberLessThanOrEqualTo(1), "NUMBER_LESS_THAN_OR_EQUAL_TO", [1]],
      [b().whenNumberNotBetween(1, 2), "NUMBER_NOT_BETWEEN", [1, 2]],
      [b().whenNumberNotEqualTo(1), "NUMBER_NOT_EQUAL_TO", [1]],
      [b().whenTextContains("a"), "TEXT_CONTAINS", ["a"]],
      [b().whenTextDoesNotContain("a"), "TEXT_DOES_NOT_CONTAIN", ["a"]],
      [b().whenTextEndsWith("a"), "TEXT_ENDS_WITH", ["a"]],
      [b().whenTextEqualTo("a"), "TEXT_EQUAL_TO", ["a"]],
      [b().whenTextStartsWith("a"), "TEXT_STARTS_WITH", ["a"]],
    ];
    for (const [builder, type, values] of conditions) {
      const c = builder.setBold(true).setItalic(false).build().getBooleanCondition()!;
      expect([c.getCriteriaType(), c.getCriteriaValues(), c.getBold(), c.getItalic()]).toEqual([
        type,
        values,
        true,
        false,
      ]);
    }
  });

  it("charts: asXChart sets the type, setTitle/setNumHeaders/setTransposeRowsAndColumns set options", () => {
    const { sheet } = setup();
    const types = [
      sheet.newChart().asAreaChart(),
      sheet.newChart().asBarChart(),
      sheet.newChart().asColumnChart(),
      sheet.newChart().asLineChart(),
      sheet.newChart().asPieChart(),
      sheet.newChart().asScatterChart(),
      sheet.newChart().asTableChart(),
    ].map((c) => c.getChartType());
    expect(types).toEqual(["AREA", "BAR", "COLUMN", "LINE", "PIE", "SCATTER", "TABLE"]);
    const chart = sheet
      .newChart()
      .asPieChart()
      .setTitle("t")
      .setNumHeaders(1)
      .setTransposeRowsAndColumns(true)
      .addRange(sheet.getRange("A1:B2"))
      .build();
    const options = chart.getOptions();
    expect([options.get("title"), options.get("numHeaders"), options.get("transposeRowsAndColumns")]).toEqual(
      ["t", 1, true],
    );
  });
});

describe("protection", () => {
  it("sheet protection with editors blocks other users' writes; warning-only does not", () => {
    const { emu, ss, SpreadsheetApp } = setup({ owner: "owner@example.com" });
    const sheet = ss.insertSheet("Vault");
    const p = sheet.protect().setDescription("owner only");
    p.removeEditors(p.getEditors());
    expect(p.getEditors().map((u) => u.getEmail())).toEqual(["owner@example.com"]);
    p.addEditor("manager@example.com");
    expect(ss.getProtections(SpreadsheetApp.ProtectionType.SHEET).map((x) => x.getDescription())).toEqual([
      "owner only",
    ]);
    emu.setUser("sales@example.com");
    expect(p.canEdit()).toBe(false);
    expect(() => sheet.getRange("A1").setValue(1)).toThrow(PROTECTED_TEXT);
    expect(() => sheet.appendRow([1])).toThrow(PROTECTED_TEXT);
    emu.setUser("manager@example.com");
    sheet.getRange("A1").setValue(1);
    emu.setUser("sales@example.com");
    p.setWarningOnly(true);
    sheet.getRange("A2").setValue(2);
    expect(sheet.getRange("A1:A2").getValues()).toEqual([[1], [2]]);
    expect(sheet.protect().getDescription()).toBe("owner only");
  });

  it("range protection covers only its range", () => {
    const { emu, sheet, SpreadsheetApp } = setup();
    const p = sheet.getRange("A1:A5").protect();
    p.removeEditors(p.getEditors());
    emu.setUser("x@example.com");
    expect(() => sheet.getRange("A3").setValue(1)).toThrow(PROTECTED_TEXT);
    sheet.getRange("B3").setValue(1);
    expect(p.getRange().getA1Notation()).toBe("A1:A5");
    const ss = emu.spreadsheet;
    expect(
      ss.getProtections(SpreadsheetApp.ProtectionType.RANGE).map((x) => x.getRange().getA1Notation()),
    ).toEqual(["A1:A5"]);
    expect(ss.getProtections(SpreadsheetApp.ProtectionType.SHEET)).toEqual([]);
    emu.setUser("owner@example.com");
    p.remove();
    expect(ss.getProtections(SpreadsheetApp.ProtectionType.RANGE)).toEqual([]);
  });
});

describe("copyTo and snapshots", () => {
  it("Sheet.copyTo makes 'Copy of X' with values, formats and notes", () => {
    const { emu, ss } = setup();
    const s = emu.sheetFromValues("Customers", [["Name"], ["Ann"]]);
    s.getRange("A1").setNote("header").setNumberFormat("@");
    const c = s.copyTo(ss);
    expect(c.getName()).toBe("Copy of Customers");
    expect(c.getRange("A1:A2").getValues()).toEqual([["Name"], ["Ann"]]);
    expect([c.getRange("A1").getNote(), c.getRange("A1").getNumberFormat()]).toEqual(["header", "@"]);
    c.getRange("A2").setValue("Bob");
    expect(s.getRange("A2").getValue()).toBe("Ann");
  });

  it("snapshot is deep and comparable", () => {
    const { emu } = setup();
    emu.sheetFromValues("T", [["a", new Date("2026-01-01T00:00:00Z")]]);
    const a = emu.snapshot();
    expect(emu.snapshot()).toEqual(a);
    (emu.spreadsheet.getSheetByName("T") as GoogleAppsScript.Spreadsheet.Sheet).getRange("A1").setNote("x");
    expect(emu.snapshot()).not.toEqual(a);
    expect(a.sheets[1].values).toEqual([["a", new Date("2026-01-01T00:00:00Z")]]);
  });
});
