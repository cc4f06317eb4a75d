/**
 * What each step of a sync run fetches from amoCRM and which rows it stages. Steps that walk a
 * paged list resume from a saved `Page.next`; the engine (engine.ts) decides when to flush and
 * checkpoint. Order matters: leads come before everything that is attributed to a lead through its
 * contact, tasks before the events that complete them.
 *
 * Sources of each raw table (see src/amo/README.md for the facts behind them):
 * - amo_leads: /leads (with contacts, loss_reason, source), in the chosen pipelines; deleted leads
 *   from `with=only_deleted` are removed; `responsible_at_creation_id` from entity_responsible_changed.
 * - amo_tasks: /tasks; the exact completion time from `task_completed` events (fallback updated_at).
 * - amo_touches: calls from call_in / call_out notes (on the lead, or on its contact → the contact's
 *   lead open at that time); chat, e-mail and SMS from events; meetings from completed meeting
 *   tasks (written by the apply step). Calls are read from notes, not from the call events, because
 *   the note carries whether the call connected (`call_status`, `duration` [DOC calls-api]) and every
 *   call event points to such a note [DOC events-and-notes] — one list instead of two joined ones.
 * - amo_stage_moves: lead_status_changed events.
 */
import { type ApiEvent, type ApiNote, type ContactAttribution, mapLead, mapStageMove, mapTask } from "../amo";
import type { AmoClient } from "../amo/client";
import { callConnected, mapTouchEvent } from "../amo/mapping";
import type { Page } from "../amo/paging";
import type { Locale } from "../core/i18n";
import type { Lead, Touch } from "../core/model";
import type { Settings } from "../core/settings";
import { leadRow, type NameBook, stageMoveRow, taskRow, touchRow } from "../sheets/rows";
import { LEADS, STAGE_MOVES, TASKS, TOUCHES } from "../sheets/tables";
import type { Mirror } from "./mirror";
import type { Staging } from "./staging";
import type { RunState, StepId } from "./state";

/** Everything a step may use during one execution. */
export interface StepContext {
  client: AmoClient;
  settings: Settings;
  locale: Locale;
  run: RunState;
  mirror: Mirror;
  staging: Staging;
  names: () => NameBook;
  /** The contact → lead attribution over the mirror's leads (built when first needed). */
  contacts: () => ContactAttribution;
  accountBaseUrl: string;
}

export interface PagedStep {
  id: StepId;
  walk(ctx: StepContext, resumeFrom: string | null): Generator<Page<unknown>, void, undefined>;
  handle(ctx: StepContext, items: unknown[]): void;
}

const CALL_NOTES = ["call_in", "call_out"] as const;
const CHAT_EVENTS = ["outgoing_chat_message", "incoming_chat_message"] as const;
/** Event types the events step reads; calls are read from notes (see above). */
export const EVENT_TYPES = [
  "lead_status_changed",
  "entity_responsible_changed",
  "task_completed",
  ...CHAT_EVENTS,
  "outgoing_mail",
  "incoming_mail",
  "outgoing_sms",
  "incoming_sms",
] as const;

/** Lead columns the leads step writes: all but the derived ones and the one events fill. */
export const LEAD_BASE_COLUMNS: readonly string[] = LEADS.columns
  .filter((c) => !c.derived && c.id !== "responsible_at_creation_id")
  .map((c) => c.id);
const TASK_COLUMNS_BUT_COMPLETION: readonly string[] = TASKS.columns
  .map((c) => c.id)
  .filter((id) => id !== "completed_at");

function range(ctx: StepContext): { from?: number; to: number } {
  return ctx.run.since === null ? { to: ctx.run.to } : { from: ctx.run.since, to: ctx.run.to };
}

function resume(resumeFrom: string | null): { resumeFrom?: string } {
  return resumeFrom === null ? {} : { resumeFrom };
}

function mappingOptions(s: Settings) {
  return {
    sourceFieldId: s.sourceFieldId,
    segmentFieldId: s.segmentFieldId,
    channelFieldId: s.channelFieldId,
  };
}

const leadsStep: PagedStep = {
  id: "leads",
  walk(ctx, from) {
    const r = range(ctx);
    return ctx.client.iterateLeads({
      ...(r.from !== undefined ? { updatedFrom: r.from } : {}),
      updatedTo: r.to,
      pipelineIds: ctx.settings.pipelineIds,
      ...resume(from),
    });
  },
  handle(ctx, items) {
    const names = ctx.names();
    const rows = (items as Parameters<typeof mapLead>[0][]).map((l) => {
      const lead: Lead = mapLead(l, mappingOptions(ctx.settings));
      return leadRow(lead, names, ctx.accountBaseUrl);
    });
    ctx.staging.put(LEADS, rows, { columns: LEAD_BASE_COLUMNS });
  },
};

const deletedLeadsStep: PagedStep = {
  id: "deleted_leads",
  walk(ctx, from) {
    const r = range(ctx);
    return ctx.client.iterateLeads({
      onlyDeleted: true,
      ...(r.from !== undefined ? { updatedFrom: r.from } : {}),
      updatedTo: r.to,
      ...resume(from),
    });
  },
  handle(ctx, items) {
    // Only ids we hold: the trash of a whole account can be long and most of it was never synced.
    const ids = (items as { id: number }[]).map((l) => l.id).filter((id) => ctx.mirror.get(LEADS, id));
    ctx.staging.remove(LEADS, ids);
  },
};

const tasksStep: PagedStep = {
  id: "tasks",
  walk(ctx, from) {
    const r = range(ctx);
    return ctx.client.iterateTasks({
      ...(r.from !== undefined ? { updatedFrom: r.from } : {}),
      updatedTo: r.to,
      ...resume(from),
    });
  },
  handle(ctx, items) {
    const rows = [];
    const completions = [];
    for (const api of items as Parameters<typeof mapTask>[0][]) {
      const row = taskRow(mapTask(api));
      rows.push(row);
      // The completion time already known (from a task_completed event) is more exact than
      // updated_at, which also moves when a completed task is edited: keep it while the task
      // stays completed.
      const known = ctx.mirror.get(TASKS, api.id)?.["completed_at"];
      if (!row.is_completed || typeof known !== "number")
        completions.push({ task_id: row.task_id, completed_at: row.completed_at });
    }
    ctx.staging.put(TASKS, rows, { columns: TASK_COLUMNS_BUT_COMPLETION });
    ctx.staging.put(TASKS, completions, { columns: ["completed_at"] });
  },
};

function callTouch(note: ApiNote, leadId: number): Touch {
  return {
    id: `note:${note.id}`,
    leadId,
    at: note.created_at * 1000,
    userId: note.created_by,
    channel: "call",
    direction: note.note_type === "call_in" ? "in" : "out",
    completed: callConnected(note),
  };
}

function callsStep(id: StepId, entity: "leads" | "contacts"): PagedStep {
  return {
    id,
    walk(ctx, from) {
      const r = range(ctx);
      return ctx.client.iterateNotes(entity, {
        noteTypes: CALL_NOTES,
        ...(r.from !== undefined ? { updatedFrom: r.from } : {}),
        updatedTo: r.to,
        ...resume(from),
      });
    },
    handle(ctx, items) {
      const rows = [];
      for (const note of items as ApiNote[]) {
        const leadId =
          entity === "leads"
            ? note.entity_id
            : ctx.contacts().leadFor(note.entity_id, note.created_at * 1000);
        if (leadId === null) continue;
        rows.push(touchRow(callTouch(note, leadId)));
      }
      ctx.staging.put(TOUCHES, rows);
    },
  };
}

/** `value_before[0].responsible_user.id` of an entity_responsible_changed event [DOC event shapes]. */
function responsibleBefore(e: ApiEvent): number | null {
  const v = e.value_before?.[0] as { responsible_user?: { id?: unknown } } | undefined;
  return typeof v?.responsible_user?.id === "number" ? v.responsible_user.id : null;
}

function handleEvents(ctx: StepContext, items: unknown[]): void {
  const moves = [];
  const touches = [];
  const completions = [];
  const responsible = [];
  const noNotes = new Map<number, ApiNote>();
  for (const e of items as ApiEvent[]) {
    switch (e.type) {
      case "lead_status_changed": {
        const move = mapStageMove(e);
        if (move) moves.push(stageMoveRow(move));
        break;
      }
      case "entity_responsible_changed": {
        const before = responsibleBefore(e);
        if (e.entity_type !== "lead" || before === null) break;
        // Events come newest first [BELIEF, src/amo/queries.ts], so in a full sync the last one
        // written for a lead is its earliest change, whose value_before is the responsible at
        // creation. An incremental run only fills leads that had no change before.
        const known = ctx.mirror.get(LEADS, e.entity_id)?.["responsible_at_creation_id"];
        if (ctx.run.full || known === null || known === undefined) {
          responsible.push({ lead_id: e.entity_id, responsible_at_creation_id: before });
        }
        break;
      }
      case "task_completed":
        if (e.entity_type === "task")
          completions.push({ task_id: e.entity_id, completed_at: e.created_at * 1000 });
        break;
      default: {
        const r = mapTouchEvent(e, { notesById: noNotes, contacts: ctx.contacts() });
        if (r && "touch" in r) touches.push(touchRow(r.touch));
      }
    }
  }
  ctx.staging.put(STAGE_MOVES, moves);
  ctx.staging.put(TOUCHES, touches);
  ctx.staging.put(TASKS, completions, { columns: ["completed_at"], append: false });
  ctx.staging.put(LEADS, responsible, { columns: ["responsible_at_creation_id"], append: false });
}

function eventsStep(id: StepId, query: { types: readonly string[]; entity?: "contact" }): PagedStep {
  return {
    id,
    walk(ctx, from) {
      const r = range(ctx);
      return ctx.client.iterateEvents({
        types: query.types,
        ...(query.entity ? { entity: query.entity } : {}),
        ...(r.from !== undefined ? { createdFrom: r.from } : {}),
        createdTo: r.to,
        ...resume(from),
      });
    },
    handle: handleEvents,
  };
}

/** The paged steps in run order (dictionaries and apply are not paged: see engine.ts). */
export const PAGED_STEPS: readonly PagedStep[] = [
  leadsStep,
  deletedLeadsStep,
  tasksStep,
  callsStep("lead_calls", "leads"),
  callsStep("contact_calls", "contacts"),
  eventsStep("events", { types: EVENT_TYPES }),
  // Chat messages linked to a talk are found only with entity=contact [DOC events quirk].
  eventsStep("contact_chats", { types: CHAT_EVENTS, entity: "contact" }),
];
