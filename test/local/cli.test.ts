import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { cliLang } from "../../src/local/cli-lang";
import { helpText, parseFlags, UsageError, type CommandSpec } from "../../src/local/cli-args";

const ROOT = path.join(__dirname, "..", "..");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const COMMANDS = ["demo", "classify", "analyze", "bench", "faults"] as const;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI as `npm run NAME -- …` runs it (after the build): tsx src/local/cli.ts NAME …. */
function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, "src/local/cli.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, LANG: "C.UTF-8", LC_ALL: "", LC_MESSAGES: "", SHEET_CRM_DEBUG: "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const lines = (text: string) => text.split("\n").filter((l) => l !== "");

/** Runs a command's main in this process, collecting what it prints. */
async function inProcess(command: (typeof COMMANDS)[number], args: string[]): Promise<Run> {
  const modules = {
    demo: () => import("../../src/local/demo/run-demo"),
    classify: () => import("../../src/local/classify-cli"),
    analyze: () => import("../../src/local/analyze-cli"),
    bench: () => import("../../src/local/bench/run-bench"),
    faults: () => import("../../src/local/faults/run-faults"),
  };
  const { main } = await modules[command]();
  let stdout = "";
  let stderr = "";
  const log = jest
    .spyOn(console, "log")
    .mockImplementation((...a: unknown[]) => void (stdout += a.join(" ") + "\n"));
  const err = jest
    .spyOn(console, "error")
    .mockImplementation((...a: unknown[]) => void (stderr += a.join(" ") + "\n"));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

describe("the command line (as npm runs it)", () => {
  it("prints usage and exits 0 on --help for every command", async () => {
    const runs = await Promise.all(COMMANDS.map((c) => cli([c, "--help"])));
    runs.forEach((r, i) => {
      expect([COMMANDS[i], r.code, r.stderr]).toEqual([COMMANDS[i], 0, ""]);
      expect(r.stdout).toMatch(new RegExp(`^usage: npm run ${COMMANDS[i]} -- `));
      expect(r.stdout).toContain("--help");
    });
  });

  it("exits 2 with one stderr line for a usage error, a missing file (no stack trace) and an unknown command", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cli-missing-"));
    const missing = path.join(dir, "nope.csv");
    const [unknown, bad, file, zhFile, command] = await Promise.all([
      cli(["demo", "--nope"]),
      cli(["classify", "--orders", missing, "--out", "y.csv", "--bins", "one"]),
      cli(["classify", "--orders", missing, "--out", path.join(dir, "r.csv")]),
      cli(["demo", "--input", missing, "--out", path.join(dir, "out")], { LANG: "zh_CN.UTF-8" }),
      cli(["nope"]),
    ]);
    for (const r of [unknown, bad, file, zhFile, command]) {
      expect(r.code).toBe(2);
      expect(lines(r.stderr)).toHaveLength(1);
    }
    expect(unknown.stderr).toBe("npm run demo: unknown flag --nope (see npm run demo -- --help)\n");
    // The usage error is reported before the file is looked at.
    expect(bad.stderr).toContain('--bins must be a whole number from 2–10, not "one"');
    expect(file.stderr).toBe(
      `npm run classify: cannot read --orders file ${missing}: no such file or directory\n`,
    );
    expect(zhFile.stderr).toBe(`npm run demo：无法读取 --input 文件 ${missing}：文件或目录不存在\n`);
    expect(command.stderr).toBe(
      "usage: npm run <demo|classify|analyze|bench|faults> -- [flags] (each takes --help)\n",
    );
  });
});

describe("every command's errors", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cli-errors-"));
  const missing = path.join(dir, "nope.csv");
  const saved = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL };
  beforeAll(() => {
    process.env.LANG = "C.UTF-8";
    delete process.env.LC_ALL;
  });
  afterAll(() => {
    process.env.LANG = saved.LANG;
    if (saved.LC_ALL !== undefined) process.env.LC_ALL = saved.LC_ALL;
  });

  it.each([
    ["demo", ["--nope"], "unknown flag --nope"],
    ["classify", ["--nope"], "unknown flag --nope"],
    ["analyze", ["--nope"], "unknown flag --nope"],
    ["bench", ["--nope"], "unknown flag --nope"],
    ["faults", ["--nope"], "unknown flag --nope"],
    ["analyze", ["--orders", "x.csv", "--out"], "--out needs a value (DIR)"],
    ["analyze", ["--orders", "x.csv"], "--out is required"],
    [
      "demo",
      ["--as-of", "2025-02-30"],
      '--as-of must be a date YYYY-MM-DD (e.g. 2006-12-31), not "2025-02-30"',
    ],
    ["demo", ["--days", "-1"], "--days must be a whole number"],
    ["faults", ["--attacks", "some"], '--attacks must be all or none or only, not "some"'],
    ["bench", ["--only", "nothing"], "--only must be classify or analysis or browse or platform"],
    ["bench", ["--rows", "many"], "--rows must be a whole number"],
    ["analyze", ["--orders", missing, "--out", dir], `cannot read --orders file ${missing}`],
    ["classify", ["--orders", missing, "--out", "r.csv"], `cannot read --orders file ${missing}`],
    ["demo", ["--input", missing], `cannot read --input file ${missing}`],
  ] as const)("%s %j: one line, exit 2", async (command, args, message) => {
    const r = await inProcess(command, [...args]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toMatch(new RegExp(`^npm run ${command}: `));
  });

  it("speaks zh-CN under --lang zh-CN or a zh_CN locale, --help included", async () => {
    const flagged = await inProcess("classify", ["--bins", "--lang", "zh-CN"]);
    expect(flagged.stderr).toBe(
      "npm run classify：--bins 缺少取值（N）（用法见 npm run classify -- --help）\n",
    );
    process.env.LANG = "zh_CN.UTF-8";
    try {
      const file = await inProcess("analyze", ["--orders", missing, "--out", dir]);
      expect(file.stderr).toBe(`npm run analyze：无法读取 --orders 文件 ${missing}：文件或目录不存在\n`);
      const help = await inProcess("analyze", ["--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/^用法: npm run analyze -- /);
      expect(help.stdout).toContain("最小支持度");
    } finally {
      process.env.LANG = "C.UTF-8";
    }
  });

  it("demo: a file whose headers fit no sheet is one line, exit 2", async () => {
    const file = path.join(dir, "notes.csv");
    writeFileSync(file, "foo,bar\n1,2\n");
    const r = await inProcess("demo", ["--input", file, "--days", "0", "--out", path.join(dir, "out")]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain("notes.csv: its headers (foo, bar…) match none of");
  });
});

describe("parseFlags", () => {
  const spec: CommandSpec = {
    command: "x",
    summary: { en: "X.", zh: "X。" },
    flags: [
      { name: "input", value: "FILE", repeat: true, help: { en: "in", zh: "入" } },
      { name: "out", value: "DIR", required: true, help: { en: "out", zh: "出" } },
      { name: "serve", help: { en: "serve", zh: "服务" } },
      { name: "n", value: "N", help: { en: "n", zh: "n" } },
    ],
  };

  it("reads --name value, --name=value, switches and repeated flags", () => {
    const f = parseFlags(spec, ["--input", "a", "--input=b", "--out=o", "--serve", "--n", "-3"]);
    if (f === "help") throw new Error("help");
    expect(f.all("input")).toEqual(["a", "b"]);
    expect(f.get("out")).toBe("o");
    expect(f.has("serve")).toBe(true);
    expect(f.number("n", 0, { min: -5, max: 5, integer: true })).toBe(-3);
    expect(() => f.number("n", 0, { min: 0, max: 5 })).toThrow(UsageError);
  });

  it("refuses what is not a flag, a switch with a value and a missing required flag; the last of a repeated flag wins", () => {
    expect(() => parseFlags(spec, ["stray", "--out", "o"])).toThrow('unexpected argument "stray"');
    const twice = parseFlags(spec, ["--out", "o", "--out", "p"]);
    expect(twice !== "help" && twice.get("out")).toBe("p");
    expect(() => parseFlags(spec, ["--out", "o", "--serve=1"])).toThrow("--serve takes no value");
    expect(() => parseFlags(spec, ["--input", "a"])).toThrow("--out is required");
    expect(parseFlags(spec, ["--input", "a", "-h"])).toBe("help");
  });

  it("lists every flag in the help, in both languages", () => {
    for (const lang of ["en", "zh-CN"] as const) {
      const text = helpText(spec, lang);
      for (const name of ["--input FILE", "--out DIR", "--serve", "--n N", "--help"])
        expect(text).toContain(name);
    }
  });
});

describe("cliLang", () => {
  it("takes --lang first, then LC_ALL, LC_MESSAGES, LANG", () => {
    expect(cliLang(["--lang", "zh-CN"], {})).toBe("zh-CN");
    expect(cliLang(["--lang=en"], { LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(cliLang([], { LANG: "zh_CN.UTF-8" })).toBe("zh-CN");
    expect(cliLang([], { LC_ALL: "en_US.UTF-8", LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(cliLang([], { LC_MESSAGES: "zh_CN.GB18030" })).toBe("zh-CN");
    expect(cliLang([], { LANG: "zh_TW.UTF-8" })).toBe("en");
    expect(cliLang([], {})).toBe("en");
  });
});
