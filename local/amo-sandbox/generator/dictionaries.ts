/**
 * The fixed vocabulary of the sandbox account: ids of pipelines, statuses, custom fields, enums,
 * loss reasons and amoCRM sources. Fixed (not drawn from the seed) so that a test or a debugging
 * session can name "the Квалификация stage" by id whatever the seed.
 */
import type { Channel } from "./plan-types";

export const ACCOUNT_ID = 30917458;
export const SUBDOMAIN = "servisprofi";

/** Groups: 0 is amoCRM's default group ("Отдел продаж"), the two teams are ours. */
export const GROUPS = [
  { id: 0, name: "Отдел продаж" },
  { id: 412301, name: "Группа «Москва»" },
  { id: 412302, name: "Группа «Регионы»" },
] as const;

export const MANAGER_ROLE = { id: 30101, name: "Менеджер по продажам" };

export const TASK_TYPE_CALL = 1;
export const TASK_TYPE_MEETING = 2;

export interface StageDef {
  id: number;
  name: string;
  sort: number;
  /** 1 = unsorted ("Неразобранное"), 0 = normal; 142 / 143 are type 0 too [DOC]. */
  type: 0 | 1;
  color: string;
}

export interface PipelineDef {
  id: number;
  name: string;
  sort: number;
  isMain: boolean;
  stages: StageDef[];
}

export const WON = 142;
export const LOST = 143;

/** Main pipeline "Продажи". */
export const P1 = {
  id: 7841201,
  unsorted: 63410001,
  firstContact: 63410004,
  qualification: 63410007,
  meeting: 63410010,
  proposal: 63410013,
  negotiation: 63410016,
} as const;

/** Repeat sales pipeline "Повторные продажи". */
export const P2 = {
  id: 7841205,
  unsorted: 63410031,
  request: 63410034,
  selection: 63410037,
  invoice: 63410040,
} as const;

const closing = (): StageDef[] => [
  { id: WON, name: "Успешно реализовано", sort: 10000, type: 0, color: "#CCFF66" },
  { id: LOST, name: "Закрыто и не реализовано", sort: 11000, type: 0, color: "#D5D8DB" },
];

export const PIPELINES: PipelineDef[] = [
  {
    id: P1.id,
    name: "Продажи",
    sort: 1,
    isMain: true,
    stages: [
      { id: P1.unsorted, name: "Неразобранное", sort: 10, type: 1, color: "#c1c1c1" },
      { id: P1.firstContact, name: "Первичный контакт", sort: 20, type: 0, color: "#99ccff" },
      { id: P1.qualification, name: "Квалификация", sort: 30, type: 0, color: "#ffff99" },
      { id: P1.meeting, name: "Встреча назначена", sort: 40, type: 0, color: "#ffcc66" },
      { id: P1.proposal, name: "КП отправлено", sort: 50, type: 0, color: "#ffcccc" },
      { id: P1.negotiation, name: "Переговоры", sort: 60, type: 0, color: "#ff8f92" },
      ...closing(),
    ],
  },
  {
    id: P2.id,
    name: "Повторные продажи",
    sort: 2,
    isMain: false,
    stages: [
      { id: P2.unsorted, name: "Неразобранное", sort: 10, type: 1, color: "#c1c1c1" },
      { id: P2.request, name: "Новый запрос", sort: 20, type: 0, color: "#99ccff" },
      { id: P2.selection, name: "Подбор решения", sort: 30, type: 0, color: "#ccc8f9" },
      { id: P2.invoice, name: "Счёт выставлен", sort: 40, type: 0, color: "#87f2c0" },
      ...closing(),
    ],
  },
];

/** The sort of a status inside its pipeline. */
export function stageSort(pipelineId: number, statusId: number): number {
  const p = PIPELINES.find((x) => x.id === pipelineId);
  const s = p?.stages.find((x) => x.id === statusId);
  if (!s) throw new Error(`unknown stage ${pipelineId}:${statusId}`);
  return s.sort;
}

/** Open (not won/lost) stages of every pipeline, pipeline order then `sort`. */
export function openStageKeys(): string[] {
  const keys: string[] = [];
  for (const p of PIPELINES) {
    for (const s of [...p.stages].sort((a, b) => a.sort - b.sort)) {
      if (s.id !== WON && s.id !== LOST) keys.push(`${p.id}:${s.id}`);
    }
  }
  return keys;
}

export interface LossReasonDef {
  id: number;
  name: string;
  sort: number;
}

/** Eight reasons: under the method's "at most 10" so hygiene stays quiet about the directory. */
export const LOSS_REASONS: LossReasonDef[] = [
  { id: 51230011, name: "Дорого", sort: 10 },
  { id: 51230013, name: "Выбрали конкурента", sort: 20 },
  { id: 51230015, name: "Пропала потребность", sort: 30 },
  { id: 51230017, name: "Нет бюджета", sort: 40 },
  { id: 51230019, name: "Сроки не устраивают", sort: 50 },
  { id: 51230021, name: "Не дозвонились", sort: 60 },
  { id: 51230023, name: "Не целевой запрос", sort: 70 },
  { id: 51230025, name: "Дубль", sort: 80 },
];

export function lossReasonId(name: string): number {
  const r = LOSS_REASONS.find((x) => x.name === name);
  if (!r) throw new Error(`unknown loss reason ${name}`);
  return r.id;
}

export interface EnumDef {
  id: number;
  value: string;
  sort: number;
}

export interface SelectFieldDef {
  id: number;
  name: string;
  code: string | null;
  sort: number;
  enums: EnumDef[];
}

const enums = (firstId: number, values: string[]): EnumDef[] =>
  values.map((value, i) => ({ id: firstId + i * 2, value, sort: (i + 1) * 10 }));

/** Lead sources ("Источник"): the source dimension; map it with settings.sourceFieldId. */
export const SOURCE_FIELD: SelectFieldDef = {
  id: 1145201,
  name: "Источник",
  code: null,
  sort: 510,
  enums: enums(2740001, [
    "Сайт",
    "Яндекс.Директ",
    "VK Реклама",
    "Рекомендация",
    "Выставка",
    "Холодная база",
    "Повторное обращение",
  ]),
};

/** Company size ("Сегмент"): the segment dimension; map it with settings.segmentFieldId. */
export const SEGMENT_FIELD: SelectFieldDef = {
  id: 1145203,
  name: "Сегмент",
  code: null,
  sort: 520,
  enums: enums(2740101, ["Малый бизнес", "Средний бизнес", "Крупный бизнес"]),
};

/**
 * The channel a lead came through ("Канал"), with the lead-class rules' own words as values so no
 * translation table is needed. Real accounts carry this in the unsorted category (sip / chats /
 * forms / mail) or the amoCRM source; the sandbox makes it an explicit select field.
 */
export const CHANNEL_FIELD: SelectFieldDef = {
  id: 1145205,
  name: "Канал",
  code: "CHANNEL",
  sort: 530,
  enums: enums(2740201, ["call", "chat", "widget", "form", "email", "social", "other"]),
};

/** amoCRM's predefined tracking fields (type tracking_data) [DOC]; found by type or code. */
export const TRACKING_FIELDS = [
  { id: 1145211, name: "utm_source", code: "UTM_SOURCE", sort: 600 },
  { id: 1145213, name: "utm_medium", code: "UTM_MEDIUM", sort: 601 },
  { id: 1145215, name: "utm_campaign", code: "UTM_CAMPAIGN", sort: 602 },
] as const;

export function enumOf(field: SelectFieldDef, value: string): EnumDef {
  const e = field.enums.find((x) => x.value === value);
  if (!e) throw new Error(`no enum "${value}" in field ${field.name}`);
  return e;
}

/** Contact multitext fields (not served as lead custom fields; used in contacts' values). */
export const CONTACT_PHONE_FIELD = {
  id: 1145101,
  name: "Телефон",
  code: "PHONE",
  workEnum: 2739901,
  mobEnum: 2739903,
};
export const CONTACT_EMAIL_FIELD = { id: 1145103, name: "Email", code: "EMAIL", workEnum: 2739911 };

/** amoCRM's own source of a lead (`_embedded.source`, `source_id`), one per inbound channel. */
export const AMO_SOURCES: Record<Channel, { id: number; name: string } | null> = {
  call: { id: 20110001, name: "Телефония Mango Office" },
  chat: { id: 20110003, name: "Telegram" },
  widget: { id: 20110005, name: "Онлайн-чат на сайте" },
  form: { id: 20110007, name: "Форма на сайте" },
  email: { id: 20110009, name: "Почта zakaz@servis-profi.ru" },
  social: { id: 20110011, name: "ВКонтакте" },
  other: null,
};

/** The telephony integration that writes call notes (`params.source`). */
export const TELEPHONY_SOURCE = "Mango Office";
export const COMPANY_PHONE = "+74957770101";
export const COMPANY_MAIL = "zakaz@servis-profi.ru";
