/**
 * The domain model: the raw rows the sync writes and every metric reads.
 *
 * Pure data, no behaviour. All instants are epoch milliseconds (UTC); amoCRM's Unix seconds are
 * converted by the mapping in src/amo. Ids are amoCRM's own (numbers; event ids are strings there,
 * so stage moves and touches keep string ids).
 */

/** amoCRM's system status ids, the same in every pipeline [DOC leads-api]. */
export const WON_STATUS_ID = 142;
export const LOST_STATUS_ID = 143;

/** The value used for an unmapped or empty source / segment (kpi.md: "Unmapped or empty → (none)"). */
export const NONE = "(none)";

export type LeadClass = "hot" | "warm" | "cold";
export const LEAD_CLASSES: readonly LeadClass[] = ["hot", "warm", "cold"];

export interface Lead {
  id: number;
  name: string;
  /** Budget in the account currency (`price`). */
  price: number;
  pipelineId: number;
  statusId: number;
  /** The responsible user now (`responsible_user_id`). Used for closing metrics and snapshots. */
  responsibleUserId: number;
  /**
   * The responsible user when the lead was created, if the responsibility history is known
   * (earliest `entity_responsible_changed` event's `value_before`); null → same as now.
   * first_response and sla_share are attributed to this user (see docs/metrics.md).
   */
  responsibleAtCreationId: number | null;
  createdAt: number;
  updatedAt: number;
  /** `closed_at`: set when the lead reached 142 or 143; null while open. */
  closedAt: number | null;
  isDeleted: boolean;
  /** Mapped source (amoCRM source, UTM, or the custom field chosen in settings); null = none. */
  source: string | null;
  /** Mapped segment (custom field chosen in settings); null = none. */
  segment: string | null;
  /**
   * The channel the lead came through, used by the lead-class rules: e.g. "call", "chat",
   * "widget", "form", "email", "social" (amoCRM unsorted category or a mapped field); null = unknown.
   */
  channel: string | null;
  lossReasonId: number | null;
  contactIds: number[];
}

/** One `lead_status_changed` event: the lead entered (toPipelineId, toStatusId) at `at`. */
export interface StageMove {
  id: string;
  leadId: number;
  at: number;
  fromPipelineId: number | null;
  fromStatusId: number | null;
  toPipelineId: number;
  toStatusId: number;
  /** `created_by` of the event; 0 = robot / system. */
  byUserId: number;
}

export interface Task {
  id: number;
  /** The lead the task is attached to (`entity_type = leads`), or null (contact/company/none). */
  leadId: number | null;
  responsibleUserId: number;
  /** amoCRM task type: 1 = follow-up/call, 2 = meeting, others custom. */
  typeId: number;
  text: string;
  createdAt: number;
  /** `complete_till`: the deadline. */
  dueAt: number;
  isCompleted: boolean;
  /** When it was completed (`task_completed` event; fallback `updated_at`); null while open. */
  completedAt: number | null;
}

export type TouchChannel = "call" | "email" | "chat" | "sms" | "meeting";
export type TouchDirection = "out" | "in";

/**
 * A contact event on a lead (or on its contact, attributed to that lead by the mapping).
 * Whether it *counts* as a touch is decided in one place, `isCountedTouch` in touches.ts:
 * kpi.md counts outgoing calls, answered incoming calls, outgoing e-mails, outgoing chat
 * messages / SMS and completed meetings made by a user; incoming-only messages, system notes and
 * robots' actions do not count.
 */
export interface Touch {
  id: string;
  leadId: number;
  at: number;
  /** The user who made it; 0 = robot / system (`created_by: 0`). */
  userId: number;
  channel: TouchChannel;
  direction: TouchDirection;
  /**
   * Calls: true when the call connected (call_status 4 or duration > 0); meetings: true when the
   * meeting took place (task completed). null when not applicable.
   */
  completed: boolean | null;
}

export interface User {
  id: number;
  name: string;
  isActive: boolean;
  groupId: number | null;
}

export type StageKind = "open" | "won" | "lost" | "unsorted";

export interface Stage {
  pipelineId: number;
  /** amoCRM status id (142/143 repeat in every pipeline, so a stage is keyed by both ids). */
  statusId: number;
  pipelineName: string;
  name: string;
  /** Order inside the pipeline (`sort`). */
  sort: number;
  kind: StageKind;
}

export interface LossReason {
  id: number;
  name: string;
}

/** Everything the metrics read. */
export interface Dataset {
  leads: Lead[];
  stageMoves: StageMove[];
  tasks: Task[];
  touches: Touch[];
  users: User[];
  stages: Stage[];
  lossReasons: LossReason[];
}

export function stageKey(pipelineId: number, statusId: number): string {
  return `${pipelineId}:${statusId}`;
}

export function isClosedStatus(statusId: number): boolean {
  return statusId === WON_STATUS_ID || statusId === LOST_STATUS_ID;
}
