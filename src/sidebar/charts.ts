import { barLayout, donutLayout, linePoints } from "./chart-geometry";
import { h, s } from "./dom";
import { t } from "./i18n";

const PALETTE = ["#1a73e8", "#34a853", "#fbbc04", "#ea4335", "#a142f4", "#24c1e0", "#f439a0", "#5f6368"];

function describe(title: string, items: readonly { label: string; count: number }[]): string {
  return t("dash.chartLabel", { title, items: items.map((i) => `${i.label} ${i.count}`).join(", ") });
}

/** Horizontal bar chart: one row per item, label left, bar, count right. */
export function barChart(title: string, items: readonly { label: string; count: number }[]): HTMLElement {
  const width = 120;
  const rows = barLayout(items.slice(0, 10), width);
  const lineHeight = 18;
  const svg = s(
    "svg",
    {
      viewBox: `0 0 276 ${rows.length * lineHeight}`,
      width: "100%",
      role: "img",
      "aria-label": describe(title, items),
    },
    rows.flatMap((r, i) => [
      s("text", { x: 0, y: i * lineHeight + 13, class: "chart-label" }, [
        r.label.length > 16 ? r.label.slice(0, 15) + "…" : r.label,
      ]),
      s("rect", {
        x: 110,
        y: i * lineHeight + 3,
        width: r.length,
        height: 12,
        rx: 2,
        fill: PALETTE[i % PALETTE.length],
      }),
      s("text", { x: 114 + r.length, y: i * lineHeight + 13, class: "chart-value" }, [String(r.value)]),
    ]),
  );
  return h("figure", { class: "chart" }, [h("figcaption", {}, [title]), svg as unknown as Node]);
}

/** Donut chart with a legend beside it. */
export function donutChart(title: string, items: readonly { label: string; count: number }[]): HTMLElement {
  const slices = donutLayout(items, 50, 50, 48, 28);
  const svg = s(
    "svg",
    { viewBox: "0 0 100 100", width: 96, height: 96, role: "img", "aria-label": describe(title, items) },
    slices.map((sl, i) =>
      s("path", { d: sl.path, fill: PALETTE[i % PALETTE.length] }, [
        s("title", {}, [`${sl.label}: ${sl.value}`]),
      ]),
    ),
  );
  const legend = h(
    "ul",
    { class: "legend" },
    slices.map((sl, i) =>
      h("li", {}, [
        h("span", { class: "swatch", style: `background:${PALETTE[i % PALETTE.length]}` }),
        `${sl.label} ${Math.round(sl.share * 100)}%`,
      ]),
    ),
  );
  return h("figure", { class: "chart donut" }, [
    h("figcaption", {}, [title]),
    h("div", { class: "donut-row" }, [svg as unknown as Node, legend]),
  ]);
}

/** Line chart of a series with first and last labels under it. */
export function lineChart(
  title: string,
  points: readonly { label: string; value: number }[],
  formatValue: (v: number) => string,
): HTMLElement {
  const width = 276;
  const height = 90;
  const xy = linePoints(
    points.map((p) => p.value),
    width,
    height,
  );
  const svg = s(
    "svg",
    {
      viewBox: `0 0 ${width} ${height}`,
      width: "100%",
      role: "img",
      "aria-label": t("dash.chartLabel", {
        title,
        items: points.map((p) => `${p.label} ${formatValue(p.value)}`).join(", "),
      }),
    },
    [
      s("polyline", {
        points: xy.map((p) => p.join(",")).join(" "),
        fill: "none",
        stroke: PALETTE[0],
        "stroke-width": 2,
      }),
      ...xy.map((p, i) =>
        s("circle", { cx: p[0], cy: p[1], r: 2.5, fill: PALETTE[0] }, [
          s("title", {}, [`${points[i].label}: ${formatValue(points[i].value)}`]),
        ]),
      ),
    ],
  );
  const axis = h("div", { class: "axis" }, [
    h("span", {}, [points[0]?.label ?? ""]),
    h("span", {}, [points[points.length - 1]?.label ?? ""]),
  ]);
  return h("figure", { class: "chart" }, [h("figcaption", {}, [title]), svg as unknown as Node, axis]);
}
