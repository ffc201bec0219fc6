/**
 * `npm run bench [-- --only NAME] [bench flags]`: runs each benchmark in turn, prints its figures, and
 * ends with ONE line holding every figure as JSON (camelCase names, times in ms), so runs can be tracked.
 * With more than one bench, each runs in a process of its own.
 * A bench is a function returning a record of figures; add yours to BENCHES with one line.
 */
import { spawnSync } from "node:child_process";

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

export async function main(argv: string[]): Promise<number> {
  const only = argv.indexOf("--only") >= 0 ? argv[argv.indexOf("--only") + 1] : undefined;
  const chosen = BENCHES.filter((b) => !only || b.name === only);
  if (chosen.length === 0) {
    console.error(`unknown bench ${only}; known: ${BENCHES.map((b) => b.name).join(", ")}`);
    return 2;
  }
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
