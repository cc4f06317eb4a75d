/**
 * HTML → PNG with the system's Chromium (Debian /usr/bin/chromium) through playwright-core. A
 * fresh profile per shot, and every background service off, so a render never touches the network
 * or leaves state behind.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Writes a PNG of the page's body to `pngPath`; returns its size in CSS pixels. */
export async function screenshotHtml(
  html: string,
  pngPath: string,
  o: { width?: number; executablePath?: string } = {},
): Promise<{ width: number; height: number }> {
  const profile = mkdtempSync(join(tmpdir(), "render-chromium-"));
  // --user-data-dir goes through launchPersistentContext (Playwright refuses it as an argument);
  // headless: true adds --headless.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: o.executablePath ?? CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: o.width ?? 1200, height: 800 },
    offline: true,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setContent(html, { waitUntil: "load" });
    // The page's body is an inline block: its box is the picture, however wide the viewport.
    const body = page.locator("body");
    const box = await body.boundingBox();
    await body.screenshot({ path: pngPath });
    const size = { width: Math.ceil(box?.width ?? 0), height: Math.ceil(box?.height ?? 0) };
    return size;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
