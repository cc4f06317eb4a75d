/** What every route handler gets: the parsed request and the served account. */
import type { PageCursors } from "../page-cursors";
import type { QueryObject } from "../query";
import type { Reply } from "../reply";
import type { AccountStore } from "../store";

export interface RequestContext {
  method: string;
  /** Without a trailing slash. */
  pathname: string;
  /** Path parameters by name (`:id` → "123"). */
  params: Record<string, string>;
  /** The query as sent, without `?`, for building `_links`. */
  rawQuery: string;
  query: QueryObject;
  /** Scheme and host the client used, so `_links` lead back to this server (`http://127.0.0.1:PORT`). */
  origin: string;
  store: AccountStore;
  /** The sandbox clock, ms. */
  nowMs: number;
  /** The parsed JSON body of a POST. */
  body: unknown;
  /** false emulates an account without API filtering: lead/contact filters are ignored. */
  apiFilterEnabled: boolean;
  subdomain: string;
  /** Where the next pages of recent list requests start. */
  cursors: PageCursors;
}

export type Handler = (ctx: RequestContext) => Reply;
