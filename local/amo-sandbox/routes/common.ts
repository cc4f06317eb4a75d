/** Pieces every endpoint uses: `_links.self` on objects, embedded references, the paged list. */
import type { ApiObject } from "../account-data";
import { cursorKey } from "../page-cursors";
import { type PageRequest, pageLinks, readPaging, takePage } from "../paging";
import { hal, noContent, type Reply } from "../reply";
import type { RequestContext } from "./context";

/**
 * The object with `_links.self` set to this server (a recorded account's links point to its real
 * host), then `_embedded` when given, in the key order of the samples (fields, `_links`, `_embedded`).
 */
export function selfLinked(item: ApiObject, href: string, embedded?: ApiObject): ApiObject {
  const out: ApiObject = {};
  for (const [key, value] of Object.entries(item)) {
    if (key !== "_links" && key !== "_embedded") out[key] = value;
  }
  out["_links"] = { self: { href } };
  if (embedded !== undefined) out["_embedded"] = embedded;
  return out;
}

/** `{id, _links}` as embedded references are shaped [DOC] (lead_by_id_with_embedded.json). */
export function reference(origin: string, path: string, item: ApiObject): ApiObject {
  return selfLinked(item, `${origin}/api/v4/${path}/${String(item["id"])}`);
}

export interface ListSpec<T> {
  key: string;
  items: readonly T[];
  accept: (item: T) => boolean;
  maxLimit: number;
  render: (item: T) => ApiObject;
  /** Overrides the paging read from the query (custom fields cap it further). */
  paging?: PageRequest;
}

/** A paged list without totals (leads, contacts, tasks, events, notes) [DOC]; 204 when empty [DOC]. */
export function pagedList<T>(ctx: RequestContext, spec: ListSpec<T>): Reply {
  const req = spec.paging ?? readPaging(ctx.query, spec.maxLimit);
  const key = cursorKey(ctx.pathname, ctx.rawQuery);
  const start = ctx.cursors.startOf(key, spec.items, req.page);
  const { slice, hasMore, nextStart } = takePage(spec.items, spec.accept, req, start);
  if (slice.length === 0) return noContent();
  if (hasMore) ctx.cursors.record(key, spec.items, req.page + 1, nextStart);
  return hal({
    _page: req.page,
    _links: pageLinks({ origin: ctx.origin, pathname: ctx.pathname, rawQuery: ctx.rawQuery, req, hasMore }),
    _embedded: { [spec.key]: slice.map(spec.render) },
  });
}

/**
 * A paged list that also states `_total_items` and `_page_count` (users, custom fields) [DOC].
 * `_total_items` counts the items of this page: the custom-fields sample says 2 items with
 * `_page_count: 10` at `limit=2`, and the users sample agrees [DOC] (read off the samples).
 */
export function countedList<T>(ctx: RequestContext, spec: ListSpec<T> & { withLast: boolean }): Reply {
  const req = spec.paging ?? readPaging(ctx.query, spec.maxLimit);
  const all = spec.items.filter(spec.accept);
  const slice = all.slice((req.page - 1) * req.limit, req.page * req.limit);
  if (slice.length === 0) return noContent();
  const pageCount = Math.max(1, Math.ceil(all.length / req.limit));
  const links = pageLinks({
    origin: ctx.origin,
    pathname: ctx.pathname,
    rawQuery: ctx.rawQuery,
    req,
    hasMore: req.page < pageCount,
    ...(spec.withLast ? { lastPage: pageCount } : {}),
  });
  return hal({
    _total_items: slice.length,
    _page: req.page,
    _page_count: pageCount,
    _links: links,
    _embedded: { [spec.key]: slice.map(spec.render) },
  });
}

/** A numeric path parameter (the router only matches digits for `:id`). */
export function idParam(ctx: RequestContext, name = "id"): number {
  return Number(ctx.params[name]);
}

export type Order = { field: string; dir: "asc" | "desc" };

/** Sorted views of a list by order, kept while the list keeps its length (sorting 100k leads per page is slow). */
const orderedViews = new WeakMap<
  readonly ApiObject[],
  { length: number; views: Map<string, readonly ApiObject[]> }
>();

function sortedView(items: readonly ApiObject[], order: Order, defaultOrder: Order): readonly ApiObject[] {
  // The default order reversed keeps ties in reverse too (events: equal times, later-recorded last).
  if (order.field === defaultOrder.field) return [...items].reverse();
  const sign = order.dir === "asc" ? 1 : -1;
  const num = (item: ApiObject, key: string) => {
    const v = item[key];
    return typeof v === "number" ? v : 0;
  };
  return [...items].sort(
    (a, b) => sign * (num(a, order.field) - num(b, order.field) || num(a, "id") - num(b, "id")),
  );
}

/**
 * `items`, kept in `defaultOrder`, in the requested order (ties: id in the same direction [BELIEF]).
 * Without an order, the default one. The returned array is shared: never mutate it.
 */
export function ordered(
  items: readonly ApiObject[],
  order: Order | null,
  defaultOrder: Order,
): readonly ApiObject[] {
  if (!order || (order.field === defaultOrder.field && order.dir === defaultOrder.dir)) return items;
  let cache = orderedViews.get(items);
  if (!cache || cache.length !== items.length) {
    cache = { length: items.length, views: new Map() };
    orderedViews.set(items, cache);
  }
  const key = `${order.field}:${order.dir}`;
  let view = cache.views.get(key);
  if (!view) {
    view = sortedView(items, order, defaultOrder);
    cache.views.set(key, view);
  }
  return view;
}

/** The default order of entity lists without `order`: id ascending [BELIEF] (amocrm-api.md §3.5). */
export const ID_ASC: Order = { field: "id", dir: "asc" };
