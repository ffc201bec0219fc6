/**
 * The Campaigns view (营销活动): the list with log counts and pause / schedule again, the editor in five
 * steps (who → the mail → preview per recipient → a test to oneself → schedule), and recording an
 * unsubscribe or a bounce. Owners and managers only: the server refuses everyone else, and the view says so.
 */
import type { CustomerPage } from "../../shared/browse";
import {
  CAMPAIGN_DEFAULT_DAILY_CAP,
  CAMPAIGN_FIELDS,
  CAMPAIGN_FILTERS,
  CAMPAIGN_MAX_BODY_CHARS,
  CAMPAIGN_MAX_STEPS,
  CAMPAIGN_MAX_SUBJECT_CHARS,
  type Campaign,
  type CampaignDraft,
  type CampaignList,
  type CampaignPreview,
  type CampaignStatus,
  type CampaignStep,
} from "../../shared/campaigns";
import { act, load, showError, type AppContext } from "../app-context";
import { button, h, listOr, mount } from "../dom";
import { getLang } from "../i18n";
import { call } from "../rpc";
import { field, uid } from "./settings-controls";
import { ct, type CampaignTextKey } from "./campaign-text";

type Filter = (typeof CAMPAIGN_FILTERS)[number];
/** One value a filter can take, with how many customers have it (the customer browser's facets). */
type Facet = CustomerPage["facets"][Filter][number];

function statusLabel(s: CampaignStatus): string {
  return ct(`status.${s}` as CampaignTextKey);
}

function select(options: readonly { value: string; label: string }[], value: string): HTMLSelectElement {
  const el = h(
    "select",
    { id: uid("campaign") },
    options.map((o) => h("option", { value: o.value }, [o.label])),
  );
  el.value = value;
  return el;
}

/** Today in the browser's calendar (the schedule's default start), yyyy-MM-dd. */
function todayKey(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

const BLANK_STEP: CampaignStep = { delayDays: 0, subject: "", body: "" };

/** The editor: every control feeds `read()`, the draft the server checks, previews, tests and stores. */
function editor(
  ctx: AppContext,
  list: CampaignList,
  facets: Readonly<Partial<Record<Filter, readonly Facet[]>>>,
  existing: Campaign | null,
  done: () => void,
): HTMLElement {
  const base: CampaignDraft = existing ?? {
    name: "",
    lang: getLang(),
    audience: { search: "", filters: {} },
    trigger: { kind: "once", start: todayKey() },
    steps: [BLANK_STEP],
    replyTo: list.senders[0] ?? "",
    dailyCap: CAMPAIGN_DEFAULT_DAILY_CAP,
    status: "draft",
  };
  const name = field(h("input", { type: "text", maxlength: 80, value: base.name }), ct("name"));
  const search = field(h("input", { type: "search", value: base.audience.search }), ct("search"));
  const filters = CAMPAIGN_FILTERS.filter((f) => (facets[f] ?? []).length > 0).map((f) => ({
    column: f,
    field: field(
      select(
        [
          { value: "", label: ct("any") },
          ...(facets[f] ?? []).map((o) => ({ value: o.value, label: `${o.label} (${o.count})` })),
        ],
        base.audience.filters[f] ?? "",
      ),
      ct(`filter.${f}` as CampaignTextKey),
    ),
  }));
  const lang = field(
    select(
      (["zh-CN", "en"] as const).map((l) => ({ value: l, label: ct(`lang.${l}`) })),
      base.lang,
    ),
    ct("lang"),
  );

  // Steps: one block each (delay, subject, body).
  const stepsBox = h("div", { class: "campaign-steps" });
  let steps: CampaignStep[] = [...base.steps];
  const stepFields: { delay: HTMLInputElement; subject: HTMLInputElement; body: HTMLTextAreaElement }[] = [];
  function readSteps(): CampaignStep[] {
    return stepFields.map((f) => ({
      delayDays: Number(f.delay.value || 0),
      subject: f.subject.value,
      body: f.body.value,
    }));
  }
  function renderSteps(): void {
    stepFields.length = 0;
    mount(
      stepsBox,
      ...steps.map((s, i) => {
        const delay = field(
          h("input", { type: "number", min: 0, max: 365, value: s.delayDays }),
          ct("delay"),
        );
        const subject = field(
          h("input", { type: "text", maxlength: CAMPAIGN_MAX_SUBJECT_CHARS, value: s.subject }),
          ct("subject"),
        );
        const body = field(
          h("textarea", { rows: 5, maxlength: CAMPAIGN_MAX_BODY_CHARS }, [s.body]),
          ct("body"),
        );
        stepFields.push({ delay: delay.control, subject: subject.control, body: body.control });
        return h("fieldset", { class: "campaign-step" }, [
          h("legend", {}, [ct("mailStep", { n: i + 1 })]),
          delay.element,
          subject.element,
          body.element,
          steps.length > 1
            ? button(
                ct("removeStep", { n: i + 1 }),
                () => {
                  steps = readSteps().filter((_, k) => k !== i);
                  renderSteps();
                },
                { class: "link" },
              )
            : null,
        ]);
      }),
      steps.length < CAMPAIGN_MAX_STEPS
        ? button(ct("addStep"), () => {
            steps = [...readSteps(), { ...BLANK_STEP, delayDays: 3 }];
            renderSteps();
          })
        : null,
    );
  }
  renderSteps();

  const triggerKind = field(
    select(
      [
        { value: "once", label: ct("triggerOnce") },
        { value: "after-welcome", label: ct("triggerWelcome") },
      ],
      base.trigger.kind,
    ),
    ct("trigger"),
  );
  const start = field(
    h("input", { type: "date", value: base.trigger.kind === "once" ? base.trigger.start : todayKey() }),
    ct("start"),
  );
  const sender = field(
    select(
      list.senders.map((s) => ({ value: s, label: s })),
      base.replyTo,
    ),
    ct("sender"),
  );
  const cap = field(h("input", { type: "number", min: 1, max: 1500, value: base.dailyCap }), ct("dailyCap"));

  function read(status: CampaignStatus = base.status): CampaignDraft {
    const chosen: Partial<Record<Filter, string>> = {};
    for (const f of filters) if (f.field.control.value) chosen[f.column] = f.field.control.value;
    return {
      ...(existing ? { id: existing.id } : {}),
      name: name.control.value,
      lang: lang.control.value === "en" ? "en" : "zh-CN",
      audience: { search: search.control.value, filters: chosen },
      trigger:
        triggerKind.control.value === "after-welcome"
          ? { kind: "after-welcome" }
          : { kind: "once", start: start.control.value },
      steps: readSteps(),
      replyTo: sender.control.value,
      dailyCap: Number(cap.control.value || CAMPAIGN_DEFAULT_DAILY_CAP),
      status,
    };
  }

  const previewOut = h("div", { class: "campaign-preview", "aria-live": "polite" });
  const mailOut = h("div", { class: "campaign-mail" });
  function showPreview(p: CampaignPreview): void {
    mount(
      previewOut,
      p.problems.length
        ? h("p", { class: "error", role: "alert" }, [
            ct("problems", {
              list: p.problems
                .map((x) => `${x.field} (${x.code}${x.detail ? `: ${x.detail}` : ""})`)
                .join(", "),
            }),
          ])
        : null,
      h("p", {}, [
        ct("previewCounts", {
          matched: p.matched,
          withEmail: p.withEmail,
          consented: p.consented,
          suppressed: p.suppressed,
          eligible: p.eligible,
        }),
      ]),
      listOr(
        "ul",
        { class: "plain campaign-recipients" },
        p.recipients,
        (r) => [
          h("span", {}, [`${r.name} (${r.customerId}) `]),
          h("span", { class: "muted" }, [`${r.email || "—"} · ${ct(`hold.${r.hold}` as CampaignTextKey)} `]),
          r.email && !p.problems.length
            ? button(
                ct("showMail"),
                () =>
                  void load(
                    mailOut,
                    () => call("previewCampaignMail", read(), r.customerId, 0),
                    (m) => {
                      // The mail's own HTML, isolated: a sandboxed frame runs no script.
                      const frame = h("iframe", { sandbox: "", class: "mail-preview", title: m.subject });
                      frame.srcdoc = m.html;
                      mount(mailOut, h("p", {}, [`${m.to}: ${m.subject}`]), frame);
                    },
                  ),
                { class: "link" },
              )
            : null,
        ],
        ct("none"),
      ),
    );
  }
  const previewButton: HTMLButtonElement = button(ct("preview"), () => {
    void act(ctx, previewButton, () => call("previewCampaign", read())).then((p) => p && showPreview(p));
  });
  const testButton: HTMLButtonElement = button(ct("test"), () => {
    void act(ctx, testButton, () => call("sendCampaignTest", read(), 0)).then(
      (m) => m && ctx.toast(ct("testSent", { to: m.to })),
    );
  });
  const save = (status: CampaignStatus, control: () => HTMLButtonElement | null) => () => {
    void act(ctx, control(), () => call("saveCampaign", read(status))).then((r) => {
      if (!r) return;
      if (!r.ok) {
        mount(
          previewOut,
          h("p", { class: "error", role: "alert" }, [
            ct("problems", { list: r.problems.map((x) => `${x.field} (${x.code})`).join(", ") }),
          ]),
        );
        return;
      }
      ctx.toast(ct("saved", { name: r.campaign.name, status: statusLabel(r.campaign.status) }));
      done();
    });
  };
  const draftButton: HTMLButtonElement = button(
    ct("saveDraft"),
    save("draft", () => draftButton),
  );
  const scheduleButton: HTMLButtonElement = button(
    ct("schedule"),
    save("scheduled", () => scheduleButton),
    {
      class: "primary",
    },
  );

  return h("section", { class: "card", id: "campaign-editor" }, [
    h("h3", {}, [existing ? ct("edit") : ct("new")]),
    h("h4", {}, [ct("step1")]),
    name.element,
    search.element,
    ...filters.map((f) => f.field.element),
    h("h4", {}, [ct("step2")]),
    lang.element,
    h("p", { class: "muted" }, [ct("fields", { fields: CAMPAIGN_FIELDS.map((f) => `{{${f}}}`).join(" ") })]),
    stepsBox,
    h("h4", {}, [ct("step3")]),
    previewButton,
    previewOut,
    mailOut,
    h("h4", {}, [ct("step4")]),
    testButton,
    h("h4", {}, [ct("step5")]),
    triggerKind.element,
    start.element,
    sender.element,
    cap.element,
    h("div", { class: "toolbar" }, [draftButton, scheduleButton, button(ct("cancel"), done)]),
  ]);
}

/** One campaign of the list: status, trigger, counts, and its actions. */
function campaignItem(
  ctx: AppContext,
  s: CampaignList["campaigns"][number],
  edit: () => void,
  reload: () => void,
): HTMLElement[] {
  const c = s.campaign;
  const toggle: HTMLButtonElement | null =
    c.status === "scheduled" || c.status === "paused"
      ? button(c.status === "scheduled" ? ct("pause") : ct("resume"), () => {
          const { id, name, lang, audience, trigger, steps, replyTo, dailyCap } = c;
          const status: CampaignStatus = c.status === "scheduled" ? "paused" : "scheduled";
          void act(ctx, toggle, () =>
            call("saveCampaign", { id, name, lang, audience, trigger, steps, replyTo, dailyCap, status }),
          ).then((r) => r && reload());
        })
      : null;
  return [
    h("div", {}, [h("strong", {}, [c.name]), " ", h("span", { class: "badge" }, [statusLabel(c.status)])]),
    h("div", { class: "muted" }, [
      c.trigger.kind === "once"
        ? ct("trigger.once", { start: c.trigger.start })
        : ct("trigger.after-welcome"),
    ]),
    h("div", { class: "muted" }, [ct("counts", { ...s.counts })]),
    h("div", { class: "toolbar" }, [c.status !== "done" ? button(ct("edit"), edit) : null, toggle]),
  ];
}

/** Record an unsubscribe or a bounce: it goes on the suppression list. */
function unsubscribeCard(ctx: AppContext, reload: () => void): HTMLElement {
  const input = field(h("input", { type: "text" }), ct("unsubInput"), ct("unsubHelp"));
  const reason = field(
    select(
      (["unsubscribed", "bounced", "manual"] as const).map((r) => ({ value: r, label: ct(`reason.${r}`) })),
      "unsubscribed",
    ),
    ct("unsubReason"),
  );
  const record: HTMLButtonElement = button(ct("record"), () => {
    const why = reason.control.value as "unsubscribed" | "bounced" | "manual";
    void act(ctx, record, () => call("recordUnsubscribe", input.control.value, why)).then((r) => {
      if (!r) return;
      ctx.toast(ct(r.already ? "already" : "recorded", { email: r.email }));
      input.control.value = "";
      reload();
    });
  });
  return h("section", { class: "card", id: "campaign-unsubscribe" }, [
    h("h3", {}, [ct("unsubTitle")]),
    input.element,
    reason.element,
    record,
  ]);
}

/** The Campaigns view. */
export function campaignsView(main: HTMLElement, ctx: AppContext): void {
  const body = h("div", { id: "campaigns" });
  mount(main, h("h2", {}, [ct("title")]), h("p", { class: "muted" }, [ct("intro")]), body);
  let facets: Partial<Record<Filter, readonly Facet[]>> = {};
  const reload = (): void =>
    void load(
      body,
      () => call("listCampaigns"),
      (list) => {
        const open = (existing: Campaign | null) => mount(body, editor(ctx, list, facets, existing, reload));
        mount(
          body,
          h("p", { class: "muted" }, [ct("quota", { quota: list.quota, suppressed: list.suppressed })]),
          button(ct("new"), () => open(null), { class: "primary", id: "campaign-new" }),
          h("section", { class: "card" }, [
            h("h3", {}, [ct("list")]),
            listOr(
              "ul",
              { class: "plain campaigns" },
              list.campaigns,
              (s) => campaignItem(ctx, s, () => open(s.campaign), reload),
              ct("none"),
            ),
          ]),
          unsubscribeCard(ctx, reload),
        );
      },
    ).catch((e) => showError(body, e));
  // The filters' values and counts, as the customer browser offers them.
  void call(
    "listCustomers",
    { search: "", filters: {}, sort: null, page: 1, pageSize: 25 },
    getLang(),
    "full",
  ).then(
    (page: CustomerPage) => {
      facets = page.facets as Partial<Record<Filter, readonly Facet[]>>;
    },
    () => undefined,
  );
  reload();
}
