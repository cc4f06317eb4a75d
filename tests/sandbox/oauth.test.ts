import { afterEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../local/amo-sandbox/server";
import { makeFixture } from "./fixtures";
import { call, startSandbox, testClock } from "./helpers";

const client = { clientId: "client-1", clientSecret: "secret-1", redirectUri: "https://addon.test/callback" };
const HOUR = 3_600_000;

/** A token answer or an OAuth problem, read field by field. */
interface TokenBody {
  token_type: string;
  expires_in: number;
  server_time: number;
  access_token: string;
  refresh_token: string;
  hint?: string;
}

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

async function token(s: Sandbox, body: Record<string, string>, form = false) {
  const res = await fetch(`${s.baseUrl}/oauth2/access_token`, {
    method: "POST",
    headers: { "Content-Type": form ? "application/x-www-form-urlencoded" : "application/json" },
    body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
  });
  return {
    status: res.status,
    contentType: res.headers.get("content-type"),
    json: (await res.json()) as TokenBody,
  };
}

const codeGrant = (code: string, extra: Record<string, string> = {}) => ({
  client_id: client.clientId,
  client_secret: client.clientSecret,
  grant_type: "authorization_code",
  code,
  redirect_uri: client.redirectUri,
  ...extra,
});
const refreshGrant = (refresh: string) => ({
  client_id: client.clientId,
  client_secret: client.clientSecret,
  grant_type: "refresh_token",
  refresh_token: refresh,
  redirect_uri: client.redirectUri,
});

describe("POST /oauth2/access_token", () => {
  it("exchanges a code for a 24 h token pair shaped like oauth_token_response.json", async () => {
    const clock = testClock();
    sb = await startSandbox({ clock: clock.fn, oauthClients: [client] });
    const res = await token(sb, codeGrant(sb.issueAuthorizationCode(client.clientId)));
    expect(res.status).toBe(200);
    expect(res.contentType).toBe("application/json");
    expect(Object.keys(res.json)).toEqual([
      "token_type",
      "expires_in",
      "server_time",
      "access_token",
      "refresh_token",
    ]);
    expect(res.json.token_type).toBe("Bearer");
    expect(res.json.expires_in).toBe(86_400);
    expect(res.json.server_time).toBe(Math.floor(clock.now / 1000));
    // A JWT with an exp claim 24 h ahead.
    const payload = JSON.parse(Buffer.from(res.json.access_token.split(".")[1]!, "base64url").toString());
    expect(payload.exp - payload.iat).toBe(86_400);
    const access = res.json.access_token;
    expect((await call(sb, "/api/v4/account", { token: access })).status).toBe(200);
    clock.now += 24 * HOUR - 1;
    expect((await call(sb, "/api/v4/account", { token: access })).status).toBe(200);
    clock.now += 1;
    const expired = await call(sb, "/api/v4/account", { token: access });
    expect(expired.status).toBe(401);
    expect(expired.json.title).toBe("Unauthorized");
  });

  it("accepts a form-encoded body too", async () => {
    sb = await startSandbox({ oauthClients: [client] });
    const res = await token(sb, codeGrant(sb.issueAuthorizationCode(client.clientId)), true);
    expect(res.status).toBe(200);
  });

  it("refuses a reused, expired, unknown code or a wrong secret / redirect_uri with 400", async () => {
    const clock = testClock();
    sb = await startSandbox({ clock: clock.fn, oauthClients: [client] });
    const code = sb.issueAuthorizationCode(client.clientId);
    expect((await token(sb, codeGrant(code))).status).toBe(200);
    const reused = await token(sb, codeGrant(code));
    expect(reused.status).toBe(400);
    expect(reused.contentType).toBe("application/problem+json");
    expect(reused.json).toMatchObject({
      status: 400,
      type: "https://developers.amocrm.ru/v3/errors/OAuthProblemJson",
    });
    expect(JSON.stringify(reused.json)).not.toContain(code);

    const late = sb.issueAuthorizationCode(client.clientId);
    clock.now += 20 * 60_000;
    expect((await token(sb, codeGrant(late))).json.hint).toBe("Authorization code has expired");

    const fresh = sb.issueAuthorizationCode(client.clientId);
    expect((await token(sb, codeGrant("nonsense"))).status).toBe(400);
    expect((await token(sb, codeGrant(fresh, { client_secret: "wrong" }))).status).toBe(400);
    expect((await token(sb, codeGrant(fresh, { redirect_uri: "https://evil.test" }))).status).toBe(400);
    expect((await token(sb, codeGrant(fresh))).status).toBe(200);
    expect((await token(sb, { grant_type: "password" })).status).toBe(400);
  });

  it("rotates refresh tokens: each works once, a reused one answers 401 'Token has been revoked'", async () => {
    sb = await startSandbox({ oauthClients: [client] });
    const first = (await token(sb, codeGrant(sb.issueAuthorizationCode(client.clientId)))).json;
    const second = await token(sb, refreshGrant(first.refresh_token));
    expect(second.status).toBe(200);
    expect(second.json.refresh_token).not.toBe(first.refresh_token);
    expect((await call(sb, "/api/v4/account", { token: second.json.access_token })).status).toBe(200);
    const reused = await token(sb, refreshGrant(first.refresh_token));
    expect(reused.status).toBe(401);
    expect(reused.json.hint).toBe("Token has been revoked");
    expect((await token(sb, refreshGrant(second.json.refresh_token))).status).toBe(200);
  });

  it("with the Kommo grace, an old refresh token works until the new one is used", async () => {
    sb = await startSandbox({ oauthClients: [client], refreshGrace: true });
    const first = (await token(sb, codeGrant(sb.issueAuthorizationCode(client.clientId)))).json;
    const lost = await token(sb, refreshGrant(first.refresh_token));
    expect(lost.status).toBe(200);
    const retried = await token(sb, refreshGrant(first.refresh_token));
    expect(retried.status).toBe(200);
    expect((await token(sb, refreshGrant(retried.json.refresh_token))).status).toBe(200);
    expect((await token(sb, refreshGrant(first.refresh_token))).status).toBe(401);
  });

  it("answers 405 to GET", async () => {
    sb = await startSandbox();
    expect((await fetch(`${sb.baseUrl}/oauth2/access_token`)).status).toBe(405);
  });
});

describe("bearer auth", () => {
  it("answers 401 like error_401_unauthorized.json without or with an unknown token", async () => {
    sb = await startSandbox();
    for (const t of [null, "nope"]) {
      const res = await call(sb, "/api/v4/leads", { token: t });
      expect(res.status).toBe(401);
      expect(res.contentType).toBe("application/problem+json");
      expect(res.json).toEqual({
        title: "Unauthorized",
        type: "https://httpstatus.es/401",
        status: 401,
        detail: "Invalid user name or password",
      });
    }
  });

  it("keeps the long-lived token valid forever; a generated one is a JWT with a far exp", async () => {
    const clock = testClock();
    // No fixed token: the sandbox makes one.
    sb = await createSandbox({ data: makeFixture(), clock: clock.fn, rateLimit: false });
    const payload = JSON.parse(Buffer.from(sb.longLivedToken.split(".")[1]!, "base64url").toString());
    expect(payload.exp - Math.floor(clock.now / 1000)).toBeGreaterThan(365 * 86_400);
    clock.now += 10 * 365 * 86_400_000;
    expect((await call(sb, "/api/v4/account")).status).toBe(200);
  });
});
