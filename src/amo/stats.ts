/** What the client did, for the sync's status line and the benchmarks. */
export interface ClientStats {
  /** HTTP requests sent, the token endpoint included. */
  requests: number;
  /** Of those, re-sends of a request that failed before (429, 5xx, network, malformed, 401). */
  retries: number;
  /** Time spent waiting in the client's own rate limiter. */
  throttledWaitMs: number;
  /** Time spent waiting before retries (429 `retry_after` / backoff after errors). */
  retryWaitMs: number;
  status429: number;
  status5xx: number;
  networkErrors: number;
  /** 2xx answers that were not JSON or did not match the schema. */
  malformedResponses: number;
  status401: number;
  tokenRefreshes: number;
  /** List pages received (204s included) and the items in them. */
  pages: number;
  items: number;
  /** Prefetched pages past the end of a list (or past a `next` the prefetcher did not predict). */
  wastedRequests: number;
  /** Items a list filter should have excluded (alpha lead filters may be ignored [DOC]); dropped. */
  filteredOutLocally: number;
}

export function emptyStats(): ClientStats {
  return {
    requests: 0,
    retries: 0,
    throttledWaitMs: 0,
    retryWaitMs: 0,
    status429: 0,
    status5xx: 0,
    networkErrors: 0,
    malformedResponses: 0,
    status401: 0,
    tokenRefreshes: 0,
    pages: 0,
    items: 0,
    wastedRequests: 0,
    filteredOutLocally: 0,
  };
}
