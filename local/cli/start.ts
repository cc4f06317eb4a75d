/**
 * `npm start`: the add-on end to end on this machine. Starts the local amoCRM sandbox with the
 * seeded team (or replays a recorded account, or talks to a real one), runs the built add-on
 * (build/Code.js, unchanged) in the local Apps Script runtime — install, connect, sync with a
 * progress bar — prints the KPI matrix per manager and writes the workbook to .xlsx.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { normalizeAccountUrl } from "../../src/core/account-url";
import { createCalendar } from "../../src/core/calendar";
import { parseSettings, type Settings } from "../../src/core/settings";
import { datasetFromSheets } from "../../src/sheets/rows";
import { loadState, type SyncState } from "../../src/sync/state";
import { generateAccount } from "../amo-sandbox/generator/index";
import type { PlantedTruth } from "../amo-sandbox/generator/truth-types";
import { type SandboxThread, startSandboxThread } from "../amo-sandbox/thread";
import { createRuntime, createVirtualClock, loadBuild, MEASURED_COSTS, realClock } from "../gas-runtime";
import { createSyncHttp } from "../http-sync/sync-http";
import type { RenderSource } from "../render/board-html";
import { renderSheet } from "../render/cli";
import { CHROMIUM } from "../render/screenshot";
import { exportXlsx } from "../xlsx/export";
import { parseStartArgs, USAGE } from "./args";
import { ProgressBar } from "./progress";
import { buildReport, renderMatrix } from "./report";
import { runtimeSheets } from "./runtime-sheets";

const DAY = 86_400_000;

interface Source {
  baseUrl: string;
  token: string;
  sandbox: SandboxThread | null;
  truth: PlantedTruth | null;
  label: string;
}

async function accountSource(o: ReturnType<typeof parseStartArgs>): Promise<Source> {
  if (o.subdomain && o.token) {
    const url = normalizeAccountUrl(o.subdomain);
    if (!url.ok) throw new Error(`--subdomain "${o.subdomain}" is not an amoCRM or Kommo account`);
    return { baseUrl: url.baseUrl, token: o.token, sandbox: null, truth: null, label: url.baseUrl };
  }
  // The demo runs on virtual time, so the sandbox answers without its 7 requests/s limit; against a
  // real account the client keeps ≤ 7 requests per second in real time (src/amo/rate-limiter.ts).
  if (o.dataDir) {
    const sandbox = await startSandboxThread({ dataDir: o.dataDir, rateLimit: false });
    return {
      baseUrl: sandbox.baseUrl,
      token: sandbox.longLivedToken,
      sandbox,
      truth: null,
      label: `записанный аккаунт ${o.dataDir}`,
    };
  }
  const { truth } = generateAccount({ seed: o.seed, scenario: o.scenario });
  const sandbox = await startSandboxThread({ seed: o.seed, scenario: o.scenario, rateLimit: false });
  return {
    baseUrl: sandbox.baseUrl,
    token: sandbox.longLivedToken,
    sandbox,
    truth,
    label: `песочница amoCRM, сценарий «${o.scenario}», seed ${o.seed}`,
  };
}

function state(rt: ReturnType<typeof createRuntime>): SyncState {
  return loadState({
    get: (k) => rt.properties.document.map.get(k) ?? null,
    set: () => {},
    delete: () => {},
  });
}

async function main(): Promise<void> {
  const o = parseStartArgs(process.argv.slice(2));
  if (o.help) {
    console.log(USAGE);
    return;
  }
  const t0 = Date.now();
  const src = await accountSource(o);
  const now = o.now ? Date.parse(o.now) : src.truth ? src.truth.nowUnix * 1000 : Date.now();
  const http = createSyncHttp({ timeoutMs: 30_000 });
  const rt = createRuntime({
    ...loadBuild("build"),
    clock: src.sandbox ? createVirtualClock(now) : realClock,
    // Service calls cost the virtual time measured in real Sheets (scale.md), so executions stop
    // at 6 minutes and continue as they would in Google.
    ...(src.sandbox ? { costs: MEASURED_COSTS } : {}),
    urlFetch: http,
    timeZone: src.truth?.timezone ?? "Europe/Moscow",
    // KPI_* formulas on the board and the matrix are computed as Sheets would, and kept with their
    // values in the .xlsx.
    evaluateFormulas: true,
  });
  try {
    console.log(`amoCRM KPI · ${src.label}`);
    if (src.sandbox) {
      console.log(
        "  (демо: песочница отвечает без лимита 7 запросов/с; с реальным amoCRM клиент держит ≤ 7 запросов/с)",
      );
    }
    rt.call("onInstall", { authMode: "FULL" });
    const account = rt.call<{ accountName: string; users: number; pipelines: unknown[] }>(
      "connectAmo",
      src.baseUrl,
      src.token,
    );
    console.log(
      `  подключено: «${account.accountName}», ${account.users} пользователей, ${account.pipelines.length} воронок`,
    );
    if (src.truth) {
      // The demo company's production calendar (its holidays) as an owner would enter it in Settings.
      const current = rt.call<Settings>("getSettings");
      rt.call("updateSettings", {
        ...current,
        calendar: { ...current.calendar, holidays: src.truth.holidays },
      });
    }

    const bar = new ProgressBar();
    rt.hooks.onServiceCall = () => {
      const s = state(rt);
      if (s.run) bar.draw(s.run.step, s.run.pagesDone, s.run.executions);
    };
    let summary: { status: string; message: string | null; executions: number } = {
      status: "partial",
      message: null,
      executions: 0,
    };
    for (let i = 0; i < 200 && summary.status !== "done"; i++) {
      summary = rt.call("syncNow", false);
      if (summary.status === "error" || summary.status === "busy")
        throw new Error(`sync stopped: ${summary.message}`);
    }
    rt.hooks.onServiceCall = undefined;
    bar.done(
      `  синхронизация завершена: ${summary.executions} запуск(ов) по 6 мин, ${rt.quota.urlFetchCalls} запросов к amoCRM`,
    );

    const board = rt.call<{ sheets: { sheet: string }[] }>("buildBoardSheets");
    console.log(`  листы построены: ${board.sheets.map((s) => s.sheet).join(", ")}`);

    const settingsResult = parseSettings(rt.call("getSettings"));
    if (!settingsResult.ok) throw new Error("stored settings do not validate");
    const settings = settingsResult.settings;
    const calendar = createCalendar(settings.calendar);
    const from = o.from ? calendar.parseLocal(o.from) : now - 30 * DAY;
    const to = o.to ? calendar.parseLocal(o.to) : now;
    const ds = datasetFromSheets(runtimeSheets(rt.spreadsheet), settings.locale);
    const report = buildReport(ds, settings, calendar, { now, from, to }, "Отдел");
    console.log(
      `\nKPI за период ${calendar.localDate(from)} — ${calendar.localDate(to - 1)} (срезы на ${new Date(now).toISOString()}):\n`,
    );
    console.log(renderMatrix(report));
    if (o.json) {
      mkdirSync(dirname(o.json), { recursive: true });
      writeFileSync(o.json, `${JSON.stringify(report, null, 2)}\n`);
      console.log(`\nJSON: ${o.json}`);
    }
    await writeWorkbook(rt.spreadsheet, o.xlsx);
    await writeBoardPicture(rt, settings.locale === "en" ? "Board" : "Доска", "out/board");
    console.log(`\nГотово за ${((Date.now() - t0) / 1000).toFixed(1)} с.`);
  } finally {
    http.close();
    await src.sandbox?.close();
  }
}

async function writeWorkbook(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, file: string): Promise<void> {
  const r = await exportXlsx(ss, file);
  console.log(
    `\nКнига: ${file} (${r.sheets} листов, ${r.cells} ячеек, ${r.rules} правил условного форматирования)`,
  );
  for (const u of r.unsupported)
    console.log(`  не перенесено в .xlsx: ${u.kind}${u.sheet ? ` (${u.sheet})` : ""}: ${u.reason}`);
}

/** out/board.html always; out/board.png when a Chromium is there to take the picture. */
async function writeBoardPicture(src: RenderSource, sheet: string, outBase: string): Promise<void> {
  try {
    const r = await renderSheet(src, sheet, outBase, { png: existsSync(CHROMIUM) });
    console.log(`Доска: ${r.pngPath ?? r.htmlPath}`);
  } catch (e) {
    console.log(`  картинку доски построить не удалось: ${e instanceof Error ? e.message : String(e)}`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`\nОшибка: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
