/**
 * Typed errors of the amoCRM client. Messages are meant for a sales head reading the sync status:
 * they name the endpoint as "METHOD /path" (never the query string, a header or a token).
 */

export abstract class AmoError extends Error {
  abstract readonly code: string;
}

/** amoCRM answered with a status the client does not retry (400, 404, 405, 422, …). */
export class AmoHttpError extends AmoError {
  override readonly name = "AmoHttpError";
  readonly code = "http";
  constructor(
    readonly endpoint: string,
    readonly status: number,
    readonly detail: string | null,
  ) {
    super(`${endpoint}: amoCRM answered HTTP ${status}${detail ? ` (${detail})` : ""}`);
  }
}

/** Retries used up: 5xx / network errors / 429 kept coming. */
export class AmoRequestFailedError extends AmoError {
  override readonly name = "AmoRequestFailedError";
  readonly code = "request_failed";
  constructor(
    readonly endpoint: string,
    /** The last HTTP status, or "network error (kind)". */
    readonly lastStatus: number | string,
    readonly attempts: number,
    /** A write that may or may not have been applied (not retried, to avoid duplicates). */
    readonly uncertain = false,
  ) {
    const last = typeof lastStatus === "number" ? `HTTP ${lastStatus}` : lastStatus;
    super(
      uncertain
        ? `${endpoint}: failed with ${last}; the change may or may not have been saved in amoCRM`
        : `${endpoint}: failed after ${attempts} attempt${attempts === 1 ? "" : "s"} (last: ${last})`,
    );
  }
}

/** A 2xx answer whose body is not JSON or does not match the schema (after one retry for reads). */
export class AmoMalformedResponseError extends AmoError {
  override readonly name = "AmoMalformedResponseError";
  readonly code = "malformed_response";
  constructor(
    readonly endpoint: string,
    readonly reason: string,
    readonly attempts = 1,
  ) {
    super(
      `${endpoint}: amoCRM sent an unreadable response${attempts > 1 ? ` ${attempts} times` : ""} (${reason}); nothing from it was used`,
    );
  }
}

/**
 * 403 with an HTML (non-JSON) body: amoCRM blocks the account/IP after repeated rate-limit
 * violations [DOC error-codes; ISSUE amocrm-api-php#434, #318]. Never retried.
 */
export class AmoBlockedError extends AmoError {
  override readonly name = "AmoBlockedError";
  readonly code = "blocked";
  constructor(readonly endpoint: string) {
    super("amoCRM blocked API access for exceeding the request rate; contact amoCRM support");
  }
}

/** 403 with a problem+json body: the connected user lacks rights (e.g. users list needs admin [DOC]). */
export class AmoForbiddenError extends AmoError {
  override readonly name = "AmoForbiddenError";
  readonly code = "forbidden";
  constructor(
    readonly endpoint: string,
    readonly detail: string | null,
  ) {
    super(
      `${endpoint}: the connected amoCRM user has no rights for this${detail ? ` (${detail})` : ""}; connect as an administrator`,
    );
  }
}

/** 402: the amoCRM account is not paid [DOC]. */
export class AmoPaymentRequiredError extends AmoError {
  override readonly name = "AmoPaymentRequiredError";
  readonly code = "payment_required";
  constructor(readonly endpoint: string) {
    super("amoCRM refuses API access: the account's subscription is not paid (HTTP 402)");
  }
}

/** The tokens are missing or dead; a person must connect the account again. */
export class AmoReconnectNeededError extends AmoError {
  override readonly name = "AmoReconnectNeededError";
  readonly code = "reconnect_needed";
  constructor(
    readonly reason: string,
    message?: string,
  ) {
    super(message ?? `amoCRM access needs to be reconnected (${reason})`);
  }
}

/**
 * A response item that does not match its schema. The message names the entity, its id and the
 * field path, e.g. `lead 123: field "price": expected number, got string`.
 */
export class AmoSchemaError extends AmoError {
  override readonly name = "AmoSchemaError";
  readonly code = "schema";
  constructor(
    readonly entity: string,
    readonly entityId: string | number | null,
    readonly path: string,
    readonly problem: string,
  ) {
    super(
      `${entity}${entityId === null ? "" : ` ${entityId}`}: ${path === "" ? "" : `field "${path}": `}${problem}`,
    );
  }
}

/**
 * A batched write failed part-way: `created` lists what amoCRM did create before the failure,
 * so the caller does not create it twice. `cause` is the error of the failed batch.
 */
export class AmoPartialWriteError extends AmoError {
  override readonly name = "AmoPartialWriteError";
  readonly code = "partial_write";
  constructor(
    readonly endpoint: string,
    readonly created: readonly { index: number; id: number }[],
    override readonly cause: Error,
  ) {
    super(`${endpoint}: ${created.length} created before a failure: ${cause.message}`);
  }
}
