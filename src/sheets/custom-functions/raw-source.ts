/**
 * The raw path: amo_leads rows (with the derived columns the sync writes, src/sync/apply.ts) →
 * the engine's EnrichedData, so the numbers come from the same metric registry as everything
 * else. Nothing is re-derived that the sheet already holds: first response, SLA status, touches to
 * the win, next step, staleness are the sync's values at its "now" (the last sync).
 *
 * - A lead is in the analysis exactly when its derived cells are filled (lead_class): the sync
 *   clears them for leads outside the settings' pipelines or created after its now.
 * - Open at the sync's now exactly when days_in_stage is filled (rows.ts derivedLeadRow writes it
 *   for open deals only); won / lost: status 142 / 143 with a closing time.
 * - overdue_share needs amo_tasks (`tasks`), stage_conversion amo_stage_moves and amo_stages
 *   (`stage_moves`, `stages`): the engine's own due-status rule and stage walk are applied to them
 *   at `now` = the last-sync argument when it is a date (else the time of the call).
 */
import type { EnrichedData, EnrichedLead, SlaStatus, TaskTable } from "../../core/enrich";
import { TASK_DUE_STATUSES, taskDueStatus } from "../../core/enrich";
import { IdIndex } from "../../core/metrics/columns";
import { type StageAtNow, StageEntryWriter, walkStages } from "../../core/metrics/stage-entries";
import { StageIndex } from "../../core/metrics/stages";
import {
  type LeadClass,
  LOST_STATUS_ID,
  NONE,
  type Stage,
  type StageMove,
  stageKey,
  type Task,
  WON_STATUS_ID,
} from "../../core/model";
import { type DecodedValue, decodeCell } from "../cells";
import { stageFromRow } from "../rows";
import { STAGES, type TableDef } from "../tables";
import type { TableArg } from "./range";

const DAY_MS = 86_400_000;

/** The lead columns the raw path cannot do without. */
export const REQUIRED_LEAD_COLUMNS = [
  "lead_id",
  "price",
  "pipeline_id",
  "status_id",
  "responsible_id",
  "responsible_at_creation_id",
  "created_at",
  "closed_at",
  "source",
  "segment",
  "lead_class",
  "first_response_min",
  "answered",
  "sla_status",
  "touches_to_win",
  "has_next_step",
  "days_in_stage",
  "is_stale",
] as const;

export const REQUIRED_TASK_COLUMNS = [
  "task_id",
  "lead_id",
  "responsible_id",
  "created_at",
  "due_at",
  "is_completed",
  "completed_at",
] as const;
export const REQUIRED_MOVE_COLUMNS = ["move_id", "lead_id", "at", "to_pipeline_id", "to_status_id"] as const;
export const REQUIRED_STAGE_COLUMNS = ["pipeline_id", "status_id", "sort", "kind"] as const;

/** Names the lead rows carry next to ids: for filters by name and the matrix's labels. */
export interface RawNames {
  /** Manager id → name (current responsible's name column); ids seen only at creation have none. */
  managers: Map<number, string>;
  /** Every manager id present (responsible now or at creation). */
  managerIds: Set<number>;
  pipelines: Map<number, string>;
  sources: Set<string>;
  segments: Set<string>;
}

export interface RawInput {
  leads: TableArg;
  tasks: TableArg | null;
  moves: TableArg | null;
  stages: TableArg | null;
  /** The analysis' "now": the last sync (tasks' due status, which stage moves have happened). */
  now: number;
  timeZone: () => string;
}

export interface RawData {
  data: EnrichedData;
  names: RawNames;
}

// ---- cells → values (fast paths for what Sheets passes; decodeCell for the rest) ----

// Empty cells (most of the optional ones) and finite numbers are answered without decodeCell: a
// 100,000-row amo_leads is millions of cells (measured, bench/custom-functions.ts).
function num(c: unknown): number | null {
  if (typeof c === "number") return c - c === 0 ? c : null;
  if (c === "" || c === null || c === undefined) return null;
  return decodeCell(c, "number") as number | null;
}

function text(c: unknown): string | null {
  if (c === "" || c === null || c === undefined) return null;
  return typeof c === "string" ? c : String(c);
}

function bool(c: unknown): boolean | null {
  if (typeof c === "boolean") return c;
  if (c === "" || c === null || c === undefined) return null;
  return decodeCell(c, "bool") as boolean | null;
}

function makeDate(timeZone: () => string): (c: unknown) => number | null {
  return (c) => {
    if (c === "" || c === null || c === undefined) return null;
    if (c instanceof Date) {
      const ms = c.getTime();
      return ms - ms === 0 ? ms : null;
    }
    // A serial number (a reader of unformatted values) is local time in the spreadsheet's zone.
    return decodeCell(c, "date", typeof c === "number" ? timeZone() : "UTC") as number | null;
  };
}

/** A table argument's rows as the records rows.ts's readers take (for the small tables). */
function records(t: TableArg, def: TableDef, timeZone: () => string): Record<string, DecodedValue>[] {
  const cols = def.columns.filter((c) => t.index[c.id]! >= 0);
  const date = makeDate(timeZone);
  return t.rows.map((row) => {
    const r: Record<string, DecodedValue> = {};
    for (const c of cols) {
      const cell = row[t.index[c.id]!];
      r[c.id] = c.type === "date" ? date(cell) : decodeCell(cell, c.type);
    }
    return r;
  });
}

/** The EnrichedData of a raw-table argument set. */
export function rawData(input: RawInput): RawData {
  const { leads: L, now } = input;
  const date = makeDate(input.timeZone);
  const col = (id: string) => L.index[id]!;
  const cId = col("lead_id");
  const cPrice = col("price");
  const cPipeline = col("pipeline_id");
  const cStatus = col("status_id");
  const cResp = col("responsible_id");
  const cRespAtCreation = col("responsible_at_creation_id");
  const cCreated = col("created_at");
  const cClosed = col("closed_at");
  const cSource = col("source");
  const cSegment = col("segment");
  const cClass = col("lead_class");
  const cMinutes = col("first_response_min");
  const cAnswered = col("answered");
  const cSla = col("sla_status");
  const cToWin = col("touches_to_win");
  const cNext = col("has_next_step");
  const cDays = col("days_in_stage");
  const cStale = col("is_stale");
  // Optional columns (-1 when absent).
  const cManager = col("manager");
  const cPipelineName = col("pipeline");
  const cEntered = col("stage_entered_at");
  const cFirstAt = col("first_response_at");
  const cDeadline = col("sla_deadline");
  const cTouches = col("touches");
  const cName = col("name");

  const names: RawNames = {
    managers: new Map(),
    managerIds: new Set(),
    pipelines: new Map(),
    sources: new Set(),
    segments: new Set(),
  };
  const leads: EnrichedLead[] = [];
  for (const row of L.rows) {
    const leadClass = text(row[cClass]);
    if (leadClass === null) continue; // outside the analysis: the sync left its derived cells empty
    const id = num(row[cId]);
    const pipelineId = num(row[cPipeline]);
    const statusId = num(row[cStatus]);
    const responsible = num(row[cResp]);
    const createdAt = date(row[cCreated]);
    if (id === null || pipelineId === null || statusId === null || responsible === null || createdAt === null)
      continue;
    const atCreation = num(row[cRespAtCreation]);
    const closedAt = date(row[cClosed]);
    const source = text(row[cSource]);
    const segment = text(row[cSegment]);
    const days = num(row[cDays]);
    const isOpenAtNow = days !== null;
    const closed = closedAt !== null && !isOpenAtNow;
    const isWonAtNow = closed && statusId === WON_STATUS_ID;
    const toWin = num(row[cToWin]);
    const enteredAt = cEntered >= 0 ? date(row[cEntered]) : null;
    const firstTouchAt = cFirstAt >= 0 ? date(row[cFirstAt]) : null;

    names.managerIds.add(responsible);
    if (atCreation !== null) names.managerIds.add(atCreation);
    if (cManager >= 0) {
      const m = text(row[cManager]);
      if (m !== null && !names.managers.has(responsible)) names.managers.set(responsible, m);
    }
    if (cPipelineName >= 0 && !names.pipelines.has(pipelineId)) {
      names.pipelines.set(pipelineId, text(row[cPipelineName]) ?? "");
    }
    names.sources.add(source ?? NONE);
    names.segments.add(segment ?? NONE);

    // Every field written out, one object shape (as enrich.ts does, for V8's fast path).
    leads.push({
      id,
      name: cName >= 0 ? (text(row[cName]) ?? "") : "",
      price: num(row[cPrice]) ?? 0,
      pipelineId,
      statusId,
      responsibleUserId: responsible,
      responsibleAtCreationId: atCreation,
      createdAt,
      updatedAt: createdAt,
      closedAt,
      isDeleted: false,
      source,
      segment,
      channel: null,
      lossReasonId: null,
      contactIds: [],
      sourceKey: source ?? NONE,
      segmentKey: segment ?? NONE,
      leadClass: leadClass as LeadClass,
      firstResponseUserId: atCreation ?? responsible,
      firstTouchAt,
      answered: bool(row[cAnswered]) === true,
      firstResponseMinutes: num(row[cMinutes]) ?? 0,
      slaDeadline: cDeadline >= 0 ? (date(row[cDeadline]) ?? 0) : 0,
      slaStatus: (text(row[cSla]) ?? "pending") as SlaStatus,
      touchesTotal: cTouches >= 0 ? (num(row[cTouches]) ?? 0) : 0,
      touchesToWin: isWonAtNow ? (toWin ?? 0) : null,
      isOpenAtNow,
      isWonAtNow,
      isLostAtNow: closed && statusId === LOST_STATUS_ID,
      hasNextStep: bool(row[cNext]) === true,
      stagePipelineId: pipelineId,
      stageStatusId: statusId,
      stageKey: stageKey(pipelineId, statusId),
      stageEnteredAt: enteredAt ?? createdAt,
      daysInStage: days ?? 0,
      controlPeriodDays: 0,
      isStale: isOpenAtNow && bool(row[cStale]) === true,
    });
  }

  const directory: Stage[] = [];
  if (input.stages) {
    for (const r of records(input.stages, STAGES, input.timeZone)) {
      const s = stageFromRow(r);
      if (s) directory.push(s);
    }
  }
  // Control periods do not matter here: staleness is the sheet's is_stale.
  const stages = new StageIndex(directory, { controlPeriodDays: {}, defaultControlPeriodDays: 0 });
  const indexById = new IdIndex(leads.map((l) => l.id));
  const stageEntries = walkAllStages(input, leads, indexById, stages, now);
  const tasks = taskTable(input, indexById, now);
  return { data: { now, leads, tasks, stageEntries, stages }, names };
}

/** The engine's stage walk (stage-entries.ts) over the moves of the leads in the analysis. */
function walkAllStages(
  input: RawInput,
  leads: EnrichedLead[],
  indexById: IdIndex,
  stages: StageIndex,
  now: number,
): EnrichedData["stageEntries"] {
  const byLead: StageMove[][] = [];
  let count = 0;
  const t = input.moves;
  if (t) {
    const date = makeDate(input.timeZone);
    const [cId, cLead, cAt, cFromP, cFromS, cToP, cToS, cBy] = columnsOf(t, [
      "move_id",
      "lead_id",
      "at",
      "from_pipeline_id",
      "from_status_id",
      "to_pipeline_id",
      "to_status_id",
      "by_user_id",
    ]);
    // Read column by column into a move object per row (what walkStages takes); the rules of
    // rows.ts stageMoveFromRow: id, lead, time and target required, the rest optional.
    for (const row of t.rows) {
      const leadId = num(row[cLead!]);
      if (leadId === null) continue;
      const i = indexById.get(leadId);
      if (i < 0) continue;
      const id = text(row[cId!]);
      const at = date(row[cAt!]);
      const toPipelineId = num(row[cToP!]);
      const toStatusId = num(row[cToS!]);
      if (id === null || at === null || toPipelineId === null || toStatusId === null) continue;
      const m: StageMove = {
        id,
        leadId,
        at,
        fromPipelineId: cFromP! >= 0 ? num(row[cFromP!]) : null,
        fromStatusId: cFromS! >= 0 ? num(row[cFromS!]) : null,
        toPipelineId,
        toStatusId,
        byUserId: cBy! >= 0 ? (num(row[cBy!]) ?? 0) : 0,
      };
      const list = byLead[i];
      if (list) list.push(m);
      else byLead[i] = [m];
      count++;
    }
  }
  const out = new StageEntryWriter(leads.length + count);
  if (!t) return out.finish();
  const at: StageAtNow = { pipelineId: 0, statusId: 0, enteredAt: 0 };
  const none: StageMove[] = [];
  for (let i = 0; i < leads.length; i++) {
    // Stable by time, as enrich.ts sorts them (equal times keep the table's order).
    const own = byLead[i];
    const moves = own ? (own.length > 1 ? own.sort((a, b) => a.at - b.at) : own) : none;
    const lead = leads[i]!;
    walkStages(lead, i, moves, stages, now, out, at);
    lead.stagePipelineId = at.pipelineId;
    lead.stageStatusId = at.statusId;
    lead.stageKey = stageKey(at.pipelineId, at.statusId);
    lead.stageEnteredAt = at.enteredAt;
    lead.daysInStage = (now - at.enteredAt) / DAY_MS;
  }
  return out.finish();
}

/**
 * The engine's task table (enrich.ts scanTasks): tasks created by now, on a lead in the analysis or
 * on none, with the engine's due status at now. The rules of rows.ts taskFromRow: id, responsible,
 * creation and due time required.
 */
function taskTable(input: RawInput, indexById: IdIndex, now: number): TaskTable {
  const items: Task[] = [];
  const lead: number[] = [];
  const dueStatus: number[] = [];
  const id: number[] = [];
  const responsibleUserId: number[] = [];
  const dueAt: number[] = [];
  const t = input.tasks;
  if (t) {
    const date = makeDate(input.timeZone);
    const [cId, cLead, cResp, cType, cCreated, cDue, cDone, cDoneAt] = columnsOf(t, [
      "task_id",
      "lead_id",
      "responsible_id",
      "type_id",
      "created_at",
      "due_at",
      "is_completed",
      "completed_at",
    ]);
    for (const row of t.rows) {
      const taskId = num(row[cId!]);
      const responsible = num(row[cResp!]);
      const createdAt = date(row[cCreated!]);
      const due = date(row[cDue!]);
      if (taskId === null || responsible === null || createdAt === null || due === null) continue;
      if (createdAt > now) continue;
      const leadId = num(row[cLead!]);
      let i = -1;
      if (leadId !== null) {
        i = indexById.get(leadId);
        if (i < 0) continue;
      }
      const task: Task = {
        id: taskId,
        leadId,
        responsibleUserId: responsible,
        typeId: cType! >= 0 ? (num(row[cType!]) ?? 1) : 1,
        text: "",
        createdAt,
        dueAt: due,
        isCompleted: bool(row[cDone!]) ?? false,
        completedAt: date(row[cDoneAt!]),
      };
      items.push(task);
      lead.push(i);
      dueStatus.push(TASK_DUE_STATUSES.indexOf(taskDueStatus(task, now)));
      id.push(taskId);
      responsibleUserId.push(responsible);
      dueAt.push(due);
    }
  }
  return { items, lead, dueStatus, id, responsibleUserId, dueAt };
}

/** Column indices of `ids` in a table argument (-1 when absent). */
function columnsOf(t: TableArg, ids: readonly string[]): number[] {
  return ids.map((id) => t.index[id] ?? -1);
}
