/** The amoCRM client's public surface (src/sync and src/gas import from here). */
export {
  type AmoAuthConfig,
  type AuthState,
  type LongLivedAuthConfig,
  type OAuthConfig,
  readAuthState,
} from "./auth";
export {
  type AmoClient,
  type AmoClientOptions,
  type CreatedTask,
  collectAll,
  createAmoClient,
  type NewTask,
} from "./client";
export {
  AmoBlockedError,
  AmoError,
  AmoForbiddenError,
  AmoHttpError,
  AmoMalformedResponseError,
  AmoPartialWriteError,
  AmoPaymentRequiredError,
  AmoReconnectNeededError,
  AmoRequestFailedError,
  AmoSchemaError,
} from "./errors";
export { type HttpMethod, type HttpPort, type HttpRequest, type HttpResponse, NetworkError } from "./http";
export * from "./mapping";
export type { Page } from "./paging";
export type { Clock, Lock, Logger, ReconnectReason, StoredTokens, TokenStore } from "./ports";
export { silentLogger } from "./ports";
export type {
  DeletedLeadQuery,
  EventEntity,
  EventQuery,
  LeadQuery,
  NoteQuery,
  TaskEntityType,
  TaskQuery,
} from "./queries";
export type { RetryPolicy } from "./retry-policy";
export type {
  ApiAccount,
  ApiCustomField,
  ApiLossReason,
  ApiPipeline,
  ApiStatus,
  ApiUser,
} from "./schemas/dictionaries";
export type { ApiContact, ApiDeletedLead, ApiLead, ApiTask } from "./schemas/entities";
export type { ApiCallParams, ApiEvent, ApiNote } from "./schemas/events";
export type { ClientStats } from "./stats";
