import { afterEach, describe, expect, it } from "vitest";
import type { Sandbox } from "../../local/amo-sandbox/server";
import { call, startSandbox, testClock } from "./helpers";

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const ping = (s: Sandbox, token?: string | null) =>
  call(s, "/api/v4/account", token === undefined ? {} : { token });

describe("rate limit", () => {
  it("answers the 8th request within a second with 429 and recovers when the window slides", async () => {
    const clock = testClock();
    sb = await startSandbox({ clock: clock.fn, rateLimit: {} });
    for (let i = 0; i < 7; i++) {
      clock.now += 100;
      expect((await ping(sb)).status).toBe(200);
    }
    const limited = await ping(sb);
    expect(limited.status).toBe(429);
    expect(limited.contentType).toBe("application/problem+json");
    expect(limited.json).toEqual({
      title: "Too Many Requests",
      type: "https://httpstatus.es/429",
      status: 429,
      detail: "You have sent too many requests in a given amount of time. Please try again later.",
      retry_after: 1,
    });
    // The first request (t+100) leaves the window at t+1100.
    clock.now += 399; // t+1099
    expect((await ping(sb)).status).toBe(429);
    clock.now += 1; // t+1100
    expect((await ping(sb)).status).toBe(200);
    expect((await ping(sb)).status).toBe(429);
    clock.now += 1000;
    expect((await ping(sb)).status).toBe(200);
  });

  it("does not count requests that fail authentication", async () => {
    const clock = testClock();
    sb = await startSandbox({ clock: clock.fn, rateLimit: {} });
    for (let i = 0; i < 20; i++) expect((await ping(sb, "bad")).status).toBe(401);
    for (let i = 0; i < 7; i++) expect((await ping(sb)).status).toBe(200);
    expect((await ping(sb)).status).toBe(429);
  });

  it("blocks a token with an HTML 403 after sustained abuse, until blockFor elapses", async () => {
    const clock = testClock();
    sb = await startSandbox({
      clock: clock.fn,
      rateLimit: { blockAfter: 3, blockWindowMs: 60_000, blockFor: 300_000 },
    });
    for (let i = 0; i < 7; i++) await ping(sb);
    expect((await ping(sb)).status).toBe(429);
    expect((await ping(sb)).status).toBe(429);
    expect((await ping(sb)).status).toBe(429); // the third 429 sets the block
    clock.now += 10_000;
    const blocked = await ping(sb);
    expect(blocked.status).toBe(403);
    expect(blocked.contentType).toBe("text/html");
    expect(blocked.text).toContain("<title>403 Forbidden</title>");
    expect(blocked.text).toContain("nginx");
    clock.now += 289_999;
    expect((await ping(sb)).status).toBe(403);
    clock.now += 1;
    expect((await ping(sb)).status).toBe(200);
  });

  it("can answer 429 with a non-JSON body", async () => {
    const clock = testClock();
    sb = await startSandbox({ clock: clock.fn, rateLimit: { plain429: true } });
    for (let i = 0; i < 7; i++) await ping(sb);
    const res = await ping(sb);
    expect(res.status).toBe(429);
    expect(res.json).toBeNull();
    expect(res.text).toBe("Too many requests");
  });
});
