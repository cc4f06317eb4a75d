/**
 * The cost of (re)building the formula-driven sheets (Settings, Board, KPI matrix, Stages,
 * Sources) the way it runs in Google: the built bundle in the local Apps Script runtime with
 * MEASURED_COSTS (virtual time per service call and cell, scale.md), after a full sync of a
 * generator scenario. Reported per action: service calls, virtual Apps Script seconds (against
 * the 6-minute execution limit) and real milliseconds; plus how many custom-function calls the
 * sheets hold and what recalculating them costs at ≈0.5 s a call (scale.md §1 row 8), which
 * Sheets spends after the script, not inside it.
 *
 * Run: `npx tsx bench/rebuild-sheets.ts [--scenario default|small]`.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { generateAccount } from "../local/amo-sandbox/generator/index";
import { startSandboxThread } from "../local/amo-sandbox/thread";
import { buildAll } from "../local/build/build";
import { createRuntime, createVirtualClock, loadBuild, MEASURED_COSTS } from "../local/gas-runtime";
import { createSyncHttp } from "../local/http-sync/sync-http";

const CUSTOM_FUNCTION_ROUND_TRIP_S = 0.5;

export interface ActionFigures {
  action: string;
  serviceCalls: number;
  scriptSeconds: number;
  wallMs: number;
}

export interface RebuildFigures {
  scenario: string;
  managers: number;
  actions: ActionFigures[];
  /** KPI_* / KPI_MATRIX formulas on the sheets. */
  customFunctionCalls: number;
  /** Their recalculation at ≈0.5 s a call, if Sheets ran them one after another (an upper bound). */
  recalcSecondsSequential: number;
}

export async function benchRebuildSheets(
  scenario: "default" | "small" = "default",
  seed = 5,
): Promise<RebuildFigures> {
  const { truth } = generateAccount({ seed, scenario });
  const out = mkdtempSync(join(tmpdir(), "amo-kpi-bench-sheets-"));
  await buildAll(out);
  const sandbox = await startSandboxThread({ seed, scenario, rateLimit: false });
  const http = createSyncHttp({ timeoutMs: 20_000 });
  try {
    const rt = createRuntime({
      ...loadBuild(out),
      clock: createVirtualClock(truth.nowUnix * 1000),
      costs: MEASURED_COSTS,
      urlFetch: http,
      timeZone: truth.timezone,
    });
    rt.call("connectAmo", sandbox.baseUrl, sandbox.longLivedToken);
    rt.call("syncNow", false);
    for (let i = 0; i < 40 && rt.call<{ running: boolean }>("getSyncStatus").running; i++)
      rt.triggers.fireDue(rt.clock.now() + 2 * 60_000);

    const measure = (action: string, fn: string): ActionFigures => {
      const calls = rt.quota.serviceCalls;
      const v0 = rt.clock.now();
      const t0 = Date.now();
      rt.call(fn);
      return {
        action,
        serviceCalls: rt.quota.serviceCalls - calls,
        scriptSeconds: (rt.clock.now() - v0) / 1000,
        wallMs: Date.now() - t0,
      };
    };
    const actions = [
      measure("first build (buildBoardSheets)", "buildBoardSheets"),
      measure("rebuild (buildBoardSheets again)", "buildBoardSheets"),
      measure("server values only (refreshBoard)", "refreshBoard"),
      measure("share (shareBoard, first)", "shareBoard"),
      measure("share (shareBoard, update)", "shareBoard"),
    ];
    let customFunctionCalls = 0;
    for (const sheet of rt.spreadsheet.getSheets()) {
      if (sheet.getLastRow() === 0 || sheet.getName().startsWith("amo_")) continue;
      const formulas = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getFormulas();
      for (const row of formulas) for (const f of row) if (/^=KPI_/.test(f)) customFunctionCalls++;
    }
    const board = rt.spreadsheet.getSheetByName("Доска");
    const managers = board ? board.getLastRow() - 8 : 0;
    return {
      scenario,
      managers,
      actions,
      customFunctionCalls,
      recalcSecondsSequential: customFunctionCalls * CUSTOM_FUNCTION_ROUND_TRIP_S,
    };
  } finally {
    http.close();
    await sandbox.close();
  }
}

export function formatRebuildSheets(f: RebuildFigures): string {
  const lines = [`scenario ${f.scenario}, ${f.managers} managers on the board`];
  for (const a of f.actions) {
    lines.push(
      `  ${a.action.padEnd(36)} ${String(a.serviceCalls).padStart(6)} service calls  ` +
        `${a.scriptSeconds.toFixed(1).padStart(6)} s Apps Script (limit 360 s)  ${a.wallMs} ms real`,
    );
  }
  lines.push(
    `  custom-function calls on the sheets: ${f.customFunctionCalls} ` +
      `(≤ ${f.recalcSecondsSequential.toFixed(0)} s of recalculation at ${CUSTOM_FUNCTION_ROUND_TRIP_S} s a call if run one by one; Sheets runs them in parallel)`,
  );
  return lines.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const i = process.argv.indexOf("--scenario");
  const scenario = (i > 0 ? process.argv[i + 1] : "default") as "default" | "small";
  benchRebuildSheets(scenario)
    .then((f) => console.log(formatRebuildSheets(f)))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
