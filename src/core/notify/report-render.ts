import type { Lang } from "../schema/types";
import { escapeHtml, headerSafe } from "./escape";
import { formatAmount, formatChange, formatCount } from "./format";
import { ABSENT } from "./migration";
import { segmentKey, segmentLabel } from "./segments";
import type { WeeklyReport } from "./weekly-report";

/**
 * The book's amounts are yuan (the classify settings' currency defaults to "¥" too); the notify side has no
 * currency setting of its own, so totals carry this symbol.
 */
const CURRENCY = "¥";

const T = {
  en: {
    title: "Weekly customer report",
    subject: (from: string, to: string) => `Sheet CRM weekly report ${from} – ${to}`,
    kpis: "Key figures",
    customers: "Customers",
    active: "Active (90 days)",
    newCustomers: "New this week",
    revenue: "Revenue this week",
    orders: "Orders this week",
    vsLastWeek: "vs last week",
    vsLastYear: "vs same week last year",
    segments: "Segments",
    migration: (a: string, b: string) => `Segment migration, week of ${a} → week of ${b}`,
    migrationNone: "Not enough weekly snapshots yet for a migration matrix.",
    fromTo: "from \\ to",
    moves: "Who moved (most valuable first)",
    moreMoves: (n: number) => `…and ${n} more in the "Weekly report" sheet.`,
    abc: "ABC mix",
    lifecycle: "Lifecycle mix",
    top: "Top 10 customers",
    atRisk: "At-risk customers worth saving",
    overdue: "Overdue payments",
    overdueTop: (n: number) => `Overdue payments (top ${n} by amount)`,
    overdueTotal: (n: number, amount: string) =>
      `${n} overdue ${n === 1 ? "line" : "lines"}, total ${CURRENCY}${amount}`,
    textRevenue: (now: string, lw: string, ly: string) =>
      `Revenue this week ${now} (last week ${lw}, same week last year ${ly}).`,
    textCustomers: (n: number, active: number, fresh: number) =>
      `Customers ${n}, active ${active}, new this week ${fresh}.`,
    textFull: 'The full report is in the HTML version and the "Weekly report" sheet.',
    monthly: "Monthly revenue (12 months)",
    regions: "Regions",
    cols: {
      customer: "Customer",
      value: "Value",
      segment: "Segment",
      owner: "Owner",
      idle: "Days idle",
      order: "Order",
      amount: "Amount",
      due: "Due",
      daysOverdue: "Days overdue",
      month: "Month",
      revenue: "Revenue",
      region: "Region",
      count: "Count",
      revenue12m: "Revenue 12 months",
      thisWeek: "This week",
      lastWeek: "Last week",
      lastYear: "Same week last year",
      label: "Class",
      from: "From",
      to: "To",
    },
    none: "None.",
    newRow: "(new)",
    goneCol: "(gone)",
    unclassified: "(not classified)",
  },
  "zh-CN": {
    title: "客户周报",
    subject: (from: string, to: string) => `Sheet CRM 周报 ${from} – ${to}`,
    kpis: "关键指标",
    customers: "客户数",
    active: "活跃客户（90 天）",
    newCustomers: "本周新增",
    revenue: "本周收入",
    orders: "本周订单",
    vsLastWeek: "较上周",
    vsLastYear: "较去年同期",
    segments: "客户分群",
    migration: (a: string, b: string) => `分群迁移：${a} 当周 → ${b} 当周`,
    migrationNone: "每周快照尚不足两周，暂无迁移矩阵。",
    fromTo: "原 \\ 现",
    moves: "迁移明细（按价值排序）",
    moreMoves: (n: number) => `……另有 ${n} 位，见表格「周报」。`,
    abc: "ABC 分类",
    lifecycle: "生命周期",
    top: "前 10 名客户",
    atRisk: "值得挽回的风险客户",
    overdue: "逾期付款",
    overdueTop: (n: number) => `逾期付款（金额前 ${n} 笔）`,
    overdueTotal: (n: number, amount: string) => `共 ${n} 笔逾期，合计 ${CURRENCY}${amount}`,
    textRevenue: (now: string, lw: string, ly: string) => `本周收入 ${now}（上周 ${lw}，去年同期 ${ly}）。`,
    textCustomers: (n: number, active: number, fresh: number) =>
      `客户 ${n}，活跃 ${active}，本周新增 ${fresh}。`,
    textFull: "完整报告见 HTML 版本或表格中的「周报」。",
    monthly: "月度收入（12 个月）",
    regions: "地区对比",
    cols: {
      customer: "客户",
      value: "价值",
      segment: "分群",
      owner: "负责人",
      idle: "未联系天数",
      order: "订单",
      amount: "金额",
      due: "应付日",
      daysOverdue: "逾期天数",
      month: "月份",
      revenue: "收入",
      region: "地区",
      count: "数量",
      revenue12m: "近 12 个月收入",
      thisWeek: "本周",
      lastWeek: "上周",
      lastYear: "去年同期",
      label: "类别",
      from: "原分群",
      to: "现分群",
    },
    none: "无。",
    newRow: "（新增）",
    goneCol: "（离开）",
    unclassified: "（未分类）",
  },
} as const;

/** The report's subject line, header-safe. */
export function weeklyReportSubject(r: WeeklyReport, lang: Lang): string {
  return headerSafe(T[lang].subject(r.thisWeek.from, r.thisWeek.to));
}

/** The mail lists this many migrations; the sheet lists them all. */
const MAX_MOVES_IN_MAIL = 15;

const FONT = "font-family:Arial,Helvetica,sans-serif;";
const TD = `padding:4px 8px;border-bottom:1px solid #e6e6e6;font-size:13px;${FONT}`;
const TH = `${TD}background:#f3f6fa;`;

function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: readonly number[] = [],
): string {
  const head = headers
    .map((h, i) => {
      const align = numeric.includes(i) ? "right" : "left";
      return `<th align="${align}" style="${TH}text-align:${align};">${escapeHtml(h)}</th>`;
    })
    .join("");
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => `<td style="${TD}"${numeric.includes(i) ? ' align="right"' : ""}>${escapeHtml(c)}</td>`).join("")}</tr>`,
    )
    .join("\n");
  return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;width:100%;">\n<tr>${head}</tr>\n${body}\n</table>`;
}

/**
 * A horizontal bar chart as nested tables with inline widths and background colours: no scripts, no
 * images, so Gmail, Outlook (Word engine) and Apple Mail all draw it. Bars scale to the largest value.
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
          ? `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="${pct}%" style="width:${pct}%;"><tr><td height="14" bgcolor="${colour}" style="background:${colour};height:14px;font-size:1px;line-height:1px;">&nbsp;</td></tr></table>`
          : "&nbsp;";
      return (
        `<tr><td style="${TD}white-space:nowrap;" width="140">${escapeHtml(i.label)}</td>` +
        `<td style="${TD}" width="360">${bar}</td>` +
        `<td style="${TD}white-space:nowrap;" align="right">${escapeHtml(i.shown)}</td></tr>`
      );
    })
    .join("\n");
  return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;width:100%;">\n${rows}\n</table>`;
}

function section(title: string, body: string): string {
  return `<tr><td style="padding:16px 0 4px 0;"><h2 style="margin:0 0 6px 0;font-size:16px;color:#202124;${FONT}">${escapeHtml(title)}</h2>\n${body}</td></tr>\n`;
}

function kpiCell(label: string, value: string, note: string): string {
  return (
    `<td width="20%" valign="top" style="padding:8px;border:1px solid #e6e6e6;${FONT}">` +
    `<div style="font-size:12px;color:#5f6368;">${escapeHtml(label)}</div>` +
    `<div style="font-size:20px;font-weight:bold;color:#202124;">${escapeHtml(value)}</div>` +
    `<div style="font-size:11px;color:#5f6368;">${escapeHtml(note)}</div></td>`
  );
}

const idle = (d: number | null) => (d === null ? "—" : String(d));

/** The overdue section's title: says it is a top-N list only when lines were left out. */
function overdueTitle(r: WeeklyReport, lang: Lang): string {
  return r.overdueTotal.lines > r.overdue.length ? T[lang].overdueTop(r.overdue.length) : T[lang].overdue;
}

/** "N overdue lines, total ¥X" over every overdue line, listed or not. */
function overdueTotalLine(r: WeeklyReport, lang: Lang): string {
  return T[lang].overdueTotal(r.overdueTotal.lines, formatAmount(r.overdueTotal.amount));
}

/**
 * The weekly report as one standalone HTML document (for the mail body and for screenshots): table layout,
 * inline styles, bar charts drawn with table cells, every value from the sheet escaped.
 */
export function renderWeeklyReportHtml(r: WeeklyReport, lang: Lang): string {
  const t = T[lang];
  const c = t.cols;
  const k = r.kpis;
  const change = (now: number, lw: number, ly: number) =>
    `${t.vsLastWeek} ${formatChange(now, lw)} · ${t.vsLastYear} ${formatChange(now, ly)}`;
  const segName = (key: string) => (key ? segmentLabel(key, lang) : t.unclassified);
  const rowName = (key: string) => (key === ABSENT ? t.newRow : segName(key));
  const colName = (key: string) => (key === ABSENT ? t.goneCol : segName(key));
  const kpis =
    `<table role="presentation" cellpadding="0" cellspacing="4" border="0" style="width:100%;"><tr>` +
    kpiCell(t.customers, formatCount(k.customers), "") +
    kpiCell(t.active, formatCount(k.active), "") +
    kpiCell(t.newCustomers, formatCount(k.newCustomers), "") +
    kpiCell(
      t.revenue,
      formatAmount(k.revenue.thisWeek),
      change(k.revenue.thisWeek, k.revenue.lastWeek, k.revenue.lastYear),
    ) +
    kpiCell(
      t.orders,
      formatCount(k.orders.thisWeek),
      change(k.orders.thisWeek, k.orders.lastWeek, k.orders.lastYear),
    ) +
    `</tr></table>`;
  const seg = bars(
    r.segments.map((s) => ({ label: segName(s.key), value: s.count, shown: formatCount(s.count) })),
    "#4285f4",
  );
  let migration = `<p style="font-size:13px;${FONT}">${escapeHtml(t.migrationNone)}</p>`;
  if (r.migration) {
    const m = r.migration;
    const grid = table(
      [t.fromTo, ...m.to.map(colName)],
      m.from.map((f, i) => [rowName(f), ...m.counts[i].map((n) => (n ? String(n) : "·"))]),
      m.to.map((_, i) => i + 1),
    );
    const shown = m.moves.slice(0, MAX_MOVES_IN_MAIL);
    const more = m.moves.length - shown.length;
    const moves = m.moves.length
      ? table(
          [c.customer, c.value, c.from, c.to],
          shown.map((x) => [
            `${x.name} (${x.customerId})`,
            formatAmount(x.value),
            segName(x.from),
            segName(x.to),
          ]),
          [1],
        ) +
        (more > 0
          ? `<p style="font-size:12px;color:#5f6368;${FONT}">${escapeHtml(t.moreMoves(more))}</p>`
          : "")
      : `<p style="font-size:13px;${FONT}">${escapeHtml(t.none)}</p>`;
    migration =
      grid + `<h3 style="font-size:14px;margin:8px 0 4px 0;${FONT}">${escapeHtml(t.moves)}</h3>` + moves;
  }
  const customerRows = (list: WeeklyReport["top"]) =>
    list.length
      ? table(
          [c.customer, c.value, c.segment, c.owner, c.idle],
          list.map((l) => [
            `${l.name} (${l.customerId})`,
            formatAmount(l.value),
            l.segment && segmentLabel(segmentKey(l.segment), lang),
            l.owner,
            idle(l.daysIdle),
          ]),
          [1, 4],
        )
      : `<p style="font-size:13px;${FONT}">${escapeHtml(t.none)}</p>`;
  const overdue = r.overdue.length
    ? table(
        [c.order, c.customer, c.amount, c.due, c.daysOverdue],
        r.overdue.map((o) => [
          o.orderId,
          `${o.name} (${o.customerId})`,
          formatAmount(o.amount),
          o.dueDate ?? "—",
          idle(o.daysOverdue),
        ]),
        [2, 4],
      ) + `<p style="font-size:13px;font-weight:bold;${FONT}">${escapeHtml(overdueTotalLine(r, lang))}</p>`
    : `<p style="font-size:13px;${FONT}">${escapeHtml(t.none)}</p>`;
  const body =
    section(t.kpis, kpis) +
    section(t.segments, seg) +
    section(
      r.migration ? t.migration(r.migration.fromWeek, r.migration.toWeek) : t.migration("—", "—"),
      migration,
    ) +
    section(
      t.abc,
      bars(
        r.abc.map((a) => ({
          label: a.label,
          value: a.value,
          shown: `${formatCount(a.count)} · ${formatAmount(a.value)}`,
        })),
        "#34a853",
      ),
    ) +
    section(
      t.lifecycle,
      bars(
        r.lifecycle.map((l) => ({ label: l.label, value: l.count, shown: formatCount(l.count) })),
        "#fbbc04",
      ),
    ) +
    section(t.top, customerRows(r.top)) +
    section(t.atRisk, customerRows(r.atRisk)) +
    section(overdueTitle(r, lang), overdue) +
    section(
      t.monthly,
      bars(
        r.monthly.map((m) => ({ label: m.month, value: m.revenue, shown: formatAmount(m.revenue) })),
        "#4285f4",
      ),
    ) +
    section(
      t.regions,
      table(
        [c.region, c.count, c.revenue12m, c.thisWeek],
        r.regions.map((g) => [
          g.region,
          formatCount(g.customers),
          formatAmount(g.revenue12m),
          formatAmount(g.revenueThisWeek),
        ]),
        [1, 2, 3],
      ) +
        bars(
          r.regions.map((g) => ({ label: g.region, value: g.revenue12m, shown: formatAmount(g.revenue12m) })),
          "#a142f4",
        ),
    );
  const title = `${t.title} ${r.thisWeek.from} – ${r.thisWeek.to}`;
  return (
    `<!DOCTYPE html>\n<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<title>${escapeHtml(title)}</title></head>\n` +
    `<body style="margin:0;padding:0;background:#f8f9fa;">\n` +
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="background:#f8f9fa;"><tr><td align="center" style="padding:16px;">\n` +
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="760" style="width:760px;max-width:100%;background:#ffffff;border:1px solid #e6e6e6;"><tr><td style="padding:16px 20px;">\n` +
    `<h1 style="margin:0;font-size:20px;color:#202124;${FONT}">${escapeHtml(title)}</h1>\n` +
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%">\n${body}</table>\n` +
    `</td></tr></table>\n</td></tr></table>\n</body></html>\n`
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
 * The report laid out for the "Weekly report" sheet, written in one setValues. Each block is a title row,
 * a header row and its data, then a blank row. Text that starts like a formula is prefixed with "'" so a
 * hostile customer name cannot become a formula.
 */
export function weeklyReportGrid(r: WeeklyReport, lang: Lang): ReportGrid {
  const t = T[lang];
  const c = t.cols;
  const rows: (string | number)[][] = [];
  const safe = (v: string | number) => (typeof v === "string" && /^[=+\-@]/.test(v) ? `'${v}` : v);
  const block = (
    title: string,
    header: readonly string[],
    data: readonly (readonly (string | number)[])[],
    footer?: readonly (string | number)[],
  ) => {
    rows.push([title]);
    const start = rows.length + 1;
    rows.push([...header]);
    for (const d of data) rows.push(d.map(safe));
    // Outside the block's rows: a chart over the block must not pick up the footer.
    if (footer) rows.push(footer.map(safe));
    rows.push([]);
    return { row: start, rows: data.length + 1 };
  };
  rows.push([`${t.title} ${r.thisWeek.from} – ${r.thisWeek.to}`], []);
  const k = r.kpis;
  block(
    t.kpis,
    ["", c.thisWeek, c.lastWeek, c.lastYear],
    [
      [t.customers, k.customers, "", ""],
      [t.active, k.active, "", ""],
      [t.newCustomers, k.newCustomers, "", ""],
      [t.revenue, k.revenue.thisWeek, k.revenue.lastWeek, k.revenue.lastYear],
      [t.orders, k.orders.thisWeek, k.orders.lastWeek, k.orders.lastYear],
    ],
  );
  const segName = (key: string) => (key ? segmentLabel(key, lang) : t.unclassified);
  const segmentBlock = block(
    t.segments,
    [c.segment, c.count],
    r.segments.map((s) => [segName(s.key), s.count]),
  );
  if (r.migration) {
    const m = r.migration;
    block(
      t.migration(m.fromWeek, m.toWeek),
      [t.fromTo, ...m.to.map((k) => (k === ABSENT ? t.goneCol : segName(k)))],
      m.from.map((f, i) => [f === ABSENT ? t.newRow : segName(f), ...m.counts[i]]),
    );
    block(
      t.moves,
      ["CustomerID", c.customer, c.value, c.from, c.to],
      m.moves.map((x) => [x.customerId, x.name, x.value, segName(x.from), segName(x.to)]),
    );
  }
  block(
    t.abc,
    [c.label, c.count, c.value],
    r.abc.map((a) => [a.label, a.count, a.value]),
  );
  block(
    t.lifecycle,
    [c.label, c.count],
    r.lifecycle.map((l) => [l.label, l.count]),
  );
  const people = (list: WeeklyReport["top"]) =>
    list.map((l) => [
      l.customerId,
      l.name,
      l.value,
      l.segment && segmentLabel(segmentKey(l.segment), lang),
      l.owner,
      l.daysIdle ?? "",
    ]);
  const peopleHeader = ["CustomerID", c.customer, c.value, c.segment, c.owner, c.idle];
  block(t.top, peopleHeader, people(r.top));
  block(t.atRisk, peopleHeader, people(r.atRisk));
  block(
    overdueTitle(r, lang),
    [c.order, "CustomerID", c.customer, c.amount, c.due, c.daysOverdue],
    r.overdue.map((o) => [o.orderId, o.customerId, o.name, o.amount, o.dueDate ?? "", o.daysOverdue ?? ""]),
    // The total sits under the Amount column as a number, so the sheet can still sum or format it.
    r.overdueTotal.lines ? [overdueTotalLine(r, lang), "", "", r.overdueTotal.amount] : undefined,
  );
  const monthlyBlock = block(
    t.monthly,
    [c.month, c.revenue],
    r.monthly.map((m) => [m.month, m.revenue]),
  );
  block(
    t.regions,
    [c.region, c.count, c.revenue12m, c.thisWeek],
    r.regions.map((g) => [g.region, g.customers, g.revenue12m, g.revenueThisWeek]),
  );
  const width = Math.max(...rows.map((row) => row.length));
  const padded = rows.map((row) => [...row, ...Array(width - row.length).fill("")]);
  return { rows: padded, width, monthlyBlock, segmentBlock };
}

/**
 * The report's plain-text part (for mail clients that show no HTML): key figures, the at-risk customers
 * and the capped overdue list with its total, then a pointer to the full report.
 */
export function renderWeeklyReportText(r: WeeklyReport, lang: Lang): string {
  const t = T[lang];
  const heading = (s: string) => s + (lang === "zh-CN" ? "：" : ":");
  const k = r.kpis;
  const lines = [
    `${t.title} ${r.thisWeek.from} – ${r.thisWeek.to}`,
    t.textCustomers(k.customers, k.active, k.newCustomers),
    t.textRevenue(
      formatAmount(k.revenue.thisWeek),
      formatAmount(k.revenue.lastWeek),
      formatAmount(k.revenue.lastYear),
    ),
    "",
    heading(t.atRisk),
    ...(r.atRisk.length
      ? r.atRisk.map((l) => `- ${l.name} (${l.customerId}): ${formatAmount(l.value)}`)
      : [t.none]),
    "",
    heading(overdueTitle(r, lang)),
    ...(r.overdue.length
      ? [
          ...r.overdue.map(
            (o) =>
              `- ${o.orderId} ${o.name} (${o.customerId}): ${formatAmount(o.amount)}, ${t.cols.due} ${o.dueDate ?? "—"}, ${t.cols.daysOverdue} ${idle(o.daysOverdue)}`,
          ),
          overdueTotalLine(r, lang),
        ]
      : [t.none]),
    "",
    t.textFull,
  ];
  return lines.join("\n");
}
