/**
 * The events list filters [DOC] (crm_platform/events-and-notes; amocrm-api.md §8.1): arrays
 * `filter[type][]=…` and the SDK's comma forms `filter[type]=a,b`, `filter[created_at]=from,to` [SDK].
 */
import type { ApiObject } from "../account-data";
import { allOf, compileFilters, type FieldRule, numberField, type Predicate } from "../filters";
import {
  FilterError,
  parseIntStrict,
  type QueryObject,
  type QueryValue,
  readInts,
  readStrings,
} from "../query";

const EVENT_RULES: Record<string, FieldRule> = {
  id: { kind: "strings", comma: true },
  type: { kind: "strings", comma: true },
  // A bare timestamp means "after" [DOC].
  created_at: { kind: "range", scalar: "after", comma: true },
  created_by: { kind: "ints", comma: true },
};

/**
 * Chat-message events with a linked talk come back as `entity_type: lead` (or customer) with
 * `linked_talk_contact_id`, yet are found only through `filter[entity][]=contact` [DOC]
 * ("Особенности фильтрации событий по связанным сущностям"); they are matched by entity id through
 * that contact [BELIEF].
 */
function searchEntity(event: ApiObject): { type: string; id: number | null } {
  const talkContact = numberField(event, "linked_talk_contact_id");
  if (talkContact !== null) return { type: "contact", id: talkContact };
  return { type: String(event["entity_type"]), id: numberField(event, "entity_id") };
}

function statusPairs(value: QueryValue, path: string): Array<[number, number]> {
  if (typeof value !== "object")
    throw new FilterError(path, "InvalidType", "This value should be of type array.");
  return Object.entries(value).map(([i, item]) => {
    const p = `${path}.${i}`;
    if (typeof item !== "object")
      throw new FilterError(p, "InvalidType", "This value should be of type array.");
    const get = (key: string) => {
      const v = item[key];
      if (typeof v !== "string")
        throw new FilterError(`${p}.${key}`, "NotBlank", "This value should not be blank.");
      return parseIntStrict(v, `${p}.${key}`);
    };
    return [get("pipeline_id"), get("status_id")];
  });
}

function valueItems(event: ApiObject, side: string): ApiObject[] {
  const list = event[side];
  return Array.isArray(list) ? (list as ApiObject[]) : [];
}

function nested(item: ApiObject, key: string): ApiObject | null {
  const v = item[key];
  return typeof v === "object" && v !== null ? (v as ApiObject) : null;
}

/** Filters documented but not emulated: accepted and ignored [BELIEF]. */
const IGNORED_VALUE_FILTERS = new Set(["customers_statuses", "custom_field_values", "value"]);

/**
 * `filter[value_after|value_before][leads_statuses][i][pipeline_id|status_id]` and
 * `[responsible_user_id]=1,2` [DOC]. Any other shape is refused, as the real server refused
 * `[{"lead_status":…}]` [ISSUE] #356.
 */
function valueFilter(side: "value_after" | "value_before", value: QueryValue): Predicate[] {
  const path = `filter.${side}`;
  if (typeof value !== "object")
    throw new FilterError(path, "InvalidType", "This value should be of type array.");
  const tests: Predicate[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (key === "leads_statuses") {
      const pairs = statusPairs(v, `${path}.leads_statuses`);
      tests.push((e) =>
        valueItems(e, side).some((item) => {
          const s = nested(item, "lead_status");
          return s !== null && pairs.some(([p, id]) => s["pipeline_id"] === p && s["id"] === id);
        }),
      );
    } else if (key === "responsible_user_id") {
      const ids = new Set(readInts(v, `${path}.responsible_user_id`, true));
      tests.push((e) =>
        valueItems(e, side).some((item) => ids.has(Number(nested(item, "responsible_user")?.["id"]))),
      );
    } else if (!IGNORED_VALUE_FILTERS.has(key)) {
      throw new FilterError(
        `${path}.${key}`,
        "NotSupportedChoice",
        "The value you selected is not a valid choice.",
      );
    }
  }
  return tests;
}

export function compileEventFilter(query: QueryObject): Predicate {
  const filter = query["filter"];
  const { tests } = compileFilters(filter, EVENT_RULES);
  if (typeof filter !== "object") return allOf(tests);
  const entities = filter["entity"] === undefined ? [] : readStrings(filter["entity"], "filter.entity", true);
  if (entities.length > 0) {
    const wanted = new Set(entities);
    tests.push((e) => wanted.has(searchEntity(e).type));
  }
  if (filter["entity_id"] !== undefined) {
    // Entity ids need exactly one entity: otherwise the server refused the request [ISSUE] #522.
    if (entities.length !== 1) {
      throw new FilterError(
        "filter.entity",
        "NotBlank",
        "filter[entity_id] requires exactly one filter[entity].",
      );
    }
    const ids = new Set(readInts(filter["entity_id"], "filter.entity_id", true));
    tests.push((e) => ids.has(searchEntity(e).id ?? Number.NaN));
  }
  for (const side of ["value_after", "value_before"] as const) {
    if (filter[side] !== undefined) tests.push(...valueFilter(side, filter[side]));
  }
  return allOf(tests);
}
