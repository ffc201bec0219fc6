/**
 * Settings cards for the table: the on/off switches of scheduled work, the team's display names, the
 * editable dropdown lists and reject-or-warn per column. Each card saves on its own; the server checks
 * everything again and answers every problem, shown beside the card.
 */
import type {
  ListValue,
  ScheduleSwitch,
  SettingsSaveResult,
  TableSettingsView,
  ValueListView,
} from "../../shared/table-settings";
import { act, load, type AppContext } from "../app-context";
import { button, h, mount } from "../dom";
import { t, type MessageKey } from "../i18n";
import { call } from "../rpc";
import { st } from "../settings-text";
import { card, checkbox, field, problemList, select, uid } from "./settings-controls";

const SWITCHES: readonly ScheduleSwitch[] = ["nightlyClassify", "dailyMails", "weeklyReport", "weeklyBackup"];

/** A card's answer area: the server's problems as a list, or a "Saved" toast. */
function answerArea(): {
  element: HTMLElement;
  show: (answer: SettingsSaveResult | undefined, ctx: AppContext) => void;
} {
  const list = problemList();
  return {
    element: list.element,
    show: (answer, ctx) => {
      if (!answer) return;
      list.show(
        answer.ok ? [] : answer.problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)),
      );
      if (answer.ok) ctx.toast(t("settings.saved"));
    },
  };
}

/** The switches of nightly classification, daily mails, weekly report and weekly backup. */
export function switchesCard(ctx: AppContext): HTMLElement {
  const body = h("div", {});
  void load(
    body,
    () => call("getScheduleSwitches"),
    (state) => {
      mount(
        body,
        ...SWITCHES.map((name) => {
          const f = checkbox(st(`switches.${name}`), state[name]);
          f.control.name = name;
          f.control.addEventListener("change", () => {
            const box = f.control;
            void act(ctx, null, () => call("setScheduleSwitch", name, box.checked)).then((now) => {
              if (now) box.checked = now[name];
            });
          });
          return f.element;
        }),
      );
    },
  );
  return card(st("switches.title"), st("switches.help"), body);
}

/** Display names of the role table's members, so Owner cells may name them (王经理). */
function teamCard(ctx: AppContext, view: TableSettingsView, canEditNames: boolean): HTMLElement {
  if (view.members.length === 0)
    return card(st("team.title"), st("team.help"), h("p", { class: "muted" }, [st("team.none")]));
  const inputs = view.members.map((m) => {
    const input = h("input", {
      type: "text",
      id: uid("name"),
      value: m.name,
      maxlength: 60,
      placeholder: st("team.namePlaceholder"),
      disabled: !canEditNames,
    });
    return {
      email: m.email,
      f: field(
        input,
        st("team.name", { email: m.email }),
        st("team.role", { role: t(`role.${m.role}` as MessageKey) }),
      ),
    };
  });
  const answer = answerArea();
  const save: HTMLButtonElement = button(
    t("settings.save"),
    () => {
      const names: Record<string, string> = {};
      for (const i of inputs) names[i.email] = i.f.control.value.trim();
      void act(ctx, save, () => call("saveMemberNames", names)).then((a) => answer.show(a, ctx));
    },
    { class: "primary", disabled: !canEditNames },
  );
  return card(st("team.title"), st("team.help"), ...inputs.map((i) => i.f.element), answer.element, save);
}

/** One list's editor: a row per value (its text and what it means), add, remove, back to built-in. */
function listEditor(list: ValueListView): { element: HTMLElement; read: () => ListValue[] | null } {
  const column = `${list.sheet} · ${list.label}`;
  let custom = list.custom;
  const rows: { value: HTMLInputElement; means: HTMLSelectElement | null; element: HTMLElement }[] = [];
  const box = h("div", { class: "list-values" });
  const status = h("p", { class: "muted" });
  const meanings: [string, string][] = [
    ["", st("lists.meansNone")],
    ...list.meanings.map((m) => [m.key, m.label] as [string, string]),
  ];
  const renumber = () => {
    rows.forEach((r, i) => {
      r.value
        .closest(".field")
        ?.querySelector("label")
        ?.replaceChildren(st("lists.value", { n: i + 1, column }));
      if (r.means)
        r.means
          .closest(".field")
          ?.querySelector("label")
          ?.replaceChildren(st("lists.means", { n: i + 1 }));
      r.element
        .querySelector("button")
        ?.setAttribute("aria-label", st("lists.removeValue", { n: i + 1, column }));
    });
    status.textContent = custom
      ? st("lists.custom")
      : list.meanings.length
        ? st("lists.builtIn")
        : st("lists.noValues");
  };
  const addRow = (v: ListValue) => {
    custom = true;
    const value = h("input", { type: "text", id: uid("value"), value: v.value, maxlength: 100 });
    const means = list.meanings.length ? select(meanings, v.key ?? "") : null;
    const remove = button(st("lists.remove"), () => {
      rows.splice(rows.indexOf(row), 1);
      row.element.remove();
      renumber();
    });
    const row = {
      value,
      means,
      element: h("div", { class: "list-value" }, [
        field(value, "").element,
        means ? field(means, "").element : null,
        remove,
      ]),
    };
    rows.push(row);
    box.appendChild(row.element);
  };
  for (const v of list.values) addRow(v);
  custom = list.custom;
  const reset = button(st("lists.reset"), () => {
    rows.splice(0).forEach((r) => r.element.remove());
    custom = false;
    for (const m of list.meanings) addRow({ value: m.label, key: m.key });
    custom = false;
    renumber();
  });
  renumber();
  const element = h("details", { class: "value-list" }, [
    h("summary", {}, [column]),
    status,
    box,
    h("div", { class: "toolbar" }, [
      button(list.meanings.length ? st("lists.add") : st("lists.start"), () => {
        addRow({ value: "" });
        renumber();
        rows[rows.length - 1].value.focus();
      }),
      list.meanings.length ? reset : null,
    ]),
  ]);
  return {
    element,
    // null: the column keeps the built-in list (nothing stored for it).
    read: () =>
      custom && rows.length
        ? rows.map((r) => ({ value: r.value.value, ...(r.means?.value ? { key: r.means.value } : {}) }))
        : null,
  };
}

function listsCard(ctx: AppContext, view: TableSettingsView): HTMLElement {
  const editors = view.lists.map((l) => ({ id: l.id, editor: listEditor(l) }));
  const answer = answerArea();
  const save: HTMLButtonElement = button(
    t("settings.save"),
    () => {
      const lists: Record<string, ListValue[]> = {};
      for (const e of editors) {
        const values = e.editor.read();
        if (values) lists[e.id] = values;
      }
      void act(ctx, save, () => call("saveValueLists", lists)).then((a) => answer.show(a, ctx));
    },
    { class: "primary" },
  );
  return card(
    st("lists.title"),
    st("lists.help"),
    ...editors.map((e) => e.editor.element),
    answer.element,
    save,
  );
}

function enforcementCard(ctx: AppContext, view: TableSettingsView): HTMLElement {
  const choices = view.enforcement.map((e) => {
    const label = (mode: "reject" | "warn") =>
      `${st(`enforce.${mode}`)}${mode === e.defaultMode ? ` ${st("enforce.default")}` : ""}`;
    const control = select(
      [
        ["reject", label("reject")],
        ["warn", label("warn")],
      ],
      e.mode,
    );
    return {
      id: e.id,
      defaultMode: e.defaultMode,
      f: field(control, st("enforce.mode", { sheet: e.sheet, column: e.label })),
    };
  });
  const answer = answerArea();
  const save: HTMLButtonElement = button(
    t("settings.save"),
    () => {
      // Only choices that differ from the default are stored: a later default change reaches the rest.
      const modes: Record<string, string> = {};
      for (const c of choices) if (c.f.control.value !== c.defaultMode) modes[c.id] = c.f.control.value;
      void act(ctx, save, () => call("saveColumnEnforcement", modes)).then((a) => answer.show(a, ctx));
    },
    { class: "primary" },
  );
  return card(
    st("enforce.title"),
    st("enforce.help"),
    h("details", {}, [h("summary", {}, [st("enforce.title")]), ...choices.map((c) => c.f.element)]),
    answer.element,
    save,
  );
}

/** The team, dropdown lists and reject/warn cards, from one server read. */
export function tableSettingsCards(ctx: AppContext, canEditNames: boolean): HTMLElement {
  const region = h("div", {});
  void load(
    region,
    () => call("getTableSettings"),
    (view) =>
      mount(region, teamCard(ctx, view, canEditNames), listsCard(ctx, view), enforcementCard(ctx, view)),
  );
  return region;
}
