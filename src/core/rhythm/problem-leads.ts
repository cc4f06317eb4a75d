/**
 * "The deals behind a deviation": of the deals behind a metric's number (MetricResult.leadIds),
 * the ones that pull it the wrong way — what a sales head opens in a 1:1. Per metric:
 * first_response — answered (or still waiting) longer than the threshold; sla_share — breached;
 * next_step_coverage — no open task; overdue_share — with an overdue task in the slice;
 * touches_per_won — won with touches outside the norm; stage_conversion — an entry in the period
 * that did not convert; win_rate — lost; stale_share — stale; revenue — none (compared, no norm).
 */
import { type EnrichedData, type EnrichedLead, TASK_OVERDUE } from "../enrich";
import type { MetricId, MetricResult } from "../metrics/types";
import type { Settings } from "../settings";
import type { Period } from "./periods";

export class LeadLookup {
  private readonly index = new Map<number, number>();
  private taskIndex: Map<number, number> | null = null;

  constructor(private readonly data: EnrichedData) {
    for (let i = 0; i < data.leads.length; i++) this.index.set(data.leads[i]!.id, i);
  }

  lead(id: number): EnrichedLead | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.data.leads[i];
  }

  leadIndex(id: number): number {
    return this.index.get(id) ?? -1;
  }

  /** Row of a task id in data.tasks, or -1. */
  taskRow(id: number): number {
    if (this.taskIndex === null) {
      this.taskIndex = new Map();
      const ids = this.data.tasks.id;
      for (let r = 0; r < ids.length; r++) this.taskIndex.set(ids[r]!, r);
    }
    return this.taskIndex.get(id) ?? -1;
  }
}

export function problemLeadIds(
  metric: MetricId,
  result: MetricResult,
  data: EnrichedData,
  lookup: LeadLookup,
  settings: Settings,
  period: Period,
): number[] {
  const t = settings.thresholds;
  const pick = (test: (l: EnrichedLead) => boolean) =>
    result.leadIds.filter((id) => {
      const l = lookup.lead(id);
      return l !== undefined && test(l);
    });
  switch (metric) {
    case "first_response":
      return pick((l) => l.firstResponseMinutes > t.firstResponseMinutes);
    case "sla_share":
      return pick((l) => l.slaStatus === "breached");
    case "next_step_coverage":
      return pick((l) => !l.hasNextStep);
    case "touches_per_won":
      return pick(
        (l) =>
          l.touchesToWin !== null &&
          (l.touchesToWin < t.touchesPerWonMin || l.touchesToWin > t.touchesPerWonMax),
      );
    case "win_rate":
      return pick((l) => l.isLostAtNow);
    case "stale_share":
      return pick((l) => l.isStale);
    case "overdue_share":
      return overdueTaskLeads(result, data, lookup);
    case "stage_conversion":
      return pick((l) => hasUnconvertedEntry(data, lookup.leadIndex(l.id), period));
    case "revenue":
      return [];
  }
}

function overdueTaskLeads(result: MetricResult, data: EnrichedData, lookup: LeadLookup): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (const id of result.taskIds ?? []) {
    const r = lookup.taskRow(id);
    if (r < 0 || data.tasks.dueStatus[r] !== TASK_OVERDUE) continue;
    const li = data.tasks.lead[r]!;
    if (li < 0) continue;
    const leadId = data.leads[li]!.id;
    if (!seen.has(leadId)) {
      seen.add(leadId);
      out.push(leadId);
    }
  }
  return out;
}

/** Did the lead enter a stage in the period without converting afterwards? */
function hasUnconvertedEntry(data: EnrichedData, leadIndex: number, period: Period): boolean {
  if (leadIndex < 0) return false;
  const t = data.stageEntries;
  let lo = 0;
  let hi = t.size;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t.lead[mid]! < leadIndex) lo = mid + 1;
    else hi = mid;
  }
  for (let r = lo; r < t.size && t.lead[r] === leadIndex; r++) {
    const at = t.at[r]!;
    // The deal's first entry into the stage within the period is the one stage_conversion counts.
    if (at >= period.from && at < period.to && t.previousAt[r]! < period.from && t.converted[r] !== 1)
      return true;
  }
  return false;
}
