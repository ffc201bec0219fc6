/** Renders an HTML document in headless Chromium (Debian's, via playwright-core) and saves a PNG. */
import { existsSync } from "node:fs";
import path from "node:path";

export const CHROMIUM = "/usr/bin/chromium";

/** Flags for a closed network and a root user (see the machine notes: no background networking). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Returns a short status: the file written, or why not. */
export async function screenshotHtml(html: string, file: string, width = 900): Promise<string> {
  if (!existsSync(CHROMIUM))
    return `skipped: ${CHROMIUM} not installed (node test/setup/ensure-chromium.mjs)`;
  const { chromium } = await import("playwright-core");
  // Playwright gives every launch a fresh, throw-away profile.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.setContent(html, { waitUntil: "load" });
    await page.screenshot({ path: file, fullPage: true });
    return path.basename(file);
  } finally {
    await browser.close();
  }
}
