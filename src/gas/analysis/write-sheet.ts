import { writeValues } from "../platform/write-values";
import { fitGrid } from "../platform/tab-grid";
import type { SheetLayout } from "../../core/analysis/sheet-layout";
import type { Lang } from "../../core/schema/types";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Rows a chart spans at its default size (as the layout spaces them). */
const CHART_ROWS = 20;

/** The Analysis tab in either language. */
export const ANALYSIS_SHEET_NAMES = { en: "Analysis", "zh-CN": "分析" } as const;

/** The Analysis tab, found by either name, or created in the user's language. */
function analysisSheet(lang: Lang): Sheet {
  const ss = SpreadsheetApp.getActive();
  return (
    ss.getSheetByName(ANALYSIS_SHEET_NAMES.en) ??
    ss.getSheetByName(ANALYSIS_SHEET_NAMES["zh-CN"]) ??
    ss.insertSheet(ANALYSIS_SHEET_NAMES[lang])
  );
}

/**
 * Replaces the Analysis tab's content with `layout`: old charts removed, the sheet cleared and grown to
 * fit, then values, number formats and font weights written with one call each over the whole block,
 * and the charts inserted. The tab is the add-on's own output, so clearing it loses no user data.
 */
export function writeAnalysisSheet(layout: SheetLayout, lang: Lang): Sheet {
  const sheet = analysisSheet(lang);
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  sheet.clear();
  const rows = layout.values.length;
  const columns = layout.width;
  // The grid fits the tables plus the charts to their right (anchored at width + 2, about 6 columns and
  // CHART_ROWS rows each): every cell counts toward the book's 10,000,000-cell limit.
  const chartRows = layout.charts.reduce((n, c) => Math.max(n, c.anchorRow + CHART_ROWS - 1), 0);
  fitGrid(sheet, Math.max(rows, chartRows), columns + 8);
  const block = sheet.getRange(1, 1, rows, columns);
  writeValues(block, layout.values);
  block.setNumberFormats(layout.numberFormats as string[][]);
  block.setFontWeights(layout.fontWeights as GoogleAppsScript.Spreadsheet.FontWeight[][]);
  for (const spec of layout.charts) {
    let builder: GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder =
      spec.type === "LINE" ? sheet.newChart().asLineChart() : sheet.newChart().asColumnChart();
    for (const r of spec.ranges)
      builder = builder.addRange(sheet.getRange(r.row, r.column, r.numRows, r.numColumns));
    sheet.insertChart(
      builder
        .setPosition(spec.anchorRow, spec.anchorColumn, 0, 0)
        .setOption("title", spec.title)
        .setNumHeaders(1)
        .build(),
    );
  }
  sheet.setFrozenRows(1);
  return sheet;
}
