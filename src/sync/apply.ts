/**
 * The last step of a run, and the whole of a recompute after a settings change (no amoCRM call):
 * from the mirror of the raw tables, derive meeting touches, drop rows orphaned by deleted leads,
 * enrich every lead (src/core/enrich.ts) and stage only the derived cells that changed.
 */
import { createCalendar } from "../core/calendar";
import { enrichDataset } from "../core/enrich";
import { type Dataset, stageKey, type Touch } from "../core/model";
import type { Settings } from "../core/settings";
import { derivedLeadRow, stageRow, touchRow } from "../sheets/rows";
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

export function applyDerived(mirror: Mirror, staging: Staging, settings: Settings, now: number): ApplyStats {
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

  return {
    leadsEnriched: data.leads.length,
    derivedRowsChanged: changed.length,
    meetingTouches: meetings.length,
    orphansRemoved,
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
    if (!task.isCompleted || task.completedAt === null || task.leadId === null) continue;
    if (!MEETING_TASK_TYPES.includes(task.typeId)) continue;
    wanted.push({
      id: `${MEETING_PREFIX}${task.id}`,
      leadId: task.leadId,
      at: task.completedAt,
      userId: task.responsibleUserId,
      channel: "meeting",
      direction: "out",
      completed: true,
    });
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
