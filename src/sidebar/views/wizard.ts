/**
 * The set-up wizard: finds the user's own tables by their header row (whatever the tabs are called),
 * shows the proposed tab and column mapping, lets the user change them, remembers the choice, then offers
 * Set up, Validate and Classify, and ends with a short tour of the views. Opened on first use of a book
 * never set up, from the menu (Set up wizard / 设置向导) and from Help.
 */
import type { SessionInfo } from "../../shared/ui";
import type {
  SheetKey,
  WizardChoice,
  WizardProposal,
  WizardTabFit,
  WizardTableProposal,
} from "../../shared/wizard";
import { act, load, type AppContext, type ViewName } from "../app-context";
import { button, h, mount, type Child } from "../dom";
import { getLang, t, type MessageKey } from "../i18n";
import { call } from "../rpc";

const TEXT = {
  en: {
    title: "Set up wizard",
    step: "Step {n} of 4",
    intro:
      "Sheet CRM works on your own tables, in place. It looked at the first row (the header row) of every tab to find them.",
    found: "Your tables",
    tabFor: "Tab holding {sheet}",
    none: "None: create a new “{name}” tab",
    fit: "{name} ({n} columns recognised)",
    fitEmpty: "{name} (no recognised columns)",
    nothingFound: "No tab looks like this table.",
    next: "Next",
    back: "Back",
    mapping: "Columns",
    mappingIntro:
      "Recognised columns are used as they are. For a missing column you may pick one of your own columns: its header is renamed to the standard name; no data cell changes.",
    recognised: "Recognised",
    yourColumn: "Your column for {column}",
    addLater: "None (Set up adds it at the end)",
    appended: "Set up appends {n} columns the add-on writes (results and stamps) after your last column.",
    requiredMissing: "Required and missing: {columns}.",
    noTab: "{sheet}: a new tab will be created.",
    confirm: "Confirm",
    confirmIntro: "Confirm to remember these tabs. Every feature then works on them.",
    confirmed: "Saved. Tabs in use: {tabs}.",
    actions: "Set up and check",
    actionsIntro: "Run these in order. Each can be run again at any time from the menu.",
    setUp: "Set up",
    setUpHelp: "Adds the missing columns at the end, header styles, dropdowns and formats.",
    setUpDone: "Set up done: {columns} columns added; new tabs: {created}.",
    validate: "Validate",
    validateHelp: "Lists every problem (sheet, cell, why) in the Problems view and a Problems tab.",
    validateDone: "{total} problems found.",
    classify: "Classify",
    classifyHelp: "Writes RFM, segments, ABC, lifecycle and churn risk into the add-on's columns.",
    classifyDone: "Classified.",
    tour: "A short tour",
    finish: "Go to the dashboard",
    open: "Open",
    noneWord: "none",
  },
  "zh-CN": {
    title: "设置向导",
    step: "第 {n} 步，共 4 步",
    intro: "Sheet CRM 直接在您自己的表格上工作。它读取了每个工作表的第一行（表头行）来找到它们。",
    found: "您的表格",
    tabFor: "存放{sheet}的工作表",
    none: "无：新建「{name}」工作表",
    fit: "{name}（识别出 {n} 列）",
    fitEmpty: "{name}（没有可识别的列）",
    nothingFound: "没有工作表像这张表。",
    next: "下一步",
    back: "上一步",
    mapping: "列",
    mappingIntro:
      "已识别的列按原样使用。缺少的列可以选择您自己的某一列：该列表头会改为标准名称，数据单元格不会改变。",
    recognised: "已识别",
    yourColumn: "对应「{column}」的列",
    addLater: "无（设置时追加到末尾）",
    appended: "设置会在您最后一列之后追加 {n} 个由插件写入的列（结果和时间戳）。",
    requiredMissing: "缺少必填列：{columns}。",
    noTab: "{sheet}：将新建工作表。",
    confirm: "确认",
    confirmIntro: "确认后将记住这些工作表，所有功能都在它们上面工作。",
    confirmed: "已保存。使用中的工作表：{tabs}。",
    actions: "设置与检查",
    actionsIntro: "请依次运行。之后随时可以从菜单再次运行。",
    setUp: "设置",
    setUpHelp: "在末尾追加缺少的列，设置表头样式、下拉列表和格式。",
    setUpDone: "设置完成：追加 {columns} 列；新工作表：{created}。",
    validate: "校验",
    validateHelp: "在“问题”视图和“问题”工作表中列出每个问题（工作表、单元格、原因）。",
    validateDone: "发现 {total} 个问题。",
    classify: "分类",
    classifyHelp: "把 RFM、客户分群、ABC、生命周期和流失风险写入插件的列。",
    classifyDone: "分类完成。",
    tour: "快速导览",
    finish: "前往仪表盘",
    open: "打开",
    noneWord: "无",
  },
} as const;

type TextKey = keyof (typeof TEXT)["en"];

/** A wizard text in the sidebar's language, {name} slots filled. */
function tx(key: TextKey, slots: Readonly<Record<string, string | number>> = {}): string {
  return TEXT[getLang()][key].replace(/\{(\w+)\}/g, (m, k: string) => (k in slots ? String(slots[k]) : m));
}

const TOUR: readonly { view: ViewName; en: string; zh: string }[] = [
  {
    view: "dashboard",
    en: "Dashboard: KPIs, segments and who needs attention.",
    zh: "仪表盘：关键指标、客户分群和需要关注的客户。",
  },
  {
    view: "customers",
    en: "Customers: search, filter, edit in batches, export.",
    zh: "客户：搜索、筛选、批量编辑、导出。",
  },
  {
    view: "analysis",
    en: "Analysis: trends, products bought together, key customers.",
    zh: "分析：趋势、关联购买、重点客户。",
  },
  {
    view: "problems",
    en: "Problems: what Validate found, and safe fixes.",
    zh: "问题：校验发现的问题和安全修正。",
  },
  {
    view: "import",
    en: "Import: add orders or customers from CSV or XLSX.",
    zh: "导入：从 CSV 或 XLSX 导入订单或客户。",
  },
  {
    view: "settings",
    en: "Settings: rules, mails, roles and backups.",
    zh: "设置：规则、邮件、角色和备份。",
  },
  { view: "help", en: "Help: what each feature does and writes.", zh: "帮助：每个功能做什么、写入什么。" },
];

const sheetLabel = (t: WizardTableProposal) => t.label[getLang()];

/** The wizard's working state: the chosen tab per sheet and the columns chosen for missing ones. */
interface Draft {
  readonly tabs: Map<SheetKey, number | null>;
  readonly columns: Map<SheetKey, Map<string, number>>;
}

function fitOf(table: WizardTableProposal, sheetId: number | null | undefined): WizardTabFit | undefined {
  return sheetId === null || sheetId === undefined
    ? undefined
    : table.options.find((o) => o.sheetId === sheetId);
}

function heading(n: number, title: string): Child[] {
  return [h("p", { class: "muted" }, [tx("step", { n })]), h("h3", {}, [title])];
}

/** Step 1: one select per canonical sheet, the proposed tab chosen. */
function tabsStep(region: Element, proposal: WizardProposal, draft: Draft, next: () => void): void {
  const rows = proposal.tables.map((table) => {
    const id = `wizard-tab-${table.sheet}`;
    const chosen = draft.tabs.get(table.sheet) ?? null;
    const select = h(
      "select",
      { id },
      [
        h("option", { value: "", selected: chosen === null }, [tx("none", { name: sheetLabel(table) })]),
        ...table.options.map((o) =>
          h("option", { value: String(o.sheetId), selected: chosen === o.sheetId }, [
            o.mapping.length
              ? tx("fit", { name: o.name, n: o.mapping.length })
              : tx("fitEmpty", { name: o.name }),
          ]),
        ),
      ],
      {
        change: () => {
          draft.tabs.set(table.sheet, select.value === "" ? null : Number(select.value));
          draft.columns.delete(table.sheet);
        },
      },
    );
    return h("div", { class: "field" }, [
      h("label", { for: id }, [tx("tabFor", { sheet: sheetLabel(table) })]),
      select,
      table.tab ? null : h("span", { class: "muted" }, [tx("nothingFound")]),
    ]);
  });
  mount(
    region,
    ...heading(1, tx("found")),
    h("p", {}, [tx("intro")]),
    ...rows,
    h("div", { class: "toolbar" }, [button(tx("next"), next, { class: "primary", id: "wizard-next" })]),
  );
}

/** Step 2: per chosen tab, the recognised columns, and a select for each missing column people type. */
function mappingStep(
  region: Element,
  proposal: WizardProposal,
  draft: Draft,
  back: () => void,
  next: () => void,
): void {
  const lang = getLang();
  const parts = proposal.tables.map((table) => {
    const fit = fitOf(table, draft.tabs.get(table.sheet));
    if (!fit) return h("p", { class: "muted" }, [tx("noTab", { sheet: sheetLabel(table) })]);
    const chosen = draft.columns.get(table.sheet) ?? new Map<string, number>();
    draft.columns.set(table.sheet, chosen);
    const typed = fit.missing.filter((m) => !m.owned);
    const selects = fit.custom.length
      ? typed.map((m) => {
          const id = `wizard-col-${table.sheet}-${m.key}`;
          const select = h(
            "select",
            { id },
            [
              h("option", { value: "" }, [tx("addLater")]),
              ...fit.custom.map((c) =>
                h("option", { value: String(c.column), selected: chosen.get(m.key) === c.column }, [
                  c.header,
                ]),
              ),
            ],
            {
              change: () => {
                if (select.value === "") chosen.delete(m.key);
                else chosen.set(m.key, Number(select.value));
              },
            },
          );
          return h("div", { class: "field" }, [
            h("label", { for: id }, [tx("yourColumn", { column: m.label[lang] })]),
            select,
          ]);
        })
      : [];
    const required = fit.missing.filter((m) => m.required).map((m) => m.label[lang]);
    const owned = fit.missing.filter((m) => m.owned).length;
    return h("section", { class: "card", "aria-label": `${sheetLabel(table)}: ${fit.name}` }, [
      h("h4", {}, [`${sheetLabel(table)} → ${fit.name}`]),
      h("dl", { class: "fields" }, [
        ...fit.mapping.flatMap((m) => [h("dt", {}, [m.label[lang]]), h("dd", {}, [m.header])]),
      ]),
      required.length
        ? h("p", { class: "error" }, [tx("requiredMissing", { columns: required.join(", ") })])
        : null,
      ...selects,
      owned ? h("p", { class: "muted" }, [tx("appended", { n: owned })]) : null,
    ]);
  });
  mount(
    region,
    ...heading(2, tx("mapping")),
    h("p", {}, [tx("mappingIntro")]),
    ...parts,
    h("div", { class: "toolbar" }, [
      button(tx("back"), back),
      button(tx("next"), next, { class: "primary", id: "wizard-next" }),
    ]),
  );
}

function choiceOf(draft: Draft): WizardChoice {
  const tabs: Partial<Record<SheetKey, number | null>> = {};
  const columns: Partial<Record<SheetKey, { column: number; key: string }[]>> = {};
  for (const [sheet, id] of draft.tabs) {
    tabs[sheet] = id;
    const chosen = draft.columns.get(sheet);
    if (id !== null && chosen?.size) columns[sheet] = [...chosen].map(([key, column]) => ({ column, key }));
  }
  return { tabs, columns };
}

/** Step 3: confirm (the one write), then step 4: the actions and the tour. */
function confirmStep(
  region: Element,
  ctx: AppContext,
  proposal: WizardProposal,
  draft: Draft,
  back: () => void,
): void {
  const summary = h(
    "ul",
    {},
    proposal.tables.map((table) =>
      h("li", {}, [
        `${sheetLabel(table)}: ${fitOf(table, draft.tabs.get(table.sheet))?.name ?? tx("none", { name: sheetLabel(table) })}`,
      ]),
    ),
  );
  const confirm: HTMLButtonElement = button(
    tx("confirm"),
    () =>
      void act(ctx, confirm, () => call("confirmTables", choiceOf(draft))).then((done) => {
        if (!done) return;
        const tabs = Object.values(done.tabs).join(", ") || tx("noneWord");
        ctx.toast(tx("confirmed", { tabs }));
        actionsStep(region, ctx);
      }),
    { class: "primary", id: "wizard-confirm" },
  );
  mount(
    region,
    ...heading(3, tx("confirm")),
    h("p", {}, [tx("confirmIntro")]),
    summary,
    h("div", { class: "toolbar" }, [button(tx("back"), back), confirm]),
  );
}

/** One action button with its help text and a live line for its outcome. */
function actionRow(
  ctx: AppContext,
  id: string,
  label: string,
  help: string,
  run: () => Promise<string | undefined>,
): HTMLElement {
  const result = h("p", { class: "muted", role: "status", "aria-live": "polite", id: `${id}-result` });
  const btn: HTMLButtonElement = button(
    label,
    () =>
      void act(ctx, btn, run).then((text) => {
        if (text) mount(result, text);
      }),
    { id, "aria-describedby": `${id}-help` },
  );
  return h("div", { class: "field" }, [btn, h("span", { id: `${id}-help` }, [help]), result]);
}

function actionsStep(region: Element, ctx: AppContext): void {
  const tour = h(
    "ul",
    {},
    TOUR.map((stop) =>
      h("li", {}, [
        h("span", {}, [getLang() === "en" ? stop.en : stop.zh, " "]),
        button(tx("open"), () => ctx.navigate(stop.view), {
          class: "link",
          "aria-label": `${tx("open")}: ${t(`tab.${stop.view}` as MessageKey)}`,
        }),
      ]),
    ),
  );
  mount(
    region,
    ...heading(4, tx("actions")),
    h("p", {}, [tx("actionsIntro")]),
    actionRow(ctx, "wizard-setup", tx("setUp"), tx("setUpHelp"), async () => {
      const r = await call("setUpSheets");
      return tx("setUpDone", { columns: r.columnsAdded, created: r.created.join(", ") || tx("noneWord") });
    }),
    actionRow(ctx, "wizard-validate", tx("validate"), tx("validateHelp"), async () => {
      const r = await call("validateAll");
      return tx("validateDone", { total: r.total });
    }),
    actionRow(ctx, "wizard-classify", tx("classify"), tx("classifyHelp"), async () => {
      await call("classifyNow");
      return tx("classifyDone");
    }),
    h("h3", {}, [tx("tour")]),
    tour,
    button(tx("finish"), () => ctx.navigate("dashboard"), { class: "primary", id: "wizard-finish" }),
  );
}

/**
 * Whether the sidebar opens on the wizard: a book never set up (the session says so), or the sidebar
 * opened by the menu item Set up wizard, which appends this marker to the page (src/gas/table/wizard-menu.ts).
 */
export function startsOnWizard(session: SessionInfo): boolean {
  return (
    session.wizard === true ||
    document.querySelector('meta[name="sheet-crm-start"][content="wizard"]') !== null
  );
}

/** The wizard view: loads what was found, then walks the steps. */
export function wizardView(region: Element, ctx: AppContext): void {
  void load(
    region,
    () => call("proposeTables"),
    (proposal) => {
      mount(region, h("h2", {}, [tx("title")]));
      const body = h("div", { id: "wizard-step" });
      region.appendChild(body);
      const draft: Draft = { tabs: new Map(), columns: new Map() };
      for (const table of proposal.tables)
        draft.tabs.set(table.sheet, proposal.confirmed ? table.currentSheetId : (table.tab?.sheetId ?? null));
      const step1 = () => tabsStep(body, proposal, draft, step2);
      const step2 = () => mappingStep(body, proposal, draft, step1, step3);
      const step3 = () => confirmStep(body, ctx, proposal, draft, step2);
      step1();
    },
  );
}
