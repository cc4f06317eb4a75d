/**
 * What a route handler answers, as plain data: the server writes it, and fault injection can
 * truncate it (malformed body) without knowing which route produced it.
 */
export interface Reply {
  status: number;
  /** Absent for 204. */
  contentType?: string;
  body?: string;
  headers?: Record<string, string>;
}

/** Success bodies of the API are HAL [DOC] (amocrm-api.md §1). */
export const HAL_JSON = "application/hal+json";
/** Error bodies of the API [DOC] (amocrm-api.md §1). */
export const PROBLEM_JSON = "application/problem+json";
/** The token endpoint answers plain JSON [DOC] (amocrm-api.md §1). */
export const PLAIN_JSON = "application/json";

export function hal(body: unknown, status = 200): Reply {
  return { status, contentType: HAL_JSON, body: JSON.stringify(body) };
}

/** 204 with an empty body: empty list, page past the end, missing lead [DOC] (amocrm-api.md §3.2). */
export function noContent(): Reply {
  return { status: 204 };
}
