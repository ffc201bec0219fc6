/**
 * `npm run bench [-- --only NAME] [bench flags]`: runs each benchmark in turn, prints its figures, and
 * ends with ONE line holding every figure as JSON (camelCase names, times in ms), so runs can be tracked.
 * With more than one bench, each runs in a process of its own.
 * A bench is a function returning a record of figures; add yours to BENCHES with one line.
 */
import { spawnSync } from "node:child_process";
import { flag, runCommand, splitEquals, type CommandSpec } from "../cli-args";

/** Figures by name: numbers, or nested records of them (printed as JSON). */
type Figures = Record<string, unknown>;

interface Bench {
  readonly name: string;
  readonly run: (argv: readonly string[]) => Promise<Figures>;
}

const BENCHES: readonly Bench[] = [
  { name: "classify", run: async (argv) => (await import("./classify-bench")).classifyBench(argv) },
  { name: "analysis", run: async (argv) => (await import("./analysis-bench")).analysisBench(argv) },
  { name: "browse", run: async (argv) => (await import("./browse-bench")).browseBench(argv) },
  { name: "platform", run: async (argv) => (await import("./platform-bench")).platformBench(argv) },
  { name: "sql", run: async (argv) => (await import("./sql-bench")).sqlBench(argv) },
];

/**
 * Runs one bench in a child process and returns its figures, relaying every line it prints but its JSON
 * line. Each bench gets a fresh heap: run after the classify bench's million rows, the statistics paid
 * for its garbage (a full GC inside the timed section, about 3x the figure measured alone).
 */
function runIsolated(name: string, argv: readonly string[]): Figures {
  const rest = argv.filter((_, i) => argv[i] !== "--only" && argv[i - 1] !== "--only");
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1], "bench", ...rest, "--only", name],
    { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`bench ${name} failed (exit ${child.status})`);
  const lines = child.stdout.trimEnd().split("\n");
  for (const line of lines.slice(0, -1)) console.log(line);
  return JSON.parse(lines[lines.length - 1]) as Figures;
}

const whole = { min: 1, max: 100_000_000, integer: true };

/** The benches' flags: each bench reads its own from argv; they are declared here so typos are caught. */
const SPEC: CommandSpec = {
  command: "bench",
  summary: {
    en:
      "Runs the benchmarks (each in a process of its own), prints every figure, and ends with ONE line\n" +
      "holding every figure as JSON (camelCase names, times in ms).",
    zh: "运行基准测试（每个在独立进程中），打印各项数据，最后一行是包含全部数据的 JSON（驼峰命名，时间单位 ms）。",
  },
  flags: [
    flag("only", BENCHES.map((b) => b.name).join("|"), {
      en: "run one bench (default: all)",
      zh: "只运行一个基准（默认：全部）",
    }),
    flag("rows", "N", {
      en: "classify: order lines (default 1,000,000)",
      zh: "classify：订单行数（默认 1,000,000）",
    }),
    flag("customers", "N", {
      en: "classify 50,000 / browse 100,000 / platform 100,000 customers (the defaults)",
      zh: "客户数：classify 默认 50,000，browse 与 platform 默认 100,000",
    }),
    flag("lines", "N", {
      en: "analysis: order lines (default 1,000,000)",
      zh: "analysis：订单行数（默认 1,000,000）",
    }),
    flag("runs", "N", { en: "browse: repeats (default 3)", zh: "browse：重复次数（默认 3）" }),
    flag("report-run", "N", {
      en: "analysis: one full-report run of N lines in this process (used internally)",
      zh: "analysis：在本进程中运行一次 N 行的完整报告（内部使用）",
    }),
    flag("growth-lines", "N", {
      en: "classify: one growth run of N lines (used internally)",
      zh: "classify：单次 N 行的增长测试（内部使用）",
    }),
  ],
  notes: {
    en: "Exit code 0 when done, 1 when a bench failed, 2 for a usage error.",
    zh: "退出码：0 完成；1 某个基准失败；2 参数错误。",
  },
};

export function main(argv: string[]): Promise<number> {
  return runCommand(SPEC, argv, async (flags) => {
    const only = flags.oneOf(
      "only",
      BENCHES.map((b) => b.name),
      "",
    );
    for (const name of ["rows", "customers", "lines", "runs", "growth-lines", "report-run"])
      flags.number(name, 1, whole);
    return runBenches(
      BENCHES.filter((b) => !only || b.name === only),
      splitEquals(argv),
    );
  });
}

async function runBenches(chosen: readonly Bench[], argv: readonly string[]): Promise<number> {
  const all: Figures = {};
  for (const bench of chosen) {
    let figures: Figures;
    if (chosen.length > 1) figures = runIsolated(bench.name, argv);
    else {
      console.log(`— ${bench.name}`);
      figures = await bench.run(argv);
      for (const [name, value] of Object.entries(figures))
        console.log(`  ${name.padEnd(24)} ${typeof value === "object" ? JSON.stringify(value) : value}`);
    }
    for (const [name, value] of Object.entries(figures))
      all[name in all ? `${bench.name}${name[0].toUpperCase()}${name.slice(1)}` : name] = value;
  }
  console.log(JSON.stringify(all));
  return 0;
}
