import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A stand-in dist/ holding `code` as Code.js (and a one-line Sidebar.html), for loadBundle tests. */
export function fixtureDist(code: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "gas-fidelity-"));
  writeFileSync(path.join(dir, "Code.js"), code);
  writeFileSync(path.join(dir, "Sidebar.html"), "<p>sidebar</p>");
  return dir;
}
