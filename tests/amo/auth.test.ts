/** OAuth refresh, rotation, the lock, and the long-lived token. */
import { describe, expect, it } from "vitest";
import { readAuthState } from "../../src/amo/auth";
import { type AmoClient, createAmoClient } from "../../src/amo/client";
import { AmoHttpError, AmoReconnectNeededError, AmoRequestFailedError } from "../../src/amo/errors";
import { type HttpPort, NetworkError } from "../../src/amo/http";
import { FakeAmo, type FakeAmoOptions } from "./fake/fake-amo";
import { inProcessHttp } from "./fake/in-process-http";
import { MemoryTokenStore, TestLock } from "./fake/memory-store";
import { BASE_URL, capturingLogger, harness, thrown } from "./fake/setup";
import { seededRandom, VirtualClock } from "./fake/virtual-clock";

const CLIENT = {
  clientId: "client-1",
  clientSecret: "cs-SECRET",
  redirectUri: "https://script.google.com/cb",
};
const HOUR = 3_600_000;

interface OAuthWorld {
  clock: VirtualClock;
  fake: FakeAmo;
  store: MemoryTokenStore;
  lock: TestLock;
  journal: string[];
  logs: string[];
  client: (http?: HttpPort) => AmoClient;
}

/** A fake account with a pair already issued (valid 24 h) and stored. */
function oauthWorld(fakeOptions: FakeAmoOptions = {}): OAuthWorld {
  const clock = new VirtualClock();
  const initial = {
    accessToken: "at-0-SECRET",
    refreshToken: "rt-0-SECRET",
    expiresAt: clock.now() + 24 * HOUR,
  };
  const fake = new FakeAmo({ oauth: { ...CLIENT, initial, codes: ["code-ok"] }, ...fakeOptions });
  const journal: string[] = [];
  const store = new MemoryTokenStore({ ...initial }, journal);
  const lock = new TestLock();
  const logs: string[] = [];
  const base = inProcessHttp(fake, clock);
  const journaled: HttpPort = {
    fetch: (r) => {
      journal.push(`${r.method} ${new URL(r.url).pathname} ${r.headers?.["Authorization"] ?? ""}`);
      return base.fetch(r);
    },
    fetchAll: (rs) => {
      for (const r of rs)
        journal.push(`${r.method} ${new URL(r.url).pathname} ${r.headers?.["Authorization"] ?? ""}`);
      return base.fetchAll(rs);
    },
  };
  return {
    clock,
    fake,
    store,
    lock,
    journal,
    logs,
    client: (http = journaled) =>
      createAmoClient({
        baseUrl: BASE_URL,
        http,
        clock,
        auth: { kind: "oauth", ...CLIENT, store, lock },
        logger: capturingLogger(logs),
        random: seededRandom(3),
      }),
  };
}

function noSecrets(w: OAuthWorld, ...errors: Error[]): void {
  const text = [...w.logs, ...errors.map((e) => `${e.message} ${JSON.stringify(e)} ${e.stack}`)].join("\n");
  expect(text).not.toMatch(/SECRET/);
}

describe("OAuth", () => {
  it("connects with an authorization code and uses the saved pair", () => {
    const w = oauthWorld();
    w.store.value = null;
    const c = w.client();
    expect(c.authState()).toEqual({ status: "not_connected" });
    expect(thrown(() => c.getAccount())).toBeInstanceOf(AmoReconnectNeededError);
    c.exchangeAuthorizationCode("code-ok");
    expect(w.store.load()?.accessToken).toBe("at-1-SECRET");
    expect(w.store.load()?.expiresAt).toBe(w.clock.now() - 20 + 24 * HOUR);
    c.getAccount();
    expect(w.fake.log.at(-1)?.auth).toBe("Bearer at-1-SECRET");
    const e = thrown(() => c.exchangeAuthorizationCode("code-ok"));
    expect(e).toBeInstanceOf(AmoHttpError);
    expect(e.message).toBe(
      "POST /oauth2/access_token: amoCRM answered HTTP 400 (Authorization code has expired)",
    );
    noSecrets(w, e);
  });

  it("refreshes when the stored expiry is near and saves the new pair before using it", () => {
    const w = oauthWorld();
    const c = w.client();
    c.getAccount();
    w.clock.advance(24 * HOUR - 4 * 60_000); // within the 5-minute margin
    c.getAccount();
    expect(w.fake.refreshTokensReceived).toEqual(["rt-0-SECRET"]);
    expect(w.journal).toEqual([
      "get /api/v4/account Bearer at-0-SECRET",
      "save at-0-SECRET (refresh started)",
      "post /oauth2/access_token ",
      "save at-1-SECRET",
      "get /api/v4/account Bearer at-1-SECRET",
    ]);
    expect(w.lock.taken).toBe(1);
    expect(c.stats().tokenRefreshes).toBe(1);
    noSecrets(w);
  });

  it("refreshes once after a 401 and retries the request", () => {
    const w = oauthWorld();
    const c = w.client();
    w.fake.revokeAccess("at-0-SECRET");
    const account = c.getAccount();
    expect(account.id).toBe(1);
    const s = c.stats();
    expect([s.status401, s.tokenRefreshes, s.requests]).toEqual([1, 1, 3]);
    expect(w.fake.log.at(-1)?.auth).toBe("Bearer at-1-SECRET");
  });

  it("refreshes once for a whole parallel batch that got 401s", () => {
    const w = oauthWorld();
    const c = w.client();
    w.fake.revokeAccess("at-0-SECRET");
    // 600 ids make about a dozen URL-sized chunks, sent 7 at a time through fetchAll.
    c.listContacts(Array.from({ length: 600 }, (_, i) => 1_000_000 + i));
    expect(w.fake.refreshTokensReceived).toEqual(["rt-0-SECRET"]);
    expect(c.stats().status401).toBeGreaterThan(1);
  });

  it("asks to reconnect after a 401 that survives a refresh, and the UI can read why", () => {
    const w = oauthWorld({
      faults: [
        {
          path: "/api/v4/*",
          times: 100,
          reply: { status: 401, body: '{"title":"Unauthorized","status":401}' },
        },
      ],
    });
    const c = w.client();
    const e = thrown(() => c.getAccount());
    expect(e).toBeInstanceOf(AmoReconnectNeededError);
    expect((e as AmoReconnectNeededError).reason).toBe("token_rejected");
    expect(readAuthState(w.store)).toMatchObject({ status: "reconnect_needed", reason: "token_rejected" });
    expect(w.fake.refreshTokensReceived).toEqual(["rt-0-SECRET"]);
    // Later runs do not hammer amoCRM: the stored state says reconnect.
    const before = w.fake.log.length;
    expect(thrown(() => w.client().getAccount())).toBeInstanceOf(AmoReconnectNeededError);
    expect(w.fake.log.length).toBe(before);
    noSecrets(w, e);
  });

  it("asks to reconnect when amoCRM refuses the refresh token", () => {
    const w = oauthWorld();
    w.store.value = { ...w.store.value!, refreshToken: "rt-unknown-SECRET", expiresAt: w.clock.now() - 1 };
    const e = thrown(() => w.client().getAccount());
    expect((e as AmoReconnectNeededError).reason).toBe("refresh_rejected");
    expect(readAuthState(w.store)).toMatchObject({ status: "reconnect_needed", reason: "refresh_rejected" });
    noSecrets(w, e);
  });

  it("rotates refresh tokens over many days and never sends one twice", () => {
    const w = oauthWorld();
    for (let day = 0; day < 10; day++) {
      const c = w.client(); // a new execution each day, sharing only the store
      c.getAccount();
      w.clock.advance(25 * HOUR);
    }
    const received = w.fake.refreshTokensReceived;
    expect(received).toHaveLength(9);
    expect(new Set(received).size).toBe(received.length);
    expect(w.store.value?.refreshToken).toBe("rt-9-SECRET");
  });

  it("two executions sharing the store: the second uses the pair the first refreshed", () => {
    const w = oauthWorld({ refreshRevokesOldAccess: true });
    const a = w.client();
    const b = w.client();
    a.getAccount();
    b.getAccount(); // both hold at-0 in memory
    w.clock.advance(24 * HOUR + 1);
    a.getAccount(); // refreshes: rt-0 → at-1
    b.getAccount(); // its at-0 expired: re-reads the store under the lock, finds at-1
    expect(w.fake.refreshTokensReceived).toEqual(["rt-0-SECRET"]);
    expect(w.fake.log.at(-1)?.auth).toBe("Bearer at-1-SECRET");
  });

  it("a 401 on a token another execution already replaced needs no refresh", () => {
    const w = oauthWorld({ refreshRevokesOldAccess: true });
    const a = w.client();
    const b = w.client();
    b.getAccount(); // b caches at-0 (valid for 24 h by its own view)
    w.clock.advance(23 * HOUR + 56 * 60_000);
    a.getAccount(); // a refreshes early; the server drops at-0
    w.clock.advance(-30 * 60_000); // b's view: at-0 still fresh, it sends it
    b.getAccount(); // 401 → under the lock the store has at-1, fresh → retry with it
    expect(w.fake.refreshTokensReceived).toEqual(["rt-0-SECRET"]);
    expect(w.fake.log.at(-1)).toMatchObject({ auth: "Bearer at-1-SECRET", reply: 200 });
  });

  it("a refresh whose answer was lost is never sent again: reconnect", () => {
    const w = oauthWorld({ faults: [{ path: "/oauth2/access_token", reply: "processed-then-drop" }] });
    w.clock.advance(24 * HOUR + 1);
    const e1 = thrown(() => w.client().getAccount());
    expect(e1).toBeInstanceOf(AmoRequestFailedError);
    expect(e1.message).toBe(
      "POST /oauth2/access_token: failed after 1 attempt (last: network error (reset))",
    );
    expect(w.store.value?.refreshStartedAt).not.toBeNull();
    const e2 = thrown(() => w.client().getAccount());
    expect((e2 as AmoReconnectNeededError).reason).toBe("refresh_interrupted");
    expect(w.fake.refreshTokensReceived).toEqual(["rt-0-SECRET"]);
    expect(readAuthState(w.store)).toMatchObject({
      status: "reconnect_needed",
      reason: "refresh_interrupted",
    });
    noSecrets(w, e1, e2);
  });

  it("a refresh that certainly did not leave (connection refused) is tried again later", () => {
    const w = oauthWorld();
    w.clock.advance(24 * HOUR + 1);
    const base = inProcessHttp(w.fake, w.clock);
    let refuse = true;
    const flaky: HttpPort = {
      fetch: (r) => {
        if (refuse && r.url.endsWith("/oauth2/access_token")) {
          refuse = false;
          throw new NetworkError(
            "refused",
            "Address unavailable: https://fake.amocrm.ru/oauth2/access_token",
          );
        }
        return base.fetch(r);
      },
      fetchAll: (rs) => base.fetchAll(rs),
    };
    expect(thrown(() => w.client(flaky).getAccount())).toBeInstanceOf(AmoRequestFailedError);
    expect(w.store.value?.refreshStartedAt).toBeNull();
    w.client(flaky).getAccount();
    expect(w.fake.refreshTokensReceived).toEqual(["rt-0-SECRET"]);
  });

  it("an early refresh that fails keeps the still-valid token in use", () => {
    const w = oauthWorld({ faults: [{ path: "/oauth2/access_token", reply: { status: 503, body: "" } }] });
    w.clock.advance(24 * HOUR - 2 * 60_000);
    const c = w.client();
    c.getAccount();
    c.getAccount();
    expect(w.fake.log.filter((x) => x.path === "/oauth2/access_token")).toHaveLength(1);
    expect(w.fake.log.filter((x) => x.path === "/api/v4/account").map((x) => x.auth)).toEqual([
      "Bearer at-0-SECRET",
      "Bearer at-0-SECRET",
    ]);
    expect(w.logs.some((l) => l.includes("refresh failed"))).toBe(true);
    noSecrets(w);
  });
});

describe("long-lived token", () => {
  it("is never refreshed: a 401 asks to reconnect at once", () => {
    const h = harness({ faults: [{ path: "/api/v4/account", reply: { status: 401, body: "{}" } }] });
    const e = thrown(() => h.client.getAccount());
    expect(e).toBeInstanceOf(AmoReconnectNeededError);
    expect((e as AmoReconnectNeededError).reason).toBe("token_rejected");
    expect(h.fake.log.map((x) => x.path)).toEqual(["/api/v4/account"]);
  });

  it("reports not connected when empty", () => {
    const clock = new VirtualClock();
    const fake = new FakeAmo();
    const c = createAmoClient({
      baseUrl: BASE_URL,
      http: inProcessHttp(fake, clock),
      clock,
      auth: { kind: "long_lived", token: " " },
    });
    expect(c.authState()).toEqual({ status: "not_connected" });
    expect((thrown(() => c.getAccount()) as AmoReconnectNeededError).reason).toBe("not_connected");
    expect(fake.log).toHaveLength(0);
  });
});
