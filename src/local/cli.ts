/**
 * The offline command line: `tsx src/local/cli.ts <command> [flags]`, driven by the npm scripts
 * demo, classify, analyze, bench and faults. Each command lives in its own module and parses its flags
 * with the shared parser (cli-args.ts): `--help` on each, one-line errors, exit code 2 for usage.
 */
import { cliLang } from "./cli-lang";
import { fileErrorOf, oneLine } from "./cli-args";

const COMMANDS: Record<string, () => Promise<{ main(argv: string[]): Promise<number> }>> = {
  demo: () => import("./demo/run-demo"),
  classify: () => import("./classify-cli"),
  analyze: () => import("./analyze-cli"),
  bench: () => import("./bench/run-bench"),
  faults: () => import("./faults/run-faults"),
};

function usage(zh: boolean): string {
  const names = Object.keys(COMMANDS).join("|");
  return zh
    ? `用法：npm run <${names}> -- [参数]（每个命令都可加 --help 查看说明）`
    : `usage: npm run <${names}> -- [flags] (each takes --help)`;
}

async function run(): Promise<void> {
  const [name, ...argv] = process.argv.slice(2);
  const zh = cliLang(argv) === "zh-CN";
  const load = COMMANDS[name ?? ""];
  if (!load) {
    if (name === "--help" || name === "-h") {
      console.log(usage(zh));
      return;
    }
    console.error(usage(zh));
    process.exitCode = 2;
    return;
  }
  try {
    process.exitCode = await (await load()).main(argv);
  } catch (e) {
    // Commands report their own errors; this is the last net: still one line, a file error still 2.
    const file = fileErrorOf(e);
    console.error(file ? (zh ? file.text.zh : file.text.en) : oneLine(e));
    if (process.env.SHEET_CRM_DEBUG && e instanceof Error) console.error(e.stack);
    process.exitCode = file ? 2 : 1;
  }
}

void run();
