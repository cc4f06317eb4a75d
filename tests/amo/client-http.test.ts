/**
 * The client end to end on Node: the sync bridge, real time, a threaded HTTP server, and two
 * threads sharing one token store and one lock.
 */
import { once } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createSyncHttp, systemClock } from "../../local/http-sync/sync-http";
import { startTsWorker } from "../../local/http-sync/ts-worker";
import { collectAll, createAmoClient } from "../../src/amo/client";
import type { StoredTokens } from "../../src/amo/ports";
import type { ClientWorkerData } from "./fake/client-worker";
import { makeLeads } from "./fake/data";
import { MemoryTokenStore, TestLock } from "./fake/memory-store";
import { startFakeServer } from "./fake/start-server";

const TOKEN = "long-lived-SECRET";
const OAUTH = { clientId: "c1", clientSecret: "cs-SECRET", redirectUri: "https://example.test/cb" };

describe("client over the Node bridge", () => {
  it("pulls every lead through a 429 storm, a dropped connection and a 503", async () => {
    const server = await startFakeServer({
      fake: {
        longLivedToken: TOKEN,
        data: { leads: makeLeads(2345) },
        rateLimit: { maxPerWindow: 7, windowMs: 1000, retryAfterSec: 1 },
        faults: [
          { path: "/api/v4/leads", page: 4, reply: "drop" },
          { path: "/api/v4/leads", page: 6, reply: { status: 503, body: "" } },
        ],
      },
    });
    const http = createSyncHttp({ timeoutMs: 5000 });
    try {
      await server.control("storm", { ms: 1200, retryAfter: 1 });
      const client = createAmoClient({
        baseUrl: server.baseUrl,
        http,
        clock: systemClock,
        auth: { kind: "long_lived", token: TOKEN },
      });
      const ids = collectAll(client.iterateLeads()).map((l) => l.id);
      expect(ids).toEqual(Array.from({ length: 2345 }, (_, i) => i + 1));
      const s = client.stats();
      expect(s.status429).toBeGreaterThan(0);
      expect(s.networkErrors).toBe(1);
      expect(s.status5xx).toBe(1);
      const { log } = await server.state();
      expect(log.filter((e) => e.reply === 200)).toHaveLength(10);
    } finally {
      http.close();
      await server.close();
    }
  });

  it("refreshes an expired OAuth token and retries after a 401", async () => {
    const initial = {
      accessToken: "at-0-SECRET",
      refreshToken: "rt-0-SECRET",
      expiresAt: Date.now() + 86_400_000,
    };
    const server = await startFakeServer({ fake: { oauth: { ...OAUTH, initial } } });
    const http = createSyncHttp({ timeoutMs: 5000 });
    try {
      await server.control("revoke", { token: "at-0-SECRET" });
      const store = new MemoryTokenStore({ ...initial });
      const client = createAmoClient({
        baseUrl: server.baseUrl,
        http,
        clock: systemClock,
        auth: { kind: "oauth", ...OAUTH, store, lock: new TestLock() },
      });
      client.getAccount();
      expect(store.load()?.accessToken).toBe("at-1-SECRET");
      expect((await server.state()).refreshTokensReceived).toEqual(["rt-0-SECRET"]);
    } finally {
      http.close();
      await server.close();
    }
  });

  it("two threads needing a refresh at the same moment send the refresh token once", async () => {
    for (let trial = 0; trial < 3; trial++) {
      const initial = {
        accessToken: "at-0-SECRET",
        refreshToken: "rt-0-SECRET",
        expiresAt: Date.now() + 86_400_000,
      };
      // amoCRM answers the refresh slowly: the other thread arrives while the first holds the lock.
      const server = await startFakeServer({
        fake: { oauth: { ...OAUTH, initial } },
        delays: { "/oauth2/access_token": 300 },
      });
      const dir = mkdtempSync(join(tmpdir(), "amo-store-"));
      const storePath = join(dir, "tokens.json");
      // The store says the access token has expired, so both threads refresh at once.
      const stored: StoredTokens = { ...initial, expiresAt: Date.now() - 1000 };
      writeFileSync(storePath, JSON.stringify(stored));
      const data: ClientWorkerData = {
        baseUrl: server.baseUrl,
        storePath,
        lock: new SharedArrayBuffer(8),
        go: new SharedArrayBuffer(4),
        oauth: OAUTH,
        calls: 3,
      };
      const workers = [0, 1].map(() =>
        startTsWorker(new URL("./fake/client-worker.ts", import.meta.url), { workerData: data }),
      );
      try {
        await Promise.all(workers.map((w) => once(w, "message")));
        const results = workers.map((w) => once(w, "message"));
        const go = new Int32Array(data.go);
        Atomics.store(go, 0, 1);
        Atomics.notify(go, 0);
        const reports = (await Promise.all(results)).map(
          ([m]) => m as { ok: boolean; refreshes: number; error?: string },
        );
        expect(reports.map((r) => r.error ?? "ok")).toEqual(["ok", "ok"]);
        expect(reports.map((r) => r.refreshes).sort()).toEqual([0, 1]);
        expect((await server.state()).refreshTokensReceived).toEqual(["rt-0-SECRET"]);
        expect(Atomics.load(new Int32Array(data.lock), 1)).toBeGreaterThanOrEqual(1); // they did contend
      } finally {
        await Promise.all(workers.map((w) => w.terminate()));
        await server.close();
      }
    }
  });
});
