/**
 * GET /api/v4/leads/custom_fields [DOC] (crm_platform/custom-fields; custom_fields_list_page.json):
 * `_total_items`, `_page`, `_page_count`, `_links.last`; `filter[type][]`; `order[sort|id]`.
 */
import type { ApiObject } from "../account-data";
import { allOf, compileFilters, numberField } from "../filters";
import { DEFAULT_LIMIT, readPaging } from "../paging";
import { readOrder } from "../query";
import type { Reply } from "../reply";
import { countedList, selfLinked } from "./common";
import type { RequestContext } from "./context";

/**
 * The page says "returns up to 50 fields per request" although `limit` may be 250 [DOC]; the
 * sandbox serves at most 50 per page, so a client must follow `_links.next` [BELIEF].
 */
const FIELDS_PER_PAGE_CAP = DEFAULT_LIMIT;

/** The sample's self link is `/api/v4/custom_fields/{id}/` (no entity, trailing slash) [DOC]. */
function renderField(origin: string, f: ApiObject): ApiObject {
  return selfLinked(f, `${origin}/api/v4/custom_fields/${String(f["id"])}/`);
}

export function listLeadCustomFields(ctx: RequestContext): Reply {
  const { tests } = compileFilters(ctx.query["filter"], { type: { kind: "strings" } });
  const order = readOrder(ctx.query, ["sort", "id"]);
  const key = order?.field ?? "sort";
  const sign = order?.dir === "desc" ? -1 : 1;
  // Default order: by `sort`, then id [BELIEF].
  const items = [...ctx.store.customFields].sort(
    (a, b) =>
      sign * ((numberField(a, key) ?? 0) - (numberField(b, key) ?? 0)) ||
      sign * ((numberField(a, "id") ?? 0) - (numberField(b, "id") ?? 0)),
  );
  const paging = readPaging(ctx.query, 250);
  return countedList(ctx, {
    key: "custom_fields",
    items,
    accept: allOf(tests),
    maxLimit: 250,
    render: (f) => renderField(ctx.origin, f),
    paging: { page: paging.page, limit: Math.min(paging.limit, FIELDS_PER_PAGE_CAP) },
    withLast: true,
  });
}
