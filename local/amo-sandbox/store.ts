/**
 * The served account in memory: the AccountData arrays, sorted once and indexed by id, plus the
 * lead↔contact links in both directions (whichever side the data recorded them on).
 */
import type { AccountData, ApiObject } from "./account-data";
import { numberField } from "./filters";

export interface ContactLink {
  id: number;
  is_main: boolean;
}

export type NoteEntity = "leads" | "contacts";

function byId(items: ApiObject[]): ApiObject[] {
  return [...items].sort((a, b) => (numberField(a, "id") ?? 0) - (numberField(b, "id") ?? 0));
}

function indexById(items: ApiObject[]): Map<number, ApiObject> {
  const map = new Map<number, ApiObject>();
  for (const item of items) {
    const id = numberField(item, "id");
    if (id !== null) map.set(id, item);
  }
  return map;
}

function embeddedList(item: ApiObject, key: string): ApiObject[] | undefined {
  const embedded = item["_embedded"];
  if (typeof embedded !== "object" || embedded === null) return undefined;
  const list = (embedded as ApiObject)[key];
  return Array.isArray(list) ? (list as ApiObject[]) : undefined;
}

export function embeddedOf(item: ApiObject): ApiObject {
  const embedded = item["_embedded"];
  return typeof embedded === "object" && embedded !== null && !Array.isArray(embedded)
    ? (embedded as ApiObject)
    : {};
}

export class AccountStore {
  readonly account: ApiObject;
  readonly users: ApiObject[];
  readonly userById: Map<number, ApiObject>;
  readonly pipelines: ApiObject[];
  readonly pipelineById: Map<number, ApiObject>;
  readonly lossReasons: ApiObject[];
  readonly lossReasonById: Map<number, ApiObject>;
  readonly customFields: ApiObject[];
  /** All leads by id ascending, deleted ones included (`is_deleted: true`). */
  readonly leads: ApiObject[];
  readonly leadById: Map<number, ApiObject>;
  readonly contacts: ApiObject[];
  readonly contactById: Map<number, ApiObject>;
  /** Grows with POST /api/v4/tasks; kept in id order because new ids are always the largest. */
  readonly tasks: ApiObject[];
  readonly taskById: Map<number, ApiObject>;
  /** Newest first: `created_at` descending, later-recorded first among equal times. */
  readonly eventsNewestFirst: ApiObject[];
  readonly eventById: Map<string, ApiObject>;
  readonly notes: Record<NoteEntity, ApiObject[]>;
  private readonly leadContacts = new Map<number, ContactLink[]>();
  private readonly contactLeads = new Map<number, number[]>();

  constructor(data: AccountData) {
    this.account = data.account;
    this.users = byId(data.users);
    this.userById = indexById(this.users);
    this.pipelines = byId(data.pipelines);
    this.pipelineById = indexById(this.pipelines);
    this.lossReasons = byId(data.loss_reasons);
    this.lossReasonById = indexById(this.lossReasons);
    this.customFields = [...data.custom_fields];
    this.leads = byId(data.leads);
    this.leadById = indexById(this.leads);
    this.contacts = byId(data.contacts);
    this.contactById = indexById(this.contacts);
    this.tasks = byId(data.tasks);
    this.taskById = indexById(this.tasks);
    this.eventsNewestFirst = data.events
      .map((event, index) => ({ event, index, at: numberField(event, "created_at") ?? 0 }))
      .sort((a, b) => b.at - a.at || b.index - a.index)
      .map((e) => e.event);
    this.eventById = new Map(this.eventsNewestFirst.map((e) => [String(e["id"]), e]));
    this.notes = { leads: byId(data.leads_notes), contacts: byId(data.contacts_notes) };
    this.linkLeadsAndContacts();
  }

  /**
   * A lead's contacts come from its `_embedded.contacts` when recorded there, else from contacts'
   * `_embedded.leads`; without a recorded `is_main`, the first linked contact is the main one [BELIEF].
   */
  private linkLeadsAndContacts(): void {
    const link = (leadId: number, contactId: number, isMain: boolean | undefined) => {
      const list = this.leadContacts.get(leadId) ?? [];
      if (list.some((c) => c.id === contactId)) return;
      list.push({ id: contactId, is_main: isMain ?? list.length === 0 });
      this.leadContacts.set(leadId, list);
      const leads = this.contactLeads.get(contactId) ?? [];
      leads.push(leadId);
      this.contactLeads.set(contactId, leads);
    };
    for (const lead of this.leads) {
      const leadId = numberField(lead, "id");
      if (leadId === null) continue;
      for (const c of embeddedList(lead, "contacts") ?? []) {
        const contactId = numberField(c, "id");
        if (contactId !== null)
          link(leadId, contactId, typeof c["is_main"] === "boolean" ? c["is_main"] : undefined);
      }
    }
    for (const contact of this.contacts) {
      const contactId = numberField(contact, "id");
      if (contactId === null) continue;
      for (const l of embeddedList(contact, "leads") ?? []) {
        const leadId = numberField(l, "id");
        if (leadId !== null) link(leadId, contactId, undefined);
      }
    }
  }

  contactsOfLead(leadId: number): ContactLink[] {
    return this.leadContacts.get(leadId) ?? [];
  }

  leadsOfContact(contactId: number): number[] {
    return this.contactLeads.get(contactId) ?? [];
  }

  nextTaskId(): number {
    const last = this.tasks[this.tasks.length - 1];
    return (last ? (numberField(last, "id") ?? 0) : 0) + 1;
  }

  addTask(task: ApiObject): void {
    this.tasks.push(task);
    this.taskById.set(task["id"] as number, task);
  }

  /** The account id every served object carries (`account_id`). */
  get accountId(): number {
    return numberField(this.account, "id") ?? 0;
  }
}
