/**
 * Benchmark of loading the bundle: every Apps Script execution (each custom-function call, trigger,
 * menu item, sidebar call) runs the whole of build/Code.js's top level in a fresh V8 context before
 * it does anything, so that time is paid on every call.
 *
 * The bundle is compiled once (`new vm.Script`), then each run creates a fresh context and runs the
 * script in it; only the run is timed (creating the context is node:vm's cost, not the bundle's).
 * The first run also compiles the functions the top level calls; later runs reuse that code, as a
 * warm Apps Script isolate may or may not — both are printed. Apart from the runs, `compile` is the
 * median time of `new vm.Script` on the bundle (a trailing comment that differs each time defeats
 * V8's in-process compilation cache): what a larger bundle adds when the code is not cached.
 *
 * `--before <git ref>` (bench/daily-metrics.ts beforeRef) also builds that ref's tree and
 * interleaves the runs (old, new, old, new, …) so both see the same machine load; prints both and
 * the ratio. `--built DIR` times DIR/Code.js instead of building this tree; `--runs N` (default 60).
 *
 * Measures; no pass/fail. Run: npx tsx bench/bundle-load.ts [--before HEAD] [--built DIR] [--runs N]
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import vm from "node:vm";
import { buildAll } from "../local/build/build";
import { beforeRef, treeAt } from "./daily-metrics";

const RUNS = 60;
const COMPILES = 15;

/** One bundle's load times over the runs, ms. */
export interface LoadTiming {
  label: string;
  bytes: number;
  firstMs: number;
  medianMs: number;
  minMs: number;
  /** Median of compiling the script afresh (not part of the runs). */
  compileMs: number;
}

export interface BundleLoadTiming {
  runs: number;
  now: LoadTiming;
  /** `--before <ref>`: that ref's bundle, its runs interleaved with this tree's. */
  before?: LoadTiming;
}

function argValue(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i > 0 ? (process.argv[i + 1] ?? null) : null;
}

type BuildAll = typeof buildAll;

/** Runs `build` (some tree's local/build/build.ts buildAll) into a temp dir; the Code.js text. */
async function buildCode(build: BuildAll, label: string): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), `amo-kpi-bundle-load-${label}-`));
  try {
    await build(out);
    return readFileSync(join(out, "Code.js"), "utf8");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** buildAll of the tree at git `ref` (it builds that tree: its ROOT is where its build.ts lies). */
async function buildAllAt(ref: string): Promise<BuildAll> {
  const url = pathToFileURL(join(treeAt(ref), "local", "build", "build.ts")).href;
  return ((await import(url)) as { buildAll: BuildAll }).buildAll;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Compiles `code` afresh (a unique trailing comment, so V8 does not reuse its cache); the ms it took. */
function compileOnce(code: string, i: number): number {
  const t0 = performance.now();
  new vm.Script(`${code}\n// compile ${i}\n`, { filename: "Code.js" });
  return performance.now() - t0;
}

/** A bundle compiled once; `run()` loads it into a fresh context and returns the ms it took. */
function loader(code: string, filename: string): () => number {
  const script = new vm.Script(code, { filename });
  return () => {
    const context = vm.createContext({});
    const t0 = performance.now();
    script.runInContext(context);
    return performance.now() - t0;
  };
}

function summary(label: string, code: string, times: readonly number[], compiles: number[]): LoadTiming {
  return {
    label,
    bytes: Buffer.byteLength(code),
    firstMs: times[0]!,
    medianMs: median(times.slice(1)),
    minMs: Math.min(...times.slice(1)),
    compileMs: median(compiles),
  };
}

/**
 * Times the bundle's load. `before`: a git ref to compare with (interleaved runs); `built`: a folder
 * holding an already built Code.js to time instead of building this tree.
 */
export async function measureBundleLoad(
  opts: { before?: string | null; built?: string | null; runs?: number } = {},
): Promise<BundleLoadTiming> {
  const runs = opts.runs ?? RUNS;
  const code = opts.built
    ? readFileSync(join(opts.built, "Code.js"), "utf8")
    : await buildCode(buildAll, "now");
  const oldCode = opts.before ? await buildCode(await buildAllAt(opts.before), "before") : null;

  const run = loader(code, "Code.js");
  const runOld = oldCode === null ? null : loader(oldCode, "Code.before.js");
  const times: number[] = [];
  const oldTimes: number[] = [];
  // The first run of each includes compiling what the top level calls; it is kept apart (firstMs).
  for (let i = 0; i <= runs; i++) {
    if (runOld) oldTimes.push(runOld());
    times.push(run());
  }
  const compiles: number[] = [];
  const oldCompiles: number[] = [];
  for (let i = 0; i < COMPILES; i++) {
    if (oldCode !== null) oldCompiles.push(compileOnce(oldCode, i));
    compiles.push(compileOnce(code, i));
  }
  return {
    runs,
    now: summary("now", code, times, compiles),
    ...(oldCode !== null && opts.before
      ? { before: summary(opts.before, oldCode, oldTimes, oldCompiles) }
      : {}),
  };
}

function line(t: LoadTiming): string {
  return (
    `  ${t.label}: median ${t.medianMs.toFixed(2)} ms, min ${t.minMs.toFixed(2)} ms ` +
    `(first run ${t.firstMs.toFixed(1)} ms); bundle ${(t.bytes / 1024).toFixed(1)} KiB, ` +
    `compile ${t.compileMs.toFixed(1)} ms`
  );
}

export function formatBundleLoad(r: BundleLoadTiming): string {
  const lines = [`  ${r.runs} runs, each in a fresh vm context (the script compiled once)`];
  if (r.before) {
    lines.push(line(r.before));
    lines.push(line(r.now));
    lines.push(
      `  before → now: median ×${(r.before.medianMs / r.now.medianMs).toFixed(2)} faster, ` +
        `min ×${(r.before.minMs / r.now.minMs).toFixed(2)}, first run ×${(r.before.firstMs / r.now.firstMs).toFixed(2)}, ` +
        `compile ×${(r.before.compileMs / r.now.compileMs).toFixed(2)}`,
    );
  } else {
    lines.push(line(r.now));
  }
  return lines.join("\n");
}

/** `npm run bench` entry: reads `--before`, `--built` and `--runs` from the command line. */
export async function benchBundleLoad(): Promise<void> {
  const runs = argValue("--runs");
  console.log(
    formatBundleLoad(
      await measureBundleLoad({
        before: beforeRef(),
        built: argValue("--built"),
        ...(runs !== null ? { runs: Number(runs) } : {}),
      }),
    ),
  );
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) await benchBundleLoad();
