/**
 * The offline command line: `tsx src/local/cli.ts <command> [flags]`, driven by the npm scripts
 * demo, classify, analyze, bench and faults. Each command lives in its own module.
 */
const COMMANDS: Record<string, () => Promise<{ main(argv: string[]): Promise<number> }>> = {
  demo: () => import("./demo/run-demo"),
  classify: () => import("./classify-cli"),
  analyze: () => import("./analyze-cli"),
  bench: () => import("./bench/run-bench"),
  faults: () => import("./faults/run-faults"),
};

async function run(): Promise<void> {
  const [name, ...argv] = process.argv.slice(2);
  const load = COMMANDS[name ?? ""];
  if (!load) {
    console.error(`usage: tsx src/local/cli.ts <${Object.keys(COMMANDS).join("|")}> [flags]`);
    process.exitCode = 2;
    return;
  }
  process.exitCode = await (await load()).main(argv);
}

run().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exitCode = 1;
});
