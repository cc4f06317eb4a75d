/**
 * The KPI matrix per manager and for the department, computed by src/core from the raw sheets the
 * add-on wrote, in the `--json` shape the README documents, and as a terminal table.
 */
import type { WorkCalendar } from "../../src/core/calendar-types";
import { enrichDataset } from "../../src/core/enrich";
import { computeMetricsFromEnriched } from "../../src/core/metrics/compute";
import { METRIC_IDS, type MetricId, type MetricResult } from "../../src/core/metrics/types";
import type { Dataset } from "../../src/core/model";
import type { Settings } from "../../src/core/settings";

export interface JsonMetric {
  value: number | null;
  numerator: number;
  denominator: number;
  median?: number | null;
  by_stage?: Record<string, { value: number | null; numerator: number; denominator: number }>;
}

export interface JsonRow {
  manager_id: number | null;
  manager: string;
  metrics: Record<MetricId, JsonMetric>;
}

export interface JsonReport {
  now: string;
  from: string;
  to: string;
  rows: JsonRow[];
}

function jsonMetric(id: MetricId, r: MetricResult | undefined): JsonMetric {
  const m: JsonMetric = {
    value: r?.value ?? null,
    numerator: r?.numerator ?? 0,
    denominator: r?.denominator ?? 0,
  };
  if (id === "first_response") m.median = r?.median ?? null;
  if (id === "stage_conversion" || id === "stale_share") {
    m.by_stage = {};
    for (const [key, s] of Object.entries(r?.byStage ?? {})) {
      // Keyed by status id as the README documents; the pipeline is in the raw sheets.
      const statusId = key.split(":")[1] ?? key;
      m.by_stage[statusId] = { value: s.value, numerator: s.numerator, denominator: s.denominator };
    }
  }
  return m;
}

export function buildReport(
  ds: Dataset,
  settings: Settings,
  calendar: WorkCalendar,
  period: { now: number; from: number; to: number },
  departmentName: string,
): JsonReport {
  const data = enrichDataset(ds, settings, calendar, period.now);
  const table = computeMetricsFromEnriched(data, { from: period.from, to: period.to, groupBy: "manager" });
  const names = new Map(ds.users.map((u) => [u.id, u.name]));
  const rows = table.rows.map((row): JsonRow => {
    const metrics = {} as Record<MetricId, JsonMetric>;
    for (const id of METRIC_IDS) metrics[id] = jsonMetric(id, row.metrics[id]);
    const id = row.key === null ? null : Number(row.key);
    return { manager_id: id, manager: id === null ? departmentName : (names.get(id) ?? `#${id}`), metrics };
  });
  const iso = (t: number) => new Date(t).toISOString();
  return { now: iso(period.now), from: iso(period.from), to: iso(period.to), rows };
}

const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(0)}%`);
const num = (v: number | null, digits = 1) => (v === null ? "—" : v.toFixed(digits));
const money = (v: number | null) => (v === null ? "—" : Math.round(v).toLocaleString("ru-RU"));

const COLUMNS: { title: string; cell: (m: Record<MetricId, JsonMetric>) => string }[] = [
  { title: "Ответ, мин", cell: (m) => num(m.first_response.value) },
  { title: "SLA", cell: (m) => pct(m.sla_share.value) },
  { title: "След.шаг", cell: (m) => pct(m.next_step_coverage.value) },
  { title: "Просроч.", cell: (m) => pct(m.overdue_share.value) },
  { title: "Касаний", cell: (m) => num(m.touches_per_won.value) },
  { title: "Конв.этап", cell: (m) => pct(m.stage_conversion.value) },
  { title: "Win rate", cell: (m) => pct(m.win_rate.value) },
  { title: "Зависш.", cell: (m) => pct(m.stale_share.value) },
  { title: "Выручка", cell: (m) => money(m.revenue.value) },
];

/** A fixed-width table: managers by name, the department last. */
export function renderMatrix(report: JsonReport): string {
  const managers = report.rows
    .filter((r) => r.manager_id !== null)
    .sort((a, b) => a.manager.localeCompare(b.manager));
  const department = report.rows.filter((r) => r.manager_id === null);
  const body = [...managers, ...department].map((r) => [r.manager, ...COLUMNS.map((c) => c.cell(r.metrics))]);
  const header = ["Менеджер", ...COLUMNS.map((c) => c.title)];
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const rule = widths.map((w) => "─".repeat(w)).join("  ");
  const out = [line(header), rule, ...body.slice(0, managers.length).map(line)];
  if (department.length > 0) out.push(rule, ...body.slice(managers.length).map(line));
  return out.join("\n");
}
