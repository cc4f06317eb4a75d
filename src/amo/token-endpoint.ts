/**
 * `POST {account host}/oauth2/access_token` [DOC oauth/step-by-step]: JSON body, plain JSON answer.
 * Goes through the same rate limiter as the API (same host) and is counted in the stats; no
 * Authorization header, no automatic retries here (auth.ts decides, refresh tokens work once).
 */
import type { HttpPort, HttpResponse } from "./http";
import type { RateLimiter } from "./rate-limiter";
import type { TokenRequestBody } from "./schemas/auth";
import type { ClientStats } from "./stats";

export const TOKEN_PATH = "/oauth2/access_token";
export const TOKEN_ENDPOINT = `POST ${TOKEN_PATH}`;

export type TokenPost = (body: TokenRequestBody) => HttpResponse;

export function createTokenPost(deps: {
  baseUrl: string;
  http: HttpPort;
  limiter: RateLimiter;
  stats: ClientStats;
}): TokenPost {
  return (body) => {
    deps.stats.throttledWaitMs += deps.limiter.acquire(1);
    deps.stats.requests++;
    try {
      return deps.http.fetch({
        url: deps.baseUrl + TOKEN_PATH,
        method: "post",
        headers: { Accept: "application/json" },
        payload: JSON.stringify(body),
        contentType: "application/json",
      });
    } finally {
      deps.limiter.finish(1);
    }
  };
}
