/**
 * Settings → Channels: the chat robots and SMS gateways (owners and managers add, edit, test and remove
 * them) and who gets what where (each member their own reminders; owners and managers everything). The
 * server sends channels masked; a masked field sent back unchanged keeps its stored value, so no secret is
 * ever shown or retyped here.
 */
import {
  CHANNEL_KIND_LIST,
  type ChannelKind,
  type ChannelMember,
  type ChannelsView,
  type MaskedChannel,
} from "../../shared/channels";
import { act, load, type AppContext } from "../app-context";
import { button, h, mount } from "../dom";
import { t, type MessageKey } from "../i18n";
import { call } from "../rpc";
import { card, field, select, uid, wholeNumber } from "./settings-controls";

const kindLabel = (k: ChannelKind) => t(`channels.kind.${k}` as MessageKey);

/** "Name: value" lines as headers (values may hold colons). */
function parseHeaders(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(":");
    if (at > 0) out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

/** The add / edit form of one channel; `done` gets the new view once saved. */
function channelForm(
  ctx: AppContext,
  existing: MaskedChannel | null,
  done: (view: ChannelsView) => void,
): HTMLElement {
  const kind = select(
    CHANNEL_KIND_LIST.map((k) => [k, kindLabel(k)] as const),
    existing?.kind ?? "wecom",
  );
  if (existing) kind.disabled = true;
  const id = h("input", { type: "text", id: uid("ch-id"), value: existing?.id ?? "", maxlength: 31 });
  if (existing) id.readOnly = true;
  const name = h("input", { type: "text", id: uid("ch-name"), value: existing?.name ?? "", maxlength: 60 });
  const url = h("input", { type: "url", id: uid("ch-url"), value: existing?.url ?? "", autocomplete: "off" });
  const secret = h("input", {
    type: "password",
    id: uid("ch-secret"),
    value: existing?.secret ?? "",
    autocomplete: "off",
  });
  const format = select(
    [
      ["text", t("channels.format.text")],
      ["markdown", t("channels.format.markdown")],
    ],
    existing?.format ?? "text",
  );
  const method = select(
    [
      ["post", "POST"],
      ["get", "GET"],
      ["put", "PUT"],
    ],
    existing?.method ?? "post",
  );
  const contentType = select(
    [
      ["application/json", "JSON"],
      ["application/x-www-form-urlencoded", "Form"],
    ],
    existing?.contentType ?? "application/json",
  );
  const headers = h("textarea", { id: uid("ch-headers"), rows: 2 }, [
    Object.entries(existing?.headers ?? {})
      .map(([k, v]) => `${k}: ${v}`)
      .join("\n"),
  ]);
  const body = h("textarea", { id: uid("ch-body"), rows: 3 }, [
    existing?.bodyTemplate ?? '{"to":"{{Phone}}","text":"{{Text}}"}',
  ]);
  const maxChars = wholeNumber(existing?.maxChars ?? 300, 20, 1000);
  const chat = h("div", {}, [
    field(secret, t("channels.secret")).element,
    field(format, t("channels.format")).element,
  ]);
  const sms = h("div", {}, [
    field(method, t("channels.method")).element,
    field(contentType, t("channels.contentType")).element,
    field(headers, t("channels.headers")).element,
    field(body, t("channels.body")).element,
    field(maxChars, t("channels.maxChars")).element,
  ]);
  const showKind = () => {
    chat.hidden = kind.value === "sms";
    sms.hidden = kind.value !== "sms";
  };
  kind.addEventListener("change", showKind);
  showKind();
  const problem = h("p", { class: "field-error", role: "alert" });
  const save: HTMLButtonElement = button(
    t("channels.save"),
    () => {
      const input =
        kind.value === "sms"
          ? {
              kind: kind.value,
              id: id.value.trim(),
              name: name.value,
              url: url.value.trim(),
              method: method.value,
              contentType: contentType.value,
              headers: parseHeaders(headers.value),
              bodyTemplate: body.value,
              maxChars: Number(maxChars.value),
            }
          : {
              kind: kind.value,
              id: id.value.trim(),
              name: name.value,
              url: url.value.trim(),
              secret: secret.value.trim(),
              format: format.value,
            };
      void act(ctx, save, () => call("saveChannel", input)).then((r) => {
        if (!r) return;
        if (!r.ok) {
          problem.textContent = t(`channels.error.${r.error}` as MessageKey);
          return;
        }
        ctx.toast(t("channels.saved"));
        done(r.view);
      });
    },
    { class: "primary" },
  );
  return h("fieldset", { class: "rule" }, [
    h("legend", {}, [existing ? t("channels.edit", { name: existing.name }) : t("channels.add")]),
    field(kind, t("channels.kind")).element,
    field(id, t("channels.id")).element,
    field(name, t("channels.name")).element,
    field(url, t("channels.url")).element,
    chat,
    sms,
    problem,
    save,
  ]);
}

/** One member's row: reminders (theirs to choose), reports and alerts (managers'), mobile. */
function memberRow(ctx: AppContext, view: ChannelsView, m: ChannelMember, redraw: (v: ChannelsView) => void) {
  const options: [string, string][] = [
    ["mail", t("channels.mail")],
    ...view.channels.map((c): [string, string] => [c.id, c.name]),
  ];
  const reminders = select(options, m.reminders);
  const reports = select(options, m.reports);
  reports.disabled = !view.canManage;
  const phone = h("input", { type: "tel", id: uid("ch-phone"), value: m.phone, autocomplete: "tel" });
  const save: HTMLButtonElement = button(t("channels.saveChoice", { email: m.email }), () => {
    const choice = view.canManage
      ? { reminders: reminders.value, reports: reports.value, phone: phone.value }
      : { reminders: reminders.value, phone: phone.value };
    void act(ctx, save, () => call("saveChannelChoice", m.email, choice)).then((v) => {
      if (!v) return;
      ctx.toast(t("settings.saved"));
      redraw(v);
    });
  });
  return h("div", { class: "batch-row" }, [
    field(reminders, t("channels.reminders", { email: m.email })).element,
    field(reports, t("channels.reports", { email: m.email })).element,
    field(phone, t("channels.phone", { email: m.email })).element,
    save,
  ]);
}

/** The Channels card of the settings view (every role: members see their own choice only). */
export function channelsCard(ctx: AppContext): HTMLElement {
  const region = h("div", {});
  const draw = (view: ChannelsView) => {
    const formSlot = h("div", {});
    const list = view.channels.length
      ? h(
          "ul",
          { class: "plain-list" },
          view.channels.map((c) =>
            h("li", {}, [
              h("strong", {}, [c.name]),
              ` · ${kindLabel(c.kind)}`,
              view.canManage && c.url ? h("div", { class: "muted" }, [c.url]) : null,
              view.canManage
                ? h("div", { class: "toolbar" }, [
                    button(t("channels.edit", { name: c.name }), () =>
                      mount(formSlot, channelForm(ctx, c, draw)),
                    ),
                    testButton(ctx, c),
                    removeButton(ctx, c, draw),
                  ])
                : null,
            ]),
          ),
        )
      : h("p", { class: "muted" }, [t("channels.none")]);
    mount(
      region,
      list,
      view.canManage ? button(t("channels.add"), () => mount(formSlot, channelForm(ctx, null, draw))) : null,
      formSlot,
      h("h4", {}, [t("channels.members")]),
      h("p", { class: "muted" }, [t("channels.membersHelp")]),
      ...view.members.map((m) => memberRow(ctx, view, m, draw)),
    );
  };
  void load(region, () => call("listChannels"), draw);
  return card(t("channels.title"), t("channels.help"), region);
}

function testButton(ctx: AppContext, c: MaskedChannel): HTMLButtonElement {
  const b: HTMLButtonElement = button(t("channels.test", { name: c.name }), () => {
    void act(ctx, b, () => call("sendChannelTest", c.id)).then(
      (r) => r && ctx.toast(t("channels.tested", { outcome: r.outcome, detail: r.detail })),
    );
  });
  return b;
}

function removeButton(ctx: AppContext, c: MaskedChannel, draw: (v: ChannelsView) => void): HTMLButtonElement {
  const b: HTMLButtonElement = button(t("channels.remove", { name: c.name }), () => {
    void act(ctx, b, () => call("deleteChannel", c.id)).then((v) => {
      if (!v) return;
      ctx.toast(t("channels.removed"));
      draw(v);
    });
  });
  return b;
}
