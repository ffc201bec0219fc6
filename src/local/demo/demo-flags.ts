/**
 * The demo's command line: its flags declared once for the shared parser (cli-args.ts), which gives
 * `npm run demo -- --help` and one-line usage errors, and the options read from them.
 */
import type { Lang } from "../../core/schema/types";
import { flag, parseFlags, switchFlag, UsageError, type CommandSpec, type Flags } from "../cli-args";
import { DEFAULT_SEED } from "./seed-data";

export interface DemoArgs {
  readonly inputs: readonly string[];
  /** An existing .xlsx opened as it is (--workbook), instead of the seeded book or --input files. */
  readonly workbook?: string;
  readonly lang: Lang;
  readonly out: string;
  readonly days: number;
  readonly serve: boolean;
  readonly port: number;
  /** Size of the seeded book. */
  readonly customers: number;
  readonly orders: number;
  /** The classification and report date (--as-of), when given. */
  readonly asOf?: string;
}

const whole = { min: 0, max: 10_000_000, integer: true };

/** The demo's flags, for the shared parser (cli-args.ts): --help and one-line usage errors come from it. */
export const DEMO_SPEC: CommandSpec = {
  command: "demo",
  summary: {
    en:
      "Runs the add-on offline on an emulated spreadsheet as a user would (onOpen, then every menu item, then\n" +
      "the triggers for a few emulated days) and writes out/: workbook.xlsx, problems.csv, mail/*.eml + *.html,\n" +
      "weekly-report.png and summary.json. Without --input it seeds a demo book.",
    zh:
      "在离线模拟的电子表格上像用户一样运行插件（打开表格，依次点击每个菜单项，再让触发器运行几天），\n" +
      "输出到 out/：workbook.xlsx、problems.csv、mail/*.eml 和 *.html、weekly-report.png、summary.json。\n" +
      "不加 --input 时使用自动生成的演示数据。",
  },
  flags: [
    flag(
      "input",
      "FILE",
      {
        en: "your own CSV/XLSX file (customers, orders, interactions or feedback, told by its headers);\nrepeat for more files",
        zh: "你自己的 CSV/XLSX 文件（客户、订单、互动或反馈，按列名识别）；可重复给出多个文件",
      },
      { repeat: true },
    ),
    flag("workbook", "FILE.xlsx", {
      en: "open an existing workbook as it is (its tabs, names and values) and run the add-on on it as a\nnew user would: the set-up wizard finds the customer and order tabs by their headers and the\nproposal is accepted; your tabs are worked on in place (not with --input)",
      zh: "按原样打开已有的工作簿（其工作表、名称和数值），像新用户一样在其上运行插件：设置向导按列名找到\n客户表和订单表并接受其建议，直接在你的工作表上工作（不能与 --input 同用）",
    }),
    flag("as-of", "YYYY-MM-DD", {
      en: "the classification and report date (default: the demo book's date; for --input today, or the day\nafter the latest order when that is more than a year old)",
      zh: "分类和报告的日期（默认：演示数据用其固定日期；--input 用今天，如最新订单早于一年前则用最新订单的次日）",
    }),
    flag("lang", "en|zh-CN", {
      en: "the book's language and of these messages (default en)",
      zh: "表格语言及提示语言（默认 en）",
    }),
    flag("out", "DIR", {
      en: "output folder (default out; emptied first)",
      zh: "输出目录（默认 out，会先清空）",
    }),
    flag("days", "N", {
      en: "emulated days of triggers after the menu (default 7)",
      zh: "菜单之后触发器运行的模拟天数（默认 7）",
    }),
    flag("customers", "N", {
      en: "customers in the seeded book (default 2000)",
      zh: "演示数据的客户数（默认 2000）",
    }),
    flag("orders", "N", {
      en: "orders in the seeded book (default 20000)",
      zh: "演示数据的订单数（默认 20000）",
    }),
    switchFlag("serve", {
      en: "serve the sidebar on 127.0.0.1, bridged to the emulated book, instead of the menu run",
      zh: "不运行菜单，而是在 127.0.0.1 上提供侧边栏网页，连接模拟表格",
    }),
    flag("port", "N", { en: "port for --serve (default 8765)", zh: "--serve 的端口（默认 8765）" }),
  ],
  notes: {
    en: "Exit code 0 when every step ran, 1 when a step failed, 2 for a usage error or an input file that cannot\nbe read or placed.",
    zh: "退出码：0 每一步都成功；1 有步骤失败；2 参数错误，或输入文件无法读取或无法识别。",
  },
};

/** The demo's options from its parsed flags; throws UsageError on a bad value. */
export function demoArgs(flags: Flags): DemoArgs {
  const asOf = flags.day("as-of");
  const workbook = flags.get("workbook");
  const inputs = flags.all("input");
  if (workbook !== undefined && inputs.length)
    throw new UsageError({
      en: "--workbook and --input cannot be used together",
      zh: "--workbook 与 --input 不能同时使用",
    });
  return {
    inputs,
    ...(workbook !== undefined ? { workbook } : {}),
    lang: flags.oneOf<Lang>("lang", ["en", "zh-CN"], "en"),
    out: flags.get("out") ?? "out",
    days: flags.number("days", 7, whole),
    serve: flags.has("serve"),
    port: flags.number("port", 8765, { min: 1, max: 65_535, integer: true }),
    customers: flags.number("customers", DEFAULT_SEED.customers, whole),
    orders: flags.number("orders", DEFAULT_SEED.orders, whole),
    ...(asOf ? { asOf } : {}),
  };
}

/** The demo's options from a command line (--help is main's). */
export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  const flags = parseFlags(DEMO_SPEC, argv);
  if (flags === "help") throw new UsageError({ en: "--help is not an option here", zh: "此处不接受 --help" });
  return demoArgs(flags);
}
