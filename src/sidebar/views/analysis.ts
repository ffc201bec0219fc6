import { SIDEBAR_TREND_MONTHS, type AnalysisDto, type AnalysisResult } from "../../shared/analysis";
import { segmentRows, sentimentShares, topRules } from "../analysis-model";
import { load, type AppContext } from "../app-context";
import { barChart, lineChart } from "../charts";
import { button, h, listOr, mount } from "../dom";
import { formatCompact, formatMoney, formatMonth, formatNumber, formatPercent } from "../format";
import { getLang, t, type MessageKey } from "../i18n";
import { call } from "../rpc";
import { compareForm, issuesAlert, scrollBox } from "./analysis-compare";
import { forecastSection } from "./analysis-forecast";

const LIST_LENGTH = 5;

/**
 * A compact table named `label`: header cells as column headers, the first cell of each row as its row
 * header; in a box that scrolls sideways when it is wider than the sidebar.
 */
function table(
  id: string,
  label: string,
  heads: readonly string[],
  rows: readonly (readonly string[])[],
): HTMLElement {
  return scrollBox(
    label,
    h("table", { class: "stats", id }, [
      h("thead", {}, [
        h(
          "tr",
          {},
          heads.map((x) => h("th", { scope: "col" }, [x])),
        ),
      ]),
      h(
        "tbody",
        {},
        rows.map(([first, ...rest]) =>
          h("tr", {}, [h("th", { scope: "row" }, [first]), ...rest.map((c) => h("td", {}, [c]))]),
        ),
      ),
    ]),
  );
}

function section(id: string, title: MessageKey, ...children: (Node | null)[]): HTMLElement {
  return h("section", { class: "analysis-part", id, "aria-label": t(title) }, [
    h("h3", {}, [t(title)]),
    ...children,
  ]);
}

function segments(d: AnalysisDto): HTMLElement {
  const lang = getLang();
  const money = (v: number | null) => (v === null ? t("common.none") : formatCompact(v, lang));
  return section(
    "analysis-segments",
    "analysis.segments",
    table(
      "segment-table",
      t("analysis.segments"),
      ["analysis.segment", "analysis.customers", "analysis.revenue", "analysis.mean", "analysis.median"].map(
        (k) => t(k as MessageKey),
      ),
      segmentRows(d).map((r) => [
        r.segment,
        formatNumber(r.customers, lang),
        money(r.revenue),
        money(r.mean),
        money(r.median),
      ]),
    ),
  );
}

function trend(d: AnalysisDto): HTMLElement {
  const lang = getLang();
  const months = d.monthly.filter((p) => /^\d{4}-\d{2}$/.test(p.key)).slice(-SIDEBAR_TREND_MONTHS);
  return lineChart(
    t("analysis.trend"),
    months.map((p) => ({ label: formatMonth(p.key, lang), value: p.revenue })),
    (v) => formatMoney(v, lang),
  );
}

function rules(d: AnalysisDto): HTMLElement {
  const lang = getLang();
  const top = topRules(d, LIST_LENGTH);
  if (!top.rows.length)
    return section("analysis-rules", "analysis.rules", h("p", { class: "muted" }, [t("analysis.noRules")]));
  return section(
    "analysis-rules",
    "analysis.rules",
    h("p", { class: "muted" }, [t(`analysis.rulesBy.${top.basketBy}`)]),
    table(
      "rule-table",
      t("analysis.rules"),
      [t("analysis.rule"), t("analysis.support"), t("analysis.confidence"), t("analysis.lift")],
      top.rows.map((r) => [
        r.text,
        formatPercent(r.support, lang),
        formatPercent(r.confidence, lang),
        formatNumber(Math.round(r.lift * 100) / 100, lang),
      ]),
    ),
  );
}

/** Opens a customer's portrait; a real button, so Enter and Space work. */
function customerButton(ctx: AppContext, id: string, name: string): HTMLButtonElement {
  return button(name || id, () => ctx.navigate("portrait", id), {
    class: "link",
    "aria-label": t("cust.open", { name: name || id }),
  });
}

function keyCustomers(d: AnalysisDto, ctx: AppContext): HTMLElement {
  const lang = getLang();
  const { pareto, top } = d.keyCustomers;
  return section(
    "analysis-key",
    "analysis.keyCustomers",
    h("p", { id: "pareto" }, [
      t("analysis.pareto", {
        share: formatPercent(pareto.top20Share, lang),
        customers: formatPercent(pareto.customersFor80, lang),
      }),
    ]),
    h(
      "ul",
      { class: "risk-list" },
      top
        .slice(0, LIST_LENGTH)
        .map((c) =>
          h("li", {}, [
            customerButton(ctx, c.id, c.name),
            h("span", { class: "muted" }, [
              `${formatMoney(c.spend, lang)} · ${formatPercent(c.share, lang)}`,
            ]),
          ]),
        ),
    ),
  );
}

function feedback(d: AnalysisDto): HTMLElement {
  const lang = getLang();
  const f = d.feedback;
  if (!f.responses)
    return section(
      "analysis-feedback",
      "analysis.feedback",
      h("p", { class: "muted" }, [t("analysis.noFeedback")]),
    );
  const shares = sentimentShares(d);
  return section(
    "analysis-feedback",
    "analysis.feedback",
    h("p", {}, [
      t("analysis.feedbackSummary", {
        responses: f.responses,
        rating:
          f.meanRating === null ? t("common.none") : formatNumber(Math.round(f.meanRating * 10) / 10, lang),
      }),
    ]),
    barChart(t("analysis.sentiment"), [
      { label: `${t("analysis.positive")} ${formatPercent(shares.positive, lang)}`, count: f.positive },
      { label: `${t("analysis.neutral")} ${formatPercent(shares.neutral, lang)}`, count: f.neutral },
      { label: `${t("analysis.negative")} ${formatPercent(shares.negative, lang)}`, count: f.negative },
    ]),
    h("h4", {}, [t("analysis.topics")]),
    listOr(
      "ul",
      { class: "topics", id: "complaint-topics" },
      f.topics.slice(0, LIST_LENGTH),
      (tc) => [
        t("analysis.topicLine", {
          topic: t(`topic.${tc.topic}`),
          count: tc.count,
          share: formatPercent(tc.share, lang),
        }),
      ],
      t("analysis.noComplaints"),
    ),
  );
}

function credit(d: AnalysisDto, ctx: AppContext): HTMLElement {
  const lang = getLang();
  const grades = (["A", "B", "C", "D"] as const).map((g) => ({ label: g, count: d.credit.byGrade[g] }));
  return section(
    "analysis-credit",
    "analysis.credit",
    barChart(t("analysis.creditGrades"), grades),
    listOr(
      "ul",
      { class: "risk-list", id: "credit-list" },
      d.credit.overdue.slice(0, 10),
      (r) => [
        customerButton(ctx, r.customerId, r.customerId),
        h("span", { class: r.flagged ? "flagged" : "muted" }, [
          t("analysis.overdueLine", {
            grade: r.grade,
            amount: formatMoney(r.overdueAmount, lang),
            days: t("count.days", { count: r.maxDaysOverdue }),
          }),
        ]),
      ],
      t("analysis.noOverdue"),
    ),
  );
}

function render(region: HTMLElement, r: AnalysisResult<AnalysisDto>, ctx: AppContext): void {
  if (!r.ok) {
    mount(region, issuesAlert(r.issues));
    return;
  }
  const d = r.value;
  mount(
    region,
    h("p", { class: "muted", id: "analysis-asof" }, [
      t("analysis.asOf", {
        date: d.asOf,
        orders: t("count.orders", { count: d.counts.orders }),
        customers: t("count.customers", { count: d.counts.customers }),
      }),
    ]),
    segments(d),
    trend(d),
    forecastSection(d),
    rules(d),
    keyCustomers(d, ctx),
    feedback(d),
    credit(d, ctx),
    compareForm(d),
  );
}

/** The Analysis view: the report managers read (computed fresh on the server), then a comparison form. */
export function analysisView(root: HTMLElement, ctx: AppContext): void {
  const region = h("section", { class: "view", id: "analysis", "aria-label": t("analysis.title") });
  mount(root, h("h2", {}, [t("analysis.title")]), region);
  void load(
    region,
    () => call("getAnalysis"),
    (r) => render(region, r, ctx),
  );
}
