import type { FixDto, ProblemDto } from "../../shared/table";
import { act, load, type AppContext } from "../app-context";
import { button, h, mount } from "../dom";
import { t } from "../i18n";
import { call } from "../rpc";

function cellButton(ctx: AppContext, sheet: string, a1: string): HTMLButtonElement {
  return button(`${sheet}!${a1}`, () => void act(ctx, null, () => call("selectCell", sheet, a1)), {
    class: "link",
    "aria-label": t("problems.select", { sheet, cell: a1 }),
  });
}

function problemItem(ctx: AppContext, p: ProblemDto): HTMLElement {
  return h("li", {}, [
    cellButton(ctx, p.sheet, p.a1),
    h("span", {}, [p.message]),
    p.value !== "" ? h("code", {}, [p.value]) : null,
  ]);
}

function fixItem(ctx: AppContext, f: FixDto): HTMLElement {
  return h("li", {}, [
    cellButton(ctx, f.sheet, f.a1),
    h("span", { class: "fix" }, [h("del", {}, [f.before]), " → ", h("ins", {}, [f.after])]),
  ]);
}

/** Validation results; a click selects the cell; safe fixes are previewed before anything changes. */
export function problemsView(root: HTMLElement, ctx: AppContext): void {
  const region = h("div", { class: "list-region", id: "problems" });
  const preview = h("div", { class: "preview", id: "fix-preview" });
  const check = () =>
    void load(
      region,
      () => call("validateAll"),
      (summary) => {
        mount(
          region,
          h("p", { class: "muted", id: "problem-count" }, [
            summary.total ? t("problems.count", { count: summary.total }) : t("problems.none"),
          ]),
          h(
            "ul",
            { class: "problems" },
            summary.problems.map((p) => problemItem(ctx, p)),
          ),
        );
      },
    );
  const fix: HTMLButtonElement = button(
    t("problems.fixSafe"),
    () =>
      void load(
        preview,
        () => call("previewFixes"),
        (plan) => {
          const apply: HTMLButtonElement = button(
            t("problems.applyFixes", { count: plan.total }),
            () =>
              void act(ctx, apply, () => call("applyFixes", plan.token)).then((r) => {
                if (!r) return;
                ctx.toast(t("problems.fixed", { count: r.applied }));
                mount(preview);
                check();
              }),
            { class: "primary", id: "apply-fixes", disabled: plan.total === 0 },
          );
          mount(
            preview,
            h("h3", {}, [t("problems.preview")]),
            h(
              "ul",
              { class: "problems" },
              plan.changes.map((f) => fixItem(ctx, f)),
            ),
            apply,
          );
        },
      ),
    { id: "fix-safe" },
  );
  mount(
    root,
    h("section", { class: "view", "aria-label": t("problems.title") }, [
      h("h2", {}, [t("problems.title")]),
      h("div", { class: "toolbar" }, [button(t("problems.run"), check, { id: "run-checks" }), fix]),
      preview,
      region,
    ]),
  );
  check();
}
