import type { AnalysisDto } from "../../shared/analysis";
import { lineChart } from "../charts";
import { h } from "../dom";
import { formatMoney, formatMonth, formatPercent } from "../format";
import { getLang, t, type MessageKey } from "../i18n";

/** Months of the forecast listed under the chart (the chart shows all twelve). */
const LISTED_MONTHS = 3;

type Forecast = AnalysisDto["forecast"]["book"];

/** "Holt-Winters, additive season · error 12.3% on the held-out months". */
function methodLine(f: Forecast): string {
  const lang = getLang();
  return t("analysis.forecastMethod", {
    method: t(`analysis.method.${f.method}` as MessageKey),
    mape: f.backtestMape === null ? t("common.none") : formatPercent(f.backtestMape, lang),
  });
}

/**
 * The book's revenue forecast: the twelve months ahead as a line, the next three with their 80 % range,
 * the method the backtest chose and its error; per segment and category, the method's error only (their
 * months stay on the Analysis sheet). Says plainly when the history is too short.
 */
export function forecastSection(d: AnalysisDto): HTMLElement {
  const lang = getLang();
  const f = d.forecast.book;
  const title = t("analysis.forecast");
  const body: Node[] = [];
  if (!f.method || f.ahead.length === 0) {
    body.push(h("p", { class: "muted" }, [t("analysis.forecastTooShort", { months: f.months })]));
  } else {
    body.push(
      lineChart(
        title,
        f.ahead.map((p) => ({ label: formatMonth(p.month, lang), value: p.forecast })),
        (v) => formatMoney(v, lang),
      ),
      h(
        "ul",
        { class: "plain", id: "forecast-months" },
        f.ahead.slice(0, LISTED_MONTHS).map((p) =>
          h("li", {}, [
            `${formatMonth(p.month, lang)}: ${formatMoney(p.forecast, lang)} `,
            h("span", { class: "muted" }, [
              t("analysis.forecastRange", {
                lower: formatMoney(p.lower, lang),
                upper: formatMoney(p.upper, lang),
              }),
            ]),
          ]),
        ),
      ),
      h("p", { class: "muted", id: "forecast-method" }, [methodLine(f)]),
    );
  }
  const others = [...d.forecast.segments, ...d.forecast.categories].filter((s) => s.method);
  if (others.length)
    body.push(
      h(
        "ul",
        { class: "plain muted", id: "forecast-series" },
        others.map((s) => h("li", {}, [`${s.segment !== "all" ? s.segment : s.category}: ${methodLine(s)}`])),
      ),
    );
  return h("section", { class: "analysis-part", id: "analysis-forecast", "aria-label": title }, [
    h("h3", {}, [title]),
    ...body,
  ]);
}
