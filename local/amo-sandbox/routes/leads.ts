/**
 * GET /api/v4/leads and /api/v4/leads/{id} [DOC] (crm_platform/leads-api; leads_list_page.json,
 * lead_by_id_with_embedded.json). limit ≤ 250; `with=` as §5.1 of the reference; deleted leads only
 * with `with=only_deleted`.
 */
import type { ApiObject } from "../account-data";
import { allOf, type CompiledFilter } from "../filters";
import { readOrder, readWith } from "../query";
import { hal, noContent, type Reply } from "../reply";
import { embeddedOf } from "../store";
import { ID_ASC, idParam, ordered, pagedList, reference, selfLinked } from "./common";
import type { RequestContext } from "./context";
import { compileLeadFilter } from "./lead-filter";
import { renderLossReason } from "./loss-reasons";

function isDeleted(lead: ApiObject): boolean {
  return lead["is_deleted"] === true;
}

function lossReasonOf(ctx: RequestContext, lead: ApiObject): ApiObject[] | undefined {
  const stored = embeddedOf(lead)["loss_reason"];
  if (Array.isArray(stored)) return (stored as ApiObject[]).map((r) => renderLossReason(ctx.origin, r));
  const reason = ctx.store.lossReasonById.get(Number(lead["loss_reason_id"]));
  return reason ? [renderLossReason(ctx.origin, reason)] : undefined;
}

/**
 * A served lead. `tags` and `companies` always; `catalog_elements`, `loss_reason` (an array, as the
 * docs example shows), `contacts` (ids + is_main only) and `source` only when asked for [DOC].
 * Asked-for parts the lead does not have are left out rather than sent empty [BELIEF]: the stricter
 * choice, a client must cope with their absence.
 */
export function renderLead(ctx: RequestContext, lead: ApiObject, wanted: Set<string>): ApiObject {
  const base: ApiObject = {};
  for (const [key, value] of Object.entries(lead)) {
    if (key === "is_price_modified_by_robot" && !wanted.has(key)) continue;
    // The field table says `source_id` needs `with=source_id`, yet the docs' plain list example carries
    // `"source_id": null`: the key is always there, its value only with the `with` [BELIEF].
    base[key] = key === "source_id" && !wanted.has("source_id") ? null : value;
  }
  const stored = embeddedOf(lead);
  const embedded: ApiObject = { tags: stored["tags"] ?? [] };
  if (wanted.has("catalog_elements") && stored["catalog_elements"] !== undefined) {
    embedded["catalog_elements"] = stored["catalog_elements"];
  }
  if (wanted.has("loss_reason")) {
    const reasons = lossReasonOf(ctx, lead);
    if (reasons) embedded["loss_reason"] = reasons;
  }
  const companies = Array.isArray(stored["companies"]) ? (stored["companies"] as ApiObject[]) : [];
  embedded["companies"] = companies.map((c) => reference(ctx.origin, "companies", c));
  if (wanted.has("contacts")) {
    const contacts = ctx.store.contactsOfLead(Number(lead["id"]));
    if (contacts.length > 0)
      embedded["contacts"] = contacts.map((c) => reference(ctx.origin, "contacts", { ...c }));
  }
  if (wanted.has("source") && stored["source"] !== undefined && stored["source"] !== null) {
    embedded["source"] = stored["source"];
  }
  return selfLinked(base, `${ctx.origin}/api/v4/leads/${String(lead["id"])}`, embedded);
}

/** A lead in the trash: only id, updated_at, updated_by, is_deleted [DOC]. */
function renderDeleted(lead: ApiObject): ApiObject {
  return { id: lead["id"], updated_at: lead["updated_at"], updated_by: lead["updated_by"], is_deleted: true };
}

export function listLeads(ctx: RequestContext): Reply {
  const wanted = readWith(ctx.query);
  const onlyDeleted = wanted.has("only_deleted");
  // An account without API filtering ignores the filters [BELIEF] (amocrm-api.md §3.4, open question 2).
  const filter: CompiledFilter = ctx.apiFilterEnabled
    ? compileLeadFilter(ctx.query["filter"])
    : { tests: [], nothing: false };
  if (filter.nothing) return noContent();
  const matches = allOf(filter.tests);
  return pagedList(ctx, {
    key: "leads",
    items: ordered(ctx.store.leads, readOrder(ctx.query, ["created_at", "updated_at", "id"]), ID_ASC),
    accept: (lead) => isDeleted(lead) === onlyDeleted && matches(lead),
    maxLimit: 250,
    render: onlyDeleted ? renderDeleted : (lead) => renderLead(ctx, lead, wanted),
  });
}

/** A missing id answers 204 [DOC]; so does a lead in the trash [BELIEF]. */
export function getLead(ctx: RequestContext): Reply {
  const lead = ctx.store.leadById.get(idParam(ctx));
  if (!lead || isDeleted(lead)) return noContent();
  return hal(renderLead(ctx, lead, readWith(ctx.query)));
}
