/** Small deterministic API objects in the shapes of shared/reference/amocrm-samples. */
import type { ApiObject } from "../../../local/amo-sandbox/account-data";

/** 2026-01-01T00:00:00Z in Unix seconds. */
export const T0 = 1_767_225_600;

export function makeLead(id: number, over: ApiObject = {}): ApiObject {
  return {
    id,
    name: `Сделка ${id}`,
    price: 1000 + id,
    responsible_user_id: 501,
    group_id: 0,
    status_id: 20,
    pipeline_id: 10,
    loss_reason_id: null,
    created_by: 501,
    updated_by: 501,
    created_at: T0 + id,
    updated_at: T0 + 10_000 + id,
    closed_at: null,
    closest_task_at: null,
    is_deleted: false,
    custom_fields_values: null,
    score: null,
    account_id: 1,
    _links: { self: { href: `https://example.amocrm.ru/api/v4/leads/${id}` } },
    _embedded: { tags: [], companies: [], contacts: [{ id: 100_000 + id, is_main: true }] },
    ...over,
  };
}

export function makeLeads(n: number, first = 1): ApiObject[] {
  return Array.from({ length: n }, (_, i) => makeLead(first + i));
}

export function makeEvent(
  id: string,
  type: string,
  entity: { type: string; id: number },
  createdAt: number,
  values: { after?: unknown[]; before?: unknown[]; by?: number; extra?: ApiObject } = {},
): ApiObject {
  return {
    id,
    type,
    entity_id: entity.id,
    entity_type: entity.type,
    created_by: values.by ?? 501,
    created_at: createdAt,
    value_after: values.after ?? [],
    value_before: values.before ?? [],
    account_id: 1,
    _links: { self: { href: `https://example.amocrm.ru/api/v4/events/${id}` } },
    ...(values.extra ?? {}),
  };
}

/** `n` lead_added events with ids e00001… on leads 1…n. */
export function makeEvents(n: number): ApiObject[] {
  return Array.from({ length: n }, (_, i) =>
    makeEvent(`e${String(i + 1).padStart(5, "0")}`, "lead_added", { type: "lead", id: i + 1 }, T0 + i, {
      after: [{ note: { id: 7_000_000 + i } }],
    }),
  );
}

export function makeTask(id: number, over: ApiObject = {}): ApiObject {
  return {
    id,
    created_by: 501,
    updated_by: 501,
    created_at: T0 + id,
    updated_at: T0 + 1000 + id,
    responsible_user_id: 501,
    group_id: 0,
    entity_id: id,
    entity_type: "leads",
    duration: 0,
    is_completed: false,
    task_type_id: 1,
    text: `Задача ${id}`,
    result: [],
    complete_till: T0 + 86_400 + id,
    account_id: 1,
    ...over,
  };
}

export function makeNote(
  id: number,
  entityId: number,
  noteType: string,
  params: ApiObject,
  createdAt = T0,
): ApiObject {
  return {
    id,
    entity_id: entityId,
    created_by: 501,
    updated_by: 501,
    created_at: createdAt,
    updated_at: createdAt,
    responsible_user_id: 501,
    group_id: 0,
    note_type: noteType,
    params,
    account_id: 1,
  };
}
