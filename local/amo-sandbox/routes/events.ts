/**
 * GET /api/v4/events and /api/v4/events/{id} [DOC] (crm_platform/events-and-notes;
 * events_list_page.json). limit ≤ 100 (amoCRM RU docs) with the silent fallback to 50 above it
 * [ISSUE]; ids are strings [DOC]; values are served as the data holds them
 * (event_value_structures_by_type.json).
 */
import type { ApiObject } from "../account-data";
import { readOrder, readWith } from "../query";
import { hal, noContent, type Reply } from "../reply";
import { embeddedOf } from "../store";
import { ordered, pagedList, selfLinked } from "./common";
import type { RequestContext } from "./context";
import { compileEventFilter } from "./event-filter";

export const EVENTS_MAX_LIMIT = 100;
/** Newest first by default [BELIEF]; `order[created_at]=asc` is honoured [BELIEF] (seen sent [OBS]). */
const NEWEST_FIRST = { field: "created_at", dir: "desc" } as const;

/** Where an event's entity lives in the API (events name entities in the singular [DOC]). */
function entityPath(entityType: string, id: unknown): string {
  const catalog = /^catalog_(\d+)$/.exec(entityType);
  if (catalog) return `catalogs/${catalog[1]}/elements/${String(id)}`;
  const plural: Record<string, string> = {
    lead: "leads",
    contact: "contacts",
    company: "companies",
    customer: "customers",
    task: "tasks",
  };
  return `${plural[entityType] ?? `${entityType}s`}/${String(id)}`;
}

/**
 * `with=lead_name|contact_name|…` adds the entity's name; placed in `_embedded.entity.name`
 * [BELIEF] (amocrm-api.md §8.1). Only leads and contacts have names in the sandbox's data.
 */
function entityName(ctx: RequestContext, type: string, id: number, wanted: Set<string>): unknown {
  if (type === "lead" && wanted.has("lead_name")) return ctx.store.leadById.get(id)?.["name"];
  if (type === "contact" && wanted.has("contact_name")) return ctx.store.contactById.get(id)?.["name"];
  return undefined;
}

function renderEvent(ctx: RequestContext, event: ApiObject, wanted: Set<string>): ApiObject {
  const type = String(event["entity_type"]);
  const storedEntity = embeddedOf(event)["entity"] as ApiObject | undefined;
  const entityId = Number(storedEntity?.["id"] ?? event["entity_id"]);
  const entity: ApiObject = { id: entityId };
  const name = entityName(ctx, type, entityId, wanted);
  if (name !== undefined) entity["name"] = name;
  entity["_links"] = { self: { href: `${ctx.origin}/api/v4/${entityPath(type, entityId)}` } };
  // Event ids are strings [DOC], whatever the data recorded.
  const id = String(event["id"]);
  return selfLinked({ ...event, id }, `${ctx.origin}/api/v4/events/${id}`, { entity });
}

export function listEvents(ctx: RequestContext): Reply {
  const accept = compileEventFilter(ctx.query);
  const wanted = readWith(ctx.query);
  return pagedList(ctx, {
    key: "events",
    items: ordered(ctx.store.eventsNewestFirst, readOrder(ctx.query, ["created_at"]), NEWEST_FIRST),
    accept,
    maxLimit: EVENTS_MAX_LIMIT,
    render: (e) => renderEvent(ctx, e, wanted),
  });
}

/** A missing event answers 204 like a missing lead [BELIEF]. */
export function getEvent(ctx: RequestContext): Reply {
  const event = ctx.store.eventById.get(ctx.params["id"] ?? "");
  return event ? hal(renderEvent(ctx, event, readWith(ctx.query))) : noContent();
}
