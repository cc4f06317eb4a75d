/**
 * The cost of (re)building the formula-driven sheets (Settings, Board, KPI matrix, Stages,
 * Sources) the way it runs in Google: the built bundle in the local Apps Script runtime with
 * MEASURED_COSTS (virtual time per service call and cell, scale.md), after a full sync of a
 * generator scenario. Reported per action: service calls, virtual Apps Script seconds (against
 * the 6-minute execution limit) and real milliseconds; plus how many custom-function calls the
 * sheets hold and what recalculating them costs at ≈0.5 s a call (scale.md §1 row 8), which
 * Sheets spends after the script, not inside it.
 *
 * Formulas are evaluated (evaluateFormulas): the build's own recalculation, one filter change on
 * the board (the source in C4) and a full recalculation are timed in real milliseconds with the
 * number of custom-function executions they started (runtime.formulas.customCalls) — in Sheets
 * each of those is a round trip of ≈0.5 s that receives the whole amo_daily range.
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

/** A recalculation in the runtime's formula engine. */
export interface RecalcFigures {
  action: string;
  customCalls: number;
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
  recalcs: RecalcFigures[];
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
      evaluateFormulas: true,
    } as Parameters<typeof createRuntime>[0]);
    rt.call("connectAmo", sandbox.baseUrl, sandbox.longLivedToken);
    rt.call("syncNow", false);
    for (let i = 0; i < 40 && rt.call<{ running: boolean }>("getSyncStatus").running; i++)
      rt.triggers.fireDue(rt.clock.now() + 2 * 60_000);

    const formulas = rt.formulas!;
    // Reading a formula cell is when the engine evaluates what an edit left pending (as a user
    // first sees the recalculated board); the first manager's win rate (I8) is a formula in every layout.
    const settle = () => {
      const board = rt.spreadsheet.getSheetByName("Доска");
      board?.getRange(8, 9).getValue();
    };
    const recalcs: RecalcFigures[] = [];
    const timed = (action: string, fn: () => void): void => {
      const calls = formulas.customCalls;
      const t0 = Date.now();
      fn();
      recalcs.push({ action, customCalls: formulas.customCalls - calls, wallMs: Date.now() - t0 });
    };
    const measure = (action: string, fn: string): ActionFigures => {
      const calls = rt.quota.serviceCalls;
      const v0 = rt.clock.now();
      const t0 = Date.now();
      const c0 = formulas.customCalls;
      rt.call(fn);
      const out = {
        action,
        serviceCalls: rt.quota.serviceCalls - calls,
        scriptSeconds: (rt.clock.now() - v0) / 1000,
        wallMs: Date.now() - t0,
      };
      if (fn === "buildBoardSheets") {
        // The formulas the build wrote, evaluated as Sheets does after the script returns.
        const t1 = Date.now();
        settle();
        recalcs.push({
          action: `${action}: its formulas`,
          customCalls: formulas.customCalls - c0,
          wallMs: Date.now() - t1,
        });
      }
      return out;
    };
    const actions = [
      measure("first build (buildBoardSheets)", "buildBoardSheets"),
      measure("rebuild (buildBoardSheets again)", "buildBoardSheets"),
      measure("server values only (refreshBoard)", "refreshBoard"),
      measure("share (shareBoard, first)", "shareBoard"),
      measure("share (shareBoard, update)", "shareBoard"),
    ];
    const board = rt.spreadsheet.getSheetByName("Доска");
    const source = board?.getRange("C4").getDataValidation()?.getCriteriaValues()[0] as string[] | undefined;
    if (board && source?.[0] !== undefined) {
      timed("one filter change (source in C4)", () => {
        board.getRange("C4").setValue(source[0]!);
        settle();
      });
      timed("filter cleared again", () => {
        board.getRange("C4").setValue("");
        settle();
      });
    }
    timed("full recalculation (every formula)", () => rt.recalculate());
    let customFunctionCalls = 0;
    for (const sheet of rt.spreadsheet.getSheets()) {
      if (sheet.getLastRow() === 0 || sheet.getName().startsWith("amo_")) continue;
      const formulas = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getFormulas();
      for (const row of formulas) for (const f of row) if (/^=KPI_/.test(f)) customFunctionCalls++;
    }
    // The department row is the last with text in A (the hidden helper spill may reach further).
    const names = board ? board.getRange(8, 1, Math.max(1, board.getLastRow() - 7), 1).getValues() : [];
    const managers = Math.max(0, names.filter((r) => r[0] !== "").length - 1);
    return {
      scenario,
      managers,
      actions,
      customFunctionCalls,
      recalcSecondsSequential: customFunctionCalls * CUSTOM_FUNCTION_ROUND_TRIP_S,
      recalcs,
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
  lines.push("  recalculation in the runtime (custom-function executions, real time):");
  for (const r of f.recalcs) {
    lines.push(
      `    ${r.action.padEnd(48)} ${String(r.customCalls).padStart(4)} executions  ${String(r.wallMs).padStart(7)} ms real` +
        `  (≈${(r.customCalls * CUSTOM_FUNCTION_ROUND_TRIP_S).toFixed(1)} s of round trips in Sheets)`,
    );
  }
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
