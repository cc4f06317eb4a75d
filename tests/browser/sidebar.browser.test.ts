/**
 * The built sidebar (build/Sidebar.html) in real Chromium (Debian's package, driven by
 * playwright-core), with google.script.run bridged to the built add-on in the local Apps Script
 * runtime, against the amoCRM sandbox: demo data on and off, a bad and a good token, a settings
 * error shown by its field, a setting saved and read back after a reload, a sync with visible
 * progress, and the OAuth round trip through the consent page and /usercallback.
 *
 * Expected values come from the generator (same seed as the sandbox) or are written by hand.
 * Screenshots go to out/screenshots/; the connected sidebar is also copied to docs/img/sidebar.png.
 */
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAccount } from "../../local/amo-sandbox/generator/index";
import { ROOT } from "../../local/build/build";
import { OAUTH_CLIENT, SCENARIO, SEED, startWorld, type World } from "./setup";

const CHROMIUM = "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
const SHOTS = join(ROOT, "out", "screenshots");

const { data } = generateAccount({ seed: SEED, scenario: SCENARIO });
const demoData = generateAccount({ seed: 1, scenario: "small" }).data;

describe.skipIf(!haveChromium)(`the sidebar in Chromium (${CHROMIUM})`, () => {
  let w: World;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const shot = async (name: string, p: Page = page) => {
    await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  };
  const rows = (sheet: string) => {
    const sh = w.rt.spreadsheet.getSheetByName(sheet);
    return sh ? Math.max(0, sh.getLastRow() - 1) : 0;
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    w = await startWorld();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
      // launch() gives every run a fresh temporary profile (user-data dir) of its own.
    });
    // Google's sidebar is about 300 px wide [apps-script.md §8].
    context = await browser.newContext({ viewport: { width: 300, height: 900 }, locale: "ru-RU" });
    page = await context.newPage();
    await page.goto(`${w.bridge.url}/sidebar`);
    await page.locator("#connect").waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await w?.close();
  });

  it("opens in Russian, says its mode and that no data is there yet", async () => {
    await expect(page.locator("h1").textContent()).resolves.toBe("KPI отдела продаж");
    await expect(page.locator("#mode").getAttribute("data-mode")).resolves.toBe("addon");
    await expect(page.locator("#mode").textContent()).resolves.toContain("не чаще раза в час");
    await shot("01-start");
  });

  it("loads the demo team into the sheets and removes it with one click", async () => {
    await page.locator("#demo-scenario").selectOption("small");
    await page.locator("#demo-load").click();
    await page.locator("#demo-loaded").waitFor();
    // Loading starts the sync by itself.
    await page.locator("#sync-log li", { hasText: "Готово" }).waitFor({ timeout: 120_000 });
    expect(rows("amo_leads")).toBe(demoData.leads.filter((l) => l["is_deleted"] !== true).length);
    await expect(page.locator("#account-name").textContent()).resolves.toContain(
      String(demoData.account["name"]),
    );
    await shot("02-demo-loaded");
    await page.locator("#demo-remove").click();
    await page.locator("#connect").waitFor();
    expect(rows("amo_leads")).toBe(0);
    await expect(page.locator("#demo-load").isVisible()).resolves.toBe(true);
  });

  it("shows a clear message for a bad token, and nothing is stored", async () => {
    await page.locator("#domain").fill(w.sandbox.baseUrl);
    await page.locator("#token").fill("this-is-not-a-token");
    await page.locator("#connect-token").click();
    const msg = page.locator("#message.error");
    await msg.waitFor();
    await expect(msg.textContent()).resolves.toContain("amoCRM не принял токен");
    await shot("03-bad-token");
    expect(w.rt.properties.user.map.has("amo_long_lived_token")).toBe(false);
    // A wrong address is told apart from a wrong token.
    await page.locator("#domain").fill("это не адрес");
    await page.locator("#connect-token").click();
    await page.locator("#message.error", { hasText: "не адрес аккаунта amoCRM или Kommo" }).waitFor();
  });

  it("connects with a good token and shows the account, its users and pipelines; the token is masked", async () => {
    await page.locator("#domain").fill(w.sandbox.baseUrl);
    await page.locator("#token").fill(w.sandbox.longLivedToken);
    await page.locator("#connect-token").click();
    await page.locator("#account-name").waitFor();
    await expect(page.locator("#account-name").textContent()).resolves.toBe(
      `Подключено: ${String(data.account["name"])}`,
    );
    await expect(page.locator("#users summary").textContent()).resolves.toBe(
      `Пользователи (${data.users.length})`,
    );
    await expect(page.locator("#pipelines summary").textContent()).resolves.toBe(
      `Воронки (${data.pipelines.length})`,
    );
    await expect(page.locator("#secret-mask").textContent()).resolves.toBe(
      `Секрет: ••••${w.sandbox.longLivedToken.slice(-4)}`,
    );
    const html = await page.content();
    expect(html).not.toContain(w.sandbox.longLivedToken);
  });

  it("shows a settings error next to its field", async () => {
    await page.locator("#settings > summary").click();
    await page.locator("#f-calendar-workStart").fill("19:00");
    await page.locator("#f-calendar-workEnd").fill("18:00");
    await page.locator("#settings-save").click();
    const err = page.locator('[data-error-for="calendar.workEnd"]');
    // The schema's message (src/core/settings.ts), shown in Russian.
    await expect(err.textContent()).resolves.toBe(
      "конец рабочего дня должен быть позже начала (в тот же день)",
    );
    await expect(page.locator("#f-calendar-workEnd").getAttribute("class")).resolves.toContain("invalid");
    await err.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "04-settings-error.png") });
    // Nothing was saved.
    expect(w.rt.call<{ calendar: { workStart: string } }>("getSettings").calendar.workStart).toBe("09:00");
  });

  it("saves a setting and reads it back after a reload", async () => {
    await page.locator("#f-calendar-workStart").fill("09:00");
    await page.locator("#f-sla-hotMinutes").fill("15");
    await page.locator("#settings-save").click();
    await page.locator("#settings-summary.ok", { hasText: "Настройки сохранены" }).waitFor();
    expect(w.rt.call<{ sla: { hotMinutes: number } }>("getSettings").sla.hotMinutes).toBe(15);
    await page.reload();
    await page.locator("#settings > summary").click();
    await expect(page.locator("#f-sla-hotMinutes").inputValue()).resolves.toBe("15");
  });

  it("syncs with visible progress across executions", async () => {
    await page.locator("#sync-now").click();
    // The first sync of this account takes more than one 6-minute execution (virtual time): the
    // sidebar shows where the run stands after each one.
    await page.locator("#sync-log li", { hasText: "Готово" }).waitFor({ timeout: 240_000 });
    const log = await page.locator("#sync-log li").allTextContents();
    expect(log.length).toBeGreaterThanOrEqual(2);
    expect(log[0]).toMatch(/^Продолжение: шаг \d из 9/);
    expect(log.at(-1)).toMatch(/^Готово/);
    expect(rows("amo_leads")).toBe(data.leads.filter((l) => l["is_deleted"] !== true).length);
    await expect(page.locator("#last-sync").textContent()).resolves.toMatch(/^Последняя синхронизация: /);
    await page.locator("#settings > summary").click(); // closed for the picture
    await shot("05-synced");
    mkdirSync(join(ROOT, "docs", "img"), { recursive: true });
    copyFileSync(join(SHOTS, "05-synced.png"), join(ROOT, "docs", "img", "sidebar.png"));
  });

  it("connects by OAuth: consent page → /usercallback → the sidebar shows the connection", async () => {
    await page.locator("#disconnect").click();
    await page.locator("#connect").waitFor();
    expect(w.rt.properties.user.map.has("amo_long_lived_token")).toBe(false);
    await page.locator("#tab-oauth").click();
    await page.locator("#domain").fill(w.sandbox.baseUrl);
    await page.locator("#client-id").fill(OAUTH_CLIENT.clientId);
    await page.locator("#client-secret").fill(OAUTH_CLIENT.clientSecret);
    await page.locator("#connect-oauth").click();
    const link = page.locator("#oauth-link");
    await link.waitFor();
    await shot("06-oauth-start");
    const [consent] = await Promise.all([context.waitForEvent("page"), link.click()]);
    await consent.locator("#allow").click();
    const result = consent.locator("#callback-result");
    await result.waitFor();
    await expect(result.getAttribute("data-ok")).resolves.toBe("true");
    await expect(result.textContent()).resolves.toContain(String(data.account["name"]));
    await shot("07-oauth-callback", consent);
    await page.locator("#account-name").waitFor({ timeout: 30_000 });
    await expect(page.locator("#account-name").textContent()).resolves.toContain(
      String(data.account["name"]),
    );
    await expect(page.locator("#account").textContent()).resolves.toContain("OAuth");
    expect(await page.content()).not.toContain(OAUTH_CLIENT.clientSecret);
    expect(w.rt.properties.user.map.has("amo_oauth_tokens")).toBe(true);
    await shot("08-oauth-connected");
  });
});
