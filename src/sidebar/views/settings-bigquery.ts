/**
 * Settings → BigQuery: switch the mode on, name the Google Cloud project, the dataset and its location,
 * and how many order lines the sheet keeps (older lines BigQuery already holds are trimmed after a
 * backup). Shows what the last runs did and offers "Run now". The server validates and role-checks
 * everything again on save; every text reaches the page as a text node (h), never as HTML.
 */
import type { BigQueryStatusDto } from "../../shared/bigquery";
import { act, load, type AppContext } from "../app-context";
import { button, h, mount } from "../dom";
import { t } from "../i18n";
import { call } from "../rpc";
import { card, checkbox, field, numberProblem, uid, wholeNumber } from "./settings-controls";

function statusLines(s: BigQueryStatusDto): HTMLElement {
  const never = t("bigquery.never");
  return h("ul", { class: "muted" }, [
    h("li", {}, [t("bigquery.exported", { orders: s.exportedOrders, interactions: s.exportedInteractions })]),
    h("li", {}, [t("bigquery.lastRun", { at: s.lastRunAt || never })]),
    h("li", {}, [t("bigquery.lastClassified", { at: s.lastClassifiedAt || never })]),
    h("li", {}, [t("bigquery.lastTrimmed", { at: s.lastTrimmedAt || never, lines: s.trimmedLines })]),
    s.pending ? h("li", {}, [t("bigquery.pending")]) : null,
    s.lastError
      ? h("li", { class: "field-error", role: "alert" }, [t("bigquery.lastError", { message: s.lastError })])
      : null,
  ]);
}

function render(region: HTMLElement, ctx: AppContext, s: BigQueryStatusDto): void {
  const on = checkbox(t("bigquery.enabled"), s.settings.enabled, t("bigquery.enabledHelp"));
  const text = (value: string, id: string) =>
    h("input", { type: "text", value, id: uid(id), spellcheck: false });
  const project = field(
    text(s.settings.projectId, "bq-project"),
    t("bigquery.project"),
    t("bigquery.projectHelp"),
  );
  const dataset = field(text(s.settings.datasetId, "bq-dataset"), t("bigquery.dataset"));
  const location = field(
    text(s.settings.location, "bq-location"),
    t("bigquery.location"),
    t("bigquery.locationHelp"),
  );
  const size = field(
    wholeNumber(s.settings.workingSetLines, 0, s.maxWorkingSet),
    t("bigquery.workingSet"),
    t("bigquery.workingSetHelp", { min: s.minWorkingSet, max: s.maxWorkingSet }),
  );
  const status = h("div", {}, [statusLines(s)]);
  const save: HTMLButtonElement = button(
    t("settings.save"),
    () => {
      const problem = numberProblem(size.control);
      size.problem(problem);
      if (problem) return;
      const dto = {
        enabled: on.control.checked,
        projectId: project.control.value.trim(),
        datasetId: dataset.control.value.trim(),
        location: location.control.value.trim(),
        workingSetLines: Number(size.control.value),
      };
      void act(ctx, save, () => call("saveBigQuerySettings", dto)).then((next) => {
        if (!next) return;
        mount(status, statusLines(next));
        ctx.toast(t("settings.saved"));
      });
    },
    { class: "primary" },
  );
  const runNow: HTMLButtonElement = button(t("bigquery.runNow"), () => {
    void act(ctx, runNow, () => call("runBigQueryNow")).then((r) => {
      if (!r) return;
      ctx.toast(r.status === "done" ? t("bigquery.done", { detail: r.detail }) : t("bigquery.paused"));
      void load(
        status,
        () => call("getBigQuerySettings"),
        (next) => mount(status, statusLines(next)),
      );
    });
  });
  mount(
    region,
    on.element,
    project.element,
    dataset.element,
    location.element,
    size.element,
    h("p", { class: "muted" }, [t("bigquery.scope")]),
    h("div", { class: "toolbar" }, [save, runNow]),
    status,
  );
}

/** The BigQuery card of Settings (managers and owners). */
export function bigQueryCard(ctx: AppContext): HTMLElement {
  const region = h("div", {});
  void load(
    region,
    () => call("getBigQuerySettings"),
    (s) => render(region, ctx, s),
  );
  return card(t("bigquery.title"), t("bigquery.help"), region);
}
