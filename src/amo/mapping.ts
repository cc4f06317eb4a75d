/**
 * API objects → the raw rows of src/core/model.ts. The pieces (mapping/*.ts) work one object at
 * a time so an incremental sync can map page by page; `mapAccountData` does a whole pull at once
 * and says what it dropped and why.
 */
import type { Dataset, Lead, Touch } from "../core/model";
import { ContactAttribution, type LeadLink } from "./mapping/attribution";
import { lossReasonsFromLeads, mapLossReasons, mapStages, mapUser } from "./mapping/dictionaries";
import { type LeadMappingOptions, mapLead, responsibleAtCreation } from "./mapping/leads";
import { mapStageMove } from "./mapping/stage-moves";
import { mapTask, taskCompletionTimes } from "./mapping/tasks";
import { mapTouchEvent, meetingTouch, type TouchDropReason, type TouchResult } from "./mapping/touches";
import type { ApiLossReason, ApiPipeline, ApiUser } from "./schemas/dictionaries";
import type { ApiLead, ApiTask } from "./schemas/entities";
import type { ApiEvent, ApiNote } from "./schemas/events";

export { ContactAttribution, type LeadLink } from "./mapping/attribution";
export { lossReasonsFromLeads, mapLossReasons, mapStages, mapUser, stageKind } from "./mapping/dictionaries";
export { type Channel, customFieldText, normalizeChannel, trackingText } from "./mapping/fields";
export { type LeadMappingOptions, mapLead, responsibleAtCreation } from "./mapping/leads";
export { mapStageMove } from "./mapping/stage-moves";
export { mapTask, taskCompletionTimes } from "./mapping/tasks";
export {
  callConnected,
  mapTouchEvent,
  meetingTouch,
  TOUCH_EVENT_TYPES,
  type TouchContext,
  type TouchDropReason,
  type TouchResult,
} from "./mapping/touches";

export interface MappingOptions extends LeadMappingOptions {
  /** Task types that are meetings (default [2]; the account's `MEETING` type [DOC]). */
  meetingTaskTypeIds?: readonly number[];
}

export interface MappingInput {
  leads: readonly ApiLead[];
  /** lead_status_changed, entity_responsible_changed, task_completed and the touch types. */
  events: readonly ApiEvent[];
  tasks: readonly ApiTask[];
  /** call_in / call_out notes of leads and contacts (for answered / connected). */
  notes?: readonly ApiNote[];
  users?: readonly ApiUser[];
  pipelines?: readonly ApiPipeline[];
  /** When empty, the reasons embedded in leads are used. */
  lossReasons?: readonly ApiLossReason[];
  /** Leads known from earlier syncs, also candidates for contact events (incremental sync). */
  knownLeads?: readonly LeadLink[];
}

export type DropReason = TouchDropReason | "stage_move_without_status";

export interface MappingStats {
  /** Events and tasks that became no row, by reason. */
  dropped: Record<DropReason, number>;
  /** Call touches whose note was not in `notes`: `completed` is null (an incoming one does not count). */
  callsWithoutNote: number;
  /** Touches on a contact given to one of its leads. */
  contactEventsAttributed: number;
}

export interface MappingResult extends Dataset {
  stats: MappingStats;
}

export function mapAccountData(input: MappingInput, options: MappingOptions = {}): MappingResult {
  const stats: MappingStats = {
    dropped: {
      contact_without_open_lead: 0,
      unsupported_entity: 0,
      meeting_without_lead: 0,
      stage_move_without_status: 0,
    },
    callsWithoutNote: 0,
    contactEventsAttributed: 0,
  };

  const atCreation = responsibleAtCreation(input.events);
  const leads: Lead[] = input.leads.map((l) => mapLead(l, options, atCreation.get(l.id) ?? null));
  const fetched = new Set(leads.map((l) => l.id));
  const contacts = new ContactAttribution([
    ...leads,
    ...(input.knownLeads ?? []).filter((l) => !fetched.has(l.id)),
  ]);
  const ctx = {
    notesById: new Map((input.notes ?? []).map((n) => [n.id, n])),
    contacts,
    meetingTaskTypeIds: options.meetingTaskTypeIds ?? [2],
  };

  const stageMoves = [];
  const touches = new Map<string, Touch>();
  const keep = (r: TouchResult, onContact: boolean) => {
    if ("dropped" in r) {
      stats.dropped[r.dropped]++;
      return;
    }
    if (onContact) stats.contactEventsAttributed++;
    touches.set(r.touch.id, r.touch);
  };

  for (const e of input.events) {
    if (e.type === "lead_status_changed") {
      const move = mapStageMove(e);
      if (move) stageMoves.push(move);
      else stats.dropped[e.entity_type === "lead" ? "stage_move_without_status" : "unsupported_entity"]++;
      continue;
    }
    const r = mapTouchEvent(e, ctx);
    if (!r) continue;
    // Chat events may be fetched both as lead and as contact events; ids dedupe them.
    if ("touch" in r && touches.has(r.touch.id)) continue;
    if (r.noteMissing) stats.callsWithoutNote++;
    keep(r, e.entity_type === "contact");
  }

  const completions = taskCompletionTimes(input.events);
  const tasks = input.tasks.map((t) => {
    const task = mapTask(t, completions.get(t.id) ?? null);
    const meeting = meetingTouch(t, task, ctx);
    if (meeting) keep(meeting, t.entity_type === "contacts");
    return task;
  });

  return {
    leads,
    stageMoves,
    tasks,
    touches: [...touches.values()],
    users: (input.users ?? []).map(mapUser),
    stages: mapStages(input.pipelines ?? []),
    lossReasons:
      input.lossReasons && input.lossReasons.length > 0
        ? mapLossReasons(input.lossReasons)
        : lossReasonsFromLeads(input.leads),
    stats,
  };
}
