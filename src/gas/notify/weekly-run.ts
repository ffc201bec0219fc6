import { writeValues } from "../platform/write-values";
import { addDays, dateKeyReader, type DateKey } from "../../core/calendar";
import {
  renderWeeklyReportHtml,
  renderWeeklyReportText,
  reportSheetName,
  weeklyReportGrid,
  weeklyReportSubject,
} from "../../core/notify/report-render";
import { tripleKey, tripleStates, type SendLogEntry } from "../../core/notify/send-log";
import { defaultLangOf, langFor, type NotifySettings } from "../../core/notify/settings";
import { say } from "../../core/notify/text";
import { buildWeeklyReport, type WeeklyReport } from "../../core/notify/weekly-report";
import type { Lang } from "../../core/schema/types";
import type { ReportPreview, WeeklyRunSummary } from "../../shared/notify";
import { spreadsheetTimeZone } from "../platform/locale";
import { fitGrid } from "../platform/tab-grid";
import { bookLang } from "./mail-lang";
import { todayIn } from "./mailer";
import { channelIdOf, deliver, routeOf, statusAfter } from "./channels/deliver";
import { readBook } from "../book/read-book";
import {
  appendSendLog,
  existingSendLogSheet,
  markSendLog,
  readSendLog,
  sendLogSheet,
} from "./send-log-sheet";
import { loadNotifySettings } from "./settings-store";
import { surveyScores } from "../forms/survey-scores";

const RULE = "weekly-report";
/** What the report reads of the book: the customers, their orders and contacts, two weeks of segments. */
const REPORT_PARTS = ["customers", "orders", "interactions", "feedback", "history"] as const;

/** The report as of yesterday in the spreadsheet's zone: the last full day. */
function currentReport(): { report: WeeklyReport; settings: NotifySettings; today: DateKey } {
  const zone = spreadsheetTimeZone();
  const today = todayIn(zone);
  const { book } = readBook(REPORT_PARTS, { details: false });
  const surveys = surveyScores(zone);
  return {
    report: buildWeeklyReport(book, addDays(today, -1), surveys),
    settings: loadNotifySettings(),
    today,
  };
}

/** The preview shows the report as the managers without a language of their own get it. */
export function previewWeekly(): ReportPreview {
  const { report, settings } = currentReport();
  const lang = defaultLangOf(settings, bookLang());
  return {
    subject: weeklyReportSubject(report, lang),
    html: renderWeeklyReportHtml(report, lang),
    recipients: settings.managers,
  };
}

/**
 * The report tab, named in `lang`: found by that name, else by the other language's (the book's language
 * changed since it was made) and renamed, else inserted.
 */
function reportSheet(lang: Lang): GoogleAppsScript.Spreadsheet.Sheet {
  const ss = SpreadsheetApp.getActive();
  const name = reportSheetName(lang);
  const own = ss.getSheetByName(name);
  if (own) return own;
  const other = ss.getSheetByName(reportSheetName(lang === "en" ? "zh-CN" : "en"));
  if (!other) return ss.insertSheet(name);
  return other.setName(name);
}

/**
 * Rewrites the report tab in `lang`: one clear, one setValues for all blocks, and two native charts
 * (monthly revenue as columns, segment counts as a pie) placed right of the data.
 */
export function writeReportSheet(report: WeeklyReport, lang: Lang): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = reportSheet(lang);
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  sheet.clear();
  const grid = weeklyReportGrid(report, lang);
  const chartColumn = grid.width + 2;
  // The grid fits the blocks and the charts right of them (about 6 columns × 20 rows each, the second
  // anchored at row 22): every cell counts toward the book's 10,000,000-cell limit.
  fitGrid(sheet, Math.max(grid.rows.length, 22 + 19), chartColumn + 5);
  writeValues(sheet.getRange(1, 1, grid.rows.length, grid.width), grid.rows);
  sheet.getRange(1, 1).setFontWeight("bold").setFontSize(14);
  // Each chart plots a two-column block of the grid (header row first) and takes the block's title, the
  // grid row above it.
  const chart = (
    block: { row: number; rows: number },
    builder: GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder,
    row: number,
  ) =>
    builder
      .addRange(sheet.getRange(block.row, 1, block.rows, 2))
      .setNumHeaders(1)
      .setPosition(row, chartColumn, 0, 0)
      .setOption("title", grid.rows[block.row - 2][0]);
  sheet.insertChart(
    chart(grid.monthlyBlock, sheet.newChart().asColumnChart(), 2)
      .setOption("legend", { position: "none" })
      .build(),
  );
  if (grid.segmentBlock.rows > 1)
    sheet.insertChart(chart(grid.segmentBlock, sheet.newChart().asPieChart(), 22).build());
  return sheet;
}

/**
 * Mails the report as of `asOf` to `recipients` who have not had it yet (send log, key: recipient, asOf,
 * "weekly-report"), within the day's quota; the rest is logged deferred and retried by the daily run.
 * Every row names `by`, what started the run.
 */
function mailReport(
  report: WeeklyReport,
  settings: NotifySettings,
  today: DateKey,
  recipients: readonly string[],
  by: string,
): WeeklyRunSummary {
  const zone = spreadsheetTimeZone();
  const lang = bookLang();
  const logSheet = sendLogSheet();
  const states = tripleStates(readSendLog(logSheet, dateKeyReader(zone)), today);
  const due = recipients.filter((r) => !states.get(tripleKey(r, report.asOf, RULE))?.everDone);
  const quota = MailApp.getRemainingDailyQuota();
  const now = due.slice(0, Math.max(0, quota));
  const later = due.slice(now.length);
  const at = new Date().toISOString();
  const entry = (recipient: string, status: "pending" | "deferred", note = ""): SendLogEntry => ({
    date: today,
    recipient,
    customerId: report.asOf,
    rule: RULE,
    status,
    at,
    note,
    by,
    // A manager who chose a chat robot or SMS for reports gets it there (Settings → Channels).
    channel: channelIdOf(routeOf(recipient, "reports")),
  });
  const first = appendSendLog(logSheet, [
    ...now.map((r) => entry(r, "pending")),
    ...later.map((r) => entry(r, "deferred", say("log", "quota", lang))),
  ]);
  let sent = 0;
  let failed = 0;
  now.forEach((recipient, i) => {
    const mailLang = langFor(settings, recipient, lang);
    try {
      deliver(
        routeOf(recipient, "reports"),
        recipient,
        {
          subject: weeklyReportSubject(report, mailLang),
          text: renderWeeklyReportText(report, mailLang),
          html: renderWeeklyReportHtml(report, mailLang),
        },
        SpreadsheetApp.getActive().getName(),
      );
      markSendLog(logSheet, first + i, 1, "sent", new Date().toISOString());
      sent++;
    } catch (e) {
      const status = statusAfter(e);
      markSendLog(
        logSheet,
        first + i,
        1,
        status,
        new Date().toISOString(),
        String((e as Error).message).slice(0, 300),
      );
      if (status === "failed") failed++;
    }
  });
  return {
    asOf: report.asOf,
    sent,
    deferred: later.length,
    failed,
    alreadySent: recipients.length - due.length,
  };
}

/** The weekly run (caller holds the lock): write the sheet, mail the managers once per report. */
export function runWeeklyReport(by: string): WeeklyRunSummary {
  const { report, settings, today } = currentReport();
  writeReportSheet(report, defaultLangOf(settings, bookLang()));
  return mailReport(report, settings, today, settings.managers, by);
}

/**
 * Re-sends weekly reports that an earlier run deferred or failed to send (called by the daily run), to
 * those of their recipients who are still managers in the settings.
 */
export function retryWeeklyReports(by: string): WeeklyRunSummary[] {
  const zone = spreadsheetTimeZone();
  const today = todayIn(zone);
  const log = readSendLog(existingSendLogSheet(), dateKeyReader(zone)).filter((e) => e.rule === RULE);
  const states = tripleStates(log, today);
  // Settings are read only when something is owed: most daily runs owe nothing.
  let managers: readonly string[] | null = null;
  const stillManager = (email: string) => (managers ??= loadNotifySettings().managers).includes(email);
  const owed = new Map<DateKey, string[]>();
  for (const e of log) {
    const s = states.get(tripleKey(e.recipient, e.customerId, RULE));
    if (!s?.outstandingSince || s.everDone || !stillManager(e.recipient)) continue;
    const list = owed.get(e.customerId) ?? [];
    if (!list.includes(e.recipient)) list.push(e.recipient);
    owed.set(e.customerId, list);
  }
  if (!owed.size) return [];
  const { book } = readBook(REPORT_PARTS, { details: false });
  const settings = loadNotifySettings();
  return [...owed].map(([asOf, recipients]) =>
    mailReport(buildWeeklyReport(book, asOf), settings, today, recipients, by),
  );
}
