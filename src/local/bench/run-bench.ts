/**
 * `npm run bench [-- --only NAME] [bench flags]`: runs each benchmark in turn, prints its figures, and
 * ends with ONE line holding every figure as JSON (camelCase names, times in ms), so runs can be tracked.
 * A bench is a function returning a record of figures; add yours to BENCHES with one line.
 */
type Figures = Record<string, number>;

interface Bench {
  readonly name: string;
  readonly run: (argv: readonly string[]) => Promise<Figures>;
}

const BENCHES: readonly Bench[] = [
  { name: "classify", run: async (argv) => (await import("./classify-bench")).classifyBench(argv) },
  { name: "analysis", run: async (argv) => (await import("./analysis-bench")).analysisBench(argv) },
  { name: "browse", run: async (argv) => (await import("./browse-bench")).browseBench(argv) },
];

export async function main(argv: string[]): Promise<number> {
  const only = argv.indexOf("--only") >= 0 ? argv[argv.indexOf("--only") + 1] : undefined;
  const chosen = BENCHES.filter((b) => !only || b.name === only);
  if (chosen.length === 0) {
    console.error(`unknown bench ${only}; known: ${BENCHES.map((b) => b.name).join(", ")}`);
    return 2;
  }
  const all: Figures = {};
  for (const bench of chosen) {
    console.log(`— ${bench.name}`);
    const figures = await bench.run(argv);
    for (const [name, value] of Object.entries(figures)) {
      console.log(`  ${name.padEnd(24)} ${value}`);
      all[name in all ? `${bench.name}${name[0].toUpperCase()}${name.slice(1)}` : name] = value;
    }
  }
  console.log(JSON.stringify(all));
  return 0;
}
