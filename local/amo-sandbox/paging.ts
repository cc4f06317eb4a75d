/**
 * Paging and the HAL envelope of list answers, as in the samples (leads_list_page.json,
 * tasks_list_page.json, users_list_page.json, custom_fields_list_page.json).
 */
import { decodeComponent, field, type QueryObject } from "./query";

export interface PageRequest {
  page: number;
  limit: number;
}

/**
 * Default page size when `limit` is absent: 50 [BELIEF] (the SDK always sends 50 [SDK]). A limit above
 * the endpoint's maximum is not rejected: the server silently serves the default 50 [ISSUE]
 * (amocrm-api-php#210, Krukov/amocrm_api#76). A non-positive or non-numeric limit gets the default too
 * [BELIEF]; so does a page below 1 [BELIEF].
 */
export const DEFAULT_LIMIT = 50;

export function readPaging(query: QueryObject, maxLimit: number): PageRequest {
  const positiveInt = (v: unknown): number | null =>
    typeof v === "string" && /^\d+$/.test(v) && Number(v) >= 1 ? Number(v) : null;
  const limit = positiveInt(field(query, "limit"));
  const page = positiveInt(field(query, "page"));
  return {
    page: page ?? 1,
    limit: limit === null || limit > maxLimit ? DEFAULT_LIMIT : limit,
  };
}

/**
 * The page of matching items, scanning from `start` (an index where this page is known to begin, or 0
 * and then skipping the earlier pages' matches), stopping as soon as it knows whether a next page
 * exists. `nextStart` is where the next page's scan can begin.
 */
export function takePage<T>(
  items: readonly T[],
  accept: (item: T) => boolean,
  req: PageRequest,
  start?: number,
): { slice: T[]; hasMore: boolean; nextStart: number } {
  let skip = start === undefined ? (req.page - 1) * req.limit : 0;
  const slice: T[] = [];
  for (let i = start ?? 0; i < items.length; i++) {
    const item = items[i]!;
    if (!accept(item)) continue;
    if (skip > 0) {
      skip--;
      continue;
    }
    if (slice.length === req.limit) return { slice, hasMore: true, nextStart: i };
    slice.push(item);
  }
  return { slice, hasMore: false, nextStart: items.length };
}

export interface HalLink {
  href: string;
}

/**
 * The href of the same request on another page: the client's other parameters are kept verbatim
 * (encoded or not, in their order), then `limit` and `page` as in the samples (`…&limit=2&page=3`).
 * The effective limit is written, so a fallen-back limit stays consistent on every page [BELIEF].
 */
export function pageHref(
  origin: string,
  pathname: string,
  rawQuery: string,
  limit: number,
  page: number,
): string {
  const kept = rawQuery.split("&").filter((part) => {
    if (!part) return false;
    const key = decodeComponent(part.split("=", 1)[0]!);
    return key !== "page" && key !== "limit";
  });
  return `${origin}${pathname}?${[...kept, `limit=${limit}`, `page=${page}`].join("&")}`;
}

export interface PageLinkInput {
  origin: string;
  pathname: string;
  rawQuery: string;
  req: PageRequest;
  hasMore: boolean;
  /** Only custom fields publish `last` [DOC] (custom_fields_list_page.json). */
  lastPage?: number;
}

/**
 * `self` always; `next` only when another page exists [DOC] (§3.1); `first` and `prev` only from page 2
 * on (page-1 samples have neither, the page-2 sample has both) [DOC].
 */
export function pageLinks(input: PageLinkInput): Record<string, HalLink> {
  const { origin, pathname, rawQuery, req, hasMore } = input;
  const href = (page: number) => ({ href: pageHref(origin, pathname, rawQuery, req.limit, page) });
  const links: Record<string, HalLink> = { self: href(req.page) };
  if (hasMore) links["next"] = href(req.page + 1);
  if (req.page > 1) {
    links["first"] = href(1);
    links["prev"] = href(req.page - 1);
  }
  if (input.lastPage !== undefined) links["last"] = href(input.lastPage);
  return links;
}
