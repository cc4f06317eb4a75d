/**
 * GET /api/v4/contacts and /api/v4/contacts/{id} [DOC] (crm_platform/contacts-api;
 * contacts_list_page.json, contact_by_id.json). limit ≤ 250; `with=leads` (and the stored
 * `customers` / `catalog_elements`); `order[updated_at|id]`.
 */
import type { ApiObject } from "../account-data";
import { allOf, type CompiledFilter, compileFilters } from "../filters";
import { readOrder, readWith } from "../query";
import { hal, noContent, type Reply } from "../reply";
import { embeddedOf } from "../store";
import { ID_ASC, idParam, ordered, pagedList, reference, selfLinked } from "./common";
import type { RequestContext } from "./context";
import { CONTACT_RULES } from "./lead-filter";

function isDeleted(contact: ApiObject): boolean {
  return contact["is_deleted"] === true;
}

/** `tags` and `companies` always; `leads`, `customers`, `catalog_elements` only when asked [DOC]. */
function renderContact(ctx: RequestContext, contact: ApiObject, wanted: Set<string>): ApiObject {
  const stored = embeddedOf(contact);
  const embedded: ApiObject = { tags: stored["tags"] ?? [] };
  if (wanted.has("leads")) {
    // Leads in the trash are not linked any more [BELIEF]; none left → key left out, as for a lead's
    // contacts [BELIEF].
    const leads = ctx.store
      .leadsOfContact(Number(contact["id"]))
      .filter((id) => ctx.store.leadById.get(id)?.["is_deleted"] !== true);
    if (leads.length > 0) embedded["leads"] = leads.map((id) => reference(ctx.origin, "leads", { id }));
  }
  for (const key of ["customers", "catalog_elements"]) {
    if (wanted.has(key) && Array.isArray(stored[key])) embedded[key] = stored[key];
  }
  const companies = Array.isArray(stored["companies"]) ? (stored["companies"] as ApiObject[]) : [];
  embedded["companies"] = companies.map((c) => reference(ctx.origin, "companies", c));
  return selfLinked(contact, `${ctx.origin}/api/v4/contacts/${String(contact["id"])}`, embedded);
}

export function listContacts(ctx: RequestContext): Reply {
  const wanted = readWith(ctx.query);
  // Contact filters belong to the same "alpha" family as lead filters [DOC] (§3.4).
  const filter: CompiledFilter = ctx.apiFilterEnabled
    ? compileFilters(ctx.query["filter"], CONTACT_RULES)
    : { tests: [], nothing: false };
  if (filter.nothing) return noContent();
  const matches = allOf(filter.tests);
  return pagedList(ctx, {
    key: "contacts",
    items: ordered(ctx.store.contacts, readOrder(ctx.query, ["updated_at", "id"]), ID_ASC),
    accept: (c) => !isDeleted(c) && matches(c),
    maxLimit: 250,
    render: (c) => renderContact(ctx, c, wanted),
  });
}

/** A missing contact answers 204 like a missing lead [BELIEF]. */
export function getContact(ctx: RequestContext): Reply {
  const contact = ctx.store.contactById.get(idParam(ctx));
  if (!contact || isDeleted(contact)) return noContent();
  return hal(renderContact(ctx, contact, readWith(ctx.query)));
}
