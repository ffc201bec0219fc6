/**
 * The reps' mobile pages (dist/WebApp.html), served by the web app's ?view=rep to a signed-in team member:
 * my customers (search, status filter, sort), today's follow-ups, a customer's portrait, log an
 * interaction and change status. Everything goes through google.script.run to the same server functions
 * (and role checks) as the sidebar; text enters the page only as text nodes. Imports only src/shared.
 */
import type { ServerApi, ServerFunctionName } from "../shared/api";
import type { CustomerPage, CustomerPortrait, CustomerQuery, ListColumn } from "../shared/browse";
import type { FollowUpItem } from "../shared/webapp";

type Lang = "en" | "zh-CN";
const lang: Lang = /^zh/i.test(navigator.language || "") ? "zh-CN" : "en";
document.documentElement.lang = lang;

const TEXT = {
  en: {
    title: "Sheet CRM",
    customers: "My customers",
    followUps: "Today's follow-ups",
    search: "Search",
    status: "Status",
    allStatuses: "All statuses",
    sort: "Sort by",
    byName: "Name",
    byLast: "Last contact",
    byValue: "Value",
    none: "Nothing here.",
    noFollowUps: "No follow-ups due today.",
    overdue: "overdue",
    due: "due",
    back: "Back",
    details: "Details",
    orders: "Recent orders",
    interactions: "Recent interactions",
    log: "Log an interaction",
    type: "Type",
    channel: "Channel",
    summary: "Summary",
    next: "Next follow-up",
    save: "Save",
    changeStatus: "Change status",
    saved: "Saved.",
    loading: "Loading…",
    prev: "Previous",
    nextPage: "Next",
    page: "Page {n} of {m}",
    call: "Phone",
    visit: "Visit",
    message: "Message",
  },
  "zh-CN": {
    title: "Sheet CRM",
    customers: "我的客户",
    followUps: "今日待跟进",
    search: "搜索",
    status: "状态",
    allStatuses: "全部状态",
    sort: "排序",
    byName: "名称",
    byLast: "最近联系",
    byValue: "消费金额",
    none: "暂无内容。",
    noFollowUps: "今天没有待跟进的客户。",
    overdue: "已逾期",
    due: "到期",
    back: "返回",
    details: "资料",
    orders: "最近订单",
    interactions: "最近互动",
    log: "记录一次互动",
    type: "类型",
    channel: "渠道",
    summary: "内容摘要",
    next: "下次跟进",
    save: "保存",
    changeStatus: "修改状态",
    saved: "已保存。",
    loading: "加载中…",
    prev: "上一页",
    nextPage: "下一页",
    page: "第 {n} / {m} 页",
    call: "电话",
    visit: "拜访",
    message: "消息",
  },
} as const;
type Key = keyof (typeof TEXT)["en"];
const t = (k: Key, slots: Record<string, string | number> = {}) =>
  TEXT[lang][k].replace(/\{(\w+)\}/g, (_, s: string) => String(slots[s] ?? ""));

// ---- google.script.run as typed promises
interface ScriptRunner {
  withSuccessHandler(f: (value: unknown) => void): ScriptRunner;
  withFailureHandler(f: (error: Error) => void): ScriptRunner;
  [name: string]: unknown;
}
declare const google: { script: { run: ScriptRunner } };

function call<K extends ServerFunctionName>(
  name: K,
  ...args: Parameters<ServerApi[K]>
): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((v) => resolve(v as ReturnType<ServerApi[K]>))
      .withFailureHandler((e) =>
        reject(new Error(String(e?.message ?? e).replace(/^(Exception|Error):\s*/, ""))),
      );
    (runner[name] as (...a: unknown[]) => void).apply(runner, args);
  });
}

// ---- DOM: text only ever as text nodes
type Child = Node | string | null | undefined | false;
function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  children: readonly Child[] = [],
  on: Partial<Record<string, (e: Event) => void>> = {},
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs))
    if (v !== undefined && v !== false) el.setAttribute(k, v === true ? "" : v);
  for (const [k, f] of Object.entries(on)) if (f) el.addEventListener(k, f);
  for (const c of children) if (c) el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  return el;
}
function mount(parent: Element, ...children: Child[]) {
  parent.replaceChildren(...children.filter((c): c is Node | string => Boolean(c)));
}
function field(id: string, label: string, control: HTMLElement): HTMLElement {
  control.id = id;
  return h("div", {}, [h("label", { for: id }, [label]), control]);
}
function note(text: string, error = false): HTMLElement {
  return h("p", { class: error ? "status error" : "status", role: error ? "alert" : "status" }, [text]);
}

// ---- state and views
type View =
  | { kind: "customers" }
  | { kind: "followUps" }
  | { kind: "portrait"; id: string; from: "customers" | "followUps" };
const state = {
  view: { kind: "customers" } as View,
  query: {
    search: "",
    filters: {},
    sort: { column: "Name" as ListColumn, direction: "asc" },
    page: 1,
    pageSize: 25,
  } as CustomerQuery,
  statusOptions: [] as { value: string; label: string }[],
};

const app = document.getElementById("app")!;
const main = h("main", { id: "main" });
const tabs = {
  customers: h("button", { type: "button" }, [t("customers")], { click: () => show({ kind: "customers" }) }),
  followUps: h("button", { type: "button" }, [t("followUps")], { click: () => show({ kind: "followUps" }) }),
};
mount(
  app,
  h("header", {}, [
    h("h1", {}, [t("title")]),
    h("nav", { "aria-label": t("title") }, [tabs.customers, tabs.followUps]),
  ]),
  main,
);

function show(view: View) {
  state.view = view;
  const tab = view.kind === "portrait" ? view.from : view.kind;
  tabs.customers.toggleAttribute("aria-current", false);
  tabs.followUps.toggleAttribute("aria-current", false);
  tabs[tab].setAttribute("aria-current", "page");
  mount(main, note(t("loading")));
  const done =
    view.kind === "customers"
      ? customers()
      : view.kind === "followUps"
        ? followUps()
        : portrait(view.id, view.from);
  done.catch((e: Error) => mount(main, note(e.message, true)));
}

async function customers() {
  const page: CustomerPage = await call("listCustomers", state.query, lang);
  if (page.statusOptions.length) state.statusOptions = [...page.statusOptions];
  const search = h("input", {
    type: "search",
    value: state.query.search,
    autocomplete: "off",
  }) as HTMLInputElement;
  const status = h("select", {}, [
    h("option", { value: "" }, [t("allStatuses")]),
    ...state.statusOptions.map((o) =>
      h("option", { value: o.value, selected: state.query.filters.Status === o.value }, [o.label]),
    ),
  ]) as HTMLSelectElement;
  const sorts: [ListColumn, "asc" | "desc", Key][] = [
    ["Name", "asc", "byName"],
    ["LastInteraction", "desc", "byLast"],
    ["Monetary", "desc", "byValue"],
  ];
  const sort = h(
    "select",
    {},
    sorts.map(([c, , k]) => h("option", { value: c, selected: state.query.sort?.column === c }, [t(k)])),
  ) as HTMLSelectElement;
  const rerun = (page = 1) => {
    const chosen = sorts.find(([c]) => c === sort.value) ?? sorts[0];
    state.query = {
      ...state.query,
      search: search.value.trim(),
      filters: status.value ? { Status: status.value } : {},
      sort: { column: chosen[0], direction: chosen[1] },
      page,
    };
    show({ kind: "customers" });
  };
  let timer = 0;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => rerun(), 400);
  });
  status.addEventListener("change", () => rerun());
  sort.addEventListener("change", () => rerun());
  const list = page.rows.length
    ? h(
        "ul",
        { class: "cards" },
        page.rows.map((r) =>
          h("li", {}, [
            h(
              "button",
              { type: "button", class: "card" },
              [
                h("strong", {}, [String(r.values.Name ?? r.id)]),
                h("span", { class: "meta" }, [
                  [r.id, r.values.Status, r.values.Region].filter((x) => x !== null && x !== "").join(" · "),
                ]),
              ],
              { click: () => show({ kind: "portrait", id: r.id, from: "customers" }) },
            ),
          ]),
        ),
      )
    : h("p", {}, [t("none")]);
  const pager =
    page.pageCount > 1
      ? h("div", { class: "pager" }, [
          h("button", { type: "button", class: "link", disabled: page.page <= 1 }, [t("prev")], {
            click: () => rerun(page.page - 1),
          }),
          h("span", {}, [t("page", { n: page.page, m: page.pageCount })]),
          h(
            "button",
            { type: "button", class: "link", disabled: page.page >= page.pageCount },
            [t("nextPage")],
            { click: () => rerun(page.page + 1) },
          ),
        ])
      : null;
  mount(
    main,
    h("h2", {}, [`${t("customers")} (${page.total})`]),
    h("div", { class: "tools" }, [
      field("q", t("search"), search),
      field("status", t("status"), status),
      field("sort", t("sort"), sort),
    ]),
    list,
    pager,
  );
}

async function followUps() {
  const items: readonly FollowUpItem[] = await call("getMyFollowUps");
  mount(
    main,
    h("h2", {}, [t("followUps")]),
    items.length
      ? h(
          "ul",
          { class: "cards" },
          items.map((f) =>
            h("li", {}, [
              h(
                "button",
                { type: "button", class: "card" },
                [
                  h("strong", {}, [
                    f.name || f.customerId,
                    f.overdue ? h("span", { class: "badge" }, [t("overdue")]) : null,
                  ]),
                  h("span", { class: "meta" }, [`${t("due")} ${f.due} · ${f.summary}`]),
                ],
                { click: () => show({ kind: "portrait", id: f.customerId, from: "followUps" }) },
              ),
            ]),
          ),
        )
      : h("p", {}, [t("noFollowUps")]),
  );
}

async function portrait(id: string, from: "customers" | "followUps") {
  const p: CustomerPortrait = await call("getCustomerPortrait", id, lang);
  const status = h(
    "select",
    {},
    state.statusOptions.map((o) => h("option", { value: o.value }, [o.label])),
  ) as HTMLSelectElement;
  const current = p.fields.find((f) => f.key === "Status")?.value ?? "";
  const match = state.statusOptions.find((o) => o.label === current);
  if (match) status.value = match.value;
  const statusNote = h("div", { "aria-live": "polite" });
  const type = h("select", {}, [
    h("option", { value: "" }, ["—"]),
    ...[
      ["Enquiry", "咨询"],
      ["Complaint", "投诉"],
      ["Follow-up visit", "回访"],
      ["After-sales", "售后"],
    ].map(([en, zh]) => h("option", { value: en }, [lang === "en" ? en : zh])),
  ]) as HTMLSelectElement;
  const channel = h("select", {}, [
    h("option", { value: "" }, ["—"]),
    h("option", { value: "Phone" }, [t("call")]),
    h("option", { value: "Visit" }, [t("visit")]),
    h("option", { value: "WeChat" }, [t("message")]),
  ]) as HTMLSelectElement;
  const summary = h("textarea", { maxlength: "2000" }) as HTMLTextAreaElement;
  const next = h("input", { type: "date" }) as HTMLInputElement;
  const logNote = h("div", { "aria-live": "polite" });
  const saveStatus = async () => {
    try {
      await call("batchUpdateCustomers", [p.id], { status: status.value });
      mount(statusNote, note(t("saved")));
    } catch (e) {
      mount(statusNote, note((e as Error).message, true));
    }
  };
  const logIt = async (e: Event) => {
    e.preventDefault();
    const res = await call("logInteraction", {
      customerId: p.id,
      type: type.value,
      channel: channel.value,
      summary: summary.value,
      nextFollowUp: next.value,
    }).catch((err: Error) => ({
      ok: false as const,
      errors: [{ row: 0, field: "", code: "", message: err.message }],
    }));
    if (res.ok) {
      summary.value = "";
      mount(logNote, note(t("saved")));
    } else mount(logNote, note(res.errors.map((x) => x.message).join(" "), true));
  };
  mount(
    main,
    h("button", { type: "button", class: "link" }, [`← ${t("back")}`], { click: () => show({ kind: from }) }),
    h("h2", {}, [p.name || p.id]),
    h("section", { "aria-labelledby": "h-d" }, [
      h("h2", { id: "h-d" }, [t("details")]),
      h(
        "dl",
        {},
        p.fields
          .filter((f) => f.value)
          .slice(0, 14)
          .flatMap((f) => [h("dt", {}, [f.label]), h("dd", {}, [f.value])]),
      ),
    ]),
    h("section", { "aria-labelledby": "h-s" }, [
      h("h2", { id: "h-s" }, [t("changeStatus")]),
      field("st", t("status"), status),
      h("button", { type: "button", class: "primary" }, [t("save")], { click: () => void saveStatus() }),
      statusNote,
    ]),
    h("section", { "aria-labelledby": "h-l" }, [
      h("h2", { id: "h-l" }, [t("log")]),
      h(
        "form",
        {},
        [
          field("ty", t("type"), type),
          field("ch", t("channel"), channel),
          field("su", t("summary"), summary),
          field("nx", t("next"), next),
          h("button", { type: "submit", class: "primary" }, [t("save")]),
        ],
        { submit: (e) => void logIt(e) },
      ),
      logNote,
    ]),
    h("section", { "aria-labelledby": "h-i" }, [
      h("h2", { id: "h-i" }, [t("interactions")]),
      p.interactions.length
        ? h(
            "ul",
            { class: "cards" },
            p.interactions
              .slice(0, 5)
              .map((i) => h("li", { class: "meta" }, [`${i.date} · ${i.type} · ${i.summary}`])),
          )
        : h("p", {}, [t("none")]),
    ]),
    h("section", { "aria-labelledby": "h-o" }, [
      h("h2", { id: "h-o" }, [t("orders")]),
      p.orders.length
        ? h(
            "ul",
            { class: "cards" },
            p.orders
              .slice(0, 5)
              .map((o) =>
                h("li", { class: "meta" }, [
                  `${o.date} · ${o.product} · ${o.amount ?? ""} · ${o.paymentStatus}`,
                ]),
              ),
          )
        : h("p", {}, [t("none")]),
    ]),
  );
}

show({ kind: "customers" });
