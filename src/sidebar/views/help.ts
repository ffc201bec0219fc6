/**
 * Help, in zh-CN and en: what each feature does, what the add-on writes and where, and the keyboard
 * shortcuts of the sidebar. Static text (no server call), so it opens at once, even offline.
 */
import type { AppContext } from "../app-context";
import { button, h, mount, type Child } from "../dom";
import { getLang } from "../i18n";

interface Section {
  readonly title: string;
  readonly lines: readonly string[];
}

interface HelpText {
  readonly title: string;
  readonly intro: string;
  readonly wizard: string;
  readonly features: string;
  readonly sections: readonly Section[];
  readonly writes: string;
  readonly writesLines: readonly string[];
  readonly keys: string;
  readonly keysLines: readonly (readonly [string, string])[];
}

const HELP: Readonly<Record<"en" | "zh-CN", HelpText>> = {
  en: {
    title: "Help",
    intro:
      "Sheet CRM turns your spreadsheet into a customer table that keeps itself in order. Everything is in Extensions → Sheet CRM and in this sidebar.",
    wizard: "Open the set-up wizard",
    features: "Features",
    sections: [
      {
        title: "Set up wizard",
        lines: [
          "Finds your customer and order tables on any tab by their header row, whatever the tab is called, and lets you confirm or change the mapping. The add-on then works on your tabs in place.",
        ],
      },
      {
        title: "Set up / repair",
        lines: [
          "Adds the columns the add-on needs at the end of your tables (never moves, renames or deletes yours), colours headers, adds dropdowns, formats and checks, and protects the add-on's own columns. Running it again changes nothing.",
        ],
      },
      {
        title: "Validate all and fixes",
        lines: [
          "Checks every cell (required values, types, e-mails, phones, dates, amounts, duplicate IDs, orders of unknown customers) and lists each problem with its cell.",
          "Fix what is safe shows every change first and makes a backup before writing.",
        ],
      },
      {
        title: "Classify",
        lines: [
          "RFM scores, segments, ABC, lifecycle stage and churn risk, with a short reason for each customer. Runs nightly when switched on, and after orders change.",
        ],
      },
      {
        title: "Reminders and reports",
        lines: [
          "A daily digest per salesperson (at most 25 items, most urgent first) and a weekly report for managers, by e-mail.",
        ],
      },
      {
        title: "Customers, portrait, analysis",
        lines: [
          "Search and filter customers, edit or delete in batches (with undo), export; one customer's portrait; trends, products bought together, key customers and feedback.",
        ],
      },
      {
        title: "Trust",
        lines: [
          "Roles (owner, manager, sales, viewer), an audit log of every edit and job, encrypted ID and bank numbers, backups and restore.",
        ],
      },
    ],
    writes: "What the add-on writes, and where",
    writesLines: [
      "Your tables: only the columns it appends at the end (results and stamps such as CreatedAt); new rows get a CustomerID. Your own cells are never rewritten, except what you approve in a fix preview.",
      "Header row: colours and bold text on recognised headers; a header you chose in the wizard for a missing column is renamed to the standard name.",
      "Its own tabs: Problems, Segments, the weekly report, Analysis, AuditLog, SendLog, SegmentHistory and Vault (encrypted values).",
      "Cell notes on problem cells (Clear problem marks removes them).",
      "Backups: separate spreadsheets in the owner's Drive.",
      "Settings, roles and the tab mapping: the document's properties (not visible in the sheet).",
      "Mail: only to team members, and welcome mails only to customers who agreed.",
    ],
    keys: "Keyboard",
    keysLines: [
      ["← / →", "Move between the sidebar's tabs (when a tab has focus)."],
      ["Tab / Shift+Tab", "Move between controls."],
      ["Enter / Space", "Press the focused button."],
      ["Ctrl+/ (⌘+/)", "Google Sheets' own list of shortcuts."],
    ],
  },
  "zh-CN": {
    title: "帮助",
    intro:
      "Sheet CRM 把您的电子表格变成能自我维护的客户表。所有功能都在“扩展程序 → Sheet CRM”菜单和这个侧边栏中。",
    wizard: "打开设置向导",
    features: "功能",
    sections: [
      {
        title: "设置向导",
        lines: [
          "按表头行在任意工作表中找到您的客户表和订单表（不论工作表叫什么名字），由您确认或修改对应关系。之后插件直接在您的工作表上工作。",
        ],
      },
      {
        title: "设置 / 修复",
        lines: [
          "在您的表格末尾追加插件需要的列（从不移动、重命名或删除您的列），设置表头颜色、下拉列表、格式和校验，并保护插件自己的列。再次运行不会改变任何内容。",
        ],
      },
      {
        title: "全部校验与修正",
        lines: [
          "检查每个单元格（必填、类型、邮箱、电话、日期、金额、重复编号、未知客户的订单），逐条列出问题及其单元格。",
          "“安全修正”先显示每一处修改，写入前先做备份。",
        ],
      },
      {
        title: "分类",
        lines: [
          "RFM 评分、客户分群、ABC、生命周期阶段和流失风险，并为每位客户写出简短依据。开启后每晚运行，订单变化后也会重新分类。",
        ],
      },
      {
        title: "提醒与报告",
        lines: ["每位销售每天一封摘要邮件（最多 25 项，最紧急的在前），每周给经理一份报告。"],
      },
      {
        title: "客户、画像、分析",
        lines: [
          "搜索和筛选客户，批量编辑或删除（可撤销），导出；单个客户画像；趋势、关联购买、重点客户和反馈。",
        ],
      },
      {
        title: "安全与信任",
        lines: [
          "角色（所有者、经理、销售、查看者），每次编辑和任务的审计日志，身份证号和银行卡号加密，备份与恢复。",
        ],
      },
    ],
    writes: "插件写入什么、写在哪里",
    writesLines: [
      "您的表格：只写它在末尾追加的列（结果和创建时间等时间戳）；新行会得到客户编号。您自己的单元格从不被改写，除非您在修正预览中同意。",
      "表头行：已识别的表头会加颜色和粗体；您在向导中为缺少的列选择的表头会改为标准名称。",
      "插件自己的工作表：问题列表、客户分群汇总、周报、分析、AuditLog、SendLog、SegmentHistory 和 Vault（加密值）。",
      "有问题的单元格上的批注（“清除问题标记”可删除）。",
      "备份：所有者云端硬盘中的独立电子表格。",
      "设置、角色和工作表对应关系：保存在文档属性中（表格中看不到）。",
      "邮件：只发给团队成员；欢迎邮件只发给同意接收的客户。",
    ],
    keys: "键盘",
    keysLines: [
      ["← / →", "在侧边栏的标签之间移动（标签获得焦点时）。"],
      ["Tab / Shift+Tab", "在控件之间移动。"],
      ["Enter / 空格", "按下获得焦点的按钮。"],
      ["Ctrl+/（⌘+/）", "Google 表格自己的快捷键列表。"],
    ],
  },
};

/** The Help view; its first button opens the set-up wizard. */
export function helpView(region: Element, ctx: AppContext): void {
  const text = HELP[getLang()];
  const list = (lines: readonly string[]): Child =>
    h(
      "ul",
      {},
      lines.map((l) => h("li", {}, [l])),
    );
  mount(
    region,
    h("h2", {}, [text.title]),
    h("p", {}, [text.intro]),
    button(text.wizard, () => ctx.navigate("wizard"), { class: "primary", id: "help-wizard" }),
    h("h3", {}, [text.features]),
    ...text.sections.flatMap((s) => [h("h4", {}, [s.title]), list(s.lines)]),
    h("h3", {}, [text.writes]),
    list(text.writesLines),
    h("h3", {}, [text.keys]),
    h(
      "dl",
      { class: "fields" },
      text.keysLines.flatMap(([key, what]) => [h("dt", {}, [h("kbd", {}, [key])]), h("dd", {}, [what])]),
    ),
  );
}
