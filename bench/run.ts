/**
 * `npm run bench`: every benchmark, one after the other, each printing its figures and ratios.
 * Benchmarks measure; they do not pass or fail the build (targets are printed next to figures).
 * `--only NAME[,NAME]` runs some of them: load, core, daily, functions, pull, sync, sheets.
 */
import { benchAddonSync, formatAddonSync } from "./addon-sync";
import { benchAmoPull } from "./amo-pull";
import { benchBundleLoad } from "./bundle-load";
import { benchCoreMetrics } from "./core-metrics";
import { benchCustomFunctions } from "./custom-functions";
import { benchDailyMetrics } from "./daily-metrics";
import { benchRebuildSheets, formatRebuildSheets } from "./rebuild-sheets";

const only = (() => {
  const i = process.argv.indexOf("--only");
  return i > 0 ? new Set((process.argv[i + 1] ?? "").split(",")) : null;
})();
const wanted = (name: string) => only === null || only.has(name);

async function main(): Promise<void> {
  const started = Date.now();
  if (wanted("load")) {
    console.log("\n== loading the bundle (paid by every Apps Script execution) ==");
    await benchBundleLoad();
  }
  if (wanted("core")) {
    console.log("\n== KPI engine (src/core) ==");
    await benchCoreMetrics();
  }
  if (wanted("daily")) {
    console.log("\n== amo_daily, the compact daily facts table (src/core/daily) ==");
    await benchDailyMetrics();
  }
  if (wanted("functions")) {
    console.log("\n== KPI_MATRIX as a custom function in the Apps Script runtime ==");
    await benchCustomFunctions();
  }
  if (wanted("pull")) {
    console.log("\n== full amoCRM pull through the client, sandbox at 7 requests/s ==");
    await benchAmoPull();
  }
  if (wanted("sync")) {
    console.log("\n== the add-on's sync in the Apps Script runtime ==");
    console.log(formatAddonSync(await benchAddonSync()));
  }
  if (wanted("sheets")) {
    console.log("\n== building the board, matrix and rhythm sheets in the runtime ==");
    console.log(formatRebuildSheets(await benchRebuildSheets()));
  }
  console.log(`\nall benchmarks: ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
