/**
 * `npm run demo [-- --input FILE ...] [--lang en|zh-CN] [--out DIR] [--days N] [--customers N --orders N]
 *  [--serve [--port N]]`
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
import { toEml } from "../../core/notify/eml";
import type { Lang } from "../../core/schema/types";
import { loadBundle, type LoadedBundle } from "../load-bundle";
import { importInputs } from "./import-inputs";
import { runPrivacyRequests, writePrivacyExport, type PrivacyRun } from "./privacy-step";
import { screenshotHtml } from "./screenshot";
import { DEFAULT_SEED, DEMO_MANAGER, DEMO_REPS, seedBook } from "./seed-data";
import { writeWorkbookXlsx } from "./workbook-xlsx";

interface DemoArgs {
  readonly inputs: readonly string[];
  readonly lang: Lang;
  readonly out: string;
  readonly days: number;
  readonly serve: boolean;
  readonly port: number;
  /** Size of the seeded book. */
  readonly customers: number;
  readonly orders: number;
}

/** Menu items the demo does not click: they undo what the items before them set up. */
const SKIP = /^menu(Remove|Uninstall|Clear)/;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  const inputs: string[] = [];
  let lang: Lang = "en";
  let out = "out";
  let days = 7;
  let serve = false;
  let port = 8765;
  let customers = DEFAULT_SEED.customers;
  let orders = DEFAULT_SEED.orders;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--input") inputs.push(value());
    else if (a === "--lang") {
      const v = value();
      if (v !== "en" && v !== "zh-CN") throw new Error(`--lang must be en or zh-CN, not ${v}`);
      lang = v;
    } else if (a === "--out") out = value();
    else if (a === "--days") days = Number(value());
    else if (a === "--serve") serve = true;
    else if (a === "--port") port = Number(value());
    else if (a === "--customers") customers = Number(value());
    else if (a === "--orders") orders = Number(value());
    else throw new Error(`unknown flag ${a}`);
  }
  for (const [flag, n] of [
    ["--days", days],
    ["--customers", customers],
    ["--orders", orders],
  ] as const) {
    if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} must be a whole number ≥ 0`);
  }
  return { inputs, lang, out, days, serve, port, customers, orders };
}

interface StepReport {
  readonly step: string;
  readonly ms: number;
  readonly serviceCalls: number;
  readonly said: readonly string[];
  readonly error?: string;
}

/** Runs one user action and records how long it took, what it cost and what it told the user. */
function step(bundle: LoadedBundle, name: string, action: () => void): StepReport {
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
  return { step: name, ms, serviceCalls, said, ...(error ? { error } : {}) };
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

function printSteps(steps: readonly StepReport[]): void {
  for (const s of steps) {
    const head = `  ${s.error ? "✗" : "✓"} ${s.step.padEnd(34)} ${s.ms.toFixed(0).padStart(6)} ms ${String(s.serviceCalls).padStart(6)} calls`;
    console.log(head);
    if (s.error) console.log(`      error: ${s.error}`);
    for (const line of s.said.slice(0, 3))
      // A fix preview lists every change; the console shows its start, summary.json all of it.
      console.log(`      ${line.length > 400 ? line.slice(0, 399) + "…" : line}`);
  }
}

export async function main(argv: string[]): Promise<number> {
  let args: DemoArgs;
  try {
    args = parseDemoArgs(argv);
  } catch (e) {
    console.error(`demo: ${(e as Error).message}`);
    return 2;
  }
  const seeded = args.inputs.length === 0;
  // A seeded book is dated so the output is the same on every run; the user's own data is analysed as of now.
  const start = seeded ? new Date(DEFAULT_SEED.asOf.getTime() + HOUR) : new Date();
  const bundle = loadBundle({
    now: start,
    timeZone: "Asia/Shanghai",
    scriptTimeZone: "Asia/Shanghai",
    user: DEMO_MANAGER,
    owner: DEMO_MANAGER,
    locale: args.lang === "zh-CN" ? "zh_CN" : "en",
    spreadsheetName: "Sheet CRM demo",
  });
  const { emulator, ctx } = bundle;

  console.log(
    `Sheet CRM demo — emulated spreadsheet, as of ${start.toISOString().slice(0, 10)} (Asia/Shanghai)`,
  );
  if (seeded) {
    const book = seedBook({
      ...DEFAULT_SEED,
      lang: args.lang,
      customers: args.customers,
      orders: args.orders,
    });
    for (const s of book) emulator.sheetFromValues(s.name, s.values);
    console.log(`  seeded: ${book.map((s) => `${s.name} ${s.values.length - 1} rows`).join(", ")}`);
  } else {
    try {
      for (const line of importInputs(bundle, args.inputs, args.lang)) console.log(`  ${line}`);
    } catch (e) {
      console.error(`demo: ${(e as Error).message}`);
      return 2;
    }
  }
  const firstTab = emulator.spreadsheet.getSheetByName("Sheet1");
  if (firstTab && emulator.spreadsheet.getSheets().length > 1) emulator.spreadsheet.deleteSheet(firstTab);

  if (args.serve) {
    const { startServer } = await import("../serve/server");
    const server = await startServer({ bundle, port: args.port, log: (l) => console.log(`  rpc ${l}`) });
    console.log(
      `\nSidebar served at ${server.url} (Ctrl+C to stop). Open it in a browser; it edits the emulated book.`,
    );
    return new Promise<number>(() => undefined);
  }

  const steps: StepReport[] = [];
  steps.push(step(bundle, "open the spreadsheet (onOpen)", () => emulator.open("FULL")));
  // What a manager does once in the sidebar's settings: the team (reminders go only to its members), who
  // gets the weekly report, and welcome mails on.
  steps.push(
    step(bundle, "settings: team, managers, welcome mails", () => {
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
    }),
  );
  const menu = emulator.ui.addonMenu();
  const items = (menu?.items ?? []).flatMap((e) => (e.kind === "item" ? [e] : []));
  console.log(`\nAdd-on menu: ${items.map((i) => i.caption).join(" | ")}\n`);
  for (const item of items) {
    if (SKIP.test(item.handler)) continue;
    const fn = ctx[item.handler];
    steps.push(step(bundle, `menu: ${item.caption}`, () => fn()));
  }
  if (args.days > 0) {
    steps.push(
      step(bundle, `${args.days} emulated days of triggers`, () => {
        const runs = emulator.advanceAndFire(args.days * DAY);
        const failed = runs.filter((r) => r.error);
        if (failed.length)
          throw new Error(`${failed.length} trigger runs failed: ${failed[0].error!.message}`);
      }),
    );
  }
  // A privacy request on the seeded book (a user's own book is left as it is): export one customer, erase them.
  const privacy: { run?: PrivacyRun } = {};
  if (seeded)
    steps.push(
      step(
        bundle,
        "privacy: export and erase one customer",
        () => void (privacy.run = runPrivacyRequests(bundle)),
      ),
    );
  printSteps(steps);

  const out = path.resolve(args.out);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const problems = writeProblems(bundle, path.join(out, "problems.csv"), args.lang);
  const mails = writeMails(bundle, path.join(out, "mail"));
  const xlsx = await writeWorkbookXlsx(emulator.spreadsheet, path.join(out, "workbook.xlsx"));
  const privacyFiles = privacy.run ? writePrivacyExport(out, privacy.run) : [];
  let screenshot = "skipped (no weekly report)";
  const report = typeof ctx.previewWeeklyReport === "function" ? ctx.previewWeeklyReport() : null;
  if (report && typeof report.html === "string") {
    writeFileSync(path.join(out, "weekly-report.html"), report.html);
    screenshot = await screenshotHtml(report.html, path.join(out, "weekly-report.png"));
  }
  const counts = emulator.counts();
  const summary = {
    asOf: start.toISOString(),
    input: seeded ? "seeded demo book" : args.inputs,
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
    privacy: privacy.run
      ? {
          customerId: privacy.run.customerId,
          exported: privacy.run.export.counts,
          erased: privacy.run.erasure,
        }
      : null,
  };
  writeFileSync(path.join(out, "summary.json"), JSON.stringify(summary, null, 2) + "\n");
  console.log(`\nWrote ${path.relative(process.cwd(), out) || "."}/:`);
  console.log(`  workbook.xlsx   ${xlsx.sheets} sheets, ${xlsx.charts} charts listed`);
  console.log(`  problems.csv    ${problems} problems`);
  console.log(`  mail/           ${mails} mails (.eml + .html)`);
  console.log(`  weekly-report.png  ${screenshot}`);
  if (privacy.run)
    console.log(
      `  privacy/        ${privacyFiles.map((f) => path.basename(f)).join(", ")} (then erased: ${privacy.run.erasure.pseudonym})`,
    );
  console.log(`  summary.json    steps, triggers, service-call counts`);
  void counts;
  return steps.some((s) => s.error) ? 1 : 0;
}
