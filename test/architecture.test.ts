import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SRC = path.join(__dirname, "..", "src");

/** Which rooms each room may import from (DEVELOPERS.md: one-way doors). */
const ALLOWED: Record<string, readonly string[]> = {
  core: ["core"],
  shared: ["shared", "core"],
  gas: ["gas", "core", "shared"],
  sidebar: ["sidebar", "shared"],
  /** The web app's pages (dist/WebApp.html), like the sidebar: only the contract. */
  webapp: ["webapp", "shared"],
  local: ["local", "core", "shared", "gas", "sidebar"],
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.(ts|mts)$/.test(name) ? [p] : [];
  });
}

function relativeImports(file: string): { spec: string; typeOnly: boolean }[] {
  const text = readFileSync(file, "utf8");
  const found: { spec: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gm)) {
    found.push({ spec: m[3], typeOnly: Boolean(m[2]) });
  }
  return found;
}

describe("architecture", () => {
  for (const room of Object.keys(ALLOWED)) {
    it(`${room} imports only from ${ALLOWED[room].join(", ")}`, () => {
      const violations: string[] = [];
      for (const file of filesUnder(path.join(SRC, room))) {
        for (const { spec, typeOnly } of relativeImports(file)) {
          if (!spec.startsWith(".")) continue;
          const target = path.relative(SRC, path.resolve(path.dirname(file), spec)).split(path.sep)[0];
          const ok = ALLOWED[room].includes(target) || (room === "shared" && target === "core" && typeOnly);
          if (!ok || (room === "shared" && target === "core" && !typeOnly)) {
            violations.push(`${path.relative(SRC, file)} imports ${spec}`);
          }
        }
      }
      expect(violations).toEqual([]);
    });
  }

  it("nothing outside src/local imports src/local", () => {
    const offenders = filesUnder(SRC)
      .filter((f) => !path.relative(SRC, f).startsWith("local"))
      .filter((f) =>
        relativeImports(f).some((i) => i.spec.includes("/local/") || i.spec.startsWith("../local")),
      );
    expect(offenders).toEqual([]);
  });

  it("core uses no Apps Script global, clock or I/O", () => {
    const banned =
      /\b(SpreadsheetApp|ScriptApp|MailApp|GmailApp|PropertiesService|LockService|HtmlService|CacheService|DriveApp|Session|Utilities|Logger|google\.script|Date\.now|new Date\(\)|require\(|process\.|fetch\()/;
    const hits = filesUnder(path.join(SRC, "core")).flatMap((f) =>
      readFileSync(f, "utf8")
        .split("\n")
        .map((line, i) => ({ line, i }))
        .filter(({ line }) => !/^\s*(\/\/|\*)/.test(line) && banned.test(line))
        .map(({ line, i }) => `${path.relative(SRC, f)}:${i + 1}: ${line.trim()}`),
    );
    expect(hits).toEqual([]);
  });
});
