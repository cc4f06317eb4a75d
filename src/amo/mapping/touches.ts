/**
 * Touch rows from events and completed meeting tasks. Every contact event becomes a row, robots'
 * (created_by 0) and incoming ones included: whether it counts is decided in one place in core
 * (docs/metrics.md "Touches"), from `userId`, `direction` and `completed`.
 */
import type { Task, Touch, TouchChannel, TouchDirection } from "../../core/model";
import type { ApiTask } from "../schemas/entities";
import type { ApiEvent, ApiNote } from "../schemas/events";
import type { ContactAttribution } from "./attribution";
import { ms } from "./time";

/**
 * Event types that are contacts with the client. Calls, SMS, chat messages: amoCRM docs [DOC];
 * incoming_mail / outgoing_mail: Kommo docs and a real account's /events/types [DOC Kommo][OBS].
 * `entity_direct_message` (users' internal chat) is not a touch.
 */
export const TOUCH_EVENT_TYPES: Readonly<
  Record<string, { channel: TouchChannel; direction: TouchDirection }>
> = {
  outgoing_call: { channel: "call", direction: "out" },
  incoming_call: { channel: "call", direction: "in" },
  outgoing_chat_message: { channel: "chat", direction: "out" },
  incoming_chat_message: { channel: "chat", direction: "in" },
  outgoing_mail: { channel: "email", direction: "out" },
  incoming_mail: { channel: "email", direction: "in" },
  outgoing_sms: { channel: "sms", direction: "out" },
  incoming_sms: { channel: "sms", direction: "in" },
};

export type TouchDropReason =
  /** An event on a contact with no lead (of those known) open at that time. */
  | "contact_without_open_lead"
  /** An event on a company, customer, … */
  | "unsupported_entity"
  /** A completed meeting task attached to nothing or to a company. */
  | "meeting_without_lead";

export type TouchResult = { touch: Touch } | { dropped: TouchDropReason };

export interface TouchContext {
  /** Call notes by id (from /leads/notes and /contacts/notes; ids believed unique account-wide [BELIEF]). */
  notesById: ReadonlyMap<number, ApiNote>;
  contacts: ContactAttribution;
  /** Task types that are meetings (default [2], "MEETING" [DOC account task_types]). */
  meetingTaskTypeIds?: readonly number[];
}

function toNumber(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/**
 * Did the call connect? call_status 4 = "conversation took place" [DOC calls-api] or a positive
 * duration; telephony integrations fill these inconsistently, so either suffices [BELIEF].
 */
export function callConnected(note: ApiNote): boolean {
  const p = note.params ?? {};
  return toNumber(p["call_status"]) === 4 || (toNumber(p["duration"]) ?? 0) > 0;
}

function linkedNoteId(e: ApiEvent): number | null {
  const v = e.value_after?.[0] as { note?: { id?: unknown } } | undefined;
  return typeof v?.note?.id === "number" ? v.note.id : null;
}

/** The lead an event belongs to: its own entity, or the contact's open lead. */
function leadOf(
  entityType: string,
  entityId: number,
  at: number,
  ctx: TouchContext,
): number | TouchDropReason {
  if (entityType === "lead" || entityType === "leads") return entityId;
  if (entityType === "contact" || entityType === "contacts") {
    return ctx.contacts.leadFor(entityId, at) ?? "contact_without_open_lead";
  }
  return "unsupported_entity";
}

/**
 * A touch from an event, or null when the type is not a contact type. Chat events linked to a
 * talk come back as `entity_type: "lead"` with `linked_talk_contact_id` and are taken as on that
 * lead; when the lead was deleted they come as `contact` [DOC] and go through attribution.
 * `completed` for calls: from the linked note; null when the note is not known (an incoming call
 * then does not count — see MappingStats.callsWithoutNote).
 */
export function mapTouchEvent(
  e: ApiEvent,
  ctx: TouchContext,
): (TouchResult & { noteMissing?: boolean }) | null {
  const kind = TOUCH_EVENT_TYPES[e.type];
  if (!kind) return null;
  const at = ms(e.created_at);
  const lead = leadOf(e.entity_type, e.entity_id, at, ctx);
  if (typeof lead !== "number") return { dropped: lead };
  let completed: boolean | null = null;
  let noteMissing = false;
  if (kind.channel === "call") {
    const noteId = linkedNoteId(e);
    const note = noteId === null ? undefined : ctx.notesById.get(noteId);
    if (note) completed = callConnected(note);
    else noteMissing = true;
  }
  return {
    touch: {
      id: e.id,
      leadId: lead,
      at,
      userId: e.created_by,
      channel: kind.channel,
      direction: kind.direction,
      completed,
    },
    noteMissing,
  };
}

/**
 * A completed meeting task as a meeting touch (id "task:{id}", at its completion, by its
 * responsible user — the one who held it [BELIEF]); null when the task is not a completed meeting.
 */
export function meetingTouch(api: ApiTask, task: Task, ctx: TouchContext): TouchResult | null {
  const meetingTypes = ctx.meetingTaskTypeIds ?? [2];
  if (!task.isCompleted || task.completedAt === null || !meetingTypes.includes(task.typeId)) return null;
  if (api.entity_type === null || api.entity_type === undefined || typeof api.entity_id !== "number") {
    return { dropped: "meeting_without_lead" };
  }
  const lead = leadOf(api.entity_type, api.entity_id, task.completedAt, ctx);
  if (lead === "unsupported_entity") return { dropped: "meeting_without_lead" };
  if (typeof lead !== "number") return { dropped: lead };
  return {
    touch: {
      id: `task:${task.id}`,
      leadId: lead,
      at: task.completedAt,
      userId: task.responsibleUserId,
      channel: "meeting",
      direction: "out",
      completed: true,
    },
  };
}
