/**
 * Walking a list page by page.
 *
 * The walk follows `_links.next` until it is absent [SDK BaseEntity, PageMethodsTrait]; a 204 or
 * empty body is an empty last page [DOC §3.2]. Each page is handed over with the target of the
 * next one, which is what a checkpoint saves: `resumeFrom` restarts the walk there.
 *
 * Prefetch: amoCRM pages by `page=N`, so the URLs of the following pages are known in advance
 * and can go out together through fetchAll (Apps Script runs them in parallel). Pages past the
 * end are wasted requests, and lists carry no totals [DOC], so the batch grows with what has
 * been read: with n pages read, a batch of 1 + ⌊r·(n+1)⌋ pages wastes at most r·(total) requests
 * even if the first of them is the last page (r = maxWasteRatio, 5 % by default). When a `next`
 * link does not match the predicted page, the rest of the batch is dropped and the walk continues
 * one page at a time.
 */
import { AmoMalformedResponseError } from "./errors";
import type { HttpResponse } from "./http";
import { endpointLabel, pageOf, sameExceptPage, toTarget, withPage } from "./query";
import type { ParsedPage } from "./schemas/validate";
import type { ClientStats } from "./stats";
import type { Transport } from "./transport";

export interface Page<T> {
  items: T[];
  /** The target this page came from. */
  target: string;
  /** The target of the next page (save it to resume), or null: this was the last page. */
  next: string | null;
  /** `_page`, or the `page` of the target. */
  page: number | null;
}

export interface PagingOptions {
  prefetch: boolean;
  /** Most pages requested together (never more than the rate limiter's capacity). */
  maxBatch: number;
  /** Wasted requests allowed as a share of the pages read. */
  maxWasteRatio: number;
}

export function prefetchBatchSize(pagesRead: number, opts: PagingOptions): number {
  if (!opts.prefetch) return 1;
  return Math.max(1, Math.min(opts.maxBatch, 1 + Math.floor(opts.maxWasteRatio * (pagesRead + 1))));
}

export function* walkPages<T>(
  transport: Transport,
  first: string,
  parse: (res: HttpResponse) => ParsedPage<T>,
  opts: PagingOptions,
  stats: ClientStats,
): Generator<Page<T>, void, undefined> {
  let target: string | null = first;
  let read = 0;
  let predict = opts.prefetch;
  while (target !== null) {
    const current: string = target;
    const startPage = pageOf(current);
    const size = predict && startPage !== null ? prefetchBatchSize(read, opts) : 1;
    const targets = [current];
    for (let j = 1; j < size; j++) targets.push(withPage(current, startPage! + j));
    const results = transport.callAll(targets.map((t) => ({ method: "get" as const, target: t, parse })));

    let nextTarget: string | null = null;
    let used = 0;
    try {
      for (let j = 0; j < results.length; j++) {
        const r = results[j]!;
        if (!r.ok) throw r.error;
        const here = targets[j]!;
        const next = r.value.nextHref === null ? null : toTarget(r.value.nextHref);
        if (r.value.nextHref !== null && next === null) {
          throw new AmoMalformedResponseError(endpointLabel("get", here), "its next-page link is not a URL");
        }
        guardProgress(here, next);
        read++;
        used++;
        stats.pages++;
        stats.items += r.value.items.length;
        yield { items: r.value.items, target: here, next, page: r.value.page ?? pageOf(here) };
        nextTarget = next;
        const predicted = targets[j + 1];
        if (next === null || predicted === undefined) break;
        if (!(sameExceptPage(next, predicted) && pageOf(next) === pageOf(predicted))) {
          predict = false; // the server numbers pages otherwise: follow its links one by one
          break;
        }
      }
    } finally {
      // Pages received but not handed over: past the end, off the server's numbering, or the
      // consumer stopped early (a checkpoint) — in every case requests that bought nothing.
      stats.wastedRequests += results.slice(used).filter((r) => r.ok).length;
    }
    target = nextTarget;
  }
}

/** A `next` that does not move forward would loop forever. */
function guardProgress(here: string, next: string | null): void {
  if (next === null) return;
  const a = pageOf(here);
  const b = pageOf(next);
  if (next === here || (a !== null && b !== null && b <= a)) {
    throw new AmoMalformedResponseError(endpointLabel("get", here), "its next-page link points backwards");
  }
}
