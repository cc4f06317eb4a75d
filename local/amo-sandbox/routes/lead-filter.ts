/**
 * The lead list filters [DOC] (crm_platform/filters-api; amocrm-api.md §5.2), also used for contacts
 * (the same "alpha" filter family, §3.4).
 */
import { type CompiledFilter, compileFilters, type FieldRule, numberField } from "../filters";
import { FilterError, parseIntStrict, type QueryValue } from "../query";

/** Date ranges take `{from,to}` only: a bare timestamp answered 204 for a user [ISSUE] #358. */
const RANGE = { kind: "range", scalar: "nothing" } as const;

export const LEAD_RULES: Record<string, FieldRule> = {
  id: { kind: "ints" },
  name: { kind: "strings" },
  price: RANGE,
  pipeline_id: { kind: "ints" },
  created_by: { kind: "ints" },
  updated_by: { kind: "ints" },
  responsible_user_id: { kind: "ints" },
  created_at: RANGE,
  updated_at: RANGE,
  closed_at: RANGE,
  closest_task_at: RANGE,
};

/** Contacts: filters on the fields a contact has [DOC] (contacts-api, filters-api). */
export const CONTACT_RULES: Record<string, FieldRule> = {
  id: { kind: "ints" },
  name: { kind: "strings" },
  created_by: { kind: "ints" },
  updated_by: { kind: "ints" },
  responsible_user_id: { kind: "ints" },
  created_at: RANGE,
  updated_at: RANGE,
  closest_task_at: RANGE,
};

/**
 * `filter[statuses][i][pipeline_id]` + `[status_id]`: both required per item [DOC]; an item missing one
 * is answered 400 rather than silently widened [BELIEF].
 */
function statusPairs(value: QueryValue): Array<[number, number]> {
  if (typeof value !== "object")
    throw new FilterError("filter.statuses", "InvalidType", "This value should be of type array.");
  return Object.entries(value).map(([i, item]) => {
    const path = `filter.statuses.${i}`;
    if (typeof item !== "object")
      throw new FilterError(path, "InvalidType", "This value should be of type array.");
    const pair = (["pipeline_id", "status_id"] as const).map((key) => {
      const v = item[key];
      if (typeof v !== "string")
        throw new FilterError(`${path}.${key}`, "NotBlank", "This value should not be blank.");
      return parseIntStrict(v, `${path}.${key}`);
    });
    return [pair[0]!, pair[1]!];
  });
}

export function compileLeadFilter(filter: QueryValue | undefined): CompiledFilter {
  const compiled = compileFilters(filter, LEAD_RULES);
  const statuses = typeof filter === "object" ? filter["statuses"] : undefined;
  if (statuses !== undefined) {
    const pairs = statusPairs(statuses);
    compiled.tests.push((lead) =>
      pairs.some(([p, s]) => numberField(lead, "pipeline_id") === p && numberField(lead, "status_id") === s),
    );
  }
  return compiled;
}
