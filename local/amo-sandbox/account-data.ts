/**
 * The contract between the sandbox server, the generator and a recorded account (`--data DIR`):
 * a whole amoCRM account as arrays of API objects, each exactly in the shape that `_embedded`
 * holds in the matching v4 list answer (see shared/reference/amocrm-samples). `_links` may be
 * absent: the server fills `_links.self` when it serves an object.
 */
export type ApiObject = Record<string, unknown>;

export interface AccountData {
  /** The object of `GET /api/v4/account` (with `_embedded.datetime_settings`, `task_types`, ...). */
  account: ApiObject;
  users: ApiObject[];
  /** Each with `_embedded.statuses` (142 and 143 included). */
  pipelines: ApiObject[];
  loss_reasons: ApiObject[];
  /** Lead custom fields (`/api/v4/leads/custom_fields`). */
  custom_fields: ApiObject[];
  /** Includes deleted leads with `is_deleted: true` (served only with `with=only_deleted`). */
  leads: ApiObject[];
  contacts: ApiObject[];
  tasks: ApiObject[];
  events: ApiObject[];
  leads_notes: ApiObject[];
  contacts_notes: ApiObject[];
}

/** File names of a recorded account in `--data DIR`; a missing file is an empty list. */
export const ACCOUNT_FILES = {
  account: "account.json",
  users: "users.json",
  pipelines: "pipelines.json",
  loss_reasons: "loss_reasons.json",
  custom_fields: "custom_fields.json",
  leads: "leads.json",
  contacts: "contacts.json",
  tasks: "tasks.json",
  events: "events.json",
  leads_notes: "leads_notes.json",
  contacts_notes: "contacts_notes.json",
} as const satisfies Record<keyof AccountData, string>;
