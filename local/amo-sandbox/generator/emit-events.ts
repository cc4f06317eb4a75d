/**
 * Events and notes, in the shapes of events_list_page.json, event_value_structures_by_type.json,
 * notes_list_page.json and note_call_in_sdk_fixture.json.
 *
 * - Calls: `outgoing_call` / `incoming_call` events whose value_after points at a `call_out` /
 *   `call_in` note carrying duration and call_status; on the lead or on its contact.
 * - Chat messages: `outgoing_chat_message` / `incoming_chat_message` with a message id; on the lead
 *   with `linked_talk_contact_id` (a talk linked to the lead), or on the contact.
 * - E-mails: `outgoing_mail` / `incoming_mail` pointing at an `amomail_message` note (its `income`
 *   says the direction); SMS: `outgoing_sms` pointing at an `sms_out` note.
 * - Stage moves `lead_status_changed`, owner changes `entity_responsible_changed`, `lead_added`
 *   (pointing at the note the lead arrived with), `lead_deleted`.
 * - Tasks: `task_completed` at the completion instant and `task_deadline_changed`, both with
 *   entity_type "task" and entity_id = the task's id [BELIEF, reference §8.3].
 */
import type { ApiObject } from "../account-data";
import { MINUTE } from "./calendar";
import { ACCOUNT_ID, COMPANY_MAIL, TELEPHONY_SOURCE } from "./dictionaries";
import { eventId } from "./ids";
import type { ContactPlan, LeadPlan, TaskPlan, TouchPlan } from "./plan-types";
import type { Rng } from "./prng";
import type { World } from "./world";

/** A note as the API shows it; its id is given once all notes are numbered in creation order. */
interface NoteOut extends ApiObject {
  id: number;
  created_at: number;
}

interface NoteIn {
  entity: "leads" | "contacts";
  entityId: number;
  createdAt: number;
  createdBy: number;
  responsible: number;
  noteType: string;
  params: ApiObject;
}

interface PendingEvent {
  type: string;
  entityType: "lead" | "contact" | "task";
  entityId: number;
  createdBy: number;
  createdAt: number;
  valueAfter: ApiObject[];
  valueBefore: ApiObject[];
  linkedTalkContactId?: number;
  /** The note the event points at (value_after [{note: {id}}]). */
  note?: NoteOut;
}

export interface EmittedActivity {
  events: ApiObject[];
  leadsNotes: ApiObject[];
  contactsNotes: ApiObject[];
}

const CALL_RESULTS: Record<number, string> = {
  3: "Абонент недоступен",
  4: "Разговор состоялся",
  6: "Не дозвонились",
  7: "Занято",
};

const ARRIVAL_TEXT: Record<string, string> = {
  call: "Входящий звонок",
  chat: "Новое обращение в Telegram",
  widget: "Новое обращение в онлайн-чате на сайте",
  form: "Заявка с формы на сайте",
  email: `Письмо на ${COMPANY_MAIL}`,
  social: "Сообщение в сообществе ВКонтакте",
  other: "Сделка создана вручную",
};

class ActivityBuilder {
  readonly events: ApiObject[] = [];
  /** For each event pointing at a note: the value_after item to fill with the note's id. */
  readonly noteRefs: { ref: { id: number }; note: NoteOut }[] = [];
  readonly leadsNotes: NoteOut[] = [];
  readonly contactsNotes: NoteOut[] = [];

  constructor(
    private readonly world: World,
    private readonly rng: Rng,
    private readonly viewAt: number,
  ) {}

  note(n: NoteIn): NoteOut {
    const out: NoteOut = {
      id: 0,
      entity_id: n.entityId,
      created_by: n.createdBy,
      updated_by: n.createdBy,
      created_at: n.createdAt,
      updated_at: n.createdAt,
      responsible_user_id: n.responsible,
      group_id: this.world.teamById.get(n.responsible)?.groupId ?? 0,
      note_type: n.noteType,
      params: n.params,
      account_id: ACCOUNT_ID,
    };
    (n.entity === "leads" ? this.leadsNotes : this.contactsNotes).push(out);
    return out;
  }

  /** The event as the API shows it, without its id (given once all events are ordered). */
  event(e: PendingEvent): void {
    const out: ApiObject = {
      id: "",
      type: e.type,
      entity_id: e.entityId,
      entity_type: e.entityType,
      created_by: e.createdBy,
      created_at: e.createdAt,
      value_after: e.valueAfter,
      value_before: e.valueBefore,
      account_id: ACCOUNT_ID,
    };
    if (e.linkedTalkContactId !== undefined) out["linked_talk_contact_id"] = e.linkedTalkContactId;
    out["_embedded"] = { entity: { id: e.entityId } };
    if (e.note) {
      const ref = { id: 0 };
      out["value_after"] = [{ note: ref }];
      this.noteRefs.push({ ref, note: e.note });
    }
    this.events.push(out);
  }

  leadTimeline(lead: LeadPlan): void {
    const contact = this.world.contacts[lead.contactIdx] as ContactPlan;
    const arrival = this.note({
      entity: "leads",
      entityId: lead.id,
      createdAt: lead.createdAt,
      createdBy: lead.createdBy,
      responsible: lead.managerAtCreation,
      noteType: "common",
      params: {
        text: `${ARRIVAL_TEXT[lead.channel]}: ${contact.firstName} ${contact.lastName}, ${contact.phone}`,
      },
    });
    this.event({
      type: "lead_added",
      entityType: "lead",
      entityId: lead.id,
      createdBy: lead.createdBy,
      createdAt: lead.createdAt,
      valueAfter: [],
      valueBefore: [],
      note: arrival,
    });
    for (const m of lead.moves) {
      this.event({
        type: "lead_status_changed",
        entityType: "lead",
        entityId: lead.id,
        createdBy: m.by,
        createdAt: m.at,
        valueAfter: [{ lead_status: { id: m.toStatus, pipeline_id: m.toPipeline } }],
        valueBefore: [{ lead_status: { id: m.fromStatus, pipeline_id: m.fromPipeline } }],
      });
    }
    if (lead.reassign) {
      this.event({
        type: "entity_responsible_changed",
        entityType: "lead",
        entityId: lead.id,
        createdBy: lead.reassign.by,
        createdAt: lead.reassign.at,
        valueAfter: [{ responsible_user: { id: lead.reassign.to } }],
        valueBefore: [{ responsible_user: { id: lead.managerAtCreation } }],
      });
    }
    for (const t of lead.touches) this.touch(lead, contact, t);
    if (lead.deleteAt !== null) {
      this.event({
        type: "lead_deleted",
        entityType: "lead",
        entityId: lead.id,
        createdBy: lead.deletedBy,
        createdAt: lead.deleteAt,
        valueAfter: [],
        valueBefore: [],
      });
    }
  }

  private touch(lead: LeadPlan, contact: ContactPlan, t: TouchPlan): void {
    if (t.kind === "meeting") return; // a meeting is its task (type 2) and task_completed event
    const rng = this.rng;
    // Chat events of a deleted lead name the contact [DOC] (reference §8.2): a rule of the reading,
    // so before the deletion (an account viewed at an earlier instant) they still name the lead.
    const chat = t.kind === "chat_in" || t.kind === "chat_out";
    const onContact = t.onContact || (chat && lead.deleteAt !== null && lead.deleteAt <= this.viewAt);
    const entityType = onContact ? "contact" : "lead";
    const entityId = onContact ? contact.id : lead.id;
    const owner =
      t.userId !== 0
        ? t.userId
        : lead.reassign && t.at >= lead.reassign.at
          ? lead.reassign.to
          : lead.managerAtCreation;
    const base: Pick<PendingEvent, "entityType" | "entityId" | "createdBy" | "createdAt" | "valueBefore"> = {
      entityType,
      entityId,
      createdBy: t.userId,
      createdAt: t.at,
      valueBefore: [],
    };
    switch (t.kind) {
      case "call_out":
      case "call_in": {
        const outgoing = t.kind === "call_out";
        const status = t.answered ? 4 : outgoing ? rng.pick([6, 7, 3]) : rng.pick([6, 3]);
        const duration = t.answered ? rng.int(25, 900) : 0;
        const note = this.note({
          entity: onContact ? "contacts" : "leads",
          entityId,
          createdAt: t.at,
          createdBy: t.userId,
          responsible: owner,
          noteType: outgoing ? "call_out" : "call_in",
          params: {
            uniq: rng.uuid(),
            duration,
            source: TELEPHONY_SOURCE,
            link: duration > 0 ? `https://records.mango-office.ru/rec/${rng.hex(24)}.mp3` : "",
            phone: contact.phone,
            call_result: CALL_RESULTS[status] ?? "",
            call_status: status,
          },
        });
        this.event({ ...base, type: outgoing ? "outgoing_call" : "incoming_call", valueAfter: [], note });
        return;
      }
      case "chat_out":
      case "chat_in": {
        const e: PendingEvent = {
          ...base,
          type: t.kind === "chat_out" ? "outgoing_chat_message" : "incoming_chat_message",
          valueAfter: [{ message: { id: rng.uuid() } }],
        };
        // A talk linked to the lead: the event names the lead and carries the talk's contact [DOC].
        if (!onContact) e.linkedTalkContactId = contact.id;
        this.event(e);
        return;
      }
      case "mail_out":
      case "mail_in": {
        const income = t.kind === "mail_in";
        const ours = { email: COMPANY_MAIL, name: "ООО «Сервис-Профи»" };
        const theirs = {
          email: contact.email ?? `client${contact.id}@mail.ru`,
          name: `${contact.firstName} ${contact.lastName}`,
        };
        const note = this.note({
          entity: "leads",
          entityId: lead.id,
          createdAt: t.at,
          createdBy: t.userId,
          responsible: owner,
          noteType: "amomail_message",
          params: {
            thread_id: rng.int(100000, 999999),
            message_id: rng.int(1000000, 9999999),
            private: false,
            income,
            from: income ? theirs : ours,
            to: income ? ours : theirs,
            subject: income ? "Вопрос по услугам" : "Коммерческое предложение",
            content_summary: income
              ? "Добрый день! Подскажите, пожалуйста…"
              : "Добрый день! Направляем предложение…",
            attach_cnt: income ? 0 : 1,
            delivery: income ? null : { status: "delivered", time: t.at + MINUTE },
          },
        });
        this.event({
          ...base,
          entityType: "lead",
          entityId: lead.id,
          type: income ? "incoming_mail" : "outgoing_mail",
          valueAfter: [],
          note,
        });
        return;
      }
      case "sms_out": {
        const note = this.note({
          entity: "leads",
          entityId: lead.id,
          createdAt: t.at,
          createdBy: t.userId,
          responsible: owner,
          noteType: "sms_out",
          params: {
            text:
              t.userId === 0
                ? "Спасибо за заявку! Менеджер свяжется с вами в рабочее время."
                : "Добрый день! Не смог до вас дозвониться, перезвоните, пожалуйста.",
            phone: contact.phone,
          },
        });
        this.event({
          ...base,
          entityType: "lead",
          entityId: lead.id,
          type: "outgoing_sms",
          valueAfter: [],
          note,
        });
        return;
      }
    }
  }

  task(task: TaskPlan): void {
    if (task.deadlineChange) {
      this.event({
        type: "task_deadline_changed",
        entityType: "task",
        entityId: task.id,
        createdBy: task.deadlineChange.by,
        createdAt: task.deadlineChange.at,
        valueAfter: [{ task_deadline: { timestamp: task.dueAt } }],
        valueBefore: [{ task_deadline: { timestamp: task.deadlineChange.before } }],
      });
    }
    if (task.completedAt !== null) {
      this.event({
        type: "task_completed",
        entityType: "task",
        entityId: task.id,
        createdBy: task.completedBy,
        createdAt: task.completedAt,
        valueAfter: [],
        valueBefore: [],
      });
    }
  }
}

/** Sort by creation time, keeping insertion order among equal times (deterministic). */
function byCreation<T extends ApiObject>(items: T[]): T[] {
  return items
    .map((item, i) => ({ at: item["created_at"] as number, i, item }))
    .sort((x, y) => x.at - y.at || x.i - y.i)
    .map((x) => x.item);
}

/**
 * Events and notes of the plan frozen at the scenario's now, as the API shows them at `viewAt`
 * (≤ now; default now): everything is built and numbered for the whole plan (so ids and the draws
 * behind each object do not depend on viewAt), then what was created after viewAt is left out.
 * Events and notes never change once created, but for the chat-event rule above.
 */
export function emitActivity(
  world: World,
  rng: Rng,
  noteIdStart: number,
  viewAt: number = world.now,
): EmittedActivity {
  const b = new ActivityBuilder(world, rng.fork("activity"), viewAt);
  for (const lead of world.leads) b.leadTimeline(lead);
  for (const lead of world.leads) for (const t of lead.tasks) b.task(t);
  for (const t of world.otherTasks) b.task(t);

  // Notes get ids in creation order across both entity types (note ids are account-wide).
  const idRng = rng.fork("note-ids");
  let id = noteIdStart;
  for (const n of byCreation([...b.leadsNotes, ...b.contactsNotes])) {
    n.id = id;
    id += idRng.int(1, 9);
  }
  for (const { ref, note } of b.noteRefs) ref.id = note.id;
  const evRng = rng.fork("event-ids");
  const seen = new Set<string>();
  const events = byCreation(b.events);
  for (const e of events) e["id"] = eventId(e["created_at"] as number, evRng, seen);
  const seenBy = <T extends ApiObject>(items: T[]) =>
    viewAt >= world.now ? items : items.filter((x) => (x["created_at"] as number) <= viewAt);
  return {
    events: seenBy(events),
    leadsNotes: seenBy(byCreation(b.leadsNotes)),
    contactsNotes: seenBy(byCreation(b.contactsNotes)),
  };
}
