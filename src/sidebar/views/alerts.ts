/**
 * The Alerts view: what the alert rules caught and sent (to the caller; owners and managers see all),
 * unacknowledged first, each with Acknowledge (audited); owners and managers may run the rules now.
 */
import type { AlertList, AlertListItem } from "../../shared/alerts";
import { act, load, type AppContext } from "../app-context";
import { button, h, listOr, mount } from "../dom";
import { getLang, t } from "../i18n";
import { call } from "../rpc";
import { checkbox } from "./settings-controls";

function item(ctx: AppContext, a: AlertListItem, redraw: (l: AlertList) => void): HTMLElement[] {
  const ack: HTMLButtonElement | null = a.ackAt
    ? null
    : button(
        t("alerts.ack"),
        () => {
          void act(ctx, ack, () => call("acknowledgeAlert", a.id, getLang())).then((l) => l && redraw(l));
        },
        { "aria-label": t("alerts.ackLabel", { text: a.text }) },
      );
  return [
    h("div", {}, [a.text]),
    h("div", { class: "muted" }, [
      `${t("alerts.raised", { date: a.raised.slice(0, 16).replace("T", " ") })} · ${t(
        a.open ? "alerts.open" : "alerts.cleared",
      )} · ${t("alerts.to", { list: a.recipients.join(", ") })}`,
    ]),
    a.ackAt ? h("div", { class: "muted" }, [t("alerts.acked", { by: a.ackBy })]) : (ack as HTMLElement),
  ];
}

export function alertsView(root: HTMLElement, ctx: AppContext): void {
  const region = h("section", { class: "view" }, [
    h("h2", {}, [t("alerts.title")]),
    h("p", { class: "muted" }, [t("alerts.help")]),
  ]);
  mount(root, region);
  const showAcked = checkbox(t("alerts.showAcked"), false);
  const toolbar = h("div", { class: "toolbar" }, [showAcked.element]);
  const body = h("div", {});
  region.append(toolbar, body);
  const draw = (list: AlertList) => {
    mount(
      body,
      listOr("ul", { class: "plain-list" }, list.items, (a) => item(ctx, a, draw), t("alerts.empty")),
    );
    if (list.canCheck && !toolbar.querySelector("#alerts-check")) {
      const check: HTMLButtonElement = button(
        t("alerts.checkNow"),
        () => {
          void act(ctx, check, () => call("checkAlertsNow")).then((s) => {
            if (!s) return;
            ctx.toast(t("alerts.checked", { ...s }));
            refresh();
          });
        },
        { id: "alerts-check" },
      );
      toolbar.appendChild(check);
    }
  };
  const refresh = () => void load(body, () => call("listAlerts", getLang(), showAcked.control.checked), draw);
  showAcked.control.addEventListener("change", refresh);
  refresh();
}
