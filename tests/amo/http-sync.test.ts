/** The synchronous Node bridge against a real HTTP server running in another thread. */
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSyncHttp, type SyncHttp } from "../../local/http-sync/sync-http";
import { NetworkError } from "../../src/amo/http";
import { thrown } from "./fake/setup";
import { type FakeServer, startFakeServer } from "./fake/start-server";

let server: FakeServer;
let http: SyncHttp;

beforeAll(async () => {
  server = await startFakeServer();
  http = createSyncHttp({ timeoutMs: 2000 });
});
afterAll(async () => {
  http.close();
  await server.close();
});

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe("sync HTTP bridge", () => {
  it("sends method, headers and payload; returns status, lower-case headers and body", () => {
    const r = http.fetch({
      url: `${server.baseUrl}/__test/echo?x=1`,
      method: "post",
      headers: { Authorization: "Bearer t" },
      payload: '{"a":"б"}',
      contentType: "application/json",
    });
    expect(r.status).toBe(201);
    expect(r.headers["x-custom-header"]).toBe("Yes");
    const echo = JSON.parse(r.body) as {
      method: string;
      url: string;
      headers: Record<string, string>;
      body: string;
    };
    expect(echo).toMatchObject({ method: "POST", url: "/__test/echo?x=1", body: '{"a":"б"}' });
    expect(echo.headers["authorization"]).toBe("Bearer t");
    expect(echo.headers["content-type"]).toBe("application/json");
  });

  it("returns 204 with an empty body and error statuses as values", () => {
    expect(http.fetch({ url: `${server.baseUrl}/__test/status?code=204`, method: "get" })).toMatchObject({
      status: 204,
      body: "",
    });
    expect(http.fetch({ url: `${server.baseUrl}/__test/status?code=503`, method: "get" }).status).toBe(503);
  });

  it("follows redirects only when asked", () => {
    const url = `${server.baseUrl}/__test/redirect`;
    expect(http.fetch({ url, method: "get" })).toMatchObject({
      status: 302,
      headers: { location: "/__test/echo?redirected=1" },
    });
    const r = http.fetch({ url, method: "post", payload: "x", followRedirects: true });
    expect(r.status).toBe(201);
    expect(JSON.parse(r.body)).toMatchObject({ method: "GET", url: "/__test/echo?redirected=1", body: "" });
  });

  it("runs fetchAll concurrently and keeps the order", async () => {
    const reqs = [5, 4, 3, 2, 1].map((id) => ({
      url: `${server.baseUrl}/__test/delay?ms=${100 * id}&id=${id}`,
      method: "get" as const,
    }));
    expect(http.fetchAll(reqs).map((r) => r.body)).toEqual(["5", "4", "3", "2", "1"]);
    expect((await server.state()).maxInFlight).toBeGreaterThanOrEqual(5);
  });

  it("turns a dropped connection into a NetworkError, for fetch and for a whole fetchAll", () => {
    const e = thrown(() => http.fetch({ url: `${server.baseUrl}/__test/drop`, method: "get" }));
    expect(e).toBeInstanceOf(NetworkError);
    expect((e as NetworkError).kind).toBe("reset");
    expect(
      thrown(() =>
        http.fetchAll([
          { url: `${server.baseUrl}/__test/status?code=200`, method: "get" },
          { url: `${server.baseUrl}/__test/drop`, method: "get" },
        ]),
      ),
    ).toBeInstanceOf(NetworkError);
  });

  it("reports a refused connection as not sent", async () => {
    const port = await closedPort();
    const e = thrown(() =>
      http.fetch({ url: `http://127.0.0.1:${port}/x?secret=1`, method: "get" }),
    ) as NetworkError;
    expect(e.kind).toBe("refused");
    expect(e.notSent).toBe(true);
    expect(e.message).not.toContain("secret");
  });

  it("times out a request that never gets an answer", () => {
    const e = thrown(() =>
      http.fetch({ url: `${server.baseUrl}/__test/hang`, method: "get" }),
    ) as NetworkError;
    expect(e).toBeInstanceOf(NetworkError);
    expect(e.kind).toBe("timeout");
    // The bridge still works afterwards.
    expect(http.fetch({ url: `${server.baseUrl}/__test/status?code=200`, method: "get" }).status).toBe(200);
  });

  it("refuses to work once closed", () => {
    const h = createSyncHttp();
    h.close();
    expect(() => h.fetch({ url: `${server.baseUrl}/__test/status?code=200`, method: "get" })).toThrow(
      /closed/,
    );
  });
});
