/**
 * Settings → Alert rules: each rule on or off with its threshold (or stages), its recipients (the
 * customer's owner, the managers, listed team members) and how it travels (each one's channel choice,
 * mail, or a configured channel). The server checks everything again on save.
 */
import {
  ALERT_KIND_LIST,
  WATCHED_STAGE_LIST,
  type AlertRule,
  type AlertRulesView,
  type AlertSettingsProblem,
} from "../../shared/alerts";
import { act, load, type AppContext } from "../app-context";
import { button, h, mount } from "../dom";
import { t, type MessageKey } from "../i18n";
import { call } from "../rpc";
import { card, checkbox, field, numberProblem, problemList, select, uid } from "./settings-controls";

interface RuleForm {
  readonly element: HTMLElement;
  readonly read: () => AlertRule;
  readonly check: () => boolean;
}

function ruleForm(rule: AlertRule, view: AlertRulesView): RuleForm {
  const name = t(`alerts.rule.${rule.kind}` as MessageKey);
  const on = checkbox(t("alerts.enabled", { rule: name }), rule.enabled);
  const range = view.ranges[rule.kind];
  const threshold =
    rule.kind === "turned"
      ? null
      : field(
          h("input", {
            type: "number",
            id: uid("alert-threshold"),
            value: rule.threshold,
            min: range.min,
            max: range.max,
            step: rule.kind === "p-alive" ? 0.01 : rule.kind === "big-order" ? "any" : 1,
          }),
          t(`alerts.threshold.${rule.kind}` as MessageKey),
        );
  const stages =
    rule.kind === "turned"
      ? WATCHED_STAGE_LIST.map((s) => ({
          stage: s,
          box: checkbox(t(`alerts.stage.${s}` as MessageKey), rule.stages.includes(s)),
        }))
      : [];
  const owner = checkbox(t("alerts.toOwner"), rule.recipients.owner);
  const managers = checkbox(t("alerts.toManagers"), rule.recipients.managers);
  const emails = field(
    h("textarea", { id: uid("alert-emails"), rows: 2 }, [rule.recipients.emails.join("\n")]),
    t("alerts.toMembers"),
    view.team.join(", "),
  );
  const channel = field(
    select(
      [
        ["choice", t("alerts.channel.choice")],
        ["mail", t("alerts.channel.mail")],
        ...view.channels.map((c): [string, string] => [c.id, c.name]),
      ],
      rule.channel,
    ),
    t("alerts.channel"),
  );
  return {
    element: h("fieldset", { class: "rule" }, [
      h("legend", {}, [name]),
      on.element,
      threshold?.element,
      ...stages.map((s) => s.box.element),
      owner.element,
      managers.element,
      emails.element,
      channel.element,
    ]),
    read: () => ({
      kind: rule.kind,
      enabled: on.control.checked,
      threshold: threshold ? Number(threshold.control.value) : 0,
      stages: stages.filter((s) => s.box.control.checked).map((s) => s.stage),
      recipients: {
        owner: owner.control.checked,
        managers: managers.control.checked,
        emails: emails.control.value
          .split(/[\s,;]+/)
          .map((e) => e.trim())
          .filter(Boolean),
      },
      channel: channel.control.value,
    }),
    check: () => {
      if (!threshold) return true;
      const p = numberProblem(threshold.control, false);
      threshold.problem(p);
      return p === "";
    },
  };
}

function problemText(p: AlertSettingsProblem): string {
  const rule = t(`alerts.rule.${p.field.split(".")[1]}` as MessageKey);
  return `${rule}: ${t(`alerts.problem.${p.code}` as MessageKey, { value: p.value ?? "" })}`;
}

/** The Alert rules card of the settings view (owners and managers). */
export function alertRulesCard(ctx: AppContext): HTMLElement {
  const region = h("div", {});
  void load(
    region,
    () => call("getAlertRules"),
    (view) => {
      const forms = ALERT_KIND_LIST.map((k) => view.settings.rules.find((r) => r.kind === k))
        .filter((r): r is AlertRule => r !== undefined)
        .map((r) => ruleForm(r, view));
      const problems = problemList();
      const save: HTMLButtonElement = button(
        t("settings.save"),
        () => {
          if (!forms.map((f) => f.check()).every(Boolean)) return;
          void act(ctx, save, () => call("saveAlertRules", { rules: forms.map((f) => f.read()) })).then(
            (r) => {
              if (!r) return;
              problems.show(r.ok ? [] : r.problems.map(problemText));
              if (r.ok) ctx.toast(t("settings.saved"));
            },
          );
        },
        { class: "primary" },
      );
      mount(region, ...forms.map((f) => f.element), problems.element, save);
    },
  );
  return card(t("alerts.rules"), t("alerts.rulesHelp"), region);
}
