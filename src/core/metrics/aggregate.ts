/**
 * Slicing: scan each metric's facts once, keep those in the period that pass the filters, and add
 * each to the bucket of its group value; the department is the sum of the groups (or, ungrouped,
 * its own bucket).
 */
import type { EnrichedData } from "../enrich";
import type { LeadClass } from "../model";
import { Bucket } from "./bucket";
import { type Dimension, type FactBase, FLAG_ABSENT, FLAG_NONE, factBaseOf } from "./facts";
import { compareGroupKeys, type GroupKey } from "./group-keys";
import type { GroupBy, MetricId, MetricResult, MetricSpec, SliceFilters, SliceQuery } from "./types";

export interface MetricsRow {
  /** null = the department (every fact that passes the filters). */
  key: GroupKey | null;
  metrics: Partial<Record<MetricId, MetricResult>>;
}

export interface MetricsTable {
  rows: MetricsRow[];
}

export interface AggregateQuery extends SliceQuery {
  groupBy?: GroupBy;
}

export function aggregate(
  specs: readonly MetricSpec[],
  data: EnrichedData,
  query: AggregateQuery,
): MetricsTable {
  const base = factBaseOf(data, specs);
  const { from, to } = query;
  const accept = compileFilters(base, query.filters);
  const groupBy = query.groupBy ?? "none";
  // A fact's group: its manager index, or its lead's value in a dimension (0 = "(none)" without a lead).
  const byLead = groupBy === "none" || groupBy === "manager" ? null : base.dimensions[groupBy].of;
  const groupValues: readonly GroupKey[] =
    groupBy === "none" ? [] : groupBy === "manager" ? base.managers.values : base.dimensions[groupBy].values;
  const present = new Set<number>();
  const leadIdOf = base.leadId;

  const perMetric = specs.map((spec) => {
    const t = base.tables.get(spec.id)!;
    // With a grouping, the department is merged from the groups afterwards (half the list
    // appends) — except for tasks, whose lead may sit in several managers' groups.
    const direct = groupBy === "none" || spec.tasks === true;
    const department = new Bucket(spec);
    const groups: (Bucket | undefined)[] = [];
    const { lead, manager, managerOfLead, at, num, flag, stage, previousAt, taskId } = t;
    for (let r = 0; r < t.size; r++) {
      const f = flag === null ? FLAG_NONE : flag[r]!;
      if (f === FLAG_ABSENT) continue;
      if (at !== null) {
        const when = at[r]!;
        if (when < from || when >= to) continue;
      }
      // An earlier entry into the stage inside the period: the deal is counted at that one instead.
      // -Infinity means "no earlier entry", also when the period itself starts at -Infinity.
      const prev = previousAt === null ? Number.NEGATIVE_INFINITY : previousAt[r]!;
      if (prev !== Number.NEGATIVE_INFINITY && prev >= from) continue;
      const li = lead === null ? r : lead[r]!;
      const m = manager === null ? managerOfLead![li]! : manager[r]!;
      if (accept !== null && !accept(m, li)) continue;
      const n = num[r]!;
      const leadId = li < 0 ? -1 : leadIdOf[li]!;
      const task = taskId === null ? -1 : taskId[r]!;
      const st = stage === null ? -1 : stage[r]!;
      if (direct) department.add(n, f, leadId, task, st);
      if (groupBy === "none") continue;
      const g = byLead === null ? m : li < 0 ? 0 : byLead[li]!;
      let bucket = groups[g];
      if (bucket === undefined) {
        bucket = new Bucket(spec);
        groups[g] = bucket;
        present.add(g);
      }
      bucket.add(n, f, leadId, task, st);
    }
    return { spec, department, groups, direct };
  });

  // Rows: group values sorted (numbers, then text, "(none)" last).
  const order = [...present].sort((a, b) => compareGroupKeys(groupValues[a]!, groupValues[b]!));
  for (const m of perMetric) {
    if (!m.direct)
      m.department = Bucket.merge(
        m.spec,
        order.map((g) => m.groups[g]).filter((b) => b !== undefined),
      );
  }

  const stages = data.stages;
  const rowOf = (g: number | null): MetricsRow => {
    const metrics: Partial<Record<MetricId, MetricResult>> = {};
    for (const m of perMetric) {
      const bucket = g === null ? m.department : (m.groups[g] ?? new Bucket(m.spec));
      metrics[m.spec.id] = bucket.result(stages.keyOf, stages.compareOrdinals);
    }
    return { key: g === null ? null : groupValues[g]!, metrics };
  };
  return { rows: [rowOf(null), ...order.map(rowOf)] };
}

/**
 * One predicate over (manager index, lead index or -1) for all given filters, or null when nothing
 * is filtered (the fast path). Each filter becomes a lookup table over its dictionary's indices.
 */
function compileFilters(
  base: FactBase,
  filters: SliceFilters | undefined,
): ((manager: number, lead: number) => boolean) | null {
  if (!filters) return null;
  const managers = allowed(base.managers.values, filters.managerIds);
  const dims: [number[], Uint8Array][] = [];
  const add = (d: Dimension, values: readonly (string | number | LeadClass)[] | undefined) => {
    const ok = allowed(base.dimensions[d].values, values);
    if (ok) dims.push([base.dimensions[d].of, ok]);
  };
  add("source", filters.sources);
  add("segment", filters.segments);
  // Pipeline ids are numbers and classes are names, so "(none)" — a task without a lead — never matches.
  add("pipeline", filters.pipelineIds);
  add("leadClass", filters.leadClasses);
  if (!managers && dims.length === 0) return null;
  return (m, lead) => {
    if (managers && managers[m] !== 1) return false;
    for (const [of, ok] of dims) if (ok[lead < 0 ? 0 : of[lead]!] !== 1) return false;
    return true;
  };
}

/** A 0/1 table over a dictionary's values; null when the filter is absent or empty (= everything). */
function allowed(
  values: readonly (string | number)[],
  chosen: readonly (string | number)[] | undefined,
): Uint8Array | null {
  if (!chosen || chosen.length === 0) return null;
  const set = new Set<string | number>(chosen);
  const ok = new Uint8Array(values.length);
  values.forEach((v, i) => {
    if (set.has(v)) ok[i] = 1;
  });
  return ok;
}
