/**
 * The last step of a run, and the whole of a recompute after a settings change (no amoCRM call).
 *
 * The heavy pass (applyDerived: a full run, hourly, after a settings change): from the mirror of
 * the whole raw tables, derive meeting touches, drop rows orphaned by deleted leads, enrich every
 * lead (src/core/enrich.ts) and stage only the derived cells that changed — time-dependent values
 * (days_in_stage, is_stale, an SLA pending → breached) move on here.
 *
 * The light pass (applyNewLeads: the other incremental runs): only what the run itself fetched —
 * meeting touches of the tasks it wrote, and the derived columns of the leads created inside its
 * window, whose moves, tasks and touches all fall inside that window too (each is created after
 * its lead), so they are enriched exactly without reading anything. Older leads the run changed
 * get their derived columns at the next heavy pass (at most an hour later).
 */
import { createCalendar } from "../core/calendar";
import { type EnrichedData, enrichDataset } from "../core/enrich";
import { type Dataset, stageKey, type Task, type Touch } from "../core/model";
import type { Settings } from "../core/settings";
import {
  derivedLeadRow,
  leadFromRow,
  stageMoveFromRow,
  stageRow,
  taskFromRow,
  touchFromRow,
  touchRow,
} from "../sheets/rows";
import { LEADS, STAGE_MOVES, STAGES, TASKS, type TableDef, TOUCHES } from "../sheets/tables";
import type { Mirror, MirrorRow } from "./mirror";
import type { Staging } from "./staging";

/** amoCRM's system task type "Встреча" (MEETING) [DOC tasks-api: 1 call, 2 meeting]. */
export const MEETING_TASK_TYPES: readonly number[] = [2];
const MEETING_PREFIX = "task:";

export interface ApplyStats {
  leadsEnriched: number;
  derivedRowsChanged: number;
  meetingTouches: number;
  orphansRemoved: number;
}

export function controlPeriodOf(settings: Settings, pipelineId: number, statusId: number): number {
  return settings.controlPeriodDays[stageKey(pipelineId, statusId)] ?? settings.defaultControlPeriodDays;
}

/** The heavy pass; `data` is the enrichment of every lead (what SyncDeps.afterEnrichment gets). */
export function applyDerived(
  mirror: Mirror,
  staging: Staging,
  settings: Settings,
  now: number,
): ApplyStats & { data: EnrichedData } {
  const ds = mirror.dataset();
  const meetings = stageMeetingTouches(ds, mirror, staging);
  const orphansRemoved = stageOrphanRemovals(ds, mirror, staging);
  const touches = ds.touches.filter((t) => !t.id.startsWith(MEETING_PREFIX)).concat(meetings);

  const data = enrichDataset({ ...ds, touches }, settings, createCalendar(settings.calendar), now);
  const derivedColumns = LEADS.columns.filter((c) => c.derived);
  const changed = [];
  const enrichedIds = new Set<number>();
  for (const lead of data.leads) {
    enrichedIds.add(lead.id);
    const row = derivedLeadRow(lead) as Record<string, unknown>;
    if (differs(row, mirror.get(LEADS, lead.id), derivedColumns)) changed.push(row);
  }
  // Leads outside the analysis (other pipelines, created after `now`) carry no derived values.
  for (const [key, row] of mirror.rows(LEADS)) {
    if (enrichedIds.has(Number(key))) continue;
    if (derivedColumns.some((c) => row[c.id] !== null && row[c.id] !== undefined)) {
      const cleared: Record<string, unknown> = { lead_id: row["lead_id"] };
      for (const c of derivedColumns) cleared[c.id] = null;
      changed.push(cleared);
    }
  }
  staging.put(LEADS, changed, { columns: derivedColumns.map((c) => c.id), append: false });
  stageControlPeriods(ds, mirror, staging, settings);

  return {
    leadsEnriched: data.leads.length,
    derivedRowsChanged: changed.length,
    meetingTouches: meetings.length,
    orphansRemoved,
    data,
  };
}

function stageControlPeriods(ds: Dataset, mirror: Mirror, staging: Staging, settings: Settings): void {
  const stages = ds.stages
    .map((s) => stageRow(s, controlPeriodOf(settings, s.pipelineId, s.statusId)) as Record<string, unknown>)
    .filter((r) =>
      differs(
        r,
        mirror.get(STAGES, String(r["stage_key"])),
        STAGES.columns.filter((c) => c.derived),
      ),
    );
  staging.put(STAGES, stages, { columns: ["control_period_days"], append: false });
}

/**
 * The light pass (see the file header). `since` is the start of the run's window: leads created at
 * or after it are enriched from the rows this execution wrote. Needs every row of the run in this
 * execution's mirror, so the engine uses it only for a run that took one execution.
 */
export function applyNewLeads(
  mirror: Mirror,
  staging: Staging,
  settings: Settings,
  now: number,
  since: number,
): ApplyStats {
  const rowsOf = <T>(t: TableDef, from: (r: MirrorRow) => T | null): T[] => {
    const out: T[] = [];
    for (const k of mirror.written(t)) {
      const row = mirror.get(t, k);
      const v = row ? from(row) : null;
      if (v !== null) out.push(v);
    }
    return out;
  };
  const leads = rowsOf(LEADS, leadFromRow).filter((l) => l.createdAt >= since);
  const ids = new Set(leads.map((l) => l.id));
  const tasks = rowsOf(TASKS, taskFromRow);

  // Meeting touches follow the tasks this run wrote: written when a completed meeting, removed
  // (if there) otherwise — a reopened or retyped meeting stops being a touch.
  const meetings: Touch[] = [];
  const notMeetings: string[] = [];
  for (const task of tasks) {
    const touch = meetingTouch(task);
    if (touch) meetings.push(touch);
    else notMeetings.push(`${MEETING_PREFIX}${task.id}`);
  }
  staging.put(
    TOUCHES,
    meetings.map((t) => touchRow(t) as Record<string, unknown>),
  );
  staging.remove(TOUCHES, notMeetings);

  const small = mirror.dataset();
  const ds: Dataset = {
    leads,
    stageMoves: rowsOf(STAGE_MOVES, stageMoveFromRow).filter((m) => ids.has(m.leadId)),
    tasks: tasks.filter((t) => t.leadId !== null && ids.has(t.leadId)),
    touches: rowsOf(TOUCHES, touchFromRow)
      .filter((t) => ids.has(t.leadId) && !t.id.startsWith(MEETING_PREFIX))
      .concat(meetings.filter((t) => ids.has(t.leadId))),
    users: small.users,
    stages: small.stages,
    lossReasons: small.lossReasons,
  };
  const data = enrichDataset(ds, settings, createCalendar(settings.calendar), now);
  const derivedColumns = LEADS.columns.filter((c) => c.derived);
  const changed = [];
  for (const lead of data.leads) {
    const row = derivedLeadRow(lead) as Record<string, unknown>;
    if (differs(row, mirror.get(LEADS, lead.id), derivedColumns)) changed.push(row);
  }
  staging.put(LEADS, changed, { columns: derivedColumns.map((c) => c.id), append: false });
  stageControlPeriods(ds, mirror, staging, settings);
  return {
    leadsEnriched: data.leads.length,
    derivedRowsChanged: changed.length,
    meetingTouches: meetings.length,
    orphansRemoved: 0,
  };
}

/** A completed meeting task on a lead as its touch (kpi.md: "a completed meeting"), else null. */
function meetingTouch(task: Task): Touch | null {
  if (!task.isCompleted || task.completedAt === null || task.leadId === null) return null;
  if (!MEETING_TASK_TYPES.includes(task.typeId)) return null;
  return {
    id: `${MEETING_PREFIX}${task.id}`,
    leadId: task.leadId,
    at: task.completedAt,
    userId: task.responsibleUserId,
    channel: "meeting",
    direction: "out",
    completed: true,
  };
}

/**
 * A completed meeting task on a lead is a touch (kpi.md: "a completed meeting"), at its completion
 * time, by its responsible user. Meeting touches live in amo_touches with ids "task:<id>" so a
 * sales head sees every touch in one table; they follow the task (edited, reopened, deleted).
 */
function stageMeetingTouches(ds: Dataset, mirror: Mirror, staging: Staging): Touch[] {
  const wanted: Touch[] = [];
  for (const task of ds.tasks) {
    const touch = meetingTouch(task);
    if (touch) wanted.push(touch);
  }
  const wantedIds = new Set(wanted.map((t) => t.id));
  const touchColumns = TOUCHES.columns;
  staging.put(
    TOUCHES,
    wanted
      .map((t) => touchRow(t) as Record<string, unknown>)
      .filter((r) => differs(r, mirror.get(TOUCHES, String(r["touch_id"])), touchColumns)),
  );
  const stale = [...mirror.rows(TOUCHES).keys()].filter(
    (id) => id.startsWith(MEETING_PREFIX) && !wantedIds.has(id),
  );
  staging.remove(TOUCHES, stale);
  return wanted;
}

/** Moves, touches and tasks of leads that are gone (deleted in amoCRM) are removed with them. */
function stageOrphanRemovals(ds: Dataset, mirror: Mirror, staging: Staging): number {
  const leads = new Set(ds.leads.map((l) => l.id));
  let removed = 0;
  const sweep = (t: TableDef) => {
    const ids: string[] = [];
    for (const [key, row] of mirror.rows(t)) {
      const lead = row["lead_id"];
      if (typeof lead === "number" && !leads.has(lead)) ids.push(key);
    }
    staging.remove(t, ids);
    removed += ids.length;
  };
  sweep(STAGE_MOVES);
  sweep(TOUCHES);
  sweep(TASKS);
  return removed;
}

/** Do the row's values differ from the mirrored ones in these columns (at the sheet's precision)? */
function differs(
  row: Record<string, unknown>,
  before: MirrorRow | undefined,
  columns: TableDef["columns"],
): boolean {
  if (!before) return true;
  for (const c of columns) {
    const a = normalize(row[c.id], c.type);
    const b = normalize(before[c.id], c.type);
    if (a !== b) return true;
  }
  return false;
}

function normalize(v: unknown, type: string): string | number | boolean | null {
  if (v === undefined || v === null || v === "") return null;
  // A date makes a round trip through a serial number of days: compare to the second.
  if (type === "date" && typeof v === "number") return Math.round(v / 1000);
  if (typeof v === "number") return Math.round(v * 1e6) / 1e6;
  if (typeof v === "string" || typeof v === "boolean") return v;
  return String(v);
}
