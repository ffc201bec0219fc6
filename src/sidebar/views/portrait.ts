import type { CustomerPortrait, PortraitField } from "../../shared/browse";
import { act, load, type AppContext } from "../app-context";
import { button, h, listOr, mount, type Child } from "../dom";
import { formatMoney } from "../format";
import { fieldLabel, getLang, t } from "../i18n";
import { call } from "../rpc";
import { privacyActions } from "./privacy-actions";

/** A masked value with a Show button: the server checks the role and audits every reveal. */
function maskedValue(ctx: AppContext, id: string, f: PortraitField): HTMLElement {
  const value = h("span", { class: "masked", title: t("portrait.masked") }, [f.value]);
  const show: HTMLButtonElement = button(
    t("portrait.reveal"),
    () =>
      void act(ctx, show, () => call("revealSensitive", id, f.key)).then((plain) => {
        if (plain === undefined) return;
        value.textContent = plain;
        value.className = "";
        show.remove();
      }),
    { class: "link", "aria-label": t("portrait.revealField", { field: fieldLabel(f.key, f.label) }) },
  );
  return h("dd", {}, [value, " ", show]);
}

function fieldList(ctx: AppContext, id: string, fields: readonly PortraitField[]): HTMLElement {
  return h(
    "dl",
    { class: "fields" },
    fields
      .filter((f) => f.value !== "")
      .flatMap((f) => [
        h("dt", {}, [fieldLabel(f.key, f.label)]),
        f.masked ? maskedValue(ctx, id, f) : h("dd", {}, [f.value]),
      ]),
  );
}

function section(title: string, body: Node): HTMLElement {
  return h("section", { class: "card" }, [h("h3", {}, [title]), body]);
}

function render(region: HTMLElement, p: CustomerPortrait, ctx: AppContext): void {
  const lang = getLang();
  const go = button(
    t("portrait.goToRow", { row: p.row }),
    () => {
      void act(ctx, go, () => call("goToRow", p.id));
    },
    { id: "go-to-row" },
  );
  const orders = timeline(
    p.orders,
    (o) => [
      h("span", { class: "date" }, [o.date]),
      h("span", {}, [[o.product, o.orderId].filter(Boolean).join(" · ")]),
      h("span", { class: "amount" }, [formatMoney(o.amount, lang)]),
      o.paymentStatus ? h("span", { class: "chip" }, [o.paymentStatus]) : null,
    ],
    t("portrait.noOrders"),
  );
  const interactions = timeline(
    p.interactions,
    (i) => [
      h("span", { class: "date" }, [i.date]),
      h("span", { class: "chip" }, [[i.channel, i.type].filter(Boolean).join(" · ")]),
      h("span", {}, [i.summary]),
      i.nextFollowUp
        ? h("span", { class: "muted" }, [t("portrait.nextFollowUp", { date: i.nextFollowUp })])
        : null,
    ],
    t("portrait.noInteractions"),
  );
  const feedback = timeline(
    p.feedback,
    (f) => [
      h("span", { class: "date" }, [f.date]),
      h("span", { class: "stars", "aria-label": `${f.rating ?? ""}/5` }, [
        f.rating === null ? "" : "★".repeat(f.rating) + "☆".repeat(Math.max(0, 5 - f.rating)),
      ]),
      h("span", {}, [[f.category, f.comment].filter(Boolean).join(": ")]),
      h("span", { class: f.resolved ? "chip ok" : "chip warn" }, [
        t(f.resolved ? "portrait.resolved" : "portrait.open"),
      ]),
    ],
    t("portrait.noFeedback"),
  );
  mount(
    region,
    h("div", { class: "toolbar" }, [button(t("common.back"), () => ctx.navigate("customers")), go]),
    h("h2", { class: "portrait-name" }, [p.name || p.id]),
    h("p", { class: "muted" }, [`${p.id} · ${t("portrait.totalSpent")} ${formatMoney(p.totalSpent, lang)}`]),
    h("div", { class: "next-action", role: "note" }, [
      h("strong", {}, [t("portrait.nextAction")]),
      h("p", {}, [
        t(`next.${p.nextAction.code}`, {
          days: p.nextAction.days === undefined ? "" : t("count.days", { count: p.nextAction.days }),
        }),
      ]),
    ]),
    p.churnRisk ? h("p", {}, [h("strong", {}, [`${t("portrait.churnRisk")}: `]), p.churnRisk]) : null,
    p.scores.some((s) => s.value) ? section(t("portrait.scores"), fieldList(ctx, p.id, p.scores)) : null,
    p.why ? section(t("portrait.why"), h("p", { class: "why" }, [p.why])) : null,
    section(t("portrait.fields"), fieldList(ctx, p.id, p.fields)),
    section(t("portrait.orders"), orders),
    section(t("portrait.interactions"), interactions),
    section(t("portrait.feedback"), feedback),
    privacyActions(ctx, p.id),
  );
}

export function portraitView(root: HTMLElement, ctx: AppContext, id: string): void {
  const region = h("section", { class: "view", "aria-label": t("portrait.title") });
  mount(root, region);
  void load(
    region,
    () => call("getCustomerPortrait", id, getLang()),
    (p) => render(region, p, ctx),
  );
}

/** A dated list of the customer's orders, contacts or feedback, or a line saying there is none. */
function timeline<T>(items: readonly T[], render: (item: T) => readonly Child[], empty: string): HTMLElement {
  return listOr("ol", { class: "timeline" }, items, render, empty);
}
