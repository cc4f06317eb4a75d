/**
 * API objects of the account's dictionaries, in the shapes of the reference samples
 * (account_with_all.json, users_list_page.json, pipelines_list.json, custom_fields_list_page.json,
 * loss_reasons_embedded_in_lead.json). `_links` are left to the sandbox server.
 */
import type { ApiObject } from "../account-data";
import {
  ACCOUNT_ID,
  CHANNEL_FIELD,
  GROUPS,
  LOSS_REASONS,
  MANAGER_ROLE,
  PIPELINES,
  SEGMENT_FIELD,
  type SelectFieldDef,
  SOURCE_FIELD,
  SUBDOMAIN,
  TRACKING_FIELDS,
} from "./dictionaries";
import type { Rng } from "./prng";
import type { Person } from "./team";
import { TIMEZONE, type World } from "./world";

export function emitAccount(world: World, rng: Rng): ApiObject {
  const forms = (d: string, g: string, a: string, dat: string, i: string, p: string) => ({
    dative: dat,
    default: d,
    genitive: g,
    accusative: a,
    instrumental: i,
    prepositional: p,
  });
  return {
    id: ACCOUNT_ID,
    name: "ООО «Сервис-Профи»",
    subdomain: SUBDOMAIN,
    current_user_id: world.head.id,
    country: "RU",
    customers_mode: "disabled",
    is_unsorted_on: true,
    is_loss_reason_enabled: true,
    is_helpbot_enabled: false,
    is_technical_account: false,
    is_api_filter_enabled: true,
    contact_name_display_order: 1,
    amojo_id: rng.uuid(),
    uuid: rng.uuid(),
    drive_url: "https://drive-b.amocrm.ru",
    version: 16,
    entity_names: {
      leads: {
        ru: {
          gender: "f",
          plural_form: forms("сделки", "сделок", "сделки", "сделкам", "сделками", "сделках"),
          singular_form: forms("сделка", "сделки", "сделку", "сделке", "сделкой", "сделке"),
        },
        en: { singular_form: { default: "lead" }, plural_form: { default: "leads" }, gender: "f" },
        es: { singular_form: { default: "acuerdo" }, plural_form: { default: "acuerdos" }, gender: "m" },
      },
    },
    _embedded: {
      amojo_rights: { can_direct: true, can_create_groups: true },
      users_groups: GROUPS.map((g) => ({ id: g.id, name: g.name, uuid: g.id === 0 ? null : rng.uuid() })),
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
        timezone: TIMEZONE,
        timezone_offset: "+03:00",
      },
    },
  };
}

function rights(admin: boolean, groupId: number | null): ApiObject {
  const all = { view: "A", edit: "A", add: "A", delete: "A", export: "A" };
  // Managers see the whole department's deals but edit their own (M) and cannot delete or export.
  const own = { view: "A", edit: "M", add: "A", delete: "D", export: "D" };
  return {
    leads: admin ? all : own,
    contacts: admin ? all : own,
    companies: admin ? all : own,
    tasks: admin ? { edit: "A", delete: "A" } : { edit: "M", delete: "M" },
    mail_access: true,
    catalog_access: admin,
    status_rights: null,
    is_admin: admin,
    is_free: false,
    is_active: true,
    group_id: groupId,
    role_id: admin ? null : MANAGER_ROLE.id,
  };
}

function user(p: Person, admin: boolean): ApiObject {
  const r = rights(admin, admin ? null : p.groupId);
  const group = GROUPS.find((g) => g.id === p.groupId);
  return {
    id: p.id,
    name: p.name,
    email: p.email,
    lang: "ru",
    rights: r,
    _embedded: {
      roles: admin ? [] : [{ id: MANAGER_ROLE.id, name: MANAGER_ROLE.name }],
      groups: admin || !group ? [] : [{ id: group.id, name: group.name }],
    },
  };
}

export function emitUsers(world: World): ApiObject[] {
  return [user(world.head, true), ...world.team.map((m) => user(m, false))];
}

export function emitPipelines(): ApiObject[] {
  return PIPELINES.map((p) => ({
    id: p.id,
    name: p.name,
    sort: p.sort,
    is_main: p.isMain,
    is_unsorted_on: true,
    is_archive: false,
    account_id: ACCOUNT_ID,
    _embedded: {
      statuses: p.stages.map((s) => ({
        id: s.id,
        name: s.name,
        sort: s.sort,
        is_editable: s.type === 0 && s.id !== 142 && s.id !== 143,
        pipeline_id: p.id,
        color: s.color,
        type: s.type,
        account_id: ACCOUNT_ID,
      })),
    },
  }));
}

export function emitLossReasons(world: World): ApiObject[] {
  // The directory was set up before the scenario began.
  const t = world.start - 200 * 86_400;
  return LOSS_REASONS.map((r) => ({ id: r.id, name: r.name, sort: r.sort, created_at: t, updated_at: t }));
}

function selectField(f: SelectFieldDef): ApiObject {
  return {
    id: f.id,
    name: f.name,
    code: f.code,
    sort: f.sort,
    type: "select",
    is_predefined: false,
    settings: null,
    remind: null,
    is_api_only: false,
    group_id: null,
    enums: f.enums.map((e) => ({ id: e.id, value: e.value, sort: e.sort })),
    required_statuses: null,
  };
}

/**
 * Lead custom fields: the sample's keys plus `code` (in the reference's field list, §6.5), so the
 * tracking fields can be found by code as the reference advises.
 */
export function emitCustomFields(): ApiObject[] {
  return [
    selectField(SOURCE_FIELD),
    selectField(SEGMENT_FIELD),
    selectField(CHANNEL_FIELD),
    ...TRACKING_FIELDS.map((f) => ({
      id: f.id,
      name: f.name,
      code: f.code,
      sort: f.sort,
      type: "tracking_data",
      is_predefined: true,
      settings: null,
      remind: null,
      is_api_only: false,
      group_id: null,
      enums: null,
      required_statuses: null,
    })),
  ];
}
