/**
 * `npm run demo [-- --input FILE ...] [--as-of YYYY-MM-DD] [--lang en|zh-CN] [--out DIR] [--days N]
 *  [--customers N --orders N] [--serve [--port N]]` (`--help`: every flag, demo-flags.ts)
 *
 * Opens an emulated spreadsheet as a user would — onOpen, then every item of the add-on menu in order —
 * lets the installed triggers run for a few emulated days, and writes what came out to out/: the workbook as
 * .xlsx, the problems list, every sent mail as .eml and .html, a screenshot of the weekly report, and a summary
 * with service-call counts. Without --input it seeds a deterministic demo book; with it, the user's own files
 * (CSV or XLSX, recognised by their headers as customers, orders, interactions or feedback) are imported
 * through the sidebar's import path (parse, chunked staging, mapping, preview, commit; see import-inputs.ts).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dateKeyOfDay, zoneDayFunction } from "../../core/calendar";
import { toEml } from "../../core/notify/eml";
import type { Lang } from "../../core/schema/types";
import { fileErrorOf, oneLine, requireReadable, runCommand, UsageError } from "../cli-args";
import { readRows } from "../cli-inputs";
import { say, type Bilingual } from "../cli-lang";
import { loadBundle, type LoadedBundle } from "../load-bundle";
import { defaultAsOf, latestOrderDay } from "../default-as-of";
import { DEMO_SPEC, demoArgs, type DemoArgs } from "./demo-flags";
import type { ScheduleSwitch, ScheduleSwitches } from "../../shared/table-settings";
import type { WizardProposal } from "../../shared/wizard";
import { importInputs } from "./import-inputs";
import { placeWorkbook, readWorkbook, type WorkbookTabs } from "./open-workbook";
import { runPrivacyRequests, writePrivacyExport, type PrivacyRun } from "./privacy-step";
import { runWebAppStep, teamCopy, writeWebAppRun, type WebAppRun } from "./webapp-step";
import { runFormsStep, writeFormsRun, type FormsRun } from "./forms-step";
import { runCampaignStep, writeCampaignRun, type CampaignRun } from "./campaign-step";
import { requestCounts, runChannelsStep, writeChannelsRun } from "./channels-step";
import { screenshotHtml } from "./screenshot";
import { DEFAULT_SEED, DEMO_MANAGER, DEMO_REPS, seedBook } from "./seed-data";
import { writeWorkbookXlsx } from "./workbook-xlsx";

/**
 * Menu items the demo does not click: they undo what the items before them set up, or flip a switch (a
 * flip turns off what is on; after the walk the demo turns each switch on by name, as the settings do).
 */
const SKIP = /^menu(Remove|Uninstall|Clear|Toggle)/;
/** The scheduled work the demo turns on after walking the menu, so its emulated days run every job. */
const SWITCHES_ON: readonly ScheduleSwitch[] = [
  "nightlyClassify",
  "dailyMails",
  "weeklyReport",
  "weeklyBackup",
];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TIME_ZONE = "Asia/Shanghai";

export { parseDemoArgs } from "./demo-flags";

interface StepReport {
  readonly step: string;
  readonly ms: number;
  readonly serviceCalls: number;
  readonly said: readonly string[];
  readonly error?: string;
}

/**
 * Runs one user action, records how long it took, what it cost and what it told the user, and prints
 * that at once (a long book otherwise ran for half a minute in silence). `name` is kept in English in
 * summary.json; the console shows it in the messages' language.
 */
function step(bundle: LoadedBundle, name: Bilingual, lang: Lang, action: () => void): StepReport {
  const { emulator } = bundle;
  const ui = emulator.ui;
  const seen = { alerts: ui.alerts.length, toasts: ui.toasts.length, dialogs: ui.dialogs.length };
  emulator.resetCounts();
  const started = performance.now();
  let error: string | undefined;
  try {
    action();
  } catch (e) {
    error = (e as Error).message;
  }
  const ms = performance.now() - started;
  const serviceCalls = Object.values(emulator.counts()).reduce((s, n) => s + n, 0);
  const said = [
    ...ui.alerts.slice(seen.alerts).map((a) => `${a.title ? a.title + ": " : ""}${a.message}`),
    ...ui.toasts.slice(seen.toasts).map((t) => `${t.title ? t.title + ": " : ""}${t.message}`),
    ...ui.dialogs.slice(seen.dialogs).map((d) => `(dialog) ${d.title}`),
  ].map((s) => s.replace(/\s+/g, " "));
  const report: StepReport = { step: name.en, ms, serviceCalls, said, ...(error ? { error } : {}) };
  printStep(report, say(name, lang));
  return report;
}

function csvCell(v: unknown): string {
  const s = v instanceof Date ? v.toISOString() : String(v ?? "");
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The Problems sheet as out/problems.csv (sheet, cell, value, rule, message). */
function writeProblems(bundle: LoadedBundle, file: string, lang: Lang): number {
  const ss = bundle.emulator.spreadsheet;
  const sheet =
    ss.getSheetByName(lang === "zh-CN" ? "问题列表" : "Problems") ?? ss.getSheetByName("Problems");
  const header = "sheet,cell,value,rule,message";
  if (!sheet || sheet.getLastRow() < 2) {
    writeFileSync(file, header + "\n");
    return 0;
  }
  const values = sheet.getRange(1, 1, sheet.getLastRow(), Math.min(5, sheet.getLastColumn())).getValues();
  writeFileSync(file, [header, ...values.slice(1).map((r) => r.map(csvCell).join(","))].join("\n") + "\n");
  return values.length - 1;
}

function safeName(s: string): string {
  return s.replace(/[^\p{L}\p{N}@._-]+/gu, "_").slice(0, 60);
}

/** Every sent mail as .eml (multipart/alternative) and .html. */
function writeMails(bundle: LoadedBundle, dir: string): number {
  mkdirSync(dir, { recursive: true });
  bundle.emulator.outbox.forEach((m, i) => {
    const base = path.join(dir, `${String(i + 1).padStart(3, "0")}-${safeName(m.to)}-${safeName(m.subject)}`);
    const html = m.htmlBody ?? `<pre>${m.body.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</pre>`;
    writeFileSync(
      `${base}.eml`,
      toEml({
        from: m.from,
        name: m.name ?? undefined,
        to: m.to,
        replyTo: m.replyTo ?? undefined,
        subject: m.subject,
        text: m.body,
        html,
        date: m.at,
      }),
    );
    writeFileSync(`${base}.html`, html);
  });
  return bundle.emulator.outbox.length;
}

function printStep(s: StepReport, label: string): void {
  const head = `  ${s.error ? "✗" : "✓"} ${label.padEnd(34)} ${s.ms.toFixed(0).padStart(6)} ms ${String(s.serviceCalls).padStart(6)} calls`;
  console.log(head);
  if (s.error) console.log(`      error: ${s.error}`);
  for (const line of s.said.slice(0, 3))
    // A fix preview lists every change; the console shows its start, summary.json all of it.
    console.log(`      ${line.length > 400 ? line.slice(0, 399) + "…" : line}`);
}

export function main(argv: string[]): Promise<number> {
  return runCommand(DEMO_SPEC, argv, (flags, ui) => runDemo(demoArgs(flags), ui));
}

/**
 * When the demo's clock starts: --as-of at 09:00 in the book's zone; else the seeded book's fixed hour; else
 * now, or the day after the latest order of the user's files when that is more than a year old (the note
 * says so).
 */
async function startTime(
  args: DemoArgs,
  ui: Lang,
  workbook: WorkbookTabs | null,
): Promise<{ start: Date; note?: string }> {
  const at9 = (day: string) => new Date(`${day}T09:00:00+08:00`);
  if (args.asOf) return { start: at9(args.asOf) };
  if (args.inputs.length === 0 && !workbook) return { start: new Date(DEFAULT_SEED.asOf.getTime() + HOUR) };
  const grids = workbook
    ? workbook.tabs.map((t) => t.values)
    : await Promise.all(args.inputs.map((f) => readRows(f)));
  const today = dateKeyOfDay(zoneDayFunction(TIME_ZONE)(Date.now()));
  const chosen = defaultAsOf(latestOrderDay(grids, TIME_ZONE, args.lang), today);
  if (!chosen) return { start: new Date() };
  return {
    start: at9(chosen.asOf),
    note: say(
      {
        en: `  the latest order is ${chosen.latest}, more than a year ago: analysed as of the day after (${chosen.asOf}); --as-of YYYY-MM-DD chooses another date`,
        zh: `  最新订单日期为 ${chosen.latest}，已超过一年：按其次日（${chosen.asOf}）分析；可用 --as-of YYYY-MM-DD 指定其他日期`,
      },
      ui,
    ),
  };
}

/**
 * The set-up wizard as a new user meets it: the tables it found (printed), the proposal confirmed without
 * changes. Throws when no customer table was found, so the step fails visibly.
 */
function acceptWizard(bundle: LoadedBundle, ui: Lang): void {
  const proposal = bundle.ctx.proposeTables() as WizardProposal;
  const tabs = Object.fromEntries(proposal.tables.map((t) => [t.sheet, t.tab?.sheetId ?? null]));
  for (const t of proposal.tables)
    console.log(
      t.tab
        ? say(
            {
              en: `    ${t.sheet} → "${t.tab.name}" (${t.tab.mapping.length} columns recognised, ${t.tab.dataRows} rows)`,
              zh: `    ${t.label["zh-CN"]} → “${t.tab.name}”（识别 ${t.tab.mapping.length} 列，${t.tab.dataRows} 行）`,
            },
            ui,
          )
        : say({ en: `    ${t.sheet}: none found`, zh: `    ${t.label["zh-CN"]}：未找到` }, ui),
    );
  if (!proposal.tables.some((t) => t.sheet === "Customers" && t.tab))
    throw new Error(say({ en: "no customer table found", zh: "未找到客户表" }, ui));
  bundle.ctx.confirmTables({ tabs });
}

async function runDemo(args: DemoArgs, ui: Lang): Promise<number> {
  for (const file of args.inputs) requireReadable(file, { en: "--input file", zh: " --input 文件" });
  if (args.workbook !== undefined)
    requireReadable(args.workbook, { en: "--workbook file", zh: " --workbook 文件" });
  let workbook: WorkbookTabs | null = null;
  if (args.workbook !== undefined)
    try {
      workbook = await readWorkbook(args.workbook, TIME_ZONE);
    } catch (e) {
      throw new UsageError({ en: oneLine(e), zh: oneLine(e) });
    }
  const seeded = args.inputs.length === 0 && !workbook;
  // A seeded book is dated so the output is the same on every run; the user's own data as of --as-of or now.
  const { start, note } = await startTime(args, ui, workbook);
  const bundle = loadBundle({
    now: start,
    timeZone: TIME_ZONE,
    scriptTimeZone: TIME_ZONE,
    user: DEMO_MANAGER,
    owner: DEMO_MANAGER,
    locale: args.lang === "zh-CN" ? "zh_CN" : "en",
    spreadsheetName: "Sheet CRM demo",
  });
  const { emulator, ctx } = bundle;

  const day = dateKeyOfDay(zoneDayFunction(TIME_ZONE)(start.getTime()));
  console.log(
    say(
      {
        en: `Sheet CRM demo — emulated spreadsheet, as of ${day} (${TIME_ZONE})`,
        zh: `Sheet CRM 演示 — 模拟电子表格，分析日期 ${day}（${TIME_ZONE}）`,
      },
      ui,
    ),
  );
  if (note) console.log(note);
  if (seeded) {
    const book = seedBook({
      ...DEFAULT_SEED,
      lang: args.lang,
      customers: args.customers,
      orders: args.orders,
    });
    for (const s of book) emulator.sheetFromValues(s.name, s.values);
    console.log(
      say(
        {
          en: `  seeded: ${book.map((s) => `${s.name} ${s.values.length - 1} rows`).join(", ")}`,
          zh: `  已生成：${book.map((s) => `${s.name} ${s.values.length - 1} 行`).join("，")}`,
        },
        ui,
      ),
    );
  } else if (workbook) {
    const placed = placeWorkbook(bundle, workbook);
    console.log(
      say(
        {
          en: `  opened ${path.basename(args.workbook!)}: ${placed.map((t) => `${t.name} ${Math.max(0, t.rows - 1)} rows`).join(", ")}`,
          zh: `  已打开 ${path.basename(args.workbook!)}：${placed.map((t) => `${t.name} ${Math.max(0, t.rows - 1)} 行`).join("，")}`,
        },
        ui,
      ),
    );
  } else {
    console.log(
      say(
        { en: `  importing ${args.inputs.length} file(s)…`, zh: `  正在导入 ${args.inputs.length} 个文件…` },
        ui,
      ),
    );
    try {
      for (const line of importInputs(bundle, args.inputs, args.lang)) console.log(`  ${line}`);
    } catch (e) {
      // A file whose headers fit no sheet is a usage error of the command line: one line, exit 2.
      if (fileErrorOf(e)) throw e;
      throw new UsageError({ en: oneLine(e), zh: oneLine(e) });
    }
  }
  // The emulated file's empty starting tab (a workbook's own Sheet1 is the user's and stays).
  const firstTab = workbook ? null : emulator.spreadsheet.getSheetByName("Sheet1");
  if (firstTab && emulator.spreadsheet.getSheets().length > 1) emulator.spreadsheet.deleteSheet(firstTab);

  if (args.serve) {
    const { startServer } = await import("../serve/server");
    const server = await startServer({
      bundle,
      port: args.port,
      log: (l) => console.log(`  rpc ${l}`),
      webApp: teamCopy(bundle).client,
    });
    console.log(
      say(
        {
          en: `\nSidebar served at ${server.url} (Ctrl+C to stop). Open it in a browser; it edits the emulated book.`,
          zh: `\n侧边栏已在 ${server.url} 提供（Ctrl+C 停止）。在浏览器中打开它；它编辑的是模拟的表格。`,
        },
        ui,
      ),
    );
    console.log(
      say(
        {
          en: `Web app (the team's bound copy of the book, "execute as me"): ${server.url}exec`,
          zh: `网页应用（团队绑定副本，“以我身份执行”）：${server.url}exec`,
        },
        ui,
      ),
    );
    return new Promise<number>(() => undefined);
  }

  const steps: StepReport[] = [];
  steps.push(
    step(bundle, { en: "open the spreadsheet (onOpen)", zh: "打开表格（onOpen）" }, ui, () =>
      emulator.open("FULL"),
    ),
  );
  // A new user's first step on their own workbook: the set-up wizard's proposal, accepted as it is.
  if (workbook)
    steps.push(
      step(bundle, { en: "set-up wizard: accept the proposal", zh: "设置向导：接受建议" }, ui, () =>
        acceptWizard(bundle, ui),
      ),
    );
  // What a manager does once in the sidebar's settings: the team (reminders go only to its members), who
  // gets the weekly report, and welcome mails on.
  steps.push(
    step(
      bundle,
      { en: "settings: team, managers, welcome mails", zh: "设置：团队、经理、欢迎邮件" },
      ui,
      () => {
        if (seeded) {
          const roles = ctx.saveRoles(Object.fromEntries(DEMO_REPS.map((r) => [r, "sales"])));
          if (!roles.ok) throw new Error(JSON.stringify(roles.problems));
        }
        const current = ctx.getNotifySettings();
        const saved = ctx.saveNotifySettings({
          ...current,
          managers: [DEMO_MANAGER],
          welcome: { ...current.welcome, enabled: true },
        });
        if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
      },
    ),
  );
  const menu = emulator.ui.addonMenu();
  const items = (menu?.items ?? []).flatMap((e) => (e.kind === "item" ? [e] : []));
  const menuHead = say({ en: "Add-on menu", zh: "插件菜单" }, ui);
  console.log(`\n${menuHead}: ${items.map((i) => i.caption).join(" | ")}\n`);
  for (const item of items) {
    if (SKIP.test(item.handler)) continue;
    const fn = ctx[item.handler];
    const label = { en: `menu: ${item.caption}`, zh: `菜单：${item.caption}` };
    steps.push(step(bundle, label, ui, () => fn()));
  }
  // The menu's switches flip (SKIP above); what a manager turns on once in the sidebar's settings: nightly
  // classification, the daily and weekly mails and the weekly backup.
  steps.push(
    step(
      bundle,
      {
        en: "settings: nightly classification, daily and weekly mails, weekly backup on",
        zh: "设置：开启夜间自动分类、每日提醒、每周报告与每周备份",
      },
      ui,
      () => {
        for (const name of SWITCHES_ON) ctx.setScheduleSwitch(name, true);
        const now = ctx.getScheduleSwitches() as ScheduleSwitches;
        const off = SWITCHES_ON.filter((name) => !now[name]);
        if (off.length) throw new Error(`still off: ${off.join(", ")}`);
      },
    ),
  );
  if (args.days > 0) {
    steps.push(
      step(
        bundle,
        { en: `${args.days} emulated days of triggers`, zh: `触发器运行 ${args.days} 个模拟日` },
        ui,
        () => {
          const runs = emulator.advanceAndFire(args.days * DAY);
          const failed = runs.filter((r) => r.error);
          if (failed.length)
            throw new Error(`${failed.length} trigger runs failed: ${failed[0].error!.message}`);
        },
      ),
    );
  }
  // Form intake on the seeded book: both forms made from the menu, sample answers (valid, duplicate, bad).
  const forms: { run?: FormsRun } = {};
  if (seeded)
    steps.push(
      step(
        bundle,
        {
          en: "forms: sign-up form and survey, sample answers",
          zh: "表单：客户登记表与满意度调查，示例回复",
        },
        ui,
        () => void (forms.run = runFormsStep(bundle)),
      ),
    );
  // A small segment campaign on the seeded book: one customer without consent, one unsubscribed before, one
  // unsubscribing after the first mail.
  const campaign: { run?: CampaignRun } = {};
  if (seeded)
    steps.push(
      step(
        bundle,
        {
          en: "campaign: preview, test, schedule, send, unsubscribe",
          zh: "营销活动：预览、测试、排期、发送、退订",
        },
        ui,
        () => void (campaign.run = runCampaignStep(bundle)),
      ),
    );
  // Chat robots and SMS on the local channel server (a child process, stopped whatever happens): one
  // channel of each kind, members' choices, every alert rule on, events raised, one message per destination.
  const channels = seeded
    ? await runChannelsStep(bundle, (action) =>
        steps.push(
          step(
            bundle,
            {
              en: "channels and alerts: robots, SMS, rules, events",
              zh: "消息通道与预警：群机器人、短信、规则、事件",
            },
            ui,
            action,
          ),
        ),
      )
    : null;
  // A privacy request on the seeded book (a user's own book is left as it is): export one customer, erase them.
  const privacy: { run?: PrivacyRun } = {};
  if (seeded)
    steps.push(
      step(
        bundle,
        { en: "privacy: export and erase one customer", zh: "隐私：导出并删除一位客户的数据" },
        ui,
        () => void (privacy.run = runPrivacyRequests(bundle)),
      ),
    );
  // The web app on the team's bound copy of the book: API calls, a portal link, an unsubscribe (out/webapp/).
  const webApp: { run?: WebAppRun } = {};
  if (seeded)
    steps.push(
      step(
        bundle,
        { en: "web app: API calls, portal, unsubscribe", zh: "网页应用：接口调用、客户门户、退订" },
        ui,
        () => void (webApp.run = runWebAppStep(bundle)),
      ),
    );
  const out = path.resolve(args.out);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const where = path.relative(process.cwd(), out) || ".";
  console.log(say({ en: `\nwriting ${where}/ …`, zh: `\n正在写出 ${where}/ …` }, ui));
  const problems = writeProblems(bundle, path.join(out, "problems.csv"), args.lang);
  const mails = writeMails(bundle, path.join(out, "mail"));
  const xlsx = await writeWorkbookXlsx(emulator.spreadsheet, path.join(out, "workbook.xlsx"));
  const privacyFiles = privacy.run ? writePrivacyExport(out, privacy.run) : [];
  if (forms.run) writeFormsRun(out, forms.run);
  if (campaign.run) writeCampaignRun(out, campaign.run);
  if (channels) writeChannelsRun(out, channels);
  if (webApp.run) writeWebAppRun(out, webApp.run);
  let screenshot = "skipped (no weekly report)";
  const report = typeof ctx.previewWeeklyReport === "function" ? ctx.previewWeeklyReport() : null;
  if (report && typeof report.html === "string") {
    writeFileSync(path.join(out, "weekly-report.html"), report.html);
    screenshot = await screenshotHtml(report.html, path.join(out, "weekly-report.png"));
  }
  const counts = emulator.counts();
  const summary = {
    asOf: start.toISOString(),
    input: seeded ? "seeded demo book" : workbook ? args.workbook : args.inputs,
    sheets: emulator.spreadsheet
      .getSheets()
      .map((s) => ({ name: s.getName(), rows: s.getLastRow(), hidden: s.isSheetHidden() })),
    menu: items.map((i) => i.caption),
    steps,
    triggers: emulator.triggers().map((t) => t.handler),
    executions: emulator.executions.map((e) => ({
      handler: e.handler,
      at: e.at,
      error: e.error?.message ?? null,
    })),
    mails,
    problems,
    charts: xlsx.charts,
    screenshot,
    forms: forms.run ? { forms: forms.run.forms.map((f) => f.title), outcomes: forms.run.counts } : null,
    webapp: webApp.run ? { calls: webApp.run.calls.length } : null,
    campaign: campaign.run
      ? { id: campaign.run.campaignId, audience: campaign.run.audience.length, ...campaign.run.counts }
      : null,
    channels: channels
      ? { channels: channels.channels, alerts: channels.alerts, requests: requestCounts(channels) }
      : null,
    privacy: privacy.run
      ? {
          customerId: privacy.run.customerId,
          exported: privacy.run.export.counts,
          erased: privacy.run.erasure,
        }
      : null,
  };
  writeFileSync(path.join(out, "summary.json"), JSON.stringify(summary, null, 2) + "\n");
  const shot = report?.html
    ? { en: screenshot, zh: screenshot }
    : { en: screenshot, zh: "已跳过（没有周报）" };
  const lines: Bilingual[] = [
    { en: `\nWrote ${where}/:`, zh: `\n已写出 ${where}/：` },
    {
      en: `  workbook.xlsx   ${xlsx.sheets} sheets, ${xlsx.charts} charts listed`,
      zh: `  workbook.xlsx   ${xlsx.sheets} 个工作表，列出 ${xlsx.charts} 个图表`,
    },
    { en: `  problems.csv    ${problems} problems`, zh: `  problems.csv    ${problems} 个问题` },
    {
      en: `  mail/           ${mails} mails (.eml + .html)`,
      zh: `  mail/           ${mails} 封邮件（.eml + .html）`,
    },
    { en: `  weekly-report.png  ${shot.en}`, zh: `  weekly-report.png  ${shot.zh}` },
  ];
  if (forms.run) {
    const c = forms.run.counts;
    lines.push({
      en: `  forms/          responses.json: ${c.added} added, ${c.updated} updated, ${c.review} to review, ${c.feedback} survey answers`,
      zh: `  forms/          responses.json：新增 ${c.added}，更新 ${c.updated}，待审核 ${c.review}，问卷回复 ${c.feedback}`,
    });
  }
  if (campaign.run) {
    const n = campaign.run.counts;
    lines.push({
      en: `  campaigns/      log.csv: sent ${n.sent}, skipped ${n.skipped}, deferred ${n.deferred}, unsubscribed ${n.unsubscribed}`,
      zh: `  campaigns/      log.csv：已发送 ${n.sent}，跳过 ${n.skipped}，延后 ${n.deferred}，退订 ${n.unsubscribed}`,
    });
  }
  if (channels) {
    const n = channels.requests.length;
    const ok = channels.requests.filter((r) => r.accepted).length;
    const a = channels.alerts;
    lines.push({
      en: `  channels/       ${n} requests (${ok} accepted) to ${channels.channels} channels; alerts: ${a.raised} raised, ${a.sent} messages sent`,
      zh: `  channels/       ${n} 个请求（${ok} 个被接受），${channels.channels} 个通道；预警：新增 ${a.raised} 条，发送 ${a.sent} 条消息`,
    });
  }
  if (privacy.run) {
    const files = privacyFiles.map((f) => path.basename(f)).join(", ");
    lines.push({
      en: `  privacy/        ${files} (then erased: ${privacy.run.erasure.pseudonym})`,
      zh: `  privacy/        ${files}（随后已删除，化名 ${privacy.run.erasure.pseudonym}）`,
    });
  }
  if (webApp.run) {
    const n = webApp.run.calls.length;
    lines.push({
      en: `  webapp/         calls.json: ${n} web app requests and answers; portal.html, unsubscribe.html`,
      zh: `  webapp/         calls.json：${n} 个网页应用请求及响应；portal.html、unsubscribe.html`,
    });
  }
  lines.push({
    en: `  summary.json    steps, triggers, service-call counts`,
    zh: `  summary.json    步骤、触发器、服务调用次数`,
  });
  for (const line of lines) console.log(say(line, ui));
  void counts;
  return steps.some((s) => s.error) ? 1 : 0;
}
