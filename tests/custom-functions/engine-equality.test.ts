/**
 * KPI_* over the raw tables of a synced spreadsheet give the engine's numbers: the default
 * generator scenario is synced from the sandbox into the in-memory spreadsheet, and every cell of
 * KPI_MATRIX (and each KPI_<METRIC>) is compared with computeMetrics over the dataset read back
 * from the same sheets — the path a settings recompute takes — at the sync's "now".
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createCalendar } from "../../src/core/calendar";
import { buildDailyRows, metricsFromDailyCells } from "../../src/core/daily";
import { enrichDataset } from "../../src/core/enrich";
import { computeMetrics, type MetricsTable } from "../../src/core/metrics";
import { METRIC_IDS, type MetricId, type SliceFilters } from "../../src/core/metrics/types";
import type { Dataset } from "../../src/core/model";
import { type KpiArgs, type KpiEnv, kpiMatrix, kpiMetric } from "../../src/sheets/custom-functions";
import { DAILY } from "../../src/sheets/daily-table";
import { datasetFromSheets } from "../../src/sheets/rows";
import { type Synced, syncScenario } from "./synced";

let s: Synced;
let ds: Dataset;
let env: KpiEnv;

beforeAll(async () => {
  s = await syncScenario(5, "default");
  ds = datasetFromSheets(s.sheets, "ru");
  env = { timeZone: () => s.truth.timezone, now: () => s.now, daily: null };
}, 600_000);

function engine(from: string | number, toExclusive: string | number, filters?: SliceFilters): MetricsTable {
  const input = {
    dataset: ds,
    settings: s.settings,
    calendar: createCalendar(s.settings.calendar),
    now: s.now,
    from,
    to: toExclusive,
    groupBy: "manager" as const,
  };
  return computeMetrics(filters ? { ...input, filters } : input);
}

function rawArgs(extra: Partial<KpiArgs> = {}): KpiArgs {
  return {
    data: s.ranges["amo_leads"],
    lastSync: new Date(s.now),
    tasks: s.ranges["amo_tasks"],
    stageMoves: s.ranges["amo_stage_moves"],
    stages: s.ranges["amo_stages"],
    ...extra,
  };
}

const cell = (v: number | null | undefined) => (v === null || v === undefined ? "" : v);

/** The engine's table as KPI_MATRIX lays it out: name → the nine values, department last. */
function expectedMatrix(t: MetricsTable): Map<string, (number | string)[]> {
  const names = new Map(ds.users.map((u) => [u.id, u.name]));
  const out = new Map<string, (number | string)[]>();
  const [dept, ...rows] = t.rows;
  for (const r of rows) {
    const id = r.key as number;
    out.set(
      names.get(id) ?? `ID ${id}`,
      METRIC_IDS.map((m) => cell(r.metrics[m]?.value)),
    );
  }
  out.set(
    "Отдел",
    METRIC_IDS.map((m) => cell(dept!.metrics[m]?.value)),
  );
  return out;
}

function matrixAsMap(m: (number | string)[][]): Map<string, (number | string)[]> {
  return new Map(m.slice(1).map((r) => [String(r[0]), r.slice(1)]));
}

function expectClose(got: Map<string, (number | string)[]>, want: Map<string, (number | string)[]>): void {
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [name, values] of want) {
    const g = got.get(name)!;
    values.forEach((w, i) => {
      const where = `${name} / ${METRIC_IDS[i]}`;
      if (typeof w === "number") {
        expect(typeof g[i], where).toBe("number");
        expect(Math.abs((g[i] as number) - w), where).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(w)));
      } else expect(g[i], where).toBe(w);
    });
  }
}

describe("KPI_* over the synced amo_leads of the default scenario equal the engine", () => {
  it("the sync filled the raw tables", () => {
    expect(ds.leads.length).toBe(s.truth.counts.liveLeads);
    expect(s.ranges["amo_leads"]!.length).toBe(ds.leads.length + 1);
  });

  it("KPI_MATRIX for October (to inclusive) equals computeMetrics grouped by manager", () => {
    const got = kpiMatrix(rawArgs({ from: "2026-10-01", to: "2026-10-31" }), env);
    expect(got[0]![0]).toBe("Менеджер");
    expect(got[got.length - 1]![0]).toBe("Отдел");
    const want = expectedMatrix(engine("2026-10-01", "2026-11-01"));
    expect(want.size).toBeGreaterThan(10);
    // Not vacuous: the department has a number for every metric (tasks and moves were passed).
    expect(want.get("Отдел")!.every((v) => typeof v === "number")).toBe(true);
    expectClose(matrixAsMap(got), want);
  });

  it("KPI_MATRIX over the whole history (no bounds) equals the engine over (-∞, +∞)", () => {
    const got = kpiMatrix(rawArgs(), env);
    expectClose(matrixAsMap(got), expectedMatrix(engine(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)));
  });

  it("date cells as bounds give the same as text bounds", () => {
    const cal = createCalendar(s.settings.calendar);
    const from = new Date(cal.startOfLocalDate("2026-09-01"));
    const to = new Date(cal.startOfLocalDate("2026-09-30"));
    const got = kpiMatrix(rawArgs({ from, to }), env);
    expect(got).toEqual(kpiMatrix(rawArgs({ from: "2026-09-01", to: "2026-09-30" }), env));
    expectClose(matrixAsMap(got), expectedMatrix(engine("2026-09-01", "2026-10-01")));
  });

  it("each KPI_<METRIC> for one manager (by name) equals that manager's engine value", () => {
    const t = engine("2026-08-01", "2026-11-01");
    const row = t.rows[3]!;
    const id = row.key as number;
    const name = ds.users.find((u) => u.id === id)!.name;
    for (const m of METRIC_IDS) {
      const got = kpiMetric(m, rawArgs({ from: "2026-08-01", to: "2026-10-31", manager: name }), env);
      const want = engine("2026-08-01", "2026-11-01", { managerIds: [id] }).rows[0]!.metrics[m]!.value;
      expect(got, m).toBe(cell(want));
      // …which is the manager's row of the grouped table too (managers add up, rows are slices).
      expect(got, m).toBe(cell(row.metrics[m]!.value));
    }
  });

  it("filters by source, segment and pipeline (names) equal the engine's filters", () => {
    const lead = ds.leads.find((l) => l.source !== null && l.segment !== null)!;
    const pipelineName = ds.stages.find((st) => st.pipelineId === lead.pipelineId)!.pipelineName;
    const filters: SliceFilters = {
      sources: [lead.source!],
      segments: [lead.segment!],
      pipelineIds: [lead.pipelineId],
    };
    const got = kpiMatrix(
      rawArgs({
        from: "2026-06-01",
        to: "2026-10-31",
        source: lead.source!.toUpperCase(),
        segment: ` ${lead.segment} `,
        pipeline: pipelineName,
      }),
      env,
    );
    expectClose(matrixAsMap(got), expectedMatrix(engine("2026-06-01", "2026-11-01", filters)));
  });

  it("department values of the single functions equal the matrix's department row", () => {
    const args = rawArgs({ from: "2026-10-01", to: "2026-10-31" });
    const matrix = kpiMatrix(args, env);
    const dept = matrix[matrix.length - 1]!.slice(1);
    METRIC_IDS.forEach((m: MetricId, i) => {
      expect(kpiMetric(m, args, env), m).toBe(dept[i]);
    });
  });
});

describe("KPI_MATRIX over amo_daily built from the same sync equals the engine", () => {
  it("October per manager: every metric but the snapshot-day rule's", () => {
    const calendar = createCalendar(s.settings.calendar);
    const records = buildDailyRows(enrichDataset(ds, s.settings, calendar, s.now), calendar, ds);
    const daily = [
      DAILY.columns.map((c) => c.ru),
      ...records.map((r) => DAILY.columns.map((c) => (r as Record<string, unknown>)[c.id] ?? "")),
    ];
    const dailyEnv: KpiEnv = { ...env, daily: { table: DAILY, metricsFromDailyCells } };
    const got = kpiMatrix({ data: daily, from: "2026-10-01", to: "2026-10-31" }, dailyEnv);
    // The snapshot metrics come from the snapshot taken at the sync's now (2026-10-31), inside the period.
    expectClose(matrixAsMap(got), expectedMatrix(engine("2026-10-01", "2026-11-01")));
    expect(got.length).toBe(kpiMatrix(rawArgs({ from: "2026-10-01", to: "2026-10-31" }), env).length);
  });
});
