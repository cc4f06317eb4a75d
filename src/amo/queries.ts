/**
 * The first-page targets of the lists the add-on reads, and the local re-check of what a filter
 * should have excluded. Client options use epoch ms like the rest of the project; amoCRM wants
 * Unix seconds [DOC], so instants are floored to seconds (bounds are believed inclusive [BELIEF]).
 */
import { type QueryValue, splitTarget, toTarget, withQuery } from "./query";

type Pairs = [string, QueryValue][];

export const LEADS_PATH = "/api/v4/leads";
export const CONTACTS_PATH = "/api/v4/contacts";
export const TASKS_PATH = "/api/v4/tasks";
export const EVENTS_PATH = "/api/v4/events";
export const notesPath = (entity: "leads" | "contacts") => `/api/v4/${entity}/notes`;

/** Documented page maxima: 250 for entities, 100 for events; above it amoCRM silently gives 50 [DOC][ISSUE]. */
export const ENTITY_LIMIT = 250;
export const EVENTS_LIMIT = 100;

export const toUnix = (ms: number) => Math.floor(ms / 1000);

/** When only one bound is known: leads answer a single-value updated_at with 204 [ISSUE #358]. */
const FAR_FUTURE_MS = 86_400_000;

/** `filter[field][from]`/`[to]` pairs; both always sent when either is given. */
function rangePairs(field: string, from: number | undefined, to: number | undefined, nowMs: number): Pairs {
  if (from === undefined && to === undefined) return [];
  return [
    [`filter[${field}][from]`, toUnix(from ?? 0)],
    [`filter[${field}][to]`, toUnix(to ?? nowMs + FAR_FUTURE_MS)],
  ];
}

export interface Resumable {
  /** A `Page.next` saved by an earlier walk of the same list: the walk restarts there. */
  resumeFrom?: string;
}

export interface LeadQuery extends Resumable {
  updatedFrom?: number;
  updatedTo?: number;
  pipelineIds?: readonly number[];
  /** Default: contacts, loss_reason, source. */
  with?: readonly string[];
  onlyDeleted?: false;
}

export interface DeletedLeadQuery extends Resumable {
  onlyDeleted: true;
  updatedFrom?: number;
  updatedTo?: number;
}

export type TaskEntityType = "leads" | "contacts" | "companies" | "customers";

export interface TaskQuery extends Resumable {
  updatedFrom?: number;
  updatedTo?: number;
  entityType?: TaskEntityType;
}

/** Singular, unlike tasks [DOC]; `catalog_{id}` too. */
export type EventEntity = "lead" | "contact" | "company" | "customer" | "task" | `catalog_${number}`;

export interface EventQuery extends Resumable {
  types?: readonly string[];
  createdFrom?: number;
  createdTo?: number;
  /** Chat-message events are found only with `contact` [DOC]. */
  entity?: EventEntity | readonly EventEntity[];
}

export interface NoteQuery extends Resumable {
  noteTypes?: readonly string[];
  updatedFrom?: number;
  updatedTo?: number;
}

export const DEFAULT_LEAD_WITH = ["contacts", "loss_reason", "source"] as const;

/**
 * Leads in `order[id]=asc`: an update during the walk does not move a lead between pages (it
 * would with `order[updated_at]`), so no lead is skipped when updated_at ranges stay open-ended.
 */
export function leadsTarget(q: LeadQuery | DeletedLeadQuery, nowMs: number): string {
  if (q.resumeFrom !== undefined) return resumeTarget(q.resumeFrom, LEADS_PATH);
  const pairs: Pairs = [
    ["limit", ENTITY_LIMIT],
    ["page", 1],
    ["with", q.onlyDeleted ? "only_deleted" : (q.with ?? DEFAULT_LEAD_WITH).join(",")],
    ["order[id]", "asc"],
    ...rangePairs("updated_at", q.updatedFrom, q.updatedTo, nowMs),
  ];
  if (!q.onlyDeleted && q.pipelineIds && q.pipelineIds.length > 0)
    pairs.push(["filter[pipeline_id]", q.pipelineIds]);
  return withQuery(LEADS_PATH, pairs);
}

export function tasksTarget(q: TaskQuery, nowMs: number): string {
  if (q.resumeFrom !== undefined) return resumeTarget(q.resumeFrom, TASKS_PATH);
  return withQuery(TASKS_PATH, [
    ["limit", ENTITY_LIMIT],
    ["page", 1],
    ["order[id]", "asc"],
    ...rangePairs("updated_at", q.updatedFrom, q.updatedTo, nowMs),
    ["filter[entity_type]", q.entityType],
  ]);
}

/** Events have no documented `order`; the default is believed newest first [BELIEF]. */
export function eventsTarget(q: EventQuery, nowMs: number): string {
  if (q.resumeFrom !== undefined) return resumeTarget(q.resumeFrom, EVENTS_PATH);
  const entity = q.entity === undefined ? undefined : typeof q.entity === "string" ? [q.entity] : q.entity;
  return withQuery(EVENTS_PATH, [
    ["limit", EVENTS_LIMIT],
    ["page", 1],
    ["filter[type]", q.types],
    ...rangePairs("created_at", q.createdFrom, q.createdTo, nowMs),
    ["filter[entity]", entity],
  ]);
}

export function notesTarget(entity: "leads" | "contacts", q: NoteQuery, nowMs: number): string {
  const path = notesPath(entity);
  if (q.resumeFrom !== undefined) return resumeTarget(q.resumeFrom, path);
  return withQuery(path, [
    ["limit", ENTITY_LIMIT],
    ["page", 1],
    ["order[id]", "asc"],
    ["filter[note_type]", q.noteTypes],
    ...rangePairs("updated_at", q.updatedFrom, q.updatedTo, nowMs),
  ]);
}

export function contactsUpdatedTarget(from: number, to: number | undefined, nowMs: number): string {
  return withQuery(CONTACTS_PATH, [
    ["limit", ENTITY_LIMIT],
    ["page", 1],
    ["with", "leads"],
    ["order[id]", "asc"],
    ...rangePairs("updated_at", from, to, nowMs),
  ]);
}

/** Apps Script refuses URLs over 2 KB [apps-script.md §3]; stay below with room for the host. */
export const MAX_URL_LENGTH = 1900;

/** `filter[id][]` chunks of contacts, each URL within MAX_URL_LENGTH and ≤ 250 ids. */
export function contactsByIdTargets(ids: readonly number[], baseUrlLength: number): string[] {
  const unique = [...new Set(ids)];
  const head: Pairs = [
    ["limit", ENTITY_LIMIT],
    ["page", 1],
    ["with", "leads"],
  ];
  const out: string[] = [];
  let chunk: number[] = [];
  const build = (c: number[]) => withQuery(CONTACTS_PATH, [...head, ["filter[id]", c]]);
  for (const id of unique) {
    const candidate = [...chunk, id];
    if (
      chunk.length > 0 &&
      (candidate.length > ENTITY_LIMIT || baseUrlLength + build(candidate).length > MAX_URL_LENGTH)
    ) {
      out.push(build(chunk));
      chunk = [id];
    } else {
      chunk = candidate;
    }
  }
  if (chunk.length > 0) out.push(build(chunk));
  return out;
}

/** A saved `next` must belong to the same list; only its path and query are kept. */
export function resumeTarget(saved: string, path: string): string {
  const target = toTarget(saved);
  if (target === null || splitTarget(target).path.replace(/\/+$/, "") !== path) {
    throw new Error(`the saved checkpoint does not belong to ${path}; start that list from the beginning`);
  }
  return target;
}

/** Is unix-seconds `t` inside the query's [from, to] (the bounds as sent)? */
export function inRange(t: number, from: number | undefined, to: number | undefined): boolean {
  if (from !== undefined && t < toUnix(from)) return false;
  if (to !== undefined && t > toUnix(to)) return false;
  return true;
}
