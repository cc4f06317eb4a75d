/**
 * Domain objects (src/core/model.ts) ↔ raw-table rows. The sync maps what amoCRM returned into the
 * model, then into rows with these; recomputation after a settings change reads the rows back into
 * a Dataset (datasetFromSheets) without calling amoCRM.
 */
import type { Locale } from "../core/i18n";
import {
  type Dataset,
  type Lead,
  LOST_STATUS_ID,
  type LossReason,
  type Stage,
  type StageKind,
  type StageMove,
  stageKey,
  type Task,
  type Touch,
  type TouchChannel,
  type TouchDirection,
  type User,
  WON_STATUS_ID,
} from "../core/model";
import { isCountedTouch } from "../core/touches";
import type { DecodedValue } from "./cells";
import type { SheetPort } from "./port";
import {
  LEADS,
  LOSS_REASONS,
  type RowOf,
  STAGE_MOVES,
  STAGES,
  TASKS,
  type TableDef,
  TOUCHES,
  USERS,
} from "./tables";
import { readTable } from "./upsert";

export type LeadRow = RowOf<typeof LEADS>;
export type StageMoveRow = RowOf<typeof STAGE_MOVES>;
export type TaskRow = RowOf<typeof TASKS>;
export type TouchRow = RowOf<typeof TOUCHES>;
export type UserRow = RowOf<typeof USERS>;
export type StageRow = RowOf<typeof STAGES>;
export type LossReasonRow = RowOf<typeof LOSS_REASONS>;

/** Names the lead rows show next to ids. */
export interface NameBook {
  user(id: number | null): string | null;
  pipeline(id: number): string | null;
  stage(pipelineId: number, statusId: number): string | null;
  lossReason(id: number | null): string | null;
}

export function nameBook(ds: Pick<Dataset, "users" | "stages" | "lossReasons">): NameBook {
  const users = new Map(ds.users.map((u) => [u.id, u.name]));
  const pipelines = new Map(ds.stages.map((s) => [s.pipelineId, s.pipelineName]));
  const stages = new Map(ds.stages.map((s) => [stageKey(s.pipelineId, s.statusId), s.name]));
  const reasons = new Map(ds.lossReasons.map((r) => [r.id, r.name]));
  return {
    user: (id) => (id === null ? null : (users.get(id) ?? null)),
    pipeline: (id) => pipelines.get(id) ?? null,
    stage: (p, s) => stages.get(stageKey(p, s)) ?? null,
    lossReason: (id) => (id === null ? null : (reasons.get(id) ?? null)),
  };
}

/** The deal's page in amoCRM / Kommo: `https://<sub>.amocrm.ru` → `…/leads/detail/<id>`. */
export function leadUrl(accountBaseUrl: string, id: number): string {
  return `${accountBaseUrl.replace(/\/+$/, "")}/leads/detail/${id}`;
}

export function statusKind(statusId: number): "open" | "won" | "lost" {
  return statusId === WON_STATUS_ID ? "won" : statusId === LOST_STATUS_ID ? "lost" : "open";
}

/** The CRM columns of a lead row (derived columns are left out: see derivedLeadRow). */
export function leadRow(lead: Lead, names: NameBook, accountBaseUrl: string): LeadRow {
  return {
    lead_id: lead.id,
    name: lead.name,
    price: lead.price,
    pipeline_id: lead.pipelineId,
    pipeline: names.pipeline(lead.pipelineId),
    status_id: lead.statusId,
    status: names.stage(lead.pipelineId, lead.statusId),
    status_kind: statusKind(lead.statusId),
    responsible_id: lead.responsibleUserId,
    manager: names.user(lead.responsibleUserId),
    responsible_at_creation_id: lead.responsibleAtCreationId,
    created_at: lead.createdAt,
    updated_at: lead.updatedAt,
    closed_at: lead.closedAt,
    source: lead.source,
    segment: lead.segment,
    channel: lead.channel,
    loss_reason_id: lead.lossReasonId,
    loss_reason: names.lossReason(lead.lossReasonId),
    contact_ids: lead.contactIds.join(","),
    url: accountBaseUrl ? leadUrl(accountBaseUrl, lead.id) : null,
  };
}

/**
 * What the derived lead columns are computed from: a structural subset of core/enrich.ts's
 * EnrichedLead (so an EnrichedLead can be passed as is).
 */
export interface DerivedLeadFields {
  id: number;
  leadClass: string;
  firstTouchAt: number | null;
  firstResponseMinutes: number;
  answered: boolean;
  slaDeadline: number;
  slaStatus: string;
  touchesTotal: number;
  touchesToWin: number | null;
  hasNextStep: boolean;
  stageEnteredAt: number;
  daysInStage: number;
  isStale: boolean;
  /** Days in stage are shown for deals open at "now" only (see derivedLeadRow). */
  isOpenAtNow?: boolean;
}

/** The key and derived columns of a lead row (for writeDerivedColumns, or merged into leadRow). */
export function derivedLeadRow(e: DerivedLeadFields): LeadRow {
  return {
    lead_id: e.id,
    lead_class: e.leadClass,
    first_response_at: e.firstTouchAt,
    first_response_min: round(e.firstResponseMinutes, 1),
    answered: e.answered,
    sla_deadline: e.slaDeadline,
    sla_status: e.slaStatus,
    touches: e.touchesTotal,
    touches_to_win: e.touchesToWin,
    has_next_step: e.hasNextStep,
    stage_entered_at: e.stageEnteredAt,
    // Whole days: the value a sales head reads ("12 days"), and it changes once a day rather than on
    // every sync, so an incremental sync rewrites only rows that really changed. Only for open deals:
    // a closed deal's "days since it closed" means nothing here and would rewrite every row daily.
    days_in_stage: e.isOpenAtNow === false ? null : Math.floor(e.daysInStage),
    is_stale: e.isStale,
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function stageMoveRow(m: StageMove): StageMoveRow {
  return {
    move_id: m.id,
    lead_id: m.leadId,
    at: m.at,
    from_pipeline_id: m.fromPipelineId,
    from_status_id: m.fromStatusId,
    to_pipeline_id: m.toPipelineId,
    to_status_id: m.toStatusId,
    by_user_id: m.byUserId,
  };
}

export function taskRow(t: Task): TaskRow {
  return {
    task_id: t.id,
    lead_id: t.leadId,
    responsible_id: t.responsibleUserId,
    type_id: t.typeId,
    text: t.text,
    created_at: t.createdAt,
    due_at: t.dueAt,
    is_completed: t.isCompleted,
    completed_at: t.completedAt,
  };
}

export function touchRow(t: Touch): TouchRow {
  return {
    touch_id: t.id,
    lead_id: t.leadId,
    at: t.at,
    user_id: t.userId,
    channel: t.channel,
    direction: t.direction,
    completed: t.completed,
    counted: isCountedTouch(t),
  };
}

export function userRow(u: User): UserRow {
  return { user_id: u.id, name: u.name, is_active: u.isActive, group_id: u.groupId };
}

/** controlPeriodDays: the stage's control period from settings (derived; rewritten on a settings change). */
export function stageRow(s: Stage, controlPeriodDays: number): StageRow {
  return {
    stage_key: stageKey(s.pipelineId, s.statusId),
    pipeline_id: s.pipelineId,
    pipeline: s.pipelineName,
    status_id: s.statusId,
    name: s.name,
    sort: s.sort,
    kind: s.kind,
    control_period_days: controlPeriodDays,
  };
}

export function lossReasonRow(r: LossReason): LossReasonRow {
  return { loss_reason_id: r.id, name: r.name };
}

// ---- back from rows ----

type Rec = Record<string, DecodedValue>;

function num(v: DecodedValue): number | null {
  return typeof v === "number" ? v : null;
}
function str(v: DecodedValue): string | null {
  return v === null ? null : String(v);
}
function bool(v: DecodedValue): boolean | null {
  return typeof v === "boolean" ? v : null;
}

/** A lead row → Lead, or null when a required field is unreadable (the row is skipped). */
export function leadFromRow(r: Rec): Lead | null {
  const id = num(r["lead_id"] ?? null);
  const pipelineId = num(r["pipeline_id"] ?? null);
  const statusId = num(r["status_id"] ?? null);
  const responsible = num(r["responsible_id"] ?? null);
  const createdAt = num(r["created_at"] ?? null);
  if (id === null || pipelineId === null || statusId === null || responsible === null || createdAt === null) {
    return null;
  }
  const contacts = str(r["contact_ids"] ?? null);
  return {
    id,
    name: str(r["name"] ?? null) ?? "",
    price: num(r["price"] ?? null) ?? 0,
    pipelineId,
    statusId,
    responsibleUserId: responsible,
    responsibleAtCreationId: num(r["responsible_at_creation_id"] ?? null),
    createdAt,
    updatedAt: num(r["updated_at"] ?? null) ?? createdAt,
    closedAt: num(r["closed_at"] ?? null),
    isDeleted: false,
    source: str(r["source"] ?? null),
    segment: str(r["segment"] ?? null),
    channel: str(r["channel"] ?? null),
    lossReasonId: num(r["loss_reason_id"] ?? null),
    contactIds: contacts
      ? contacts
          .split(/[,;\s]+/)
          .map(Number)
          .filter((n) => Number.isFinite(n) && n > 0)
      : [],
  };
}

export function stageMoveFromRow(r: Rec): StageMove | null {
  const id = str(r["move_id"] ?? null);
  const leadId = num(r["lead_id"] ?? null);
  const at = num(r["at"] ?? null);
  const toPipelineId = num(r["to_pipeline_id"] ?? null);
  const toStatusId = num(r["to_status_id"] ?? null);
  if (id === null || leadId === null || at === null || toPipelineId === null || toStatusId === null)
    return null;
  return {
    id,
    leadId,
    at,
    fromPipelineId: num(r["from_pipeline_id"] ?? null),
    fromStatusId: num(r["from_status_id"] ?? null),
    toPipelineId,
    toStatusId,
    byUserId: num(r["by_user_id"] ?? null) ?? 0,
  };
}

export function taskFromRow(r: Rec): Task | null {
  const id = num(r["task_id"] ?? null);
  const responsible = num(r["responsible_id"] ?? null);
  const createdAt = num(r["created_at"] ?? null);
  const dueAt = num(r["due_at"] ?? null);
  if (id === null || responsible === null || createdAt === null || dueAt === null) return null;
  return {
    id,
    leadId: num(r["lead_id"] ?? null),
    responsibleUserId: responsible,
    typeId: num(r["type_id"] ?? null) ?? 1,
    text: str(r["text"] ?? null) ?? "",
    createdAt,
    dueAt,
    isCompleted: bool(r["is_completed"] ?? null) ?? false,
    completedAt: num(r["completed_at"] ?? null),
  };
}

const CHANNELS: ReadonlySet<string> = new Set<TouchChannel>(["call", "email", "chat", "sms", "meeting"]);

export function touchFromRow(r: Rec): Touch | null {
  const id = str(r["touch_id"] ?? null);
  const leadId = num(r["lead_id"] ?? null);
  const at = num(r["at"] ?? null);
  const channel = str(r["channel"] ?? null);
  const direction = str(r["direction"] ?? null);
  if (id === null || leadId === null || at === null || channel === null || !CHANNELS.has(channel))
    return null;
  if (direction !== "in" && direction !== "out") return null;
  return {
    id,
    leadId,
    at,
    userId: num(r["user_id"] ?? null) ?? 0,
    channel: channel as TouchChannel,
    direction: direction as TouchDirection,
    completed: bool(r["completed"] ?? null),
  };
}

export function userFromRow(r: Rec): User | null {
  const id = num(r["user_id"] ?? null);
  if (id === null) return null;
  return {
    id,
    name: str(r["name"] ?? null) ?? "",
    isActive: bool(r["is_active"] ?? null) ?? true,
    groupId: num(r["group_id"] ?? null),
  };
}

const KINDS: ReadonlySet<string> = new Set<StageKind>(["open", "won", "lost", "unsorted"]);

export function stageFromRow(r: Rec): Stage | null {
  const pipelineId = num(r["pipeline_id"] ?? null);
  const statusId = num(r["status_id"] ?? null);
  if (pipelineId === null || statusId === null) return null;
  const kind = str(r["kind"] ?? null);
  return {
    pipelineId,
    statusId,
    pipelineName: str(r["pipeline"] ?? null) ?? "",
    name: str(r["name"] ?? null) ?? "",
    sort: num(r["sort"] ?? null) ?? 0,
    kind: kind !== null && KINDS.has(kind) ? (kind as StageKind) : statusKind(statusId),
  };
}

export function lossReasonFromRow(r: Rec): LossReason | null {
  const id = num(r["loss_reason_id"] ?? null);
  if (id === null) return null;
  return { id, name: str(r["name"] ?? null) ?? "" };
}

function readAll<T>(port: SheetPort, t: TableDef, locale: Locale, from: (r: Rec) => T | null): T[] {
  const base = t.columns.filter((c) => !c.derived).map((c) => c.id);
  const out: T[] = [];
  for (const r of readTable(port, t, { locale, columns: base }).rows) {
    const v = from(r as Rec);
    if (v !== null) out.push(v);
  }
  return out;
}

/** The three small directory tables (users, stages, loss reasons): names for sheets and cards. */
export function directoriesFromSheets(
  port: SheetPort,
  locale: Locale,
): Pick<Dataset, "users" | "stages" | "lossReasons"> {
  return {
    users: readAll(port, USERS, locale, userFromRow),
    stages: readAll(port, STAGES, locale, stageFromRow),
    lossReasons: readAll(port, LOSS_REASONS, locale, lossReasonFromRow),
  };
}

/**
 * The Dataset as the raw sheets hold it (derived columns not read): the input of enrichment when
 * settings change. Rows whose required cells are unreadable are skipped. Missing sheets → empty.
 */
export function datasetFromSheets(port: SheetPort, locale: Locale): Dataset {
  return {
    leads: readAll(port, LEADS, locale, leadFromRow),
    stageMoves: readAll(port, STAGE_MOVES, locale, stageMoveFromRow),
    tasks: readAll(port, TASKS, locale, taskFromRow),
    touches: readAll(port, TOUCHES, locale, touchFromRow),
    ...directoriesFromSheets(port, locale),
  };
}
