/**
 * What each step of a sync run fetches from amoCRM and which rows it stages. Steps that walk a
 * paged list resume from a saved `Page.next`; the engine (engine.ts) decides when to flush and
 * checkpoint. Order matters: leads come before everything that is attributed to a lead through its
 * contact, tasks before the events that complete them.
 *
 * Sources of each raw table (see src/amo/README.md for the facts behind them):
 * - amo_leads: /leads (with contacts, loss_reason, source), in the chosen pipelines; deleted leads
 *   are removed — a full run lists them with `with=only_deleted`, an incremental run takes them from
 *   `lead_deleted` events in its events query (documented event type, amocrm-api.md §8.4: one
 *   request fewer per run); `responsible_at_creation_id` from entity_responsible_changed.
 * - amo_tasks: /tasks; the exact completion time from `task_completed` events (fallback updated_at).
 * - amo_touches: calls from call_in / call_out notes (on the lead, or on its contact → the contact's
 *   lead open at that time); chat, e-mail and SMS from events; meetings from completed meeting
 *   tasks (written by the apply step). Calls are read from notes, not from the call events, because
 *   the note carries whether the call connected (`call_status`, `duration` [DOC calls-api]) and every
 *   call event points to such a note [DOC events-and-notes] — one list instead of two joined ones.
 * - amo_stage_moves: lead_status_changed events.
 *
 * Requests of an incremental run: one page each of leads, tasks, call notes on leads and on
 * contacts (limit 250 [DOC §3.3]), and the events, all types in one query (limit 100, the events
 * maximum [DOC §3.3; ISSUE: above it amoCRM silently gives 50]) — plus users, pipelines and loss
 * reasons when the hourly dictionaries are due, and the account daily (engine.ts).
 */
import { type ApiEvent, type ApiNote, ContactAttribution, mapLead, mapStageMove, mapTask } from "../amo";
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
/** For events on a lead, which never ask for a contact's lead. */
const NO_CONTACTS = new ContactAttribution([]);
const CHAT_EVENTS = ["outgoing_chat_message", "incoming_chat_message"] as const;
/**
 * An incremental run also reads deletions from the events list: `lead_deleted` [DOC §8.4], and
 * `lead_restored` only so that a lead restored later is not treated as gone.
 */
export const DELETION_EVENTS = ["lead_deleted", "lead_restored"] as const;
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

function* noPages(): Generator<Page<unknown>, void, undefined> {}

const deletedLeadsStep: PagedStep = {
  id: "deleted_leads",
  walk(ctx, from) {
    // Incremental runs read deletions from lead_deleted events (events step) instead.
    if (!ctx.run.full) return noPages();
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
    const tasks = items as Parameters<typeof mapTask>[0][];
    ctx.mirror.load(
      TASKS,
      tasks.map((t) => t.id),
    );
    for (const api of tasks) {
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
  const deleted: number[] = [];
  const noNotes = new Map<number, ApiNote>();
  const events = items as ApiEvent[];
  // The rows these events are checked against (a light execution reads only them).
  ctx.mirror.load(
    LEADS,
    events
      .filter(
        (e) =>
          e.entity_type === "lead" && (e.type === "entity_responsible_changed" || e.type === "lead_deleted"),
      )
      .map((e) => e.entity_id),
  );
  for (const e of events) {
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
      case "lead_deleted": {
        // A lead whose row was updated after this deletion came back (lead_restored, or a later
        // list of leads had it): keep it. Deletion is believed to move updated_at to its own time
        // [BELIEF], hence strictly after.
        const updated = ctx.mirror.get(LEADS, e.entity_id)?.["updated_at"];
        if (e.entity_type === "lead" && !(typeof updated === "number" && updated > e.created_at * 1000))
          deleted.push(e.entity_id);
        break;
      }
      case "lead_restored":
        break; // the leads list brings the lead back (see lead_deleted)
      case "task_completed":
        if (e.entity_type === "task")
          completions.push({ task_id: e.entity_id, completed_at: e.created_at * 1000 });
        break;
      default: {
        // The attribution reads lead columns in a light execution: build it only for contacts.
        const onContact = e.entity_type === "contact" || e.entity_type === "contacts";
        const r = mapTouchEvent(e, {
          notesById: noNotes,
          contacts: onContact ? ctx.contacts() : NO_CONTACTS,
        });
        if (r && "touch" in r) touches.push(touchRow(r.touch));
      }
    }
  }
  ctx.staging.put(STAGE_MOVES, moves);
  ctx.staging.put(TOUCHES, touches);
  ctx.staging.put(TASKS, completions, { columns: ["completed_at"], append: false });
  ctx.staging.put(LEADS, responsible, { columns: ["responsible_at_creation_id"], append: false });
  if (deleted.length > 0) ctx.staging.remove(LEADS, deleted);
}

/**
 * Every event the sync reads comes from one query: `filter[entity][]` takes several entities [DOC
 * §8.1], and naming `contact` among them is what finds chat messages of a talk linked to a contact,
 * which come back as `entity_type: lead` [DOC §8.2 quirk]. That the quirk holds when `contact` is
 * one of several entities (not the only one) is [BELIEF] — the sandbox implements it so; verify on
 * a live account (amocrm-api.md §8.2). Task events have `entity_type: task` [BELIEF §8.3].
 */
export const EVENT_ENTITIES = ["lead", "contact", "task"] as const;

const eventsStep: PagedStep = {
  id: "events",
  walk(ctx, from) {
    const r = range(ctx);
    return ctx.client.iterateEvents({
      types: ctx.run.full ? EVENT_TYPES : [...EVENT_TYPES, ...DELETION_EVENTS],
      entity: EVENT_ENTITIES,
      ...(r.from !== undefined ? { createdFrom: r.from } : {}),
      createdTo: r.to,
      ...resume(from),
    });
  },
  handle: handleEvents,
};

/**
 * The step that read chat messages with `filter[entity][]=contact` alone; the events step covers
 * them now. Kept so that a checkpoint saved by an earlier version still names a step; a run saved
 * inside it continues its saved page list to the end.
 */
function legacyContactChats(id: StepId): PagedStep {
  return {
    id,
    walk(ctx, from) {
      if (from === null) return noPages();
      const r = range(ctx);
      return ctx.client.iterateEvents({
        types: CHAT_EVENTS,
        entity: "contact",
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
  eventsStep,
  legacyContactChats("contact_chats"),
];
