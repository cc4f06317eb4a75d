/**
 * Leads, contacts and tasks as API objects, in the shapes of leads_list_page.json /
 * lead_by_id_with_embedded.json, contacts_list_page.json and tasks_list_page.json.
 *
 * A lead is stored the way a list answer with `with=contacts,source,source_id` shows it; the server
 * drops what a request did not ask for and derives `_embedded.loss_reason` from `loss_reason_id`.
 */
import type { ApiObject } from "../account-data";
import { amoSourceOf } from "./arrivals";
import {
  ACCOUNT_ID,
  CHANNEL_FIELD,
  CONTACT_EMAIL_FIELD,
  CONTACT_PHONE_FIELD,
  enumOf,
  P1,
  P2,
  SEGMENT_FIELD,
  type SelectFieldDef,
  SOURCE_FIELD,
  TRACKING_FIELDS,
} from "./dictionaries";
import type { ContactPlan, LeadPlan, TaskPlan } from "./plan-types";
import { leadState } from "./truncate";
import type { World } from "./world";

const TAGS = {
  spam: { id: 301101, name: "спам", color: null },
  repeat: { id: 301103, name: "постоянный клиент", color: null },
  expo: { id: 301105, name: "выставка", color: null },
};

function groupOf(world: World, userId: number): number {
  return world.teamById.get(userId)?.groupId ?? 0;
}

function selectValue(field: SelectFieldDef, value: string): ApiObject {
  const e = enumOf(field, value);
  return {
    field_id: field.id,
    field_name: field.name,
    field_code: field.code,
    field_type: "select",
    values: [{ value: e.value, enum_id: e.id }],
  };
}

function leadFields(lead: LeadPlan): ApiObject[] | null {
  const out: ApiObject[] = [];
  if (lead.source) out.push(selectValue(SOURCE_FIELD, lead.source));
  if (lead.segment) out.push(selectValue(SEGMENT_FIELD, lead.segment));
  out.push(selectValue(CHANNEL_FIELD, lead.channel));
  if (lead.utm) {
    const values = [lead.utm.source, lead.utm.medium, lead.utm.campaign];
    TRACKING_FIELDS.forEach((f, i) => {
      out.push({
        field_id: f.id,
        field_name: f.name,
        field_code: f.code,
        field_type: "tracking_data",
        values: [{ value: values[i] }],
      });
    });
  }
  // The API sends null, not [], for an entity without values [DOC].
  return out.length > 0 ? out : null;
}

/** The budget shows once a proposal or invoice went out; a won deal always has its price. */
function visiblePrice(lead: LeadPlan): number {
  if (lead.outcome === "won") return lead.price;
  const priced = new Set<number>([P1.proposal, P1.negotiation, P2.selection, P2.invoice]);
  return lead.moves.some((m) => priced.has(m.toStatus)) ? lead.price : 0;
}

/** The latest change to the lead itself (not notes or tasks) and who made it. */
function lastChange(lead: LeadPlan): { at: number; by: number } {
  let last = { at: lead.createdAt, by: lead.createdBy };
  for (const m of lead.moves) if (m.at >= last.at) last = { at: m.at, by: m.by };
  if (lead.reassign && lead.reassign.at >= last.at) last = { at: lead.reassign.at, by: lead.reassign.by };
  if (lead.deleteAt !== null && lead.deleteAt >= last.at) last = { at: lead.deleteAt, by: lead.deletedBy };
  return last;
}

function openTaskDue(tasks: TaskPlan[]): number | null {
  let min: number | null = null;
  for (const t of tasks) if (t.completedAt === null && (min === null || t.dueAt < min)) min = t.dueAt;
  return min;
}

export function emitLead(world: World, lead: LeadPlan): ApiObject {
  const state = leadState(lead);
  const contact = world.contacts[lead.contactIdx] as ContactPlan;
  const change = lastChange(lead);
  const source = amoSourceOf(lead);
  const tags = [];
  if (lead.kind === "junk") tags.push(TAGS.spam);
  if (lead.kind === "repeat") tags.push(TAGS.repeat);
  if (lead.source === "Выставка") tags.push(TAGS.expo);
  const embedded: ApiObject = {
    tags,
    companies: [],
    contacts: [{ id: contact.id, is_main: true }],
  };
  if (source) embedded["source"] = { id: source.id, name: source.name };
  return {
    id: lead.id,
    name: lead.name,
    price: visiblePrice(lead),
    responsible_user_id: state.responsible,
    group_id: groupOf(world, state.responsible),
    status_id: state.statusId,
    pipeline_id: state.pipelineId,
    loss_reason_id: state.lost ? lead.lossReasonId : null,
    source_id: source ? source.id : null,
    created_by: lead.createdBy,
    updated_by: change.by,
    created_at: lead.createdAt,
    updated_at: change.at,
    closed_at: state.closedAt,
    closest_task_at: openTaskDue(lead.tasks),
    is_deleted: lead.deleteAt !== null,
    custom_fields_values: leadFields(lead),
    score: null,
    account_id: ACCOUNT_ID,
    _embedded: embedded,
  };
}

export function emitContact(world: World, contact: ContactPlan): ApiObject {
  const values: ApiObject[] = [
    {
      field_id: CONTACT_PHONE_FIELD.id,
      field_name: CONTACT_PHONE_FIELD.name,
      field_code: CONTACT_PHONE_FIELD.code,
      field_type: "multitext",
      values: [{ value: contact.phone, enum_id: CONTACT_PHONE_FIELD.mobEnum, enum: "MOB" }],
    },
  ];
  if (contact.email) {
    values.push({
      field_id: CONTACT_EMAIL_FIELD.id,
      field_name: CONTACT_EMAIL_FIELD.name,
      field_code: CONTACT_EMAIL_FIELD.code,
      field_type: "multitext",
      values: [{ value: contact.email, enum_id: CONTACT_EMAIL_FIELD.workEnum, enum: "WORK" }],
    });
  }
  const leads = contact.leadIdxs
    .map((i) => world.leads[i] as LeadPlan)
    .filter((l) => l.deleteAt === null)
    .map((l) => ({ id: l.id }));
  const tasks = world.otherTasks.filter((t) => t.contactIdx === contact.idx);
  return {
    id: contact.id,
    name: `${contact.firstName} ${contact.lastName}`,
    first_name: contact.firstName,
    last_name: contact.lastName,
    responsible_user_id: contact.responsible,
    group_id: groupOf(world, contact.responsible),
    created_by: contact.createdBy,
    updated_by: contact.createdBy,
    created_at: contact.createdAt,
    updated_at: contact.createdAt,
    closest_task_at: openTaskDue(tasks),
    custom_fields_values: values,
    account_id: ACCOUNT_ID,
    _embedded: { tags: [], companies: [], leads },
  };
}

export function emitTask(world: World, task: TaskPlan): ApiObject {
  let entityId: number | null = null;
  let entityType: string | null = null;
  if (task.leadIdx !== null) {
    entityId = (world.leads[task.leadIdx] as LeadPlan).id;
    entityType = "leads";
  } else if (task.contactIdx !== null) {
    entityId = (world.contacts[task.contactIdx] as ContactPlan).id;
    entityType = "contacts";
  }
  // There is no completed_at [DOC]: completion time is the task_completed event and updated_at.
  let updatedAt = task.createdAt;
  let updatedBy = task.createdBy;
  if (task.deadlineChange) {
    updatedAt = task.deadlineChange.at;
    updatedBy = task.deadlineChange.by;
  }
  if (task.completedAt !== null) {
    updatedAt = task.completedAt;
    updatedBy = task.completedBy;
  }
  return {
    id: task.id,
    created_by: task.createdBy,
    updated_by: updatedBy,
    created_at: task.createdAt,
    updated_at: updatedAt,
    responsible_user_id: task.responsible,
    group_id: groupOf(world, task.responsible),
    entity_id: entityId,
    entity_type: entityType,
    duration: 0,
    is_completed: task.completedAt !== null,
    task_type_id: task.type,
    text: task.text,
    // `result` is [] when empty, {text} when set [DOC].
    result: task.completedAt !== null && task.result ? { text: task.result } : [],
    complete_till: task.dueAt,
    account_id: ACCOUNT_ID,
  };
}
