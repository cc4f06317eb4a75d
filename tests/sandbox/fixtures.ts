/**
 * A small hand-made account for the sandbox tests: 4 users, 2 pipelines, 600 live leads (several pages
 * at every limit) + 5 deleted ones, 100 contacts, 300 tasks, 500 events, 200 lead notes and 50 contact
 * notes. Every value is a plain function of the index, so tests can recompute what they expect.
 */
import type { AccountData, ApiObject } from "../../local/amo-sandbox/account-data";

export const ACCOUNT_ID = 31_000_001;
export const T0 = 1_700_000_000;
export const USER_IDS = [5001, 5002, 5003, 5004] as const;
export const P1 = 7001;
export const P2 = 7002;
export const P1_STATUSES = [7101, 7102, 7103, 142, 143] as const;
export const P2_STATUSES = [7201, 7202, 142, 143] as const;
export const LOSS_REASONS = [8001, 8002] as const;
export const LEAD_COUNT = 600;
export const DELETED_LEAD_IDS = [601, 602, 603, 604, 605] as const;
export const CONTACT_COUNT = 100;
export const FIRST_CONTACT_ID = 100_001;
export const TASK_COUNT = 300;
export const FIRST_TASK_ID = 20_001;
export const EVENT_COUNT = 500;
export const LEAD_NOTE_COUNT = 200;
export const CONTACT_NOTE_COUNT = 50;

const user = (id: number, name: string, isAdmin: boolean, groupId: number | null): ApiObject => ({
  id,
  name,
  email: `u${id}@example.test`,
  lang: "ru",
  rights: {
    leads: { view: "A", edit: "A", add: "A", delete: "A", export: "A" },
    contacts: { view: "A", edit: "A", add: "A", delete: "A", export: "A" },
    companies: { view: "A", edit: "A", add: "A", delete: "A", export: "A" },
    tasks: { edit: "A", delete: "A" },
    mail_access: false,
    catalog_access: false,
    status_rights: null,
    is_admin: isAdmin,
    is_free: false,
    is_active: true,
    group_id: groupId,
    role_id: null,
  },
  uuid: `uuid-${id}`,
  _embedded: {
    roles: [{ id: 3141, name: "Менеджер" }],
    groups: groupId === null ? [] : [{ id: groupId, name: "Продажи" }],
  },
});

const status = (id: number, name: string, sort: number, pipelineId: number, type: 0 | 1): ApiObject => ({
  id,
  name,
  sort,
  is_editable: type === 0 && id !== 142 && id !== 143,
  pipeline_id: pipelineId,
  color: "#99ccff",
  type,
  account_id: ACCOUNT_ID,
  descriptions: [],
});

const pipeline = (
  id: number,
  name: string,
  sort: number,
  isMain: boolean,
  statuses: ApiObject[],
): ApiObject => ({
  id,
  name,
  sort,
  is_main: isMain,
  is_unsorted_on: true,
  is_archive: false,
  account_id: ACCOUNT_ID,
  _embedded: { statuses },
});

export function leadPipeline(i: number): number {
  return i % 3 === 0 ? P2 : P1;
}
export function leadStatus(i: number): number {
  return leadPipeline(i) === P2 ? P2_STATUSES[i % 4]! : P1_STATUSES[i % 5]!;
}
export function leadResponsible(i: number): number {
  return USER_IDS[i % 4]!;
}
export function leadCreatedAt(i: number): number {
  return T0 + i * 3600;
}
/** Not monotonic in the id, so ordering by updated_at differs from ordering by id. */
export function leadUpdatedAt(i: number): number {
  return leadCreatedAt(i) + ((i * 7919) % 200_000);
}
/** Even leads name one contact on their side. */
export function leadContact(i: number): number | null {
  return i % 2 === 0 ? FIRST_CONTACT_ID + ((i / 2) % CONTACT_COUNT) : null;
}

function lead(i: number, deleted: boolean): ApiObject {
  const statusId = leadStatus(i);
  const closed = statusId === 142 || statusId === 143;
  const contact = leadContact(i);
  return {
    id: i,
    name: `Сделка ${i}`,
    price: i * 100,
    responsible_user_id: leadResponsible(i),
    group_id: 0,
    status_id: statusId,
    pipeline_id: leadPipeline(i),
    loss_reason_id: statusId === 143 ? LOSS_REASONS[i % 2]! : null,
    source_id: i % 10 === 0 ? 4001 : null,
    created_by: USER_IDS[0],
    updated_by: USER_IDS[0],
    created_at: leadCreatedAt(i),
    updated_at: leadUpdatedAt(i),
    closed_at: closed ? leadUpdatedAt(i) : null,
    closest_task_at: null,
    is_deleted: deleted,
    custom_fields_values: null,
    score: null,
    account_id: ACCOUNT_ID,
    is_price_modified_by_robot: false,
    _embedded: {
      tags: i % 7 === 0 ? [{ id: 1, name: "vip", color: null }] : [],
      companies: [],
      ...(contact === null ? {} : { contacts: [{ id: contact, is_main: true }] }),
      ...(i % 10 === 0 ? { source: { id: 4001, name: "API" } } : {}),
    },
  };
}

function contact(j: number): ApiObject {
  const id = FIRST_CONTACT_ID + j;
  return {
    id,
    name: `Контакт ${j}`,
    first_name: "",
    last_name: "",
    responsible_user_id: USER_IDS[j % 4]!,
    group_id: 0,
    created_by: USER_IDS[0],
    updated_by: USER_IDS[0],
    created_at: T0 + j * 1000,
    updated_at: T0 + j * 1000 + 500,
    closest_task_at: null,
    custom_fields_values: null,
    account_id: ACCOUNT_ID,
    // The first contact also names odd lead 1 from its own side (a link only recorded there).
    _embedded: { tags: [], companies: [], ...(j === 0 ? { leads: [{ id: 1 }] } : {}) },
  };
}

export function taskEntity(k: number): { type: "leads" | "contacts"; id: number } {
  return k % 3 === 0
    ? { type: "contacts", id: FIRST_CONTACT_ID + (k % CONTACT_COUNT) }
    : { type: "leads", id: (k % LEAD_COUNT) + 1 };
}

function task(k: number): ApiObject {
  const entity = taskEntity(k);
  const completed = k % 2 === 0;
  return {
    id: FIRST_TASK_ID + k,
    created_by: USER_IDS[0],
    updated_by: USER_IDS[0],
    created_at: T0 + k * 4000,
    updated_at: T0 + k * 4000 + 600,
    responsible_user_id: USER_IDS[k % 4]!,
    group_id: 0,
    entity_id: entity.id,
    entity_type: entity.type,
    duration: 0,
    is_completed: completed,
    task_type_id: k % 5 === 0 ? 2 : 1,
    text: `Задача ${k}`,
    result: completed && k % 4 === 0 ? { text: "Готово" } : [],
    complete_till: T0 + ((k * 37) % TASK_COUNT) * 5000,
    account_id: ACCOUNT_ID,
  };
}

export const EVENT_TYPES = [
  "lead_added",
  "lead_status_changed",
  "incoming_call",
  "outgoing_chat_message",
  "task_completed",
  "entity_responsible_changed",
] as const;

export function eventId(k: number): string {
  return `01hq${k.toString(36).padStart(8, "0")}`;
}
/** Events are recorded oldest first; created_at grows with k. */
export function eventCreatedAt(k: number): number {
  return T0 + k * 1000;
}
export function eventType(k: number): string {
  return EVENT_TYPES[k % EVENT_TYPES.length]!;
}
export function eventLead(k: number): number {
  return (k % LEAD_COUNT) + 1;
}
/** Every other chat message is linked to a talk: reported on the lead, found through the contact. */
export function eventTalkContact(k: number): number | null {
  return eventType(k) === "outgoing_chat_message" && k % 2 === 1
    ? FIRST_CONTACT_ID + (k % CONTACT_COUNT)
    : null;
}

function event(k: number): ApiObject {
  const type = eventType(k);
  const base = { id: eventId(k), type };
  const entity =
    type === "task_completed"
      ? { entity_id: FIRST_TASK_ID + (k % TASK_COUNT), entity_type: "task" }
      : { entity_id: eventLead(k), entity_type: "lead" };
  const values: Record<string, { value_after: unknown[]; value_before: unknown[] }> = {
    lead_added: { value_after: [{ note: { id: 30_001 + (k % LEAD_NOTE_COUNT) } }], value_before: [] },
    lead_status_changed: {
      value_after: [{ lead_status: { id: P1_STATUSES[(k + 1) % 5]!, pipeline_id: P1 } }],
      value_before: [{ lead_status: { id: P1_STATUSES[k % 5]!, pipeline_id: P1 } }],
    },
    incoming_call: { value_after: [{ note: { id: 30_001 + (k % LEAD_NOTE_COUNT) } }], value_before: [] },
    outgoing_chat_message: { value_after: [{ message: { id: `msg-${k}` } }], value_before: [] },
    task_completed: { value_after: [], value_before: [] },
    entity_responsible_changed: {
      value_after: [{ responsible_user: { id: USER_IDS[(k + 1) % 4]! } }],
      value_before: [{ responsible_user: { id: USER_IDS[k % 4]! } }],
    },
  };
  const talkContact = eventTalkContact(k);
  return {
    ...base,
    ...entity,
    created_by: k % 11 === 0 ? 0 : USER_IDS[k % 4]!,
    created_at: eventCreatedAt(k),
    ...values[type]!,
    account_id: ACCOUNT_ID,
    ...(talkContact === null ? {} : { linked_talk_contact_id: talkContact }),
  };
}

export function noteType(k: number): string {
  return ["common", "call_in", "call_out"][k % 3]!;
}

function note(id: number, k: number, entityId: number): ApiObject {
  const type = noteType(k);
  const params =
    type === "common"
      ? { text: `Примечание ${k}` }
      : {
          uniq: `call-${k}`,
          duration: k % 4 === 0 ? 0 : 60 + k,
          source: "sandbox telephony",
          link: `https://example.test/${k}.mp3`,
          phone: "+79990000000",
          call_result: "",
          call_status: k % 4 === 0 ? 6 : 4,
        };
  return {
    id,
    entity_id: entityId,
    created_by: USER_IDS[k % 4]!,
    updated_by: USER_IDS[k % 4]!,
    created_at: T0 + k * 2000,
    updated_at: T0 + k * 2000 + 10,
    responsible_user_id: USER_IDS[k % 4]!,
    group_id: 0,
    note_type: type,
    params,
    account_id: ACCOUNT_ID,
  };
}

export function leadNoteEntity(k: number): number {
  return (k % LEAD_COUNT) + 1;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export function makeFixture(): AccountData {
  return {
    account: {
      id: ACCOUNT_ID,
      name: "fixture",
      subdomain: "fixture",
      current_user_id: USER_IDS[0],
      country: "RU",
      customers_mode: "disabled",
      is_unsorted_on: true,
      is_loss_reason_enabled: true,
      is_helpbot_enabled: false,
      is_technical_account: false,
      is_api_filter_enabled: true,
      contact_name_display_order: 1,
      amojo_id: "f3c6340d-410e-4ad1-9f7e-c5e663599909",
      uuid: "824f3a59-6154-4edf-ba90-0b5593715d07",
      drive_url: "https://drive-b.amocrm.ru",
      version: 16,
      entity_names: {
        leads: { en: { singular_form: { default: "lead" }, plural_form: { default: "leads" }, gender: "f" } },
      },
      _embedded: {
        amojo_rights: { can_direct: true, can_create_groups: true },
        users_groups: [{ id: 0, name: "Отдел продаж", uuid: null }],
        task_types: [
          { id: 1, name: "Связаться", color: null, icon_id: null, code: "FOLLOW_UP" },
          { id: 2, name: "Встреча", color: null, icon_id: null, code: "MEETING" },
        ],
        datetime_settings: {
          date_pattern: "d.m.Y H:i",
          short_date_pattern: "d.m.Y",
          short_time_pattern: "H:i",
          date_formant: "d.m.Y",
          time_format: "H:i:s",
          timezone: "Europe/Moscow",
          timezone_offset: "+03:00",
        },
      },
    },
    users: [
      user(5001, "Админ", true, null),
      user(5002, "Анна", false, 11),
      user(5003, "Борис", false, 11),
      user(5004, "Вера", false, 12),
    ],
    pipelines: [
      pipeline(P1, "Продажи", 1, true, [
        status(7101, "Неразобранное", 10, P1, 1),
        status(7102, "Первичный контакт", 20, P1, 0),
        status(7103, "Переговоры", 30, P1, 0),
        status(142, "Успешно реализовано", 10000, P1, 0),
        status(143, "Закрыто и не реализовано", 11000, P1, 0),
      ]),
      pipeline(P2, "Партнёры", 2, false, [
        status(7201, "Неразобранное", 10, P2, 1),
        status(7202, "Первичный контакт", 20, P2, 0),
        status(142, "Успешно реализовано", 10000, P2, 0),
        status(143, "Закрыто и не реализовано", 11000, P2, 0),
      ]),
    ],
    loss_reasons: [
      { id: 8001, name: "Дорого", sort: 100, created_at: T0, updated_at: T0 },
      { id: 8002, name: "Пропала потребность", sort: 200, created_at: T0, updated_at: T0 },
    ],
    custom_fields: range(60).map((n) => ({
      id: 9001 + n,
      name: `Поле ${n}`,
      sort: 500 - n,
      type: n % 2 === 0 ? "text" : "select",
      is_predefined: false,
      settings: null,
      remind: null,
      is_api_only: false,
      group_id: null,
      enums: null,
      required_statuses: null,
    })),
    leads: [
      ...range(LEAD_COUNT).map((n) => lead(n + 1, false)),
      ...DELETED_LEAD_IDS.map((id) => lead(id, true)),
    ],
    contacts: range(CONTACT_COUNT).map(contact),
    tasks: range(TASK_COUNT).map(task),
    events: range(EVENT_COUNT).map(event),
    leads_notes: range(LEAD_NOTE_COUNT).map((k) => note(30_001 + k, k, leadNoteEntity(k))),
    contacts_notes: range(CONTACT_NOTE_COUNT).map((k) =>
      note(40_001 + k, k, FIRST_CONTACT_ID + (k % CONTACT_COUNT)),
    ),
  };
}
