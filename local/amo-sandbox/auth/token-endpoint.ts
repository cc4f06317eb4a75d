/**
 * POST /oauth2/access_token [DOC] (oauth/step-by-step): `authorization_code` and `refresh_token`
 * grants. The docs post JSON; the PHP SDK (league/oauth2-client) posts form-encoded [BELIEF]; both are
 * accepted. Success is plain `application/json` [DOC] (oauth_token_response.json).
 */
import { PLAIN_JSON, PROBLEM_JSON, type Reply } from "../reply";
import type { GrantError, TokenPair, TokenStore } from "./tokens";

/**
 * The OAuth problem body as a real refused refresh showed it [ISSUE] amocrm-api-php#123:
 * `{"hint":…,"title":"Некорректный запрос","type":"https://developers.amocrm.ru/v3/errors/OAuthProblemJson",…}`.
 */
function oauthProblem(error: GrantError): Reply {
  return {
    status: error.status,
    contentType: PROBLEM_JSON,
    body: JSON.stringify({
      hint: error.hint,
      title: "Некорректный запрос",
      type: "https://developers.amocrm.ru/v3/errors/OAuthProblemJson",
      status: error.status,
      detail: "В запросе отсутствует ряд параметров или параметры невалидны",
    }),
  };
}

function parseParams(contentType: string, raw: string): Record<string, string> | null {
  const asForm = () => Object.fromEntries(new URLSearchParams(raw));
  if (contentType.includes("application/x-www-form-urlencoded")) return asForm();
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return null;
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
  } catch {
    // No declared type and not JSON: try the form encoding before giving up.
    return contentType.includes("json") ? null : asForm();
  }
}

const REQUIRED: Record<string, string[]> = {
  authorization_code: ["client_id", "client_secret", "code", "redirect_uri"],
  refresh_token: ["client_id", "client_secret", "refresh_token", "redirect_uri"],
};

export function tokenEndpoint(tokens: TokenStore, contentType: string, rawBody: string): Reply {
  const params = parseParams(contentType, rawBody);
  if (!params)
    return oauthProblem({ status: 400, hint: "The request body is neither JSON nor form-encoded" });
  const grant = params["grant_type"] ?? "";
  const required = REQUIRED[grant];
  if (!required) {
    return oauthProblem({
      status: 400,
      hint: "The authorization grant type is not supported by the authorization server.",
    });
  }
  const missing = required.find((name) => !params[name]);
  if (missing) return oauthProblem({ status: 400, hint: `Check the \`${missing}\` parameter` });
  const result: TokenPair | GrantError =
    grant === "authorization_code" ? tokens.exchangeCode(params) : tokens.refresh(params);
  if ("hint" in result) return oauthProblem(result);
  return { status: 200, contentType: PLAIN_JSON, body: JSON.stringify(result) };
}
