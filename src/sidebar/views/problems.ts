import {
  FIX_PAGE_SIZE,
  type CellKind,
  type FixDto,
  type FixKind,
  type FixPreview,
  type ProblemDto,
} from "../../shared/table";
import { act, load, type AppContext } from "../app-context";
import { button, h, mount } from "../dom";
import { formatNumber } from "../format";
import { getLang, t, type MessageKey } from "../i18n";
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
    p.value !== "" ? h("code", {}, [visibleText(p.value)]) : null,
  ]);
}

/** Characters a preview must not hide: a change that only removes them would otherwise read "x" → "x". */
const HIDDEN: Readonly<Record<string, string>> = { "\t": "⇥", "\r": "␍", "\n": "↵" };
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD\u180E\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** A value as the preview shows it: invisible characters and edge spaces made visible, "" named. */
function visibleText(value: string): string {
  if (value === "") return t("problems.emptyValue");
  const marked = value.replace(/[\t\r\n]/g, (c) => HIDDEN[c]).replace(INVISIBLE, "◌");
  const lead = /^[ \u00A0\u3000]*/.exec(marked)![0].length;
  const trail = /[ \u00A0\u3000]*$/.exec(marked.slice(lead))![0].length;
  return "␣".repeat(lead) + marked.slice(lead, marked.length - trail) + "␣".repeat(trail);
}

const kindLabel = (kind: CellKind): string => t(`problems.kind.${kind}` as MessageKey);

/**
 * One change: the cell, then before → after; when the kind of value changes ("32" text → 32 number, which
 * shows the same), each side is labelled with its kind; a problem fix says which problem and how.
 */
function fixItem(ctx: AppContext, f: FixDto): HTMLElement {
  const kinds = f.beforeKind !== f.afterKind;
  const side = (kind: CellKind, text: string, tag: "del" | "ins") => [
    kinds ? h("span", { class: "kind" }, [`${kindLabel(kind)} `]) : null,
    h(tag, {}, [visibleText(text)]),
  ];
  const how = (f.steps ?? []).map((s) => t(`problems.repair.${s}` as MessageKey));
  return h("li", {}, [
    cellButton(ctx, f.sheet, f.a1),
    h("span", { class: "fix" }, [
      ...side(f.beforeKind, f.before, "del"),
      " → ",
      ...side(f.afterKind, f.after, "ins"),
    ]),
    f.why
      ? h("p", { class: "muted why" }, [
          t("problems.why", { why: f.why, how: how.join(getLang() === "en" ? "; " : "；") }),
        ])
      : null,
  ]);
}

/** The text of a kind's controls and messages. */
const TEXT: Readonly<
  Record<
    FixKind,
    {
      readonly title: MessageKey;
      readonly apply: MessageKey;
      readonly none: MessageKey;
      readonly done: MessageKey;
    }
  >
> = {
  problem: {
    title: "problems.preview",
    apply: "problems.applyFixes",
    none: "problems.noFixes",
    done: "problems.fixed",
  },
  tidy: {
    title: "problems.previewTidy",
    apply: "problems.applyTidy",
    none: "problems.noTidy",
    done: "problems.tidied",
  },
};

/**
 * Validation results; a click selects the cell. Two actions change cells, each after a preview that pages
 * through every change it will make: Fix what is safe (reported problems only) and Tidy formats (valid
 * values into one format). The apply button's count is the whole proposal's, which is what is written.
 */
export function problemsView(root: HTMLElement, ctx: AppContext): void {
  const region = h("div", { class: "list-region", id: "problems" });
  const preview = h("div", { class: "preview", id: "fix-preview" });
  const lang = getLang();
  const n = (value: number) => formatNumber(value, lang);
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

  /** Shows one page of a kind's proposal; `token` is the one held so far, to notice a change of data. */
  const showPage = (kind: FixKind, offset: number, token: string | null, focus?: string) =>
    void load(
      preview,
      () => call("previewFixes", kind, offset, FIX_PAGE_SIZE),
      (plan) => renderPlan(plan, token !== null && token !== plan.token, focus),
    );

  function renderPlan(plan: FixPreview, stale: boolean, focus?: string): void {
    const text = TEXT[plan.kind];
    const from = plan.offset + 1;
    const to = plan.offset + plan.changes.length;
    const apply: HTMLButtonElement = button(
      t(text.apply, { count: plan.total }),
      () =>
        void act(ctx, apply, () => call("applyFixes", plan.token)).then((r) => {
          if (!r) return;
          ctx.toast(t(text.done, { count: r.applied }));
          mount(preview);
          check();
        }),
      { class: "primary", id: "apply-fixes", disabled: plan.total === 0 },
    );
    const pager =
      plan.total > plan.pageSize
        ? h("nav", { class: "pager", "aria-label": t("problems.pages") }, [
            button(
              `‹ ${t("problems.prevPage")}`,
              () => showPage(plan.kind, Math.max(0, plan.offset - plan.pageSize), plan.token, "fix-prev"),
              { id: "fix-prev", disabled: plan.offset === 0 },
            ),
            button(
              `${t("problems.nextPage")} ›`,
              () => showPage(plan.kind, plan.offset + plan.pageSize, plan.token, "fix-next"),
              { id: "fix-next", disabled: to >= plan.total },
            ),
          ])
        : null;
    mount(
      preview,
      h("h3", { id: "fix-title" }, [t(text.title)]),
      stale ? h("p", { class: "muted", role: "status" }, [t("problems.stale")]) : null,
      h("p", { class: "muted", id: "fix-range", role: "status" }, [
        plan.total ? t("problems.range", { from: n(from), to: n(to), total: n(plan.total) }) : t(text.none),
      ]),
      plan.total
        ? h(
            "ul",
            { class: "problems fixes" },
            plan.changes.map((f) => fixItem(ctx, f)),
          )
        : null,
      pager,
      h("div", { class: "toolbar" }, [
        apply,
        button(t("problems.closePreview"), () => mount(preview), { id: "fix-close" }),
      ]),
    );
    // Paging replaces the buttons: focus goes back to the one used (or the other, at either end).
    if (focus) {
      const again = preview.querySelector<HTMLButtonElement>(`#${focus}:not([disabled])`);
      (again ?? preview.querySelector<HTMLButtonElement>(".pager button:not([disabled])"))?.focus();
    }
  }

  const fix = button(t("problems.fixSafe"), () => showPage("problem", 0, null), { id: "fix-safe" });
  const tidy = button(t("problems.tidy"), () => showPage("tidy", 0, null), { id: "tidy-formats" });
  mount(
    root,
    h("section", { class: "view", "aria-label": t("problems.title") }, [
      h("h2", {}, [t("problems.title")]),
      h("div", { class: "toolbar" }, [button(t("problems.run"), check, { id: "run-checks" }), fix, tidy]),
      h("p", { class: "muted help" }, [t("problems.actionsHelp")]),
      preview,
      region,
    ]),
  );
  check();
}
