/**
 * Parsing with error messages a person can act on: the entity, its id and the field path, e.g.
 * `lead 123: field "price": expected number, got string`. Lists are checked envelope first, then
 * item by item, so the message names the broken item rather than an index in a page.
 */
import type { z } from "zod";
import { AmoSchemaError } from "../errors";
import { envelopeSchema } from "./common";

/** A short type name of a JSON value, for "got …". */
export function jsonTypeOf(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur = root;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const got = jsonTypeOf(valueAt(raw, issue.path));
  switch (issue.code) {
    case "invalid_type":
      return `expected ${issue.expected}, got ${got}`;
    case "invalid_union":
      return `does not match any of its allowed shapes, got ${got}`;
    case "too_small":
    case "too_big":
      return `${issue.message.replace(/^Too (small|big): /, "")}`;
    default:
      return `${issue.message} (got ${got})`;
  }
}

function itemId(raw: unknown): string | number | null {
  if (raw === null || typeof raw !== "object") return null;
  const o = raw as Record<string, unknown>;
  const id = o["id"] ?? o["talk_id"];
  return typeof id === "number" || typeof id === "string" ? id : null;
}

/** Turns zod issues into one AmoSchemaError about `entity` (first issue, count of the others). */
export function schemaError(
  entity: string,
  raw: unknown,
  issues: readonly z.core.$ZodIssue[],
): AmoSchemaError {
  const first = issues[0];
  if (!first) return new AmoSchemaError(entity, itemId(raw), "", "invalid");
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";
  return new AmoSchemaError(
    entity,
    itemId(raw),
    first.path.map(String).join("."),
    describeIssue(first, raw) + more,
  );
}

/** Parses one object of `entity` (e.g. "lead") or throws AmoSchemaError. */
export function parseEntity<S extends z.ZodType>(schema: S, entity: string, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  throw schemaError(entity, raw, r.error.issues);
}

/**
 * A body that is not JSON at all: damaged on the way (a cut connection, a proxy's HTML page), so
 * the transport retries it like a 5xx, up to the policy's attempts. Valid JSON of the wrong shape
 * stays an AmoSchemaError (retried once: amoCRM answering the same wrong shape twice is a real
 * incompatibility, worth a clear error rather than more load).
 */
export class AmoUnreadableBodyError extends AmoSchemaError {
  constructor(what: string, problem: string) {
    super(what, null, "", problem);
  }
}

/** JSON.parse that reports a broken body as an AmoUnreadableBodyError. */
export function parseJson(body: string, what: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    const start = body.trimStart().slice(0, 1);
    throw new AmoUnreadableBodyError(
      what,
      start === "<" ? "not JSON (an HTML page)" : "not JSON (truncated or garbled)",
    );
  }
}

/** What one list page holds, once parsed. */
export interface ParsedPage<T> {
  items: T[];
  /** `_links.next.href` as sent, or null on the last page. */
  nextHref: string | null;
  /** `_page`, when present. */
  page: number | null;
}

/**
 * Parses a list answer: 204 or an empty body is an empty last page [DOC §3.2]; otherwise the
 * HAL envelope with `_embedded[key]`, each item checked by `schema` as `entity`.
 */
export function parsePage<S extends z.ZodType>(
  status: number,
  body: string,
  key: string,
  schema: S,
  entity: string,
): ParsedPage<z.output<S>> {
  if (status === 204 || body.trim() === "") return { items: [], nextHref: null, page: null };
  const raw = parseJson(body, `${key} page`);
  const env = envelopeSchema(key).safeParse(raw);
  if (!env.success) throw schemaError(`${key} page`, raw, env.error.issues);
  const list = env.data._embedded[key] as unknown[];
  return {
    items: list.map((item) => parseEntity(schema, entity, item)),
    nextHref: env.data._links?.next?.href ?? null,
    page: env.data._page ?? null,
  };
}
