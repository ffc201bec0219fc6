/**
 * The mail settings as a form: managers picked from the team, hours and weekday as pickers, the repeat
 * interval with its range, reminder rules as toggles with their parameters, the mail language (default and
 * per person), and the welcome template with a merge-field picker and a live preview (filled by the server
 * with the mails' own function, so a sentence whose field is empty is left out there as in the mail).
 */
import type { ServerResponse } from "../../shared/server-functions";
import { act, load, type AppContext } from "../app-context";
import { button, h, mount } from "../dom";
import { getLang, t } from "../i18n";
import { call } from "../rpc";
import { st, type SettingsTextKey } from "../settings-text";
import {
  card,
  checkbox,
  field,
  hourOptions,
  numberProblem,
  problemList,
  select,
  uid,
  weekdayOptions,
  wholeNumber,
  type Field,
} from "./settings-controls";

type Notify = ServerResponse<"getNotifySettings">;
type Rule = Notify["rules"][number];

interface RuleRow {
  readonly rule: Rule;
  readonly element: HTMLElement;
  readonly read: () => Rule;
  readonly check: () => boolean;
}

function ruleName(rule: Rule, statuses: readonly (readonly [string, string])[]): string {
  const kind = st(`notify.rule.${rule.kind}` as SettingsTextKey);
  if (rule.kind !== "status-idle") return kind;
  const status = statuses.find(([k]) => k === rule.status)?.[1] ?? rule.status;
  return getLang() === "zh-CN" ? `${kind}（${status}）` : `${kind} (${status})`;
}

/** One rule: on/off, priority and, where it has them, days and status. */
function ruleRow(rule: Rule, statuses: readonly [string, string][], remove: (row: RuleRow) => void): RuleRow {
  const name = ruleName(rule, statuses);
  const on = checkbox(name, rule.enabled);
  const priority = field(
    wholeNumber(rule.priority, 1, 99),
    st("notify.priority", { rule: name }),
    st("form.range", { min: 1, max: 99 }),
  );
  const days =
    "days" in rule
      ? field(
          wholeNumber(rule.days, 0, 3650),
          st("notify.days", { rule: name }),
          st("form.range", { min: 0, max: 3650 }),
        )
      : null;
  const status =
    rule.kind === "status-idle"
      ? field(
          select(
            statuses.some(([k]) => k === rule.status) ? statuses : [...statuses, [rule.status, rule.status]],
            rule.status,
          ),
          st("notify.status", { rule: name }),
        )
      : null;
  const numbers = [priority, days].filter((f): f is Field<HTMLInputElement> => f !== null);
  const row: RuleRow = {
    rule,
    element: h("fieldset", { class: "rule" }, [
      h("legend", {}, [name]),
      on.element,
      priority.element,
      days?.element,
      status?.element,
      rule.kind === "status-idle" && !["following-up-idle", "pending-idle"].includes(rule.id)
        ? button(st("notify.removeRule", { rule: name }), () => remove(row))
        : null,
    ]),
    check: () =>
      numbers
        .map((f) => (f.problem(numberProblem(f.control)), numberProblem(f.control)))
        .every((p) => p === ""),
    read: () => {
      const base = { ...rule, enabled: on.control.checked, priority: Number(priority.control.value) };
      if (rule.kind === "status-idle")
        return {
          ...base,
          kind: "status-idle",
          status: status!.control.value,
          days: Number(days!.control.value),
        } as Rule;
      if (rule.kind === "vip-idle")
        return { ...base, kind: "vip-idle", days: Number(days!.control.value) } as Rule;
      return base as Rule;
    },
  };
  return row;
}

/** The welcome template: subject, text, a merge-field picker and the live preview of two customers. */
function welcomeSection(settings: Notify): { element: HTMLElement; read: () => Notify["welcome"] } {
  const enabled = checkbox(st("notify.welcomeEnabled"), settings.welcome.enabled);
  const subject = field(
    h("input", { type: "text", id: uid("subject"), value: settings.welcome.subject, maxlength: 200 }),
    st("notify.subject"),
  );
  const bodyInput = h("textarea", { id: uid("body"), rows: 6, maxlength: 5000 });
  bodyInput.value = settings.welcome.body;
  const body = field(bodyInput, st("notify.body"), st("notify.templateHelp"));
  let target: HTMLInputElement | HTMLTextAreaElement = bodyInput;
  subject.control.addEventListener("focus", () => (target = subject.control));
  bodyInput.addEventListener("focus", () => (target = bodyInput));
  const fields = select([], "");
  const picker = field(fields, st("notify.field"));
  const insert = button(st("notify.insert"), () => {
    const text = `{{${fields.value}}}`;
    const at = target.selectionStart ?? target.value.length;
    const end = target.selectionEnd ?? at;
    target.value = target.value.slice(0, at) + text + target.value.slice(end);
    target.focus();
    target.setSelectionRange(at + text.length, at + text.length);
    refresh();
  });
  const preview = h("div", { class: "template-preview", "aria-live": "polite" });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  const refresh = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const mine = ++asked;
      call("previewWelcomeTemplate", subject.control.value, bodyInput.value, getLang()).then(
        (p) => {
          if (mine !== asked) return;
          subject.control.placeholder = p.builtIn.subject;
          bodyInput.placeholder = p.builtIn.body;
          if (fields.options.length === 0)
            for (const f of p.fields) fields.appendChild(h("option", { value: f }, [`{{${f}}}`]));
          const sample = (title: string, mail: { subject: string; body: string }) =>
            h("figure", {}, [
              h("figcaption", {}, [title]),
              h("p", {}, [h("strong", {}, [mail.subject])]),
              h("pre", {}, [mail.body]),
            ]);
          mount(
            preview,
            sample(st("notify.withOwner"), p.withOwner),
            sample(st("notify.withoutOwner"), p.withoutOwner),
          );
        },
        () => undefined,
      );
    }, 300);
  };
  subject.control.addEventListener("input", refresh);
  bodyInput.addEventListener("input", refresh);
  refresh();
  return {
    element: h("fieldset", {}, [
      h("legend", {}, [st("notify.welcome")]),
      enabled.element,
      subject.element,
      body.element,
      h("div", { class: "toolbar" }, [picker.element, insert]),
      h("h4", {}, [st("notify.preview")]),
      preview,
    ]),
    read: () => ({ enabled: enabled.control.checked, subject: subject.control.value, body: bodyInput.value }),
  };
}

function notifyForm(
  ctx: AppContext,
  region: HTMLElement,
  settings: Notify,
  team: readonly string[],
  statuses: readonly [string, string][],
): void {
  const managerBoxes = [...new Set([...team, ...settings.managers])].map((email) => ({
    email,
    f: checkbox(email, settings.managers.includes(email)),
  }));
  const hour = (v: number, label: SettingsTextKey, help?: string) =>
    field(select(hourOptions(), String(v)), st(label), help);
  const reminderHour = hour(settings.reminderHour, "notify.reminderHour", st("notify.reminderHourHelp"));
  const weekday = field(select(weekdayOptions(), String(settings.weekday)), st("notify.weekday"));
  const reportHour = hour(settings.reportHour, "notify.reportHour");
  const repeat = field(
    wholeNumber(settings.repeatDays, 1, 30),
    st("notify.repeatDays"),
    st("notify.repeatDaysHelp"),
  );
  const langChoices: [string, string][] = [
    ["auto", st("notify.langAuto")],
    ["zh-CN", "中文"],
    ["en", "English"],
  ];
  const defaultLang = field(select(langChoices, settings.defaultLang), st("notify.defaultLang"));
  const personal = team.map((email) => ({
    email,
    f: field(
      select(
        [
          ["", st("notify.langDefault")],
          ["zh-CN", "中文"],
          ["en", "English"],
        ],
        settings.langs[email] ?? "",
      ),
      st("notify.langOf", { email }),
    ),
  }));
  const rulesBox = h("div", {});
  const rows: RuleRow[] = [];
  const removeRow = (row: RuleRow) => {
    rows.splice(rows.indexOf(row), 1);
    row.element.remove();
  };
  const addRule = (rule: Rule) => {
    const row = ruleRow(rule, statuses, removeRow);
    rows.push(row);
    rulesBox.appendChild(row.element);
  };
  settings.rules.forEach(addRule);
  const add = button(st("notify.addRule"), () => {
    let n = 1;
    while (rows.some((r) => r.rule.id === `status-idle-${n}`)) n++;
    addRule({
      id: `status-idle-${n}`,
      kind: "status-idle",
      status: statuses[0]?.[0] ?? "prospect",
      days: 14,
      priority: 6,
      enabled: true,
    });
  });
  const welcome = welcomeSection(settings);
  const problems = problemList();
  const save: HTMLButtonElement = button(
    t("settings.save"),
    () => {
      const okNumbers = [repeat].every(
        (f) => (f.problem(numberProblem(f.control)), numberProblem(f.control) === ""),
      );
      const okRules = rows.map((r) => r.check()).every(Boolean);
      if (!okNumbers || !okRules) {
        problems.show([st("form.invalid")]);
        return;
      }
      const langs: Record<string, string> = {};
      for (const p of personal) if (p.f.control.value) langs[p.email] = p.f.control.value;
      const value = {
        managers: managerBoxes.filter((m) => m.f.control.checked).map((m) => m.email),
        reminderHour: Number(reminderHour.control.value),
        weekday: Number(weekday.control.value),
        reportHour: Number(reportHour.control.value),
        repeatDays: Number(repeat.control.value),
        defaultLang: defaultLang.control.value,
        langs,
        rules: rows.map((r) => r.read()),
        welcome: welcome.read(),
      };
      void act(ctx, save, () => call("saveNotifySettings", value)).then((answer) => {
        if (!answer) return;
        problems.show(
          answer.ok ? [] : answer.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)),
        );
        if (answer.ok) ctx.toast(t("settings.saved"));
      });
    },
    { class: "primary", id: "notify-save" },
  );
  mount(
    region,
    h("fieldset", {}, [
      h("legend", {}, [st("notify.managers")]),
      ...(managerBoxes.length
        ? managerBoxes.map((m) => m.f.element)
        : [h("p", { class: "muted" }, [st("notify.managersNone")])]),
    ]),
    reminderHour.element,
    weekday.element,
    reportHour.element,
    repeat.element,
    defaultLang.element,
    personal.length
      ? h("details", {}, [h("summary", {}, [st("notify.langPerson")]), ...personal.map((p) => p.f.element)])
      : null,
    h("fieldset", {}, [
      h("legend", {}, [st("notify.rules")]),
      h("p", { class: "muted" }, [st("notify.rulesHelp")]),
      rulesBox,
      add,
    ]),
    welcome.element,
    problems.element,
    save,
  );
}

/** The mail settings card (managers and owners). */
export function notifyCard(ctx: AppContext, extras: readonly HTMLElement[]): HTMLElement {
  const region = h("div", {});
  void load(
    region,
    () => Promise.all([call("getNotifySettings"), call("getRoles"), call("getTableSettings")]),
    ([settings, roles, table]) => {
      const team = [
        ...new Set([roles.spreadsheetOwner, roles.installer, ...Object.keys(roles.assignments)]),
      ].filter(Boolean);
      const status = table.lists.find((l) => l.id === "Customers.Status");
      const statuses: [string, string][] = (status?.meanings ?? []).map((m) => [m.key, m.label]);
      notifyForm(ctx, region, settings, team, statuses);
    },
  );
  return card(st("notify.title"), null, ...extras, region);
}
