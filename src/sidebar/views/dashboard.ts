import type { DashboardDto } from "../../shared/browse";
import { CLASSIFY_SET_UP_FIRST } from "../../shared/classify";
import { act, load, showError, type AppContext } from "../app-context";
import { barChart, donutChart, lineChart } from "../charts";
import { button, h, listOr, mount } from "../dom";
import { formatCompact, formatMoney, formatMonth, formatPercent } from "../format";
import { getLang, t, type MessageKey } from "../i18n";
import { call } from "../rpc";

function kpi(label: MessageKey, value: string): HTMLElement {
  return h("div", { class: "kpi" }, [
    h("span", { class: "kpi-value" }, [value]),
    h("span", { class: "kpi-label" }, [t(label)]),
  ]);
}

/** Whether Classify now failed because the book is not set up (the server's message for it, any language). */
function needsSetUp(e: unknown): e is Error {
  return e instanceof Error && Object.values<string>(CLASSIFY_SET_UP_FIRST).includes(e.message);
}

function render(region: HTMLElement, d: DashboardDto, ctx: AppContext, reload: () => void): void {
  const lang = getLang();
  const classify = button(
    t("dash.classifyNow"),
    () => {
      void act(ctx, classify, async () => {
        try {
          await call("classifyNow");
        } catch (e) {
          if (!needsSetUp(e)) throw e;
          // Not set up: the server's one sentence says so; the way out is one tap away.
          ctx.toast(e.message, { label: t("dash.openWizard"), run: () => ctx.navigate("wizard") });
          return;
        }
        ctx.toast(t("dash.classifyDone"));
        reload();
      });
    },
    { class: "primary", id: "classify-now" },
  );
  // Pending: only the last classification's mixes are known; KPIs, trend and at-risk list wait for the count.
  const complete = d.pending === undefined;
  // Never classified: no segment, risk or share means anything yet, so say so instead of showing zeros
  // ("0 at risk … well done" would be a false all-clear). A cached answer from before the flag reads as true.
  const classified = d.classified !== false;
  const charts: HTMLElement[] = [];
  if (d.segmentMix.length) charts.push(donutChart(t("dash.segmentMix"), d.segmentMix));
  if (d.abcMix.length) charts.push(barChart(t("dash.abcMix"), d.abcMix));
  if (d.lifecycleMix.length) charts.push(barChart(t("dash.lifecycleMix"), d.lifecycleMix));
  if (d.statusMix.length) charts.push(barChart(t("dash.statusMix"), d.statusMix));
  if (complete)
    charts.push(
      lineChart(
        t("dash.trend"),
        d.revenueTrend.map((m) => ({ label: formatMonth(m.month, lang), value: m.amount })),
        (v) => formatMoney(v, lang),
      ),
    );
  const atRisk = listOr(
    "ul",
    { class: "risk-list" },
    d.atRisk,
    (c) => [
      button(c.name || c.id, () => ctx.navigate("portrait", c.id), {
        class: "link",
        "aria-label": t("cust.open", { name: c.name || c.id }),
      }),
      h("span", { class: "muted" }, [`${c.segment} · ${formatMoney(c.monetary, lang)}`]),
    ],
    t("dash.noAtRisk"),
  );
  const kpis = complete
    ? h("div", { class: "kpis" }, [
        kpi("dash.customers", formatCompact(d.customers, lang)),
        kpi("dash.won", formatCompact(d.won, lang)),
        kpi("dash.revenue12m", formatCompact(d.revenue12m, lang)),
        kpi("dash.opportunity", formatCompact(d.openOpportunity, lang)),
        classified ? kpi("dash.atRiskCount", formatCompact(d.atRiskCount, lang)) : null,
        classified ? kpi("dash.classified", formatPercent(d.classifiedShare, lang)) : null,
      ])
    : h("p", { class: "muted counting", role: "status" }, [t("common.counting")]);
  const heading = h("h2", { class: "sr-only" }, [t("dash.title")]);
  if (!classified) {
    mount(
      region,
      heading,
      h("div", { class: "notice", id: "not-classified" }, [
        h("h3", {}, [t("dash.notClassified")]),
        h("p", {}, [t("dash.notClassifiedHelp")]),
        classify,
      ]),
      kpis,
      ...charts,
    );
    return;
  }
  mount(
    region,
    heading,
    kpis,
    h("div", { class: "toolbar" }, [classify]),
    d.segmentMix.length || !complete ? null : h("p", { class: "muted" }, [t("dash.noData")]),
    ...charts,
    ...(complete ? [h("h3", {}, [t("dash.atRisk")]), atRisk] : []),
  );
}

export function dashboardView(root: HTMLElement, ctx: AppContext): void {
  const region = h("section", { class: "view", "aria-label": t("tab.dashboard") });
  mount(root, region);
  let seq = 0;
  const reload = () => {
    const mine = ++seq;
    void load(
      region,
      () => call("getDashboard", getLang()),
      (d) => {
        render(region, d, ctx, reload);
        if (d.pending !== "aggregates") return;
        // A cold cache: the mixes shown are the last classification's; the complete figures follow.
        call("getDashboard", getLang(), "full").then(
          (full) => {
            if (mine === seq) render(region, full, ctx, reload);
          },
          (e) => {
            if (mine === seq) showError(region, e, reload);
          },
        );
      },
    );
  };
  reload();
}
