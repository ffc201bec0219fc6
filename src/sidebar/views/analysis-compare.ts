import {
  COMPARE_BY,
  type AnalysisDto,
  type AnalysisResult,
  type CellIssue,
  type CompareBy,
  type Comparison,
  type PeriodArg,
} from "../../shared/analysis";
import { defaultPeriods, groupChoices, issueLines, periodProblems } from "../analysis-model";
import { load } from "../app-context";
import { button, h, mount } from "../dom";
import { formatMoney, formatNumber, formatPercent } from "../format";
import { getLang, t, type MessageKey } from "../i18n";
import { call } from "../rpc";

type Kind = "periods" | "groups";

function dateInput(id: string, value: string, label: string): HTMLInputElement {
  return h("input", { type: "date", id, value, "aria-label": label, required: true });
}

/** Two date inputs for one period, labelled for screen readers with the period's name. */
function periodFields(id: string, title: MessageKey, value: PeriodArg) {
  const from = dateInput(`${id}-from`, value.from, `${t(title)} · ${t("analysis.from")}`);
  const to = dateInput(`${id}-to`, value.to, `${t(title)} · ${t("analysis.to")}`);
  const node = h("fieldset", { class: "period" }, [
    h("legend", {}, [t(title)]),
    h("label", { class: "field" }, [h("span", {}, [t("analysis.from")]), from]),
    h("label", { class: "field" }, [h("span", {}, [t("analysis.to")]), to]),
  ]);
  return { node, value: (): PeriodArg => ({ from: from.value, to: to.value }) };
}

function select(id: string, label: string, options: readonly { value: string; label: string }[]) {
  return h(
    "select",
    { id, "aria-label": label },
    options.map((o) => h("option", { value: o.value }, [o.label])),
  );
}

const METRICS = [
  ["analysis.revenue", "revenue", "money"],
  ["analysis.customers", "customers", "count"],
  ["analysis.orders", "orders", "count"],
  ["analysis.aov", "aov", "money"],
  ["analysis.retention", "retention", "share"],
] as const;

/** The comparison's plain-language summary, then the figures side by side with the relative change. */
function comparisonView(c: Comparison): HTMLElement {
  const lang = getLang();
  const show = (v: number | null, kind: "money" | "count" | "share") =>
    v === null
      ? t("common.none")
      : kind === "money"
        ? formatMoney(Math.round(v), lang)
        : kind === "share"
          ? formatPercent(v, lang)
          : formatNumber(v, lang);
  return h("div", { class: "comparison" }, [
    h("p", { id: "compare-summary", class: "summary" }, [c.summary[lang]]),
    scrollBox(
      t("analysis.compare"),
      h("table", { class: "stats" }, [
        h("thead", {}, [
          h("tr", {}, [
            h("th", { scope: "col" }, [t("analysis.metric")]),
            h("th", { scope: "col" }, [c.a.label]),
            h("th", { scope: "col" }, [c.b.label]),
            h("th", { scope: "col" }, [t("analysis.change")]),
          ]),
        ]),
        h(
          "tbody",
          {},
          METRICS.map(([label, key, kind]) => {
            const rel = c.deltas[key].relative;
            return h("tr", {}, [
              h("th", { scope: "row" }, [t(label)]),
              h("td", {}, [show(c.a[key], kind)]),
              h("td", {}, [show(c.b[key], kind)]),
              h("td", {}, [
                rel === null ? t("common.none") : `${rel > 0 ? "+" : ""}${formatPercent(rel, lang)}`,
              ]),
            ]);
          }),
        ),
      ]),
    ),
  ]);
}

/**
 * A wide table's box, scrolling sideways at 300 px: focusable and named, so keyboard users can scroll it
 * too (axe scrollable-region-focusable, WCAG 2.1.1).
 */
export function scrollBox(label: string, table: HTMLElement): HTMLElement {
  const name = t("common.table", { title: label });
  return h("div", { class: "stats-wrap", tabindex: 0, role: "region", "aria-label": name }, [table]);
}

/** The issues that stopped an analysis, one line each, as an alert. */
export function issuesAlert(issues: readonly CellIssue[]): HTMLElement {
  return h("div", { class: "error", role: "alert" }, [
    h("p", {}, [t("analysis.issues")]),
    h(
      "ul",
      {},
      issueLines(issues).map((line) => h("li", {}, [line])),
    ),
  ]);
}

/** Renders a server answer: the comparison, or the issues that stopped it. */
function resultView(region: HTMLElement, r: AnalysisResult<Comparison>): void {
  mount(region, r.ok ? comparisonView(r.value) : issuesAlert(r.issues));
}

/**
 * The comparison form: two periods, or two groups (region, owner, segment, customer type) over a period,
 * sent to comparePeriods / compareSegments. Dates are checked here first so a typo costs no round trip.
 */
export function compareForm(dto: AnalysisDto): HTMLElement {
  const periods = defaultPeriods(dto.asOf);
  const kind = select("compare-kind", t("analysis.compareKind"), [
    { value: "periods", label: t("analysis.comparePeriods") },
    { value: "groups", label: t("analysis.compareGroups") },
  ]);
  const fields = h("div", { class: "compare-fields" });
  const result = h("div", { class: "compare-result", id: "compare-result", "aria-live": "polite" });
  let read: () => { ok: false; bad: string[] } | { ok: true; run: () => Promise<AnalysisResult<Comparison>> };

  function showPeriods(): void {
    const a = periodFields("compare-a", "analysis.periodA", periods.a);
    const b = periodFields("compare-b", "analysis.periodB", periods.b);
    mount(fields, a.node, b.node);
    read = () => {
      const args = { a: a.value(), b: b.value() };
      const bad = [...periodProblems("a", args.a), ...periodProblems("b", args.b)];
      return bad.length ? { ok: false, bad } : { ok: true, run: () => call("comparePeriods", args) };
    };
  }

  function showGroups(): void {
    const by = select(
      "compare-by",
      t("analysis.by"),
      COMPARE_BY.map((v) => ({ value: v, label: t(`analysis.by.${v}`) })),
    );
    const a = h("select", { id: "compare-a", "aria-label": t("analysis.groupA") });
    const b = h("select", { id: "compare-b", "aria-label": t("analysis.groupB") });
    const fill = () => {
      const choices = groupChoices(dto, by.value as CompareBy);
      for (const [target, pick] of [
        [a, 0],
        [b, 1],
      ] as const) {
        mount(target, ...choices.map((c) => h("option", { value: c }, [c])));
        target.value = choices[Math.min(pick, choices.length - 1)] ?? "";
      }
    };
    by.addEventListener("change", fill);
    fill();
    const current = periodFields("compare-current", "analysis.current", periods.b);
    const previous = periodFields("compare-previous", "analysis.previous", periods.a);
    mount(
      fields,
      h("label", { class: "field" }, [h("span", {}, [t("analysis.by")]), by]),
      h("label", { class: "field" }, [h("span", {}, [t("analysis.groupA")]), a]),
      h("label", { class: "field" }, [h("span", {}, [t("analysis.groupB")]), b]),
      current.node,
      previous.node,
    );
    read = () => {
      const args = {
        by: by.value as CompareBy,
        a: a.value,
        b: b.value,
        current: current.value(),
        previous: previous.value(),
      };
      const bad = [...periodProblems("current", args.current), ...periodProblems("previous", args.previous)];
      return bad.length ? { ok: false, bad } : { ok: true, run: () => call("compareSegments", args) };
    };
  }

  const show = () => ((kind.value as Kind) === "groups" ? showGroups() : showPeriods());
  kind.addEventListener("change", () => {
    show();
    mount(result);
  });
  show();
  const run = button(
    t("analysis.run"),
    () => {
      const form = read();
      if (!form.ok) {
        mount(
          result,
          h("p", { class: "error", role: "alert" }, [
            t("analysis.badDates", { fields: form.bad.join(", ") }),
          ]),
        );
        return;
      }
      run.disabled = true;
      void load(result, form.run, (r) => resultView(result, r)).finally(() => (run.disabled = false));
    },
    { class: "primary", id: "compare-run" },
  );
  return h("section", { class: "compare", "aria-label": t("analysis.compare") }, [
    h("h3", {}, [t("analysis.compare")]),
    h("label", { class: "field" }, [h("span", {}, [t("analysis.compareKind")]), kind]),
    fields,
    run,
    result,
  ]);
}
