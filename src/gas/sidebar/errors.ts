/**
 * An exception → the code the sidebar shows a text for. The amoCRM client's typed errors already
 * say what happened (src/amo/errors.ts); their messages never carry a token or a query string, so
 * the message goes along as the detail.
 */
import type { SidebarError, SidebarErrorCode } from "../sidebar-api-types";

const BY_NAME: Record<string, SidebarErrorCode> = {
  // A 401 on a long-lived token: revoked, expired or mistyped [SDK LongLivedAccessToken]; an
  // unknown subdomain also answers 401 (legacy code 101) [DOC error-codes].
  AmoReconnectNeededError: "bad_token",
  // 403 with a problem body: the user lacks rights (GET /users needs an admin) [DOC users-api].
  AmoForbiddenError: "no_rights",
  // 403 with an HTML body: blocked for exceeding the request rate [DOC error-codes; ISSUE #434].
  AmoBlockedError: "blocked",
  // 402: the account is not paid [DOC].
  AmoPaymentRequiredError: "payment_required",
};

export function toSidebarError(e: unknown, fallback: SidebarErrorCode = "unknown"): SidebarError {
  const name = e instanceof Error ? e.name : "";
  const detail = e instanceof Error ? e.message.slice(0, 400) : String(e).slice(0, 400);
  const code = BY_NAME[name];
  if (code) return { code, detail };
  // No answer at all: DNS failure, refused connection, timeout (src/gas/http-port.ts).
  if (/network error/i.test(detail)) return { code: "unreachable", detail };
  if (name === "AmoHttpError" && /HTTP 404\b/.test(detail)) return { code: "bad_domain", detail };
  return { code: fallback, detail };
}

export function sidebarError(code: SidebarErrorCode, detail: string | null = null): SidebarError {
  return { code, detail };
}
