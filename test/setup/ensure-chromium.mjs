// Installs Debian's Chromium for the browser tests when it is missing (CI machines start without it).
import { existsSync } from "node:fs";
import { execSync } from "node:child_process";

const CHROMIUM = "/usr/bin/chromium";
if (existsSync(CHROMIUM)) process.exit(0);
if (typeof process.getuid === "function" && process.getuid() !== 0) {
  console.error(
    `${CHROMIUM} is missing; install Debian's chromium package (apt-get install chromium) to run the browser tests.`,
  );
  process.exit(1);
}
console.log("Installing Debian's chromium for the browser tests…");
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
execSync(
  "apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-noto-cjk",
  {
    stdio: "inherit",
    env,
  },
);
