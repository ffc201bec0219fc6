import { forecastMethodLabel } from "../analysis/sheet-layout";
import {
  satisfactionBlock,
  satisfactionHtml,
  satisfactionLines,
  satisfactionTitle,
} from "../intake/satisfaction-render";
import type { Lang } from "../schema/types";
import { escapeHtml, headerSafe } from "./escape";
import { formatAmount, formatChange, formatCount } from "./format";
import { clip, mailDocument, MUTED, para } from "./mail-layout";
import { ABSENT } from "./migration";
import { lifecycleLabel, segmentKey, segmentLabel } from "./segments";
import { say, sayer } from "./text";
import type { WeeklyReport } from "./weekly-report";

/**
 * The book's amounts are yuan (the classify settings' currency defaults to "¥" too); the notify side has no
 * currency setting of its own, so totals carry this symbol.
 */
const CURRENCY = "¥";

/** The report tab's name in `lang`. */
export function reportSheetName(lang: Lang): string {
  return say("report", "sheetName", lang);
}

/** The report's subject line, header-safe. */
export function weeklyReportSubject(r: WeeklyReport, lang: Lang): string {
  return headerSafe(say("report", "subject", lang, { from: r.thisWeek.from, to: r.thisWeek.to }));
}

/** The mail lists this many migrations; the sheet lists them all. */
const MAX_MOVES_IN_MAIL = 15;
/** The mail shows this many segment-to-segment movements (largest first); the sheet has the matrix. */
const MAX_FLOWS_IN_MAIL = 10;
/** Bar lists (segments, ABC, lifecycle, regions) show this many entries in the mail; the sheet has all. */
const MAX_BARS_IN_MAIL = 12;
/** Longest names and labels from the sheet the mail shows, in characters (a cell may hold 50,000). */
const NAME_CHARS = 60;
const LABEL_CHARS = 40;

const TABLE = `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;">`;
const ROW_TD = "padding:6px 0;border-top:1px solid #eceff1;vertical-align:top;";

/**
 * A list that reads at 375 px: each row a text block on the left (a title and a grey detail line) and one
 * figure on the right that never wraps, instead of a table with many columns.
 */
function list(
  rows: readonly { readonly title: string; readonly detail?: string; readonly figure: string }[],
): string {
  const body = rows
    .map(
      (r) =>
        `<tr><td style="${ROW_TD}">${escapeHtml(r.title)}` +
        (r.detail ? `<div style="${MUTED}">${escapeHtml(r.detail)}</div>` : "") +
        `</td><td align="right" style="${ROW_TD}padding-left:8px;white-space:nowrap;">${escapeHtml(r.figure)}</td></tr>`,
    )
    .join("\n");
  return `${TABLE}\n${body}\n</table>`;
}

/**
 * A horizontal bar chart as table cells with inline widths and colours — no scripts, no images, so
 * Gmail, Outlook (Word engine) and Apple Mail all draw it: the label and figure on one line, the bar under
 * them across the full width, so it fits any screen. Bars scale to the largest value.
 */
function bars(
  items: readonly { readonly label: string; readonly value: number; readonly shown: string }[],
  colour: string,
): string {
  const max = Math.max(0, ...items.map((i) => i.value));
  const rows = items
    .map((i) => {
      const pct = max > 0 ? Math.max(0, Math.round((i.value / max) * 100)) : 0;
      const bar =
        pct > 0
          ? `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="${pct}%" style="width:${pct}%;"><tr><td height="8" bgcolor="${colour}" style="background:${colour};height:8px;font-size:1px;line-height:1px;">&nbsp;</td></tr></table>`
          : "";
      return (
        `<tr><td style="padding:4px 0 0 0;">${escapeHtml(clip(i.label, LABEL_CHARS))}</td>` +
        `<td align="right" style="padding:4px 0 0 8px;white-space:nowrap;">${escapeHtml(i.shown)}</td></tr>\n` +
        `<tr><td colspan="2" style="padding:2px 0 4px 0;">${bar}</td></tr>`
      );
    })
    .join("\n");
  return `${TABLE}\n${rows}\n</table>`;
}

function section(title: string, body: string): string {
  return `<h2 style="margin:18px 0 6px 0;font-size:16px;color:#202124;">${escapeHtml(title)}</h2>\n${body}\n`;
}

/** At most `max` of `items`, plus the "…and N more in the sheet" line when some were left out. */
function capped<T>(items: readonly T[], max: number, lang: Lang): { shown: readonly T[]; tail: string } {
  const more = items.length - max;
  return {
    shown: more > 0 ? items.slice(0, max) : items,
    tail:
      more > 0
        ? para(say("report", "moreInSheet", lang, { n: more, sheet: reportSheetName(lang) }), MUTED)
        : "",
  };
}

/** The overdue section's title: says it is a top-N list only when lines were left out. */
function overdueTitle(r: WeeklyReport, lang: Lang): string {
  return r.overdueTotal.lines > r.overdue.length
    ? say("report", "overdueTop", lang, { n: r.overdue.length })
    : say("report", "overdue", lang);
}

/** "N overdue lines, total ¥X" over every overdue line, listed or not. */
function overdueTotalLine(r: WeeklyReport, lang: Lang): string {
  return say("report", "overdueTotal", lang, {
    n: r.overdueTotal.lines,
    amount: CURRENCY + formatAmount(r.overdueTotal.amount),
  });
}

/** Labels of the report's keys in `lang`. */
function labels(lang: Lang) {
  const t = sayer("report", lang);
  const segName = (key: string) => (key ? segmentLabel(key, lang) : t("unclassified"));
  return {
    segName,
    segOfCell: (cell: string) => cell && segmentLabel(segmentKey(cell), lang),
    rowName: (key: string) => (key === ABSENT ? t("newRow") : segName(key)),
    colName: (key: string) => (key === ABSENT ? t("goneCol") : segName(key)),
    lifecycle: (key: string) => lifecycleLabel(key, lang),
  };
}

/**
 * The weekly report as one standalone HTML document (the mail body, the preview, the demo's screenshot):
 * one fluid column at most 600 px wide that reads from 375 px up (mail-layout.ts), lists instead of wide
 * tables, bar charts drawn with table cells, every list capped (the sheet holds them all) and every value
 * from the sheet escaped and clipped, so it stays under MAX_MAIL_HTML_BYTES.
 */
export function renderWeeklyReportHtml(r: WeeklyReport, lang: Lang): string {
  const t = sayer("report", lang);
  const L = labels(lang);
  const k = r.kpis;
  const who = (name: string, id: string) => `${clip(name, NAME_CHARS)} (${clip(id, LABEL_CHARS)})`;
  const change = (now: number, lw: number, ly: number) =>
    t("change", { week: formatChange(now, lw), year: formatChange(now, ly) });
  const kpis = list([
    { title: t("customers"), figure: formatCount(k.customers) },
    { title: t("active"), figure: formatCount(k.active) },
    { title: t("newCustomers"), figure: formatCount(k.newCustomers) },
    {
      title: t("revenue"),
      detail: change(k.revenue.thisWeek, k.revenue.lastWeek, k.revenue.lastYear),
      figure: CURRENCY + formatAmount(k.revenue.thisWeek),
    },
    {
      title: t("orders"),
      detail: change(k.orders.thisWeek, k.orders.lastWeek, k.orders.lastYear),
      figure: formatCount(k.orders.thisWeek),
    },
  ]);
  const barSection = <T>(
    title: string,
    items: readonly T[],
    bar: (x: T) => { label: string; value: number; shown: string },
    colour: string,
  ) => {
    const { shown, tail } = capped(items, MAX_BARS_IN_MAIL, lang);
    return section(title, bars(shown.map(bar), colour) + tail);
  };

  let migration = para(t("migrationNone"));
  if (r.migration) {
    const m = r.migration;
    const flows: { from: string; to: string; n: number }[] = [];
    m.from.forEach((f, i) =>
      m.to.forEach((to, j) => {
        if (f !== to && m.counts[i][j] > 0) flows.push({ from: f, to, n: m.counts[i][j] });
      }),
    );
    flows.sort((a, b) => b.n - a.n);
    const moves = capped(m.moves, MAX_MOVES_IN_MAIL, lang);
    migration =
      (flows.length
        ? list(
            flows.slice(0, MAX_FLOWS_IN_MAIL).map((f) => ({
              title: `${clip(L.rowName(f.from), LABEL_CHARS)} → ${clip(L.colName(f.to), LABEL_CHARS)}`,
              figure: formatCount(f.n),
            })),
          )
        : para(t("none"))) +
      para(t("matrixInSheet", { sheet: reportSheetName(lang) }), MUTED) +
      `<h3 style="margin:10px 0 4px 0;font-size:14px;">${escapeHtml(t("moves"))}</h3>\n` +
      (m.moves.length
        ? list(
            moves.shown.map((x) => ({
              title: who(x.name, x.customerId),
              detail: `${clip(L.segName(x.from), LABEL_CHARS)} → ${clip(L.segName(x.to), LABEL_CHARS)}`,
              figure: formatAmount(x.value),
            })),
          ) + moves.tail
        : para(t("none")));
  }
  const idle = (d: number | null) => (d === null ? t("noContact") : t("idleDays", { n: d }));
  const customerRows = (rows: WeeklyReport["top"]) =>
    rows.length
      ? list(
          rows.map((l) => ({
            title: who(l.name, l.customerId),
            detail: [clip(L.segOfCell(l.segment), LABEL_CHARS), clip(l.owner, NAME_CHARS), idle(l.daysIdle)]
              .filter(Boolean)
              .join(" · "),
            figure: formatAmount(l.value),
          })),
        )
      : para(t("none"));
  const overdue = r.overdue.length
    ? list(
        r.overdue.map((o) => ({
          title: who(o.name, o.customerId),
          detail: [
            `${t("colOrder")} ${clip(o.orderId, LABEL_CHARS)}`,
            o.dueDate ? t("dueOn", { date: o.dueDate }) : "",
            o.daysOverdue === null ? "" : t("daysLate", { n: o.daysOverdue }),
          ]
            .filter(Boolean)
            .join(" · "),
          figure: formatAmount(o.amount),
        })),
      ) + para(overdueTotalLine(r, lang), "font-weight:bold;")
    : para(t("none"));
  const regions = capped(r.regions, MAX_BARS_IN_MAIL, lang);
  const title = t("title", { from: r.thisWeek.from, to: r.thisWeek.to });
  const body =
    `<h1 style="margin:0 0 4px 0;font-size:20px;color:#202124;">${escapeHtml(title)}</h1>\n` +
    section(t("kpis"), kpis) +
    barSection(
      t("segments"),
      r.segments,
      (s) => ({ label: L.segName(s.key), value: s.count, shown: formatCount(s.count) }),
      "#4285f4",
    ) +
    section(
      r.migration
        ? t("migration", { from: r.migration.fromWeek, to: r.migration.toWeek })
        : t("migrationTitle"),
      migration,
    ) +
    barSection(
      t("abc"),
      r.abc,
      (a) => ({
        label: a.label,
        value: a.value,
        shown: `${formatCount(a.count)} · ${formatAmount(a.value)}`,
      }),
      "#34a853",
    ) +
    barSection(
      t("lifecycle"),
      r.lifecycle,
      (l) => ({ label: L.lifecycle(l.label), value: l.count, shown: formatCount(l.count) }),
      "#fbbc04",
    ) +
    section(t("top"), customerRows(r.top)) +
    section(t("atRisk"), customerRows(r.atRisk)) +
    section(overdueTitle(r, lang), overdue) +
    section(
      t("monthly"),
      bars(
        r.monthly.map((m) => ({ label: m.month, value: m.revenue, shown: formatAmount(m.revenue) })),
        "#4285f4",
      ),
    ) +
    section(
      t("regions"),
      list(
        regions.shown.map((g) => ({
          title: clip(g.region, LABEL_CHARS),
          detail: `${t("customersCount", { n: g.customers })} · ${t("thisWeekAmount", { amount: formatAmount(g.revenueThisWeek) })}`,
          figure: formatAmount(g.revenue12m),
        })),
      ) + regions.tail,
    ) +
    forecastSection(r, lang) +
    (r.satisfaction ? satisfactionHtml(r.satisfaction, lang) : "") +
    para(t("footer"), `${MUTED}margin-top:16px;`);
  return mailDocument(lang, title, body);
}

/** "12.3%", or "—" when the backtest could not be scored. */
const mapeText = (mape: number | null) => (mape === null ? "—" : `${(mape * 100).toFixed(1)}%`);

/** The forecast's method and backtest error, one sentence. */
function forecastNote(f: NonNullable<WeeklyReport["forecast"]>, lang: Lang): string {
  return say("report", "forecastMethod", lang, {
    method: forecastMethodLabel(f.method, lang),
    mape: mapeText(f.backtestMape),
  });
}

/** The next months' revenue forecast with its 80 % range; nothing when the history is too short. */
function forecastSection(r: WeeklyReport, lang: Lang): string {
  const f = r.forecast;
  if (!f) return "";
  const t = sayer("report", lang);
  return section(
    t("forecast", { n: f.months.length }),
    list(
      f.months.map((m) => ({
        title: m.month,
        detail: t("forecastRange", { lower: formatAmount(m.lower), upper: formatAmount(m.upper) }),
        figure: formatAmount(m.forecast),
      })),
    ) + para(forecastNote(f, lang), MUTED),
  );
}

/** The report as sheet rows: labelled blocks one under another, plus where the chart data sits. */
export interface ReportGrid {
  readonly rows: readonly (readonly (string | number)[])[];
  readonly width: number;
  /** 1-based first row and row count (header included) of the blocks the charts draw. */
  readonly monthlyBlock: { readonly row: number; readonly rows: number };
  readonly segmentBlock: { readonly row: number; readonly rows: number };
}

/**
 * The report laid out for the report sheet, every label in `lang`, written in one setValues. Each block is a
 * title row, a header row and its data, then a blank row. Text is laid out as it is: the sheet is written
 * through src/gas/platform/write-values.ts, which keeps text that looks like a formula as text.
 */
export function weeklyReportGrid(r: WeeklyReport, lang: Lang): ReportGrid {
  const t = sayer("report", lang);
  const L = labels(lang);
  const rows: (string | number)[][] = [];
  const block = (
    title: string,
    header: readonly string[],
    data: readonly (readonly (string | number)[])[],
    footer?: readonly (string | number)[],
  ) => {
    rows.push([title]);
    const start = rows.length + 1;
    rows.push([...header]);
    for (const d of data) rows.push([...d]);
    // Outside the block's rows: a chart over the block must not pick up the footer.
    if (footer) rows.push([...footer]);
    rows.push([]);
    return { row: start, rows: data.length + 1 };
  };
  rows.push([t("title", { from: r.thisWeek.from, to: r.thisWeek.to })], []);
  const k = r.kpis;
  block(
    t("kpis"),
    ["", t("colThisWeek"), t("colLastWeek"), t("colLastYear")],
    [
      [t("customers"), k.customers, "", ""],
      [t("active"), k.active, "", ""],
      [t("newCustomers"), k.newCustomers, "", ""],
      [t("revenue"), k.revenue.thisWeek, k.revenue.lastWeek, k.revenue.lastYear],
      [t("orders"), k.orders.thisWeek, k.orders.lastWeek, k.orders.lastYear],
    ],
  );
  const segmentBlock = block(
    t("segments"),
    [t("colSegment"), t("colCount")],
    r.segments.map((s) => [L.segName(s.key), s.count]),
  );
  if (r.migration) {
    const m = r.migration;
    block(
      t("migration", { from: m.fromWeek, to: m.toWeek }),
      [t("fromTo"), ...m.to.map(L.colName)],
      m.from.map((f, i) => [L.rowName(f), ...m.counts[i]]),
    );
    block(
      t("moves"),
      [t("colCustomerId"), t("colCustomer"), t("colValue"), t("colFrom"), t("colTo")],
      m.moves.map((x) => [x.customerId, x.name, x.value, L.segName(x.from), L.segName(x.to)]),
    );
  }
  block(
    t("abc"),
    [t("colLabel"), t("colCount"), t("colValue")],
    r.abc.map((a) => [a.label, a.count, a.value]),
  );
  block(
    t("lifecycle"),
    [t("colLabel"), t("colCount")],
    r.lifecycle.map((l) => [L.lifecycle(l.label), l.count]),
  );
  const people = (list: WeeklyReport["top"]) =>
    list.map((l) => [l.customerId, l.name, l.value, L.segOfCell(l.segment), l.owner, l.daysIdle ?? ""]);
  const peopleHeader = [
    t("colCustomerId"),
    t("colCustomer"),
    t("colValue"),
    t("colSegment"),
    t("colOwner"),
    t("colIdle"),
  ];
  block(t("top"), peopleHeader, people(r.top));
  block(t("atRisk"), peopleHeader, people(r.atRisk));
  block(
    overdueTitle(r, lang),
    [t("colOrder"), t("colCustomerId"), t("colCustomer"), t("colAmount"), t("colDue"), t("colDaysOverdue")],
    r.overdue.map((o) => [o.orderId, o.customerId, o.name, o.amount, o.dueDate ?? "", o.daysOverdue ?? ""]),
    // The total sits under the Amount column as a number, so the sheet can still sum or format it.
    r.overdueTotal.lines ? [overdueTotalLine(r, lang), "", "", r.overdueTotal.amount] : undefined,
  );
  const monthlyBlock = block(
    t("monthly"),
    [t("colMonth"), t("colRevenue")],
    r.monthly.map((m) => [m.month, m.revenue]),
  );
  block(
    t("regions"),
    [t("colRegion"), t("colCount"), t("colRevenue12m"), t("colThisWeek")],
    r.regions.map((g) => [g.region, g.customers, g.revenue12m, g.revenueThisWeek]),
  );
  if (r.forecast) {
    const f = r.forecast;
    block(
      t("forecast", { n: f.months.length }),
      [t("colMonth"), t("colForecast"), t("colLower"), t("colUpper")],
      f.months.map((m) => [m.month, m.forecast, m.lower, m.upper]),
      [forecastNote(f, lang)],
    );
  }
  if (r.satisfaction) {
    const s = satisfactionBlock(r.satisfaction, lang);
    block(s.title, s.header, s.rows, s.footer);
  }
  const width = Math.max(...rows.map((row) => row.length));
  const padded = rows.map((row) => [...row, ...Array(width - row.length).fill("")]);
  return { rows: padded, width, monthlyBlock, segmentBlock };
}

/**
 * The report's plain-text part (for mail clients that show no HTML): key figures, the at-risk customers
 * and the capped overdue list with its total, then a pointer to the full report. Names are clipped as in
 * the HTML part.
 */
export function renderWeeklyReportText(r: WeeklyReport, lang: Lang): string {
  const t = sayer("report", lang);
  const heading = (s: string) => s + t("colon");
  const k = r.kpis;
  const lines = [
    t("title", { from: r.thisWeek.from, to: r.thisWeek.to }),
    t("textCustomers", { n: k.customers, active: k.active, fresh: k.newCustomers }),
    t("textRevenue", {
      now: formatAmount(k.revenue.thisWeek),
      week: formatAmount(k.revenue.lastWeek),
      year: formatAmount(k.revenue.lastYear),
    }),
    "",
    heading(t("atRisk")),
    ...(r.atRisk.length
      ? r.atRisk.map((l) => `- ${clip(l.name, NAME_CHARS)} (${l.customerId}): ${formatAmount(l.value)}`)
      : [t("none")]),
    "",
    heading(overdueTitle(r, lang)),
    ...(r.overdue.length
      ? [
          ...r.overdue.map(
            (o) =>
              `- ${o.orderId} ${clip(o.name, NAME_CHARS)} (${o.customerId}): ${formatAmount(o.amount)}, ${t("colDue")} ${o.dueDate ?? "—"}, ${t("colDaysOverdue")} ${o.daysOverdue === null ? "—" : o.daysOverdue}`,
          ),
          overdueTotalLine(r, lang),
        ]
      : [t("none")]),
    ...(r.forecast
      ? [
          "",
          heading(t("forecast", { n: r.forecast.months.length })),
          ...r.forecast.months.map(
            (m) =>
              `- ${m.month}: ${formatAmount(m.forecast)} (${t("forecastRange", { lower: formatAmount(m.lower), upper: formatAmount(m.upper) })})`,
          ),
          forecastNote(r.forecast, lang),
        ]
      : []),
    ...(r.satisfaction
      ? ["", heading(satisfactionTitle(r.satisfaction, lang)), ...satisfactionLines(r.satisfaction, lang)]
      : []),
    "",
    t("textFull", { sheet: reportSheetName(lang) }),
  ];
  return lines.join("\n");
}
