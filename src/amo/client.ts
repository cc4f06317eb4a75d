/**
 * The amoCRM API v4 client: `createAmoClient({ baseUrl, http, clock, auth })`.
 *
 * Synchronous (Apps Script's UrlFetchApp; Node through local/http-sync). Lists are generators of
 * pages (see paging.ts): the sync saves `page.next` after each page and passes it back as
 * `resumeFrom` in a later execution. Everything is parsed by the schemas before it is returned;
 * a page that cannot be read is retried once and then fails, never returned in part.
 */

import type { z } from "zod";
import { type AmoAuthConfig, type AuthState, createAuthSession } from "./auth";
import { AmoHttpError, AmoPartialWriteError } from "./errors";
import type { HttpPort, HttpResponse } from "./http";
import { type Page, type PagingOptions, walkPages } from "./paging";
import { type Clock, type Logger, silentLogger } from "./ports";
import {
  contactsByIdTargets,
  contactsUpdatedTarget,
  type DeletedLeadQuery,
  type EventQuery,
  eventsTarget,
  inRange,
  type LeadQuery,
  leadsTarget,
  type NoteQuery,
  notesTarget,
  TASKS_PATH,
  type TaskEntityType,
  type TaskQuery,
  tasksTarget,
  toUnix,
} from "./queries";
import { endpointLabel, normalizeBaseUrl, toTarget, withQuery } from "./query";
import { RateLimiter } from "./rate-limiter";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy";
import {
  type ApiAccount,
  type ApiCustomField,
  type ApiLossReason,
  type ApiPipeline,
  type ApiUser,
  accountSchema,
  customFieldSchema,
  lossReasonSchema,
  pipelineSchema,
  userSchema,
} from "./schemas/dictionaries";
import {
  type ApiContact,
  type ApiDeletedLead,
  type ApiLead,
  type ApiTask,
  contactSchema,
  deletedLeadSchema,
  leadSchema,
  taskSchema,
} from "./schemas/entities";
import { type ApiEvent, type ApiNote, eventSchema, noteSchema } from "./schemas/events";
import { createdTaskSchema } from "./schemas/misc";
import { type ParsedPage, parseEntity, parseJson, parsePage } from "./schemas/validate";
import { type ClientStats, emptyStats } from "./stats";
import { createTokenPost } from "./token-endpoint";
import { type ApiCall, Transport } from "./transport";

export interface AmoClientOptions {
  /** `https://{subdomain}.amocrm.ru` / `.kommo.com`, or the sandbox's `http://127.0.0.1:{port}`. */
  baseUrl: string;
  http: HttpPort;
  clock: Clock;
  auth: AmoAuthConfig;
  logger?: Logger;
  /** Requests per second at most (default 7 [DOC]). Also the largest fetchAll batch. */
  maxRps?: number;
  /** Rate window (default 1000 ms) and the safety margin added to it (default 50 ms). */
  rateWindowMs?: number;
  rateMarginMs?: number;
  /** Request following list pages in parallel batches (default true). */
  prefetch?: boolean;
  /** Wasted prefetch requests allowed, as a share of pages read (default 0.05). */
  maxWasteRatio?: number;
  retry?: Partial<RetryPolicy>;
  /** Jitter source (default Math.random); tests pass a seeded one. */
  random?: () => number;
}

export interface NewTask {
  text: string;
  /** Deadline, epoch ms. */
  completeTill: number;
  responsibleUserId?: number;
  entityId?: number;
  entityType?: TaskEntityType;
  /** 1 = follow-up/call (default), 2 = meeting, or a custom type id. */
  taskTypeId?: number;
}

export interface CreatedTask {
  /** Index in the input array. */
  index: number;
  id: number;
}

export interface AmoClient {
  readonly baseUrl: string;
  /** With datetime_settings (timezone), task_types, users_groups, is_api_filter_enabled. */
  getAccount(): ApiAccount;
  /** Needs an administrator's token [DOC]; a non-admin gets AmoForbiddenError. */
  listUsers(): ApiUser[];
  listPipelines(): ApiPipeline[];
  /** [] when the endpoint is missing (amoCRM RU does not document it; Kommo does). */
  listLossReasons(): ApiLossReason[];
  listLeadCustomFields(): ApiCustomField[];
  iterateLeads(q?: LeadQuery): Generator<Page<ApiLead>, void, undefined>;
  iterateLeads(q: DeletedLeadQuery): Generator<Page<ApiDeletedLead>, void, undefined>;
  /** By ids (chunked to fit the URL limit, fetched in parallel batches) or by update time. */
  listContacts(ids: readonly number[]): ApiContact[];
  listContacts(q: { updatedFrom: number; updatedTo?: number }): ApiContact[];
  iterateTasks(q?: TaskQuery): Generator<Page<ApiTask>, void, undefined>;
  iterateEvents(q?: EventQuery): Generator<Page<ApiEvent>, void, undefined>;
  iterateNotes(entity: "leads" | "contacts", q?: NoteQuery): Generator<Page<ApiNote>, void, undefined>;
  /** POST /api/v4/tasks in batches of 50; not retried on 5xx (no duplicates). */
  createTasks(tasks: readonly NewTask[]): CreatedTask[];
  /**
   * The open (not completed) tasks attached to these leads, read now from amoCRM:
   * `filter[entity_type]=leads&filter[entity_id][]=…&filter[is_completed]=0` [DOC tasks-api], in
   * chunks of OPEN_TASK_IDS_PER_REQUEST ids; re-checked locally in case a filter is ignored.
   */
  listOpenLeadTasks(leadIds: readonly number[]): ApiTask[];
  /** OAuth only: the callback's `code` → the first token pair, saved to the TokenStore. */
  exchangeAuthorizationCode(code: string): void;
  authState(): AuthState;
  /** A copy of the counters so far. */
  stats(): ClientStats;
}

/** Reads every page of a walk into one array (dictionaries and small lists). */
export function collectAll<T>(pages: Iterable<Page<T>>): T[] {
  const out: T[] = [];
  for (const p of pages) out.push(...p.items);
  return out;
}

const CREATE_BATCH = 50; // ≤ 250 allowed, ≤ 50 recommended [DOC Kommo limitations]
/** Ids per tasks-by-lead request: keeps the URL short (no documented cap for tasks [BELIEF]). */
export const OPEN_TASK_IDS_PER_REQUEST = 50;

export function createAmoClient(o: AmoClientOptions): AmoClient {
  const baseUrl = normalizeBaseUrl(o.baseUrl);
  const stats = emptyStats();
  const logger = o.logger ?? silentLogger;
  const maxRps = o.maxRps ?? 7;
  const limiter = new RateLimiter(o.clock, {
    maxPerWindow: maxRps,
    windowMs: o.rateWindowMs ?? 1000,
    marginMs: o.rateMarginMs ?? 50,
  });
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...o.retry };
  const random = o.random ?? Math.random;
  const auth = createAuthSession(o.auth, {
    clock: o.clock,
    logger,
    postToken: createTokenPost({ baseUrl, http: o.http, limiter, stats }),
    stats,
    retry,
    random,
  });
  const transport = new Transport({
    baseUrl,
    http: o.http,
    clock: o.clock,
    auth,
    limiter,
    stats,
    logger,
    retry,
    random,
  });
  const paging: PagingOptions = {
    prefetch: o.prefetch ?? true,
    maxBatch: Math.floor(maxRps),
    maxWasteRatio: o.maxWasteRatio ?? 0.05,
  };

  const pageParser =
    <S extends z.ZodType>(key: string, schema: S, entity: string) =>
    (res: HttpResponse): ParsedPage<z.output<S>> =>
      parsePage(res.status, res.body, key, schema, entity);

  const walk = <S extends z.ZodType>(first: string, key: string, schema: S, entity: string) =>
    walkPages(transport, first, pageParser(key, schema, entity), paging, stats);

  /** Drops what a filter should have excluded (lead/contact filters are alpha [DOC §3.4]). */
  function* recheck<T>(
    pages: Generator<Page<T>, void, undefined>,
    keep: (item: T) => boolean,
  ): Generator<Page<T>, void, undefined> {
    for (const p of pages) {
      const items = p.items.filter(keep);
      stats.filteredOutLocally += p.items.length - items.length;
      yield { ...p, items };
    }
  }

  function single<S extends z.ZodType>(target: string, schema: S, entity: string): z.output<S> {
    return transport.call({
      method: "get",
      target,
      parse: (res) => parseEntity(schema, entity, parseJson(res.body, entity)),
    });
  }

  function iterateLeads(q: LeadQuery | DeletedLeadQuery = {}): Generator<Page<ApiLead | ApiDeletedLead>> {
    const first = leadsTarget(q, o.clock.now());
    if (q.onlyDeleted) {
      return recheck(walk(first, "leads", deletedLeadSchema, "deleted lead"), (l) =>
        inRange(l.updated_at, q.updatedFrom, q.updatedTo),
      );
    }
    const pipelines = q.pipelineIds && q.pipelineIds.length > 0 ? new Set(q.pipelineIds) : null;
    return recheck(
      walk(first, "leads", leadSchema, "lead"),
      (l) =>
        inRange(l.updated_at, q.updatedFrom, q.updatedTo) &&
        (pipelines === null || pipelines.has(l.pipeline_id)),
    );
  }

  function listContacts(arg: readonly number[] | { updatedFrom: number; updatedTo?: number }): ApiContact[] {
    if (!Array.isArray(arg)) {
      const q = arg as { updatedFrom: number; updatedTo?: number };
      const first = contactsUpdatedTarget(q.updatedFrom, q.updatedTo, o.clock.now());
      return collectAll(
        recheck(walk(first, "contacts", contactSchema, "contact"), (c) =>
          inRange(c.updated_at, q.updatedFrom, q.updatedTo),
        ),
      );
    }
    const ids = arg as readonly number[];
    const parse = pageParser("contacts", contactSchema, "contact");
    const firsts = contactsByIdTargets(ids, baseUrl.length);
    const results = transport.callAll(firsts.map((target) => ({ method: "get" as const, target, parse })));
    const byId = new Map<number, ApiContact>();
    results.forEach((r) => {
      if (!r.ok) throw r.error;
      stats.pages++;
      stats.items += r.value.items.length;
      for (const c of r.value.items) byId.set(c.id, c);
      // ≤ 250 ids per chunk fit one page; follow `next` anyway in case the server pages smaller.
      const next = r.value.nextHref === null ? null : toTarget(r.value.nextHref);
      if (next !== null) {
        for (const c of collectAll(walk(next, "contacts", contactSchema, "contact"))) byId.set(c.id, c);
      }
    });
    const wanted = new Set(ids);
    return [...byId.values()].filter((c) => wanted.has(c.id));
  }

  function createTasks(tasks: readonly NewTask[]): CreatedTask[] {
    const created: CreatedTask[] = [];
    const parse = pageParser("tasks", createdTaskSchema, "created task");
    for (let start = 0; start < tasks.length; start += CREATE_BATCH) {
      const chunk = tasks.slice(start, start + CREATE_BATCH);
      const call: ApiCall<ParsedPage<z.output<typeof createdTaskSchema>>> = {
        method: "post",
        target: "/api/v4/tasks",
        idempotent: false,
        body: chunk.map((t, k) => ({
          text: t.text,
          complete_till: toUnix(t.completeTill),
          ...(t.responsibleUserId === undefined ? {} : { responsible_user_id: t.responsibleUserId }),
          ...(t.entityId === undefined
            ? {}
            : { entity_id: t.entityId, entity_type: t.entityType ?? "leads" }),
          task_type_id: t.taskTypeId ?? 1,
          request_id: String(start + k),
        })),
        parse,
      };
      try {
        const page = transport.call(call);
        page.items.forEach((item, k) => {
          const index = item.request_id !== undefined ? Number(item.request_id) : start + k;
          created.push({ index, id: item.id });
        });
      } catch (e) {
        if (created.length === 0) throw e;
        throw new AmoPartialWriteError(endpointLabel("post", call.target), created, e as Error);
      }
    }
    return created;
  }

  function listOpenLeadTasks(leadIds: readonly number[]): ApiTask[] {
    const ids = [...new Set(leadIds)];
    const wanted = new Set(ids);
    const out: ApiTask[] = [];
    for (let start = 0; start < ids.length; start += OPEN_TASK_IDS_PER_REQUEST) {
      const first = withQuery(TASKS_PATH, [
        ["filter[entity_type]", "leads"],
        ["filter[entity_id]", ids.slice(start, start + OPEN_TASK_IDS_PER_REQUEST)],
        ["filter[is_completed]", 0],
        ["limit", 250],
        ["page", 1],
      ]);
      for (const task of collectAll(walk(first, "tasks", taskSchema, "task"))) {
        if (
          !task.is_completed &&
          task.entity_type === "leads" &&
          typeof task.entity_id === "number" &&
          wanted.has(task.entity_id)
        )
          out.push(task);
      }
    }
    return out;
  }

  const client: AmoClient = {
    baseUrl,
    getAccount: () =>
      single(
        "/api/v4/account?with=datetime_settings%2Ctask_types%2Cusers_groups%2Cis_api_filter_enabled",
        accountSchema,
        "account",
      ),
    listUsers: () =>
      collectAll(walk("/api/v4/users?limit=250&page=1&with=group", "users", userSchema, "user")),
    listPipelines: () => collectAll(walk("/api/v4/leads/pipelines", "pipelines", pipelineSchema, "pipeline")),
    listLossReasons: () => {
      try {
        return collectAll(
          walk("/api/v4/leads/loss_reasons", "loss_reasons", lossReasonSchema, "loss reason"),
        );
      } catch (e) {
        if (!(e instanceof AmoHttpError && e.status === 404)) throw e;
        logger.warn("loss reasons endpoint not available; use the reasons embedded in leads", {});
        return [];
      }
    },
    listLeadCustomFields: () =>
      collectAll(
        walk(
          "/api/v4/leads/custom_fields?limit=250&page=1",
          "custom_fields",
          customFieldSchema,
          "custom field",
        ),
      ),
    iterateLeads: iterateLeads as AmoClient["iterateLeads"],
    listContacts: listContacts as AmoClient["listContacts"],
    iterateTasks: (q = {}) => walk(tasksTarget(q, o.clock.now()), "tasks", taskSchema, "task"),
    iterateEvents: (q = {}) => walk(eventsTarget(q, o.clock.now()), "events", eventSchema, "event"),
    iterateNotes: (entity, q = {}) =>
      walk(notesTarget(entity, q, o.clock.now()), "notes", noteSchema, "note"),
    createTasks,
    listOpenLeadTasks,
    exchangeAuthorizationCode: (code) => auth.exchangeAuthorizationCode(code),
    authState: () => auth.state(),
    stats: () => ({ ...stats }),
  };
  return client;
}
