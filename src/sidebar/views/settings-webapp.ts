/**
 * Settings → Web app (owners and managers): the team deployment's /exec address, the inbound API's
 * integration tokens (made, listed, revoked; a new token is shown once, the server keeps only its hash),
 * outbound webhooks (URL masked, secret shown once) and a customer's portal link. The server checks roles
 * and validates again; every text reaches the page as a text node (h), never as HTML.
 */
import type { ApiTokenInfo, WebAppSettings, WebhookInfo } from "../../shared/webapp";
import { WEBHOOK_EVENTS } from "../../shared/webapp";
import { act, load, type AppContext } from "../app-context";
import { button, h, mount } from "../dom";
import { getLang } from "../i18n";
import { call } from "../rpc";
import { card, checkbox, field, uid } from "./settings-controls";

const EN = {
  title: "Web app",
  help: "Your team's own deployment of the web app serves the customer portal, one-click unsubscribe, the API and the reps' mobile pages (README “Web app”).",
  url: "Web app address (ends in /exec)",
  days: "Portal links last (days)",
  save: "Save",
  saved: "Saved.",
  tokens: "API tokens",
  noTokens: "No tokens yet.",
  tokenName: "Integration name",
  actsFor: "Reaches the customers of (e-mail; empty: every customer)",
  create: "Create token",
  shownOnce: "Copy this token now; it is not shown again:",
  revoke: "Revoke",
  revoked: "revoked",
  everyone: "every customer",
  lastUsed: "last used {at}",
  never: "never used",
  hooks: "Webhooks",
  noHooks: "No webhooks yet.",
  hookUrl: "Receiver URL (https://…)",
  addHook: "Add webhook",
  secretOnce: "Signing secret, shown once:",
  remove: "Remove",
  portal: "Customer portal link",
  customerId: "CustomerID",
  makeLink: "Make link",
  linkOnce: "Send this link to the customer (valid until {at}):",
} as const;

const ZH: Record<keyof typeof EN, string> = {
  title: "网页应用",
  help: "由团队自己部署的网页应用提供客户门户、一键退订、数据接口和销售手机页面（见 README“网页应用”）。",
  url: "网页应用网址（以 /exec 结尾）",
  days: "门户链接有效天数",
  save: "保存",
  saved: "已保存。",
  tokens: "接口令牌",
  noTokens: "还没有令牌。",
  tokenName: "集成名称",
  actsFor: "可访问谁的客户（邮箱；留空表示全部客户）",
  create: "创建令牌",
  shownOnce: "请立即复制此令牌，之后不会再显示：",
  revoke: "吊销",
  revoked: "已吊销",
  everyone: "全部客户",
  lastUsed: "最近使用 {at}",
  never: "从未使用",
  hooks: "Webhook",
  noHooks: "还没有 Webhook。",
  hookUrl: "接收地址（https://…）",
  addHook: "添加 Webhook",
  secretOnce: "签名密钥，只显示这一次：",
  remove: "删除",
  portal: "客户门户链接",
  customerId: "客户编号",
  makeLink: "生成链接",
  linkOnce: "把此链接发给客户（有效期至 {at}）：",
};

function w(key: keyof typeof EN, slots: Record<string, string> = {}): string {
  const text: string = getLang() === "zh-CN" ? ZH[key] : EN[key];
  return text.replace(/\{(\w+)\}/g, (_, s: string) => slots[s] ?? "");
}

const text = (id: string, value = "", type = "text") =>
  h("input", { type, value, id: uid(id), spellcheck: false, autocomplete: "off" });

/** A secret shown once, selectable. */
function once(label: string, value: string): HTMLElement {
  return h("p", { role: "status" }, [label, " ", h("code", {}, [value])]);
}

function addressPart(ctx: AppContext, s: WebAppSettings): HTMLElement {
  const url = field(text("wa-url", s.url, "url"), w("url"));
  const days = field(text("wa-days", String(s.portalDays), "number"), w("days"));
  const save: HTMLButtonElement = button(
    w("save"),
    () =>
      void act(ctx, save, () =>
        call("saveWebAppSettings", { url: url.control.value.trim(), portalDays: Number(days.control.value) }),
      ).then((r) => r && ctx.toast(w("saved"))),
    { class: "primary" },
  );
  return h("div", {}, [url.element, days.element, save]);
}

function tokensPart(ctx: AppContext): HTMLElement {
  const list = h("div", {});
  const shown = h("div", { "aria-live": "polite" });
  const draw = (tokens: readonly ApiTokenInfo[]) =>
    mount(
      list,
      tokens.length
        ? h(
            "ul",
            {},
            tokens.map((tk) => {
              const revoke: HTMLButtonElement = button(w("revoke"), () => {
                void act(ctx, revoke, () => call("revokeApiToken", tk.id)).then((next) => next && draw(next));
              });
              return h("li", {}, [
                `${tk.name} — ${tk.actsFor || w("everyone")} — ${tk.lastUsedAt ? w("lastUsed", { at: tk.lastUsedAt.slice(0, 16) }) : w("never")} `,
                tk.revoked ? `(${w("revoked")})` : revoke,
              ]);
            }),
          )
        : h("p", { class: "muted" }, [w("noTokens")]),
    );
  void load(list, () => call("listApiTokens"), draw);
  const name = field(text("wa-token-name"), w("tokenName"));
  const actsFor = field(text("wa-token-for", "", "email"), w("actsFor"));
  const create: HTMLButtonElement = button(w("create"), () => {
    void act(ctx, create, () => call("createApiToken", name.control.value, actsFor.control.value)).then(
      (made) => {
        if (!made) return;
        mount(shown, once(w("shownOnce"), made.token));
        void load(list, () => call("listApiTokens"), draw);
      },
    );
  });
  return h("div", {}, [h("h4", {}, [w("tokens")]), list, name.element, actsFor.element, create, shown]);
}

function hooksPart(ctx: AppContext): HTMLElement {
  const list = h("div", {});
  const shown = h("div", { "aria-live": "polite" });
  const draw = (hooks: readonly WebhookInfo[]) =>
    mount(
      list,
      hooks.length
        ? h(
            "ul",
            {},
            hooks.map((hk) => {
              const remove: HTMLButtonElement = button(w("remove"), () => {
                void act(ctx, remove, () => call("removeWebhook", hk.id)).then((next) => next && draw(next));
              });
              return h("li", {}, [`${hk.url} — ${hk.events.join(", ")} `, remove]);
            }),
          )
        : h("p", { class: "muted" }, [w("noHooks")]),
    );
  void load(list, () => call("listWebhooks"), draw);
  const url = field(text("wa-hook-url", "", "url"), w("hookUrl"));
  const events = WEBHOOK_EVENTS.map((e) => checkbox(e, true));
  const add: HTMLButtonElement = button(w("addHook"), () => {
    const chosen = WEBHOOK_EVENTS.filter((_, i) => events[i].control.checked);
    void act(ctx, add, () => call("addWebhook", url.control.value, chosen)).then((made) => {
      if (!made) return;
      mount(shown, once(w("secretOnce"), made.secret));
      void load(list, () => call("listWebhooks"), draw);
    });
  });
  return h("div", {}, [
    h("h4", {}, [w("hooks")]),
    list,
    url.element,
    ...events.map((e) => e.element),
    add,
    shown,
  ]);
}

function portalPart(ctx: AppContext): HTMLElement {
  const id = field(text("wa-portal-id"), w("customerId"));
  const shown = h("div", { "aria-live": "polite" });
  const make: HTMLButtonElement = button(w("makeLink"), () => {
    void act(ctx, make, () => call("createPortalLink", id.control.value.trim())).then((link) => {
      if (!link) return;
      mount(shown, once(w("linkOnce", { at: link.expiresAt.slice(0, 10) }), link.url || `?${link.query}`));
    });
  });
  return h("div", {}, [h("h4", {}, [w("portal")]), id.element, make, shown]);
}

/** The card: loads the settings, then the parts. */
export function webAppCard(ctx: AppContext): HTMLElement {
  const region = h("div", {});
  void load(
    region,
    () => call("getWebAppSettings"),
    (s) => mount(region, addressPart(ctx, s), tokensPart(ctx), hooksPart(ctx), portalPart(ctx)),
  );
  return card(w("title"), w("help"), region);
}
