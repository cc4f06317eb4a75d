/**
 * Per-lead and per-task enrichment: every derived value the metrics (and the raw sheet's derived
 * columns) need, computed in one pass over the dataset as seen at `now` (docs/metrics.md).
 *
 * Scope: leads not deleted, in the settings' pipelines, created by now; tasks, touches and moves of
 * other leads are ignored. Nothing after `now` is seen, so a past `now` reproduces the past.
 *
 * Cost: touches, stage moves and tasks are each read once and attached to their lead through one
 * id → index lookup (IdIndex); per-lead running state lives in number columns; stage moves are
 * bucketed by lead with a counting sort, so the pass is linear in the dataset (plus a per-lead
 * sort of a handful of moves). Stage entries and tasks come out as columns (StageEntryTable,
 * TaskTable) rather than millions of small objects.
 */
import type { WorkCalendar } from "./calendar-types";
import { createLeadClassifier } from "./lead-class";
import { filled, IdIndex } from "./metrics/columns";
import { type StageAtNow, type StageEntryTable, StageEntryWriter, walkStages } from "./metrics/stage-entries";
import { StageIndex } from "./metrics/stages";
import {
  type Dataset,
  type Lead,
  type LeadClass,
  LOST_STATUS_ID,
  NONE,
  type StageMove,
  type Task,
  WON_STATUS_ID,
} from "./model";
import type { Settings } from "./settings";
import { isCountedTouch } from "./touches";

const DAY_MS = 86_400_000;

export type SlaStatus = "met" | "breached" | "pending";

export interface EnrichedLead extends Lead {
  /** `source`, null → "(none)". */
  sourceKey: string;
  /** `segment`, null → "(none)". */
  segmentKey: string;
  leadClass: LeadClass;

  /** The manager first_response and sla_share are attributed to: responsible at creation, else now. */
  firstResponseUserId: number;
  /** The earliest counted touch with createdAt <= at <= now; null = not answered. */
  firstTouchAt: number | null;
  answered: boolean;
  /** Business minutes to the first touch, or (censored) to now / to closing when unanswered. */
  firstResponseMinutes: number;
  slaDeadline: number;
  slaStatus: SlaStatus;

  /** Counted touches with createdAt <= at <= now. */
  touchesTotal: number;
  /** Counted touches with createdAt <= at <= closedAt for a lead won by now; else null. */
  touchesToWin: number | null;

  /** createdAt <= now and (closedAt null or > now). */
  isOpenAtNow: boolean;
  /** Status 142 and closedAt <= now. */
  isWonAtNow: boolean;
  /** Status 143 and closedAt <= now. */
  isLostAtNow: boolean;
  /** At least one task on the lead created by now and not completed by now. */
  hasNextStep: boolean;

  /** The stage the lead is in at `now`: the last move at or before now, else its first stage. */
  stagePipelineId: number;
  stageStatusId: number;
  stageKey: string;
  stageEnteredAt: number;
  /** Calendar days (real number) since stageEnteredAt. */
  daysInStage: number;
  controlPeriodDays: number;
  /** Open at now and daysInStage > controlPeriodDays. */
  isStale: boolean;
}

export type TaskDueStatus = "on_time" | "overdue" | "pending";
/** TaskTable.dueStatus codes → names. */
export const TASK_DUE_STATUSES: readonly TaskDueStatus[] = ["on_time", "overdue", "pending"];
export const TASK_ON_TIME = 0;
export const TASK_OVERDUE = 1;
export const TASK_PENDING = 2;

/**
 * The tasks in scope with what overdue_share needs, as columns (row r = items[r]); the task's own
 * id, user and deadline are copied into columns so facts are built without revisiting objects.
 */
export interface TaskTable {
  /** Tasks created by now whose lead is in scope or that have no lead; the dataset's own objects. */
  items: Task[];
  /** Index of the task's lead in EnrichedData.leads; -1 = not attached to a lead. */
  lead: number[];
  /** TASK_ON_TIME / TASK_OVERDUE / TASK_PENDING (names in TASK_DUE_STATUSES). */
  dueStatus: number[];
  id: number[];
  responsibleUserId: number[];
  dueAt: number[];
}

/** Everything the metric registry reads; build it once, slice it many times. */
export interface EnrichedData {
  now: number;
  leads: EnrichedLead[];
  tasks: TaskTable;
  /** Entries into stages, for stage_conversion (see StageEntryTable). */
  stageEntries: StageEntryTable;
  /** The stage directory with every stage met in the data; StageEntryTable.stage indexes `all`. */
  stages: StageIndex;
}

/** The enriched leads alone (the raw sheet's derived columns). */
export function enrichLeads(
  ds: Dataset,
  settings: Settings,
  calendar: WorkCalendar,
  now: number,
): EnrichedLead[] {
  return enrichDataset(ds, settings, calendar, now).leads;
}

/** Leads in scope: not deleted, current pipeline among the settings' (all when empty), created by now. */
export function isLeadInScope(lead: Lead, pipelines: ReadonlySet<number> | null, now: number): boolean {
  return !lead.isDeleted && lead.createdAt <= now && (pipelines === null || pipelines.has(lead.pipelineId));
}

/** Completed by `now`. A completed task without a completion time counts as completed long ago. */
export function isTaskDoneAt(task: Task, now: number): boolean {
  return task.isCompleted && (task.completedAt === null || task.completedAt <= now);
}

/** docs/metrics.md overdue_share: overdue, on time, or pending (still open with the deadline ahead). */
export function taskDueStatus(task: Task, now: number): TaskDueStatus {
  return TASK_DUE_STATUSES[taskDueCode(task, now)]!;
}

function taskDueCode(task: Task, now: number): number {
  if (isTaskDoneAt(task, now)) {
    return task.completedAt !== null && task.completedAt > task.dueAt ? TASK_OVERDUE : TASK_ON_TIME;
  }
  return task.dueAt < now ? TASK_OVERDUE : TASK_PENDING;
}

/** One lead's stage entries as objects (a view of EnrichedData.stageEntries), in time order. */
export function stageEntriesOf(data: EnrichedData, leadIndex: number): StageEntry[] {
  const t = data.stageEntries;
  // Rows are grouped by lead in lead order: binary search the first row of this lead.
  let lo = 0;
  let hi = t.size;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t.lead[mid]! < leadIndex) lo = mid + 1;
    else hi = mid;
  }
  const out: StageEntry[] = [];
  for (let r = lo; r < t.size && t.lead[r] === leadIndex; r++) {
    const stage = data.stages.all[t.stage[r]!]!;
    out.push({
      stageKey: stage.key,
      statusId: stage.statusId,
      at: t.at[r]!,
      converted: t.converted[r] === 1,
    });
  }
  return out;
}

/** One entry of a lead into a stage of its current pipeline that stage conversion counts. */
export interface StageEntry {
  /** "pipelineId:statusId" (the lead's current pipeline). */
  stageKey: string;
  statusId: number;
  at: number;
  /** After this entry (and by `now`) the lead moved to a later stage of the pipeline or to won. */
  converted: boolean;
}

export function enrichDataset(
  ds: Dataset,
  settings: Settings,
  calendar: WorkCalendar,
  now: number,
): EnrichedData {
  const pipelines = settings.pipelineIds.length > 0 ? new Set(settings.pipelineIds) : null;
  const scoped = ds.leads.filter((lead) => isLeadInScope(lead, pipelines, now));
  const indexById = new IdIndex(scoped.map((lead) => lead.id));
  const n = scoped.length;
  const stages = new StageIndex(ds.stages, settings);

  const touchStats = scanTouches(ds, scoped, indexById, now);
  const moves = bucketMoves(ds.stageMoves, indexById, n);
  const { tasks, withOpenTask } = scanTasks(ds.tasks, indexById, n, now);

  const classify = createLeadClassifier(settings);
  const leads: EnrichedLead[] = new Array(n);
  const stageEntries = new StageEntryWriter(n + moves.start[n]!);
  const sortedMoves: StageMove[] = [];
  const at: StageAtNow = { pipelineId: 0, statusId: 0, enteredAt: 0 };
  for (let i = 0; i < n; i++) {
    const lead = scoped[i]!;
    const leadClass = classify(lead);
    const firstTouch = touchStats.firstTouchAt[i]!;
    const answered = firstTouch !== Number.POSITIVE_INFINITY;
    const closedByNow = lead.closedAt !== null && lead.closedAt <= now;
    // The clock of an unanswered lead runs until now, or stops when the lead was closed.
    const responseEnd = answered ? firstTouch : closedByNow ? lead.closedAt! : now;
    const slaDeadline =
      leadClass === "hot"
        ? calendar.addBusinessMinutes(lead.createdAt, settings.sla.hotMinutes)
        : leadClass === "warm"
          ? calendar.addBusinessMinutes(lead.createdAt, settings.sla.warmMinutes)
          : calendar.endOfNthNextWorkingDay(lead.createdAt, settings.sla.coldNextWorkingDays);
    const slaStatus: SlaStatus = answered
      ? firstTouch <= slaDeadline
        ? "met"
        : "breached"
      : slaDeadline <= now
        ? "breached"
        : "pending";
    const isWonAtNow = lead.statusId === WON_STATUS_ID && closedByNow;

    sortLeadMoves(moves, i, ds.stageMoves, sortedMoves);
    walkStages(lead, i, sortedMoves, stages, now, stageEntries, at);
    const isOpenAtNow = lead.closedAt === null || lead.closedAt > now;
    const current = stages.get(at.pipelineId, at.statusId);

    // Every field written out (no spread): one object shape for all leads keeps V8 on its fast
    // path; a spread plus the derived fields made enrichment ~10× slower and the heap larger.
    leads[i] = {
      id: lead.id,
      name: lead.name,
      price: lead.price,
      pipelineId: lead.pipelineId,
      statusId: lead.statusId,
      responsibleUserId: lead.responsibleUserId,
      responsibleAtCreationId: lead.responsibleAtCreationId,
      createdAt: lead.createdAt,
      updatedAt: lead.updatedAt,
      closedAt: lead.closedAt,
      isDeleted: lead.isDeleted,
      source: lead.source,
      segment: lead.segment,
      channel: lead.channel,
      lossReasonId: lead.lossReasonId,
      contactIds: lead.contactIds,
      sourceKey: lead.source ?? NONE,
      segmentKey: lead.segment ?? NONE,
      leadClass,
      firstResponseUserId: lead.responsibleAtCreationId ?? lead.responsibleUserId,
      firstTouchAt: answered ? firstTouch : null,
      answered,
      firstResponseMinutes: calendar.businessMinutes(lead.createdAt, responseEnd),
      slaDeadline,
      slaStatus,
      touchesTotal: touchStats.total[i]!,
      touchesToWin: isWonAtNow ? touchStats.toWin[i]! : null,
      isOpenAtNow,
      isWonAtNow,
      isLostAtNow: lead.statusId === LOST_STATUS_ID && closedByNow,
      hasNextStep: withOpenTask[i] === 1,
      stagePipelineId: at.pipelineId,
      stageStatusId: at.statusId,
      stageKey: current.key,
      stageEnteredAt: at.enteredAt,
      daysInStage: (now - at.enteredAt) / DAY_MS,
      controlPeriodDays: current.controlMs / DAY_MS,
      isStale: isOpenAtNow && now - at.enteredAt > current.controlMs,
    };
  }

  return { now, leads, tasks, stageEntries: stageEntries.finish(), stages };
}

/**
 * One pass over the tasks: the task table (tasks created by now, either without a lead or on a
 * lead in scope; a task of a deleted, out-of-scope or unknown lead is dropped) and, per lead,
 * whether it has an open task at now (next_step_coverage).
 */
function scanTasks(
  all: readonly Task[],
  indexById: IdIndex,
  n: number,
  now: number,
): { tasks: TaskTable; withOpenTask: number[] } {
  const withOpenTask = filled(n, 0);
  // Sized for every task, cut to the ones kept (appending to arrays of millions costs more).
  const items: Task[] = new Array(all.length);
  const lead = filled(all.length, 0);
  const dueStatus = filled(all.length, 0);
  const id = filled(all.length, 0);
  const responsibleUserId = filled(all.length, 0);
  const dueAt = filled(all.length, 0);
  let kept = 0;
  for (const task of all) {
    if (task.createdAt > now) continue;
    let i = -1;
    if (task.leadId !== null) {
      const found = indexById.get(task.leadId);
      if (found < 0) continue;
      i = found;
    }
    if (i >= 0 && !isTaskDoneAt(task, now)) withOpenTask[i] = 1;
    lead[kept] = i;
    dueStatus[kept] = taskDueCode(task, now);
    id[kept] = task.id;
    responsibleUserId[kept] = task.responsibleUserId;
    dueAt[kept] = task.dueAt;
    items[kept++] = task;
  }
  const tasks = { items, lead, dueStatus, id, responsibleUserId, dueAt };
  for (const col of Object.values(tasks)) col.length = kept;
  return { tasks, withOpenTask };
}

interface TouchStats {
  /** +Infinity when no counted touch. */
  firstTouchAt: number[];
  total: number[];
  toWin: number[];
}

/** One pass over the touches: first counted touch, counted touches to now and to the win. */
function scanTouches(ds: Dataset, leads: Lead[], indexById: IdIndex, now: number): TouchStats {
  const n = leads.length;
  const firstTouchAt = filled(n, Number.POSITIVE_INFINITY);
  const total = filled(n, 0);
  const toWin = filled(n, 0);
  // The end of the touches_per_won window per lead: closedAt of a lead won by now, else -∞.
  const winEnd = filled(n, 0);
  const createdAt = filled(n, 0);
  for (let i = 0; i < n; i++) {
    const lead = leads[i]!;
    createdAt[i] = lead.createdAt;
    winEnd[i] =
      lead.statusId === WON_STATUS_ID && lead.closedAt !== null && lead.closedAt <= now
        ? lead.closedAt
        : Number.NEGATIVE_INFINITY;
  }
  for (const t of ds.touches) {
    if (t.at > now || !isCountedTouch(t)) continue;
    const i = indexById.get(t.leadId);
    if (i < 0) continue;
    // A touch made before the lead existed (e.g. on the contact for an older deal) is not its.
    if (t.at < createdAt[i]!) continue;
    if (t.at < firstTouchAt[i]!) firstTouchAt[i] = t.at;
    total[i]!++;
    if (t.at <= winEnd[i]!) toWin[i]!++;
  }
  return { firstTouchAt, total, toWin };
}

interface MoveBuckets {
  /** Move indices (into the dataset's stageMoves) grouped by lead: lead i owns [start[i], start[i+1]). */
  order: number[];
  start: number[];
}

/**
 * Counting sort of the moves by lead index, keeping the dataset's order inside a lead. Moves after
 * now are kept: the earliest move tells the first stage even when it happened after now.
 */
function bucketMoves(moves: readonly StageMove[], indexById: IdIndex, n: number): MoveBuckets {
  const owner = filled(moves.length, -1);
  const start = filled(n + 1, 0);
  for (let m = 0; m < moves.length; m++) {
    const i = indexById.get(moves[m]!.leadId);
    owner[m] = i;
    if (i >= 0) start[i + 1]!++;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const order = filled(start[n]!, 0);
  for (let m = 0; m < moves.length; m++) {
    const i = owner[m]!;
    if (i >= 0) order[fill[i]!++] = m;
  }
  return { order, start };
}

/** Lead i's moves into `out`, by time (stable: equal times keep the dataset's order). */
function sortLeadMoves(b: MoveBuckets, i: number, moves: readonly StageMove[], out: StageMove[]): void {
  out.length = 0;
  for (let k = b.start[i]!; k < b.start[i + 1]!; k++) {
    const move = moves[b.order[k]!]!;
    // Insertion sort: a lead has a handful of moves, usually already in time order.
    let j = out.length;
    while (j > 0 && out[j - 1]!.at > move.at) {
      out[j] = out[j - 1]!;
      j--;
    }
    out[j] = move;
  }
}
