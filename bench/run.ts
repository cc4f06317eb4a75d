/**
 * `npm run bench`: every benchmark, one after the other, each printing its figures and ratios.
 * Benchmarks measure; they do not pass or fail the build (targets are printed next to figures).
 * `--only NAME[,NAME]` runs some of them: core, pull, sync.
 */
import { benchAddonSync, formatAddonSync } from "./addon-sync";
import { benchAmoPull } from "./amo-pull";
import { benchCoreMetrics } from "./core-metrics";

const only = (() => {
  const i = process.argv.indexOf("--only");
  return i > 0 ? new Set((process.argv[i + 1] ?? "").split(",")) : null;
})();
const wanted = (name: string) => only === null || only.has(name);

async function main(): Promise<void> {
  const started = Date.now();
  if (wanted("core")) {
    console.log("\n== KPI engine (src/core) ==");
    await benchCoreMetrics();
  }
  if (wanted("pull")) {
    console.log("\n== full amoCRM pull through the client, sandbox at 7 requests/s ==");
    await benchAmoPull();
  }
  if (wanted("sync")) {
    console.log("\n== the add-on's sync in the Apps Script runtime ==");
    console.log(formatAddonSync(await benchAddonSync()));
  }
  console.log(`\nall benchmarks: ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
