/**
 * Benchmark of the KPI engine (src/core): enrichment, then all nine metrics sliced per manager
 * and per source (department rows included) over the whole year, for 10k, 100k and 1M synthetic
 * leads (~10 touches, ~5 stage moves, ~2 tasks each). Prints times and growth ratios; no pass/fail.
 *
 * Each size runs in a fresh Node process (started with --max-old-space-size=8192: 1M leads with
 * their 10M touches take about 3–4 GB of heap), so every size is measured in the same state — a
 * heap holding just its dataset, as in a sync run — and garbage from one size cannot slow the
 * next. In that process: a warm-up at 10k (so the JIT has compiled the hot paths), then the
 * dataset is generated (not timed) and the engine runs `passes` times. Ratios are given for first
 * passes (a sync run) and for best passes (less noise from other processes; a later pass may also
 * pay for collecting the previous pass's garbage).
 *
 * Run: npx tsx bench/core-metrics.ts
 */
import { spawnSync } from "node:child_process";
import { constants, type PerformanceEntry, PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { createCalendar } from "../src/core/calendar";
import { enrichDataset } from "../src/core/enrich";
import { computeMetricsFromEnriched, prepareMetricFacts } from "../src/core/metrics/compute";
import { defaultSettings } from "../src/core/settings";
import { SYNTHETIC_NOW, syntheticDataset } from "./synthetic-data";

const SIZES: { n: number; passes: number }[] = [
  { n: 10_000, passes: 5 },
  { n: 100_000, passes: 3 },
  { n: 1_000_000, passes: 2 },
];
const CHILD_FLAG = "--core-metrics-child";
const RESULT_PREFIX = "CORE_METRICS_RESULT ";

export interface PassTiming {
  /** enrichDataset + the nine metrics' fact tables (prepareMetricFacts). */
  enrichMs: number;
  /** Of which: the fact tables. */
  factsMs: number;
  byManagerMs: number;
  bySourceMs: number;
  /** What a sync or a board refresh pays: enrichment and both slicings. */
  totalMs: number;
  /**
   * CPU time of the process over the same span (all its threads, so the garbage collector's
   * helpers too): steadier than wall time when other processes share the machine.
   */
  totalCpuMs: number;
  /** Garbage collection pauses inside the pass: full (mark-compact) and young-generation. */
  majorGcMs: number;
  minorGcMs: number;
}

export interface CoreMetricsTiming {
  n: number;
  touches: number;
  stageMoves: number;
  tasks: number;
  generateMs: number;
  passes: PassTiming[];
}

/** Generate `n` leads and run the engine `passes` times over them. */
export async function measureCoreMetrics(n: number, passes = 1): Promise<CoreMetricsTiming> {
  const gcs: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => gcs.push(...list.getEntries()));
  observer.observe({ entryTypes: ["gc"] });
  const settings = defaultSettings();
  const calendar = createCalendar(settings.calendar);
  const now = SYNTHETIC_NOW;
  const from = now - 365 * 86_400_000;

  const g0 = performance.now();
  const ds = syntheticDataset(n);
  const generateMs = performance.now() - g0;

  const out: PassTiming[] = [];
  const spans: [number, number][] = [];
  for (let k = 0; k < passes; k++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const data = enrichDataset(ds, settings, calendar, now);
    const t1 = performance.now();
    prepareMetricFacts(data);
    const t2 = performance.now();
    computeMetricsFromEnriched(data, { from, to: now, groupBy: "manager" });
    const t3 = performance.now();
    computeMetricsFromEnriched(data, { from, to: now, groupBy: "source" });
    const t4 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    out.push({
      enrichMs: t2 - t0,
      factsMs: t2 - t1,
      byManagerMs: t3 - t2,
      bySourceMs: t4 - t3,
      totalMs: t4 - t0,
      totalCpuMs: (cpu.user + cpu.system) / 1000,
      majorGcMs: 0,
      minorGcMs: 0,
    });
    spans.push([t0, t4]);
  }
  // GC entries arrive asynchronously: let them in, then charge each to the pass it fell in.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  for (const e of gcs) {
    const k = spans.findIndex(([a, b]) => e.startTime >= a && e.startTime < b);
    if (k < 0) continue;
    // Node's GC entries carry { kind } in `detail` (not in the generic PerformanceEntry type).
    const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind;
    const major = kind === constants.NODE_PERFORMANCE_GC_MAJOR;
    if (major) out[k]!.majorGcMs += e.duration;
    else out[k]!.minorGcMs += e.duration;
  }
  return {
    n,
    touches: ds.touches.length,
    stageMoves: ds.stageMoves.length,
    tasks: ds.tasks.length,
    generateMs,
    passes: out,
  };
}

/** One size in a fresh Node process with a big heap; its result comes back on stdout. */
function measureInChild(n: number, passes: number): CoreMetricsTiming {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(
    process.execPath,
    ["--max-old-space-size=8192", "--import", "tsx", self, CHILD_FLAG, String(n), String(passes)],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  );
  const line = child.stdout.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
  if (child.status !== 0 || !line) {
    throw new Error(
      `core-metrics child for n=${n} failed (status ${child.status}): ${child.stderr.slice(-2000)}`,
    );
  }
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as CoreMetricsTiming;
}

const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;

function describe(p: PassTiming): string {
  return (
    `enrich ${ms(p.enrichMs)} (facts ${p.factsMs.toFixed(0)})  per manager ${ms(p.byManagerMs)}  ` +
    `per source ${ms(p.bySourceMs)}  total ${ms(p.totalMs)} (cpu ${p.totalCpuMs.toFixed(0)} ms; ` +
    `GC pauses: full ${p.majorGcMs.toFixed(0)} ms, young ${p.minorGcMs.toFixed(0)} ms)`
  );
}

export async function benchCoreMetrics(): Promise<void> {
  console.log("core metrics: enrich + 9 metrics × (per manager, per source), period = the whole year");
  const slicing = (p: PassTiming) => p.byManagerMs + p.bySourceMs;
  const bestOf = (r: CoreMetricsTiming) => r.passes.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
  const results: CoreMetricsTiming[] = [];
  for (const { n, passes } of SIZES) {
    const r = measureInChild(n, passes);
    results.push(r);
    const first = r.passes[0]!;
    const best = bestOf(r);
    console.log(
      `  n=${String(n).padStart(9)}  touches ${r.touches}, moves ${r.stageMoves}, tasks ${r.tasks} ` +
        `(generated in ${r.generateMs.toFixed(0)} ms)\n    first pass: ${describe(first)}` +
        (r.passes.length > 1 ? `\n    best of ${r.passes.length}: ${describe(best)}` : ""),
    );
  }
  for (let k = 1; k < results.length; k++) {
    for (const [label, pick] of [
      ["first passes", (r: CoreMetricsTiming) => r.passes[0]!],
      ["best passes", bestOf],
    ] as const) {
      const a = pick(results[k - 1]!);
      const b = pick(results[k]!);
      console.log(
        `  growth ${results[k - 1]!.n} → ${results[k]!.n} (×${results[k]!.n / results[k - 1]!.n}, ${label}): ` +
          `enrich ×${(b.enrichMs / a.enrichMs).toFixed(2)}, slicing ×${(slicing(b) / slicing(a)).toFixed(2)}, ` +
          `total ×${(b.totalMs / a.totalMs).toFixed(2)} (cpu ×${(b.totalCpuMs / a.totalCpuMs).toFixed(2)})`,
      );
    }
  }
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const childAt = process.argv.indexOf(CHILD_FLAG);
  if (childAt >= 0) {
    await measureCoreMetrics(10_000, 2); // warm-up
    const n = Number(process.argv[childAt + 1]);
    const passes = Number(process.argv[childAt + 2]);
    console.log(RESULT_PREFIX + JSON.stringify(await measureCoreMetrics(n, passes)));
  } else {
    await benchCoreMetrics();
  }
}
