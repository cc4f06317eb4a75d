/**
 * Error answers, shaped like the samples in shared/reference/amocrm-samples/error_*.json
 * (problem+json: title, type, status, detail; key order as published).
 */
import { PROBLEM_JSON, type Reply } from "./reply";

export interface ValidationItem {
  request_id: string;
  errors: { code: string; path: string; detail: string }[];
}

function problemReply(body: Record<string, unknown>, headers?: Record<string, string>): Reply {
  const reply: Reply = {
    status: body["status"] as number,
    contentType: PROBLEM_JSON,
    body: JSON.stringify(body),
  };
  if (headers) reply.headers = headers;
  return reply;
}

function problem(status: number, title: string, detail: string, extra: Record<string, unknown> = {}): Reply {
  return problemReply({ title, type: `https://httpstatus.es/${status}`, status, detail, ...extra });
}

/** error_401_unauthorized.json [DOC] (Kommo http-codes). */
export function unauthorized(): Reply {
  return problem(401, "Unauthorized", "Invalid user name or password");
}

/** error_404_not_found.json: the detail names the method and the URL [DOC] (Kommo http-codes). */
export function notFound(method: string, url: string): Reply {
  return problem(404, "Not Found", `Cannot ${method} ${url}`);
}

/** error_405_method_not_allowed.json [DOC]; the Allow header is ours (HTTP semantics). */
export function methodNotAllowed(allow: string[]): Reply {
  const reply = problem(405, "Method Not Allowed", "Method Not Allowed");
  reply.headers = { Allow: allow.join(", ") };
  return reply;
}

/** error_400_empty_request.json [DOC]. */
export function emptyRequest(): Reply {
  return problem(400, "Bad Request", "Request data can not be empty");
}

/** A body that is not JSON at all: the reference is silent on the wording [BELIEF]. */
export function badJson(): Reply {
  return problem(400, "Bad Request", "Request body is not valid JSON");
}

/** error_400_validation.json: `validation-errors` comes first [DOC]. */
export function validationFailed(items: ValidationItem[]): Reply {
  return problemReply({
    "validation-errors": items,
    title: "Bad Request",
    type: "https://httpstatus.es/400",
    status: 400,
    detail: "Request validation failed",
  });
}

/** error_422_limit.json: more than 250 entities in one add request [DOC] (Kommo http-codes). */
export function addLimitExceeded(): Reply {
  return problem(422, "Unprocessable Entity", "Limit 250 per page");
}

/**
 * error_429_too_many_requests.json [DOC]. Real Kommo showed `retry_after: 300`; the sandbox says what
 * its own limiter needs (default 1 s) so clients that honour it recover quickly [BELIEF].
 */
export function tooManyRequests(retryAfterSec: number): Reply {
  return problem(
    429,
    "Too Many Requests",
    "You have sent too many requests in a given amount of time. Please try again later.",
    { retry_after: retryAfterSec },
  );
}

/**
 * amoCRM has also answered 429 with a non-JSON body; the PHP SDK only recognises that form [SDK]
 * (amocrm-api.md §4.1). Offered as an option of the limiter.
 */
export function tooManyRequestsPlain(): Reply {
  return { status: 429, contentType: "text/plain", body: "Too many requests" };
}

/** error_500_internal.json: no `type`, a `trace_id` [DOC] (Kommo http-codes). */
export function internalError(traceId: string): Reply {
  return problemReply({
    title: "ErrInternalServer",
    status: 500,
    detail: "Our team are probably already working on the elimination of the problem",
    trace_id: traceId,
  });
}

/** 503 in problem form: no published sample, built like the others [BELIEF]. */
export function serviceUnavailable(): Reply {
  return problem(503, "Service Unavailable", "Service Unavailable");
}

/**
 * The nginx error page: the 403 API block is HTML, not JSON [ISSUE] #434, #318; gateway errors
 * (502/504) from the front proxy are assumed to look the same [BELIEF].
 */
export function nginxPage(status: number, text: string): Reply {
  const title = `${status} ${text}`;
  return {
    status,
    contentType: "text/html",
    body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
  };
}
