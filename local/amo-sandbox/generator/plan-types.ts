/**
 * The plan: what the generator decided happens to each lead, in Unix seconds. Both the API
 * emitters and the truth read the plan (after `truncateAtNow`), never each other.
 */
import type { LeadClass } from "../../../src/core/model";

export type Channel = "call" | "chat" | "widget" | "form" | "email" | "social" | "other";

/**
 * new: a first-time deal; repeat: an existing customer's new deal (pipeline "Повторные продажи");
 * junk: spam from a form or chat, deleted; duplicate: a real-looking lead deleted as a double.
 */
export type LeadKind = "new" | "repeat" | "junk" | "duplicate";

export type TouchKind =
  | "call_out"
  | "call_in"
  | "chat_out"
  | "chat_in"
  | "mail_out"
  | "mail_in"
  | "sms_out"
  | "meeting";

export interface TouchPlan {
  at: number;
  kind: TouchKind;
  /** Who made it; 0 = robot, Salesbot or the client side. */
  userId: number;
  /** Calls: the conversation took place (call_status 4, duration > 0). */
  answered: boolean;
  /** Recorded on the lead's contact (entity_type contact) instead of on the lead. */
  onContact: boolean;
  /** The meeting task behind a meeting touch. */
  task?: TaskPlan;
}

export interface MovePlan {
  at: number;
  fromPipeline: number;
  fromStatus: number;
  toPipeline: number;
  toStatus: number;
  /** 0 = robot (digital pipeline). */
  by: number;
}

export interface TaskPlan {
  leadIdx: number | null;
  contactIdx: number | null;
  responsible: number;
  createdBy: number;
  type: 1 | 2;
  text: string;
  createdAt: number;
  /** complete_till. */
  dueAt: number;
  /** Null while open. Expressed in the API as a task_completed event and updated_at. */
  completedAt: number | null;
  completedBy: number;
  result: string | null;
  /** One earlier deadline the task had before it was moved to dueAt. */
  deadlineChange: { at: number; before: number; by: number } | null;
  id: number;
}

export interface ContactPlan {
  idx: number;
  createdAt: number;
  createdBy: number;
  responsible: number;
  firstName: string;
  lastName: string;
  phone: string;
  email: string | null;
  /** Leads of this contact, in creation order (deleted ones included). */
  leadIdxs: number[];
  id: number;
}

export interface LeadPlan {
  idx: number;
  kind: LeadKind;
  name: string;
  createdAt: number;
  /** 0 for leads that arrived by themselves (form, chat, call), else the manager who typed it in. */
  createdBy: number;
  channel: Channel;
  source: string | null;
  segment: string | null;
  utm: { source: string; medium: string; campaign: string } | null;
  cls: LeadClass;
  managerAtCreation: number;
  reassign: { at: number; to: number; by: number } | null;
  startPipeline: number;
  startStatus: number;
  /** Created in "Продажи" by an existing customer's call and moved to "Повторные продажи". */
  movesPipeline: boolean;
  contactIdx: number;

  /** The SLA outcome drawn for the lead (realised only when the touch happens by now). */
  slaPlan: "met" | "breach";
  /** The SLA deadline (class norm from createdAt). */
  deadline: number;
  /** Planned first counted touch; null = never answered. May lie after now (then truncated). */
  firstTouchAt: number | null;
  /** The first touch is the client's own incoming call, answered on the spot. */
  inboundAnswered: boolean;
  /** Planned close (142/143); null = stays open. May lie after now. */
  closeAt: number | null;
  outcome: "won" | "lost" | null;
  price: number;
  lossReasonId: number | null;
  deleteAt: number | null;
  deletedBy: number;

  moves: MovePlan[];
  touches: TouchPlan[];
  tasks: TaskPlan[];
  id: number;
}

/** What is true at "now" for a lead, derived once after truncation. */
export interface LeadState {
  pipelineId: number;
  statusId: number;
  responsible: number;
  closedAt: number | null;
  won: boolean;
  lost: boolean;
}
