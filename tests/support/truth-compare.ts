/**
 * Every metric per manager and month, per source and month, and the snapshot metrics, computed by
 * the engine from a Dataset, against the generator's planted truth. Returns readable differences;
 * a test asserts the list is empty (counts exactly, minutes to the minute — the truth's minutes are
 * whole numbers, so the tolerance only absorbs float summation).
 */
import type {
  MetricParts,
  PlantedTruth,
  Ratio,
  SnapshotParts,
} from "../../local/amo-sandbox/generator/truth-types";
import type { WorkCalendar } from "../../src/core/calendar-types";
import { enrichDataset } from "../../src/core/enrich";
import { computeMetricsFromEnriched } from "../../src/core/metrics/compute";
import type { MetricResult } from "../../src/core/metrics/types";
import type { Dataset } from "../../src/core/model";
import { diffRatio, monthRange, truthCalendar, truthSettings } from "./truth";

const PERIOD_METRICS = [
  "first_response",
  "sla_share",
  "overdue_share",
  "touches_per_won",
  "win_rate",
  "revenue",
  "stage_conversion",
] as const;

function diffParts(where: string, got: Partial<Record<string, MetricResult>>, want: MetricParts): string[] {
  const out: string[] = [];
  for (const id of PERIOD_METRICS) {
    out.push(...diffRatio(`${where} ${id}`, got[id], want[id] as Ratio));
  }
  const fr = got["first_response"];
  if ((fr?.median ?? null) !== want.first_response.median) {
    out.push(`${where} first_response median ${fr?.median} ≠ ${want.first_response.median}`);
  }
  for (const [stage, r] of Object.entries(want.stage_conversion.byStage)) {
    out.push(
      ...diffRatio(
        `${where} stage_conversion[${stage}]`,
        got["stage_conversion"]?.byStage?.[stage] as MetricResult,
        r,
      ),
    );
  }
  return out;
}

function diffSnapshot(
  where: string,
  got: Partial<Record<string, MetricResult>>,
  want: SnapshotParts,
): string[] {
  const out = [
    ...diffRatio(`${where} next_step_coverage`, got["next_step_coverage"], want.next_step_coverage),
    ...diffRatio(`${where} stale_share`, got["stale_share"], want.stale_share),
  ];
  for (const [stage, r] of Object.entries(want.stale_share.byStage)) {
    out.push(
      ...diffRatio(`${where} stale_share[${stage}]`, got["stale_share"]?.byStage?.[stage] as MetricResult, r),
    );
  }
  return out;
}

export interface TruthComparison {
  differences: string[];
  /** How many numbers were compared (so a test can show it compared something). */
  compared: number;
}

export function compareWithTruth(
  ds: Dataset,
  truth: PlantedTruth,
  cal: WorkCalendar = truthCalendar(truth),
): TruthComparison {
  const settings = truthSettings(truth);
  const now = truth.nowUnix * 1000;
  const data = enrichDataset(ds, settings, cal, now);
  const differences: string[] = [];
  let compared = 0;

  for (const month of truth.months) {
    const { from, to } = monthRange(cal, month);
    const byManager = computeMetricsFromEnriched(data, { from, to, groupBy: "manager" });
    for (const row of byManager.rows) {
      if (row.key === null) {
        differences.push(...diffParts(`${month} department`, row.metrics, truth.byMonth[month]!));
        compared++;
        continue;
      }
      const want = truth.byManagerMonth[String(row.key)]?.[month];
      if (!want) {
        differences.push(`${month} manager ${row.key}: not in the truth`);
        continue;
      }
      differences.push(...diffParts(`${month} manager ${row.key}`, row.metrics, want));
      compared++;
    }
    // Every manager of the truth with data that month must appear.
    const seen = new Set(byManager.rows.map((r) => String(r.key)));
    for (const [id, months] of Object.entries(truth.byManagerMonth)) {
      const parts = months[month];
      if (parts && parts.first_response.denominator + parts.win_rate.denominator > 0 && !seen.has(id)) {
        differences.push(`${month} manager ${id}: missing from the engine's rows`);
      }
    }
    const bySource = computeMetricsFromEnriched(data, { from, to, groupBy: "source" });
    for (const row of bySource.rows) {
      if (row.key === null) continue;
      const want = truth.bySourceMonth[String(row.key)]?.[month];
      if (!want) continue;
      differences.push(...diffParts(`${month} source ${row.key}`, row.metrics, want));
      compared++;
    }
  }

  const snapshot = computeMetricsFromEnriched(data, {
    // Snapshot metrics ignore the period; any period works.
    from: 0,
    to: now + 1,
    groupBy: "manager",
    metrics: ["next_step_coverage", "stale_share"],
  });
  for (const row of snapshot.rows) {
    const want = row.key === null ? truth.snapshot.department : truth.snapshot.byManager[String(row.key)];
    if (!want) continue;
    differences.push(
      ...diffSnapshot(
        row.key === null ? "snapshot department" : `snapshot manager ${row.key}`,
        row.metrics,
        want,
      ),
    );
    compared++;
  }
  return { differences, compared };
}
