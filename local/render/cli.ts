/**
 * A picture of a sheet: `renderSheet()` writes <out>.html and <out>.png for any runtime sheet
 * (scripts call it), and run as a script it renders the add-on's board end to end:
 *
 *   npm run build && npx tsx local/render/cli.ts [--sheet Доска] [--out out/board]
 *       [--seed 1] [--scenario default|small] [--setup FUNCTION] [--no-png]
 *
 * The script runs the built add-on (build/Code.js) in the local Apps Script runtime with formulas
 * evaluated, against the seeded amoCRM sandbox (install, connect, sync, as `npm start` does), calls
 * the optional --setup entry point (whatever builds the board, if the sync does not), then renders
 * the sheet: "Доска" or "Board" by default.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { generateAccount } from "../amo-sandbox/generator/index";
import { startSandboxThread } from "../amo-sandbox/thread";
import { createRuntime, createVirtualClock, loadBuild, MEASURED_COSTS } from "../gas-runtime/index";
import { createSyncHttp } from "../http-sync/sync-http";
import { type RenderedSheet, type RenderOptions, type RenderSource, renderSheetHtml } from "./board-html";
import { screenshotHtml } from "./screenshot";

export interface RenderFiles extends RenderedSheet {
  htmlPath: string;
  pngPath: string | null;
}

/** Writes `<outBase>.html` and, unless png is false, `<outBase>.png`. */
export async function renderSheet(
  src: RenderSource,
  sheetName: string,
  outBase: string,
  o: RenderOptions & { png?: boolean } = {},
): Promise<RenderFiles> {
  const rendered = renderSheetHtml(src, sheetName, o);
  mkdirSync(dirname(outBase), { recursive: true });
  const htmlPath = `${outBase}.html`;
  writeFileSync(htmlPath, rendered.html);
  let pngPath: string | null = null;
  if (o.png !== false) {
    pngPath = `${outBase}.png`;
    await screenshotHtml(rendered.html, pngPath);
  }
  return { ...rendered, htmlPath, pngPath };
}

interface CliOptions {
  sheet: string | null;
  out: string;
  seed: number;
  scenario: string;
  setup: string | null;
  png: boolean;
}

function parseArgs(argv: readonly string[]): CliOptions {
  const o: CliOptions = {
    sheet: null,
    out: "out/board",
    seed: 1,
    scenario: "default",
    setup: null,
    png: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === "--no-png") {
      o.png = false;
      continue;
    }
    const value = argv[++i];
    if (value === undefined || value.startsWith("--")) throw new Error(`${flag} needs a value`);
    if (flag === "--sheet") o.sheet = value;
    else if (flag === "--out") o.out = value;
    else if (flag === "--setup") o.setup = value;
    else if (flag === "--scenario") o.scenario = value;
    else if (flag === "--seed") {
      o.seed = Number(value);
      if (!Number.isInteger(o.seed)) throw new Error(`--seed must be an integer, got "${value}"`);
    } else throw new Error(`unknown option ${flag}`);
  }
  return o;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const { truth } = generateAccount({ seed: o.seed, scenario: o.scenario });
  const sandbox = await startSandboxThread({ seed: o.seed, scenario: o.scenario, rateLimit: false });
  const http = createSyncHttp({ timeoutMs: 30_000 });
  try {
    const rt = createRuntime({
      ...loadBuild("build"),
      clock: createVirtualClock(truth.nowUnix * 1000),
      // Service calls cost the time measured in real Sheets, so virtual minutes pass as they would
      // (without it, the Sheets API's per-minute write quota is hit inside one virtual instant).
      costs: MEASURED_COSTS,
      urlFetch: http,
      timeZone: truth.timezone,
      evaluateFormulas: true,
    });
    rt.call("onInstall", { authMode: "FULL" });
    rt.call("connectAmo", sandbox.baseUrl, sandbox.longLivedToken);
    // The demo company's holidays, as an owner would enter them (as `npm start` does).
    const current = rt.call<{ calendar: Record<string, unknown> }>("getSettings");
    rt.call("updateSettings", { ...current, calendar: { ...current.calendar, holidays: truth.holidays } });
    for (let i = 0; i < 200; i++) {
      const s = rt.call<{ status: string; message: string | null }>("syncNow", false);
      if (s.status === "done") break;
      if (s.status === "error" || s.status === "busy") throw new Error(`sync stopped: ${s.message}`);
    }
    if (o.setup) rt.call(o.setup);
    const names = rt.spreadsheet.getSheets().map((s) => s.getName());
    const sheet = o.sheet ?? names.find((n) => n === "Доска" || n === "Board");
    if (!sheet)
      throw new Error(
        `no board sheet ("Доска"/"Board") yet; sheets: ${names.join(", ")}. Use --sheet or --setup.`,
      );
    const r = await renderSheet(rt, sheet, o.out, { png: o.png });
    console.log(
      `${sheet}: ${r.rows} rows × ${r.columns} columns, ${r.highlighted} cells highlighted → ${r.htmlPath}${r.pngPath ? `, ${r.pngPath}` : ""}`,
    );
  } finally {
    http.close();
    await sandbox.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => {
    process.stderr.write(`render: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
