import { act, load, type AppContext } from "../app-context";
import { button, h, mount } from "../dom";
import { t } from "../i18n";
import { call, callByName, isAvailable } from "../rpc";

/** A validation problem as the table feature reports it (cell-addressed). */
interface Problem {
  readonly sheet: string;
  readonly a1: string;
  readonly value?: unknown;
  readonly rule?: string;
  readonly message: string;
}

/** Server functions of the table feature this view uses, by name (their contract may still be landing). */
const LIST = "getProblems";
const PREVIEW = "previewSafeFixes";
const APPLY = "applySafeFixes";

function problemsOf(result: unknown): Problem[] {
  const list = Array.isArray(result) ? result : ((result as { problems?: unknown[] })?.problems ?? []);
  return list.filter((p): p is Problem => typeof p === "object" && p !== null && "sheet" in p && "a1" in p);
}

function problemList(ctx: AppContext, problems: readonly Problem[]): HTMLElement {
  return h(
    "ul",
    { class: "problems" },
    problems.map((p) =>
      h("li", {}, [
        button(`${p.sheet}!${p.a1}`, () => void act(ctx, null, () => call("selectCell", p.sheet, p.a1)), {
          class: "link",
          "aria-label": t("problems.select", { sheet: p.sheet, cell: p.a1 }),
        }),
        h("span", {}, [p.message]),
        p.value !== undefined && p.value !== "" ? h("code", {}, [String(p.value)]) : null,
      ]),
    ),
  );
}

export function problemsView(root: HTMLElement, ctx: AppContext): void {
  const region = h("div", { class: "list-region" });
  const preview = h("div", { class: "preview" });
  if (!isAvailable(LIST)) {
    mount(
      root,
      h("section", { class: "view" }, [
        h("h2", {}, [t("problems.title")]),
        h("p", { class: "muted disabled-note" }, [t("common.unavailable", { name: LIST })]),
      ]),
    );
    return;
  }
  const refresh = () =>
    void load(
      region,
      () => callByName(LIST),
      (result) => {
        const problems = problemsOf(result);
        mount(
          region,
          h("p", { class: "muted" }, [
            problems.length ? t("problems.count", { count: problems.length }) : t("problems.none"),
          ]),
          problemList(ctx, problems),
        );
      },
    );
  const fix: HTMLButtonElement = button(
    t("problems.fixSafe"),
    () => {
      void load(
        preview,
        () => callByName(PREVIEW),
        (result) => {
          const fixes = problemsOf(result);
          const apply: HTMLButtonElement = button(
            t("problems.applyFixes", { count: fixes.length }),
            () => {
              void act(ctx, apply, () => callByName(APPLY)).then((r) => {
                if (r === undefined) return;
                ctx.toast(t("problems.fixed", { count: fixes.length }));
                mount(preview);
                refresh();
              });
            },
            { class: "primary", disabled: fixes.length === 0 },
          );
          mount(preview, h("h3", {}, [t("problems.preview")]), problemList(ctx, fixes), apply);
        },
      );
    },
    { disabled: !isAvailable(PREVIEW) || !isAvailable(APPLY) },
  );
  mount(
    root,
    h("section", { class: "view" }, [
      h("h2", {}, [t("problems.title")]),
      h("div", { class: "toolbar" }, [button(t("problems.run"), refresh), fix]),
      region,
      preview,
    ]),
  );
  refresh();
}
