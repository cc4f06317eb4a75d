/**
 * Facts: each metric turns the enriched leads (or tasks, or stage entries) into rows — who
 * (manager; lead, and so its source / segment / pipeline / class), when (the instant that decides
 * the period, or none for a snapshot), num, and whether the row is counted. A counted row adds
 * num to the numerator and 1 to the denominator, so a slice of a metric is a filtered sum of its
 * rows and managers add up to the department by construction.
 *
 * Facts are columns, built once per EnrichedData (cached) and scanned by every slice. Columns the
 * metrics share are stored once: every lead metric has one row per lead (row r = lead r) and
 * reads the lead's creation / closing time and manager from shared per-lead columns; only its
 * num and flag columns are its own. stage_conversion's facts are the stage-entry table itself.
 */
import type { EnrichedData, EnrichedLead, TaskTable } from "../enrich";
import { LEAD_CLASSES, NONE } from "../model";
import { Dictionary, filled } from "./columns";
import type { MetricId, MetricSpec } from "./types";

/** Counted. */
export const FLAG_NONE = 0;
/** Counted, and listed (first_response: unanswered lead measured up to now or its closing). */
export const FLAG_CENSORED = 1;
/** Not counted, only listed (sla_share: deadline ahead; overdue_share: due date ahead). */
export const FLAG_PENDING = 2;
/** Not in the metric's population (a lead metric's row for a lead it does not measure). */
export const FLAG_ABSENT = 3;

/** A metric's facts; row r is one fact. */
export interface FactTable {
  size: number;
  /** Lead index (EnrichedData.leads), -1 for a task without a lead; null: row r is lead r. */
  lead: number[] | null;
  /** Dense manager index (FactBase.managers) per row; null: managerOfLead[lead]. */
  manager: number[] | null;
  managerOfLead: number[] | null;
  /** The instant that decides the period; null: snapshot facts, in every period. */
  at: number[] | null;
  num: number[];
  /** FLAG_* per row; null: every row counted. */
  flag: number[] | null;
  /** Per-stage metrics: the stage ordinal (EnrichedData.stages.all). */
  stage: number[] | null;
  /**
   * stage_conversion: a row counts in [from, to) only when previousAt < from — the deal's earlier
   * entry into the same stage inside the period counts instead.
   */
  previousAt: number[] | null;
  /** overdue_share: the task's id. */
  taskId: number[] | null;
}

/** Lead metrics write num and flag of their row per lead; rows never set stay absent. */
export class LeadFacts {
  readonly num: number[];
  readonly flag: number[];

  constructor(n: number) {
    this.num = filled(n, 0);
    this.flag = filled(n, FLAG_ABSENT);
  }

  set(leadIndex: number, num: number, flag = FLAG_NONE): void {
    this.num[leadIndex] = num;
    this.flag[leadIndex] = flag;
  }
}

/** Task facts, one row per task (tasks are visited in lead order); columns sized up front. */
export class TaskFacts {
  size = 0;
  readonly lead: number[];
  readonly manager: number[];
  readonly at: number[];
  readonly num: number[];
  readonly flag: number[];
  readonly taskId: number[];

  constructor(
    private readonly managers: Dictionary<number>,
    capacity: number,
  ) {
    this.lead = filled(capacity, 0);
    this.manager = filled(capacity, 0);
    this.at = filled(capacity, 0);
    this.num = filled(capacity, 0);
    this.flag = filled(capacity, FLAG_ABSENT);
    this.taskId = filled(capacity, 0);
  }

  add(taskId: number, leadIndex: number, managerId: number, at: number, num: number, flag: number): void {
    const r = this.size++;
    this.taskId[r] = taskId;
    this.lead[r] = leadIndex;
    this.manager[r] = this.managers.indexOf(managerId);
    this.at[r] = at;
    this.num[r] = num;
    this.flag[r] = flag;
  }
}

/**
 * Where a metric's facts come from. Lead metrics name the shared columns they use (the deciding
 * instant, the manager, the stage for per-stage snapshots) and set num / flag per lead.
 */
export type FactSource =
  | {
      from: "leads";
      at: "createdAt" | "closedAt" | "snapshot";
      manager: "responsible" | "responsibleAtCreation";
      /** Per stage: the lead's stage at now. */
      stage?: "current";
      add(lead: EnrichedLead, leadIndex: number, out: LeadFacts): void;
    }
  | { from: "tasks"; add(tasks: TaskTable, row: number, out: TaskFacts): void }
  | { from: "stageEntries" };

export type Dimension = "source" | "segment" | "pipeline" | "leadClass";

/** A slicing dimension: its values (index 0 = "(none)") and each lead's value index. */
export interface DimensionColumn {
  values: (string | number)[];
  /** By lead index; a task without a lead has value 0, "(none)". */
  of: number[];
}

/** The facts of one EnrichedData with the per-lead columns every slice shares. */
export interface FactBase {
  data: EnrichedData;
  managers: Dictionary<number>;
  /** Dense manager index by lead: the current responsible, the responsible at creation. */
  responsible: number[];
  responsibleAtCreation: number[];
  createdAt: number[];
  /** NaN while open. */
  closedAt: number[];
  /** The lead's stage at now (ordinal). */
  currentStage: number[];
  dimensions: Record<Dimension, DimensionColumn>;
  leadId: number[];
  tables: Map<MetricId, FactTable>;
}

const cache = new WeakMap<EnrichedData, FactBase>();

/** The fact base of `data` with the tables of `specs` built (once; later calls reuse them). */
export function factBaseOf(data: EnrichedData, specs: readonly MetricSpec[]): FactBase {
  let base = cache.get(data);
  if (!base) {
    base = newFactBase(data);
    cache.set(data, base);
  }
  const missing = specs.filter((s) => !base.tables.has(s.id));
  if (missing.length > 0) buildTables(base, missing);
  return base;
}

function newFactBase(data: EnrichedData): FactBase {
  const n = data.leads.length;
  const managers = new Dictionary<number>();
  const source = new Dictionary<string>([NONE]);
  const segment = new Dictionary<string>([NONE]);
  const pipeline = new Dictionary<string | number>([NONE]);
  const leadClass = new Dictionary<string>([NONE, ...LEAD_CLASSES]);
  const base: FactBase = {
    data,
    managers,
    responsible: filled(n, 0),
    responsibleAtCreation: filled(n, 0),
    createdAt: filled(n, 0),
    closedAt: filled(n, 0),
    currentStage: filled(n, 0),
    dimensions: {
      source: { values: source.values, of: filled(n, 0) },
      segment: { values: segment.values, of: filled(n, 0) },
      pipeline: { values: pipeline.values, of: filled(n, 0) },
      leadClass: { values: leadClass.values, of: filled(n, 0) },
    },
    leadId: filled(n, 0),
    tables: new Map(),
  };
  const d = base.dimensions;
  for (let i = 0; i < n; i++) {
    const lead = data.leads[i]!;
    base.responsible[i] = managers.indexOf(lead.responsibleUserId);
    base.responsibleAtCreation[i] = managers.indexOf(lead.firstResponseUserId);
    base.createdAt[i] = lead.createdAt;
    base.closedAt[i] = lead.closedAt ?? Number.NaN;
    base.currentStage[i] = data.stages.get(lead.stagePipelineId, lead.stageStatusId).ordinal;
    d.source.of[i] = source.indexOf(lead.sourceKey);
    d.segment.of[i] = segment.indexOf(lead.segmentKey);
    d.pipeline.of[i] = pipeline.indexOf(lead.pipelineId);
    d.leadClass.of[i] = leadClass.indexOf(lead.leadClass);
    base.leadId[i] = lead.id;
  }
  return base;
}

/** One pass over the leads for all the lead metrics asked for; then tasks and stage entries. */
function buildTables(base: FactBase, specs: readonly MetricSpec[]): void {
  const { data } = base;
  const n = data.leads.length;
  const byLead: {
    spec: MetricSpec;
    add: (lead: EnrichedLead, i: number, out: LeadFacts) => void;
    out: LeadFacts;
  }[] = [];
  for (const spec of specs) {
    const f = spec.facts;
    if (f.from === "leads") byLead.push({ spec, add: f.add, out: new LeadFacts(n) });
  }
  for (let i = 0; i < n; i++) {
    const lead = data.leads[i]!;
    for (const w of byLead) w.add(lead, i, w.out);
  }
  for (const { spec, out } of byLead) {
    const f = spec.facts;
    if (f.from !== "leads") continue;
    base.tables.set(spec.id, {
      size: n,
      lead: null,
      manager: null,
      managerOfLead: f.manager === "responsible" ? base.responsible : base.responsibleAtCreation,
      at: f.at === "createdAt" ? base.createdAt : f.at === "closedAt" ? base.closedAt : null,
      num: out.num,
      flag: out.flag,
      stage: f.stage === "current" ? base.currentStage : null,
      previousAt: null,
      taskId: null,
    });
  }

  for (const spec of specs) {
    const f = spec.facts;
    if (f.from === "tasks") {
      const out = new TaskFacts(base.managers, data.tasks.items.length);
      // In lead order, so the facts of one lead are consecutive (results list each lead once).
      for (const r of tasksByLead(data.tasks.lead)) f.add(data.tasks, r, out);
      base.tables.set(spec.id, {
        size: out.size,
        lead: out.lead,
        manager: out.manager,
        managerOfLead: null,
        at: out.at,
        num: out.num,
        flag: out.flag,
        stage: null,
        previousAt: null,
        taskId: out.taskId,
      });
    } else if (f.from === "stageEntries") {
      const e = data.stageEntries;
      base.tables.set(spec.id, {
        size: e.size,
        lead: e.lead,
        manager: null,
        managerOfLead: base.responsible,
        at: e.at,
        num: e.converted,
        flag: null,
        stage: e.stage,
        previousAt: e.previousAt,
        taskId: null,
      });
    }
  }
}

/** Task rows ordered by lead index (tasks without a lead first), stable: a counting sort. */
function tasksByLead(lead: readonly number[]): number[] {
  let max = -1;
  for (const i of lead) if (i > max) max = i;
  const start = filled(max + 3, 0);
  for (const i of lead) start[i + 2]!++;
  for (let k = 1; k < start.length; k++) start[k]! += start[k - 1]!;
  const order = filled(lead.length, 0);
  for (let r = 0; r < lead.length; r++) order[start[lead[r]! + 1]!++] = r;
  return order;
}
