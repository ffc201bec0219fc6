/**
 * The bench's full report runs the code as it ships: build.mjs compiles full-report-main.ts as it compiles
 * Code.js (one file, Apps Script's language level), and that file alone, in a fresh Node, prints a run's
 * figures.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.join(__dirname, "..", "..", "..");

describe("the full-report bundle", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "full-report-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is one file compiled to ES2019 that runs a report in a fresh process and prints its figures", () => {
    const bundle = path.join(dir, "full-report.cjs");
    const built = spawnSync(process.execPath, [path.join(ROOT, "build.mjs"), "--bench-bundle", bundle], {
      encoding: "utf8",
    });
    expect(built.status).toBe(0);
    const code = readFileSync(bundle, "utf8");
    // Lowered as the server bundle is: no syntax newer than ES2019, and nothing required from the sources.
    expect(code).not.toMatch(/\?\?|\?\.[a-zA-Z_$[(]/);
    expect(code).not.toMatch(/require\("\.{1,2}\//);
    const run = spawnSync(process.execPath, [bundle, "20000"], { cwd: dir, encoding: "utf8" });
    expect(run.status).toBe(0);
    const figures = JSON.parse(run.stdout.trim().split("\n").pop()!) as Record<string, number>;
    expect(figures.fullReportCpuMs).toBe(figures.bookCpuMs + figures.tableCpuMs + figures.analysisCpuMs);
    expect(figures.fullReportCpuMs).toBeGreaterThan(0);
    expect(figures.sidebarPayloadBytes).toBeGreaterThan(1000);
    const usage = spawnSync(process.execPath, [bundle, "lots"], { cwd: dir, encoding: "utf8" });
    expect(usage.status).not.toBe(0);
    expect(usage.stderr).toContain("usage: node full-report");
  }, 120_000);
});
