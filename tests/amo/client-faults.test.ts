/** Retries, storms and the errors that stop a sync, against the in-process fake. */
import { describe, expect, it } from "vitest";
import { collectAll } from "../../src/amo/client";
import {
  AmoBlockedError,
  AmoForbiddenError,
  AmoHttpError,
  AmoMalformedResponseError,
  AmoPaymentRequiredError,
  AmoRequestFailedError,
} from "../../src/amo/errors";
import { makeLead, makeLeads } from "./fake/data";
import type { FaultRule } from "./fake/fake-amo";
import { harness, TOKEN, thrown } from "./fake/setup";
import { VirtualClock } from "./fake/virtual-clock";

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const leadIds = (h: ReturnType<typeof harness>) => collectAll(h.client.iterateLeads()).map((l) => l.id);
const html403 = {
  status: 403,
  body: "<html><head><title>403 Forbidden</title></head><body>nginx</body></html>",
};

describe("rate limiting by the server", () => {
  it("survives a 429 storm with retry_after: nothing lost, nothing thrown", () => {
    const clock = new VirtualClock();
    const h = harness(
      {
        data: { leads: makeLeads(3000) },
        storms: [{ from: clock.now() + 300, to: clock.now() + 9000, retryAfterSec: 2 }],
      },
      {},
      clock,
    );
    expect(leadIds(h)).toEqual(range(3000));
    const s = h.client.stats();
    expect(s.status429).toBeGreaterThan(0);
    expect(s.retries).toBeGreaterThanOrEqual(s.status429);
    expect(s.retryWaitMs).toBeGreaterThan(0);
  });

  it("survives 429s with an HTML body (no retry_after): backoff with jitter", () => {
    const clock = new VirtualClock();
    const h = harness(
      {
        data: { leads: makeLeads(2000) },
        storms: [{ from: clock.now() + 500, to: clock.now() + 6000, retryAfterSec: null }],
      },
      {},
      clock,
    );
    expect(leadIds(h)).toEqual(range(2000));
    expect(h.client.stats().status429).toBeGreaterThan(0);
  });

  it("stays under a strict server limit even when told it may go faster", () => {
    const h = harness(
      { data: { leads: makeLeads(5000) }, rateLimit: { maxPerWindow: 7, windowMs: 1000, retryAfterSec: 1 } },
      { rateMarginMs: 0 },
    );
    expect(leadIds(h)).toEqual(range(5000));
    expect(h.client.stats().status429).toBe(0);
  });

  it("recovers when the server allows fewer requests than expected (slows itself down)", () => {
    const h = harness({
      data: { leads: makeLeads(5000) },
      rateLimit: { maxPerWindow: 4, windowMs: 1000, retryAfterSec: 1 },
    });
    expect(leadIds(h)).toEqual(range(5000));
    const s = h.client.stats();
    expect(s.status429).toBeGreaterThan(0);
    expect(s.status429).toBeLessThan(10);
  });

  it("gives up on a request after too many 429s, naming the endpoint", () => {
    const clock = new VirtualClock();
    const h = harness(
      {
        data: { leads: makeLeads(10) },
        storms: [{ from: 0, to: Number.MAX_SAFE_INTEGER, retryAfterSec: 1 }],
      },
      { retry: { max429: 3 } },
      clock,
    );
    const e = thrown(() => leadIds(h));
    expect(e).toBeInstanceOf(AmoRequestFailedError);
    expect(e.message).toBe("GET /api/v4/leads: failed after 4 attempts (last: HTTP 429)");
  });

  it("stops at once on a 403 HTML page (account blocked) and sends nothing more", () => {
    const h = harness({
      data: { leads: makeLeads(3000) },
      faults: [{ path: "/api/v4/leads", page: 3, reply: html403, times: 100 }],
    });
    const pages: number[] = [];
    const e = thrown(() => {
      for (const p of h.client.iterateLeads()) pages.push(p.items.length);
    });
    expect(e).toBeInstanceOf(AmoBlockedError);
    expect(e.message).toBe(
      "amoCRM blocked API access for exceeding the request rate; contact amoCRM support",
    );
    expect(pages).toEqual([250, 250]);
    const blockedAt = h.fake.log.findIndex((x) => x.reply === 403);
    // Only requests already in flight in the same batch may follow the 403; none after it.
    const batchOf403 = h.http.batches.length;
    expect(h.fake.log.length - blockedAt - 1).toBeLessThan(h.http.batches[batchOf403 - 1]!);
    expect(h.fake.log.filter((x) => x.reply === 403).length).toBe(1);
  });

  it("tells missing rights (403 JSON) from a block", () => {
    const h = harness({
      faults: [
        {
          path: "/api/v4/users",
          reply: {
            status: 403,
            body: JSON.stringify({
              title: "Forbidden",
              type: "https://httpstatus.es/403",
              status: 403,
              detail: "Access denied",
            }),
          },
        },
      ],
    });
    const e = thrown(() => h.client.listUsers());
    expect(e).toBeInstanceOf(AmoForbiddenError);
    expect(e.message).toContain("GET /api/v4/users");
    expect(h.fake.log).toHaveLength(1);
  });

  it("stops on 402 (account not paid)", () => {
    const h = harness({
      faults: [
        {
          path: "/api/v4/account",
          reply: {
            status: 402,
            body: '{"title":"Payment Required","type":"https://httpstatus.es/402","status":402,"detail":"Payment required"}',
          },
        },
      ],
    });
    expect(thrown(() => h.client.getAccount())).toBeInstanceOf(AmoPaymentRequiredError);
  });
});

describe("server errors and lost connections", () => {
  it("retries 5xx with backoff and completes", () => {
    const faults: FaultRule[] = [
      { path: "/api/v4/leads", page: 2, times: 2, reply: { status: 503, body: "" } },
      { path: "/api/v4/leads", page: 5, times: 1, reply: { status: 502, body: "<html>Bad Gateway</html>" } },
      {
        path: "/api/v4/leads",
        page: 7,
        times: 3,
        reply: { status: 500, body: '{"title":"ErrInternalServer","status":500}' },
      },
    ];
    const h = harness({ data: { leads: makeLeads(2000) }, faults });
    expect(leadIds(h)).toEqual(range(2000));
    const s = h.client.stats();
    expect(s.status5xx).toBe(6);
    expect(s.retries).toBe(6);
  });

  it("gives a clear error after the bounded attempts, naming endpoint and last status", () => {
    const h = harness({
      data: { leads: makeLeads(600) },
      faults: [{ path: "/api/v4/leads", page: 2, times: 100, reply: { status: 504, body: "" } }],
    });
    const pages: number[] = [];
    const e = thrown(() => {
      for (const p of h.client.iterateLeads()) pages.push(p.items.length);
    });
    expect(e).toBeInstanceOf(AmoRequestFailedError);
    expect(e.message).toBe("GET /api/v4/leads: failed after 5 attempts (last: HTTP 504)");
    expect(pages).toEqual([250]);
  });

  it("re-sends dropped connections, one by one when a parallel batch failed", () => {
    const h = harness({
      data: { leads: makeLeads(8000) },
      faults: [
        { path: "/api/v4/leads", page: 1, reply: "drop" },
        { path: "/api/v4/leads", page: 25, reply: "drop" },
        { path: "/api/v4/leads", page: 30, reply: "hang" },
      ],
    });
    expect(leadIds(h)).toEqual(range(8000));
    expect(h.client.stats().networkErrors).toBe(3);
  });

  it("never re-sends a write that may have reached amoCRM", () => {
    const h = harness({
      faults: [{ path: "/api/v4/tasks", method: "POST", reply: { status: 503, body: "" } }],
    });
    const e = thrown(() =>
      h.client.createTasks([{ text: "Перезвонить", completeTill: Date.UTC(2026, 0, 20) }]),
    );
    expect(e).toBeInstanceOf(AmoRequestFailedError);
    expect(e.message).toBe(
      "POST /api/v4/tasks: failed with HTTP 503; the change may or may not have been saved in amoCRM",
    );
    expect(h.fake.log.filter((x) => x.method === "POST")).toHaveLength(1);
  });

  it("re-sends a write after a 429 (refused before processing)", () => {
    const h = harness({
      faults: [
        {
          path: "/api/v4/tasks",
          method: "POST",
          reply: { status: 429, body: '{"title":"Too Many Requests","status":429,"retry_after":1}' },
        },
      ],
    });
    const created = h.client.createTasks([
      { text: "a", completeTill: Date.UTC(2026, 0, 20), entityId: 5 },
      { text: "b", completeTill: Date.UTC(2026, 0, 21), taskTypeId: 2 },
    ]);
    expect(created.map((c) => c.index)).toEqual([0, 1]);
    expect(h.fake.data.tasks.map((t) => t["text"])).toEqual(["a", "b"]);
    expect(h.fake.data.tasks[0]).toMatchObject({ entity_id: 5, entity_type: "leads", task_type_id: 1 });
  });
});

describe("malformed answers", () => {
  it("re-reads a page whose body was garbled once", () => {
    const h = harness({
      data: { leads: makeLeads(1000) },
      faults: [
        {
          path: "/api/v4/leads",
          page: 3,
          reply: { status: 200, body: '{"_page":3,"_embedded":{"leads":[{"id":5' },
        },
      ],
    });
    expect(leadIds(h)).toEqual(range(1000));
    expect(h.client.stats().malformedResponses).toBe(1);
  });

  it("reads through a body that arrives unreadable several times in a row (retried like a 5xx)", () => {
    const h = harness({
      data: { leads: makeLeads(1000) },
      faults: [
        { path: "/api/v4/leads", page: 3, times: 3, reply: { status: 200, body: '{"_page":3,"_emb' } },
      ],
    });
    expect(leadIds(h)).toEqual(range(1000));
    expect(h.client.stats().malformedResponses).toBe(3);
  });

  it("fails clearly when a page stays broken, returning nothing of it", () => {
    const h = harness({
      data: { leads: makeLeads(1000) },
      faults: [
        {
          path: "/api/v4/leads",
          page: 3,
          times: 5,
          reply: { status: 200, body: "<html>maintenance</html>" },
        },
      ],
    });
    const got: number[][] = [];
    const e = thrown(() => {
      for (const p of h.client.iterateLeads()) got.push(p.items.map((l) => l.id));
    });
    expect(e).toBeInstanceOf(AmoMalformedResponseError);
    expect(e.message).toBe(
      "GET /api/v4/leads: amoCRM sent an unreadable response 5 times (leads page: not JSON (an HTML page)); nothing from it was used",
    );
    expect(got.flat()).toEqual(range(500));
  });

  it("names the broken lead and field when a page does not match the schema", () => {
    const leads = makeLeads(300);
    leads[260] = makeLead(261, { price: "много" });
    const h = harness({ data: { leads } });
    const e = thrown(() => leadIds(h));
    expect(e).toBeInstanceOf(AmoMalformedResponseError);
    expect(e.message).toContain('lead 261: field "price": expected number, got string');
  });
});

describe("other answers", () => {
  it("a missing loss-reasons endpoint gives an empty list", () => {
    const h = harness({
      faults: [
        {
          path: "/api/v4/leads/loss_reasons",
          reply: { status: 404, body: '{"title":"Not Found","status":404,"detail":"Cannot GET"}' },
        },
      ],
    });
    expect(h.client.listLossReasons()).toEqual([]);
  });

  it("400 is not retried and carries amoCRM's detail", () => {
    const h = harness({
      faults: [
        {
          path: "/api/v4/tasks",
          method: "POST",
          reply: {
            status: 400,
            body: JSON.stringify({
              "validation-errors": [
                {
                  request_id: "0",
                  errors: [
                    {
                      code: "NotSupportedChoice",
                      path: "task_type_id",
                      detail: "The value you selected is not a valid choice.",
                    },
                  ],
                },
              ],
              title: "Bad Request",
              status: 400,
              detail: "Request validation failed",
            }),
          },
        },
      ],
    });
    const e = thrown(() => h.client.createTasks([{ text: "x", completeTill: 0, taskTypeId: 99 }]));
    expect(e).toBeInstanceOf(AmoHttpError);
    expect(e.message).toBe(
      "POST /api/v4/tasks: amoCRM answered HTTP 400 (Request validation failed; task_type_id: The value you selected is not a valid choice.)",
    );
  });

  it("no error or log line carries the token", () => {
    const h = harness({
      data: { leads: makeLeads(600) },
      faults: [{ path: "/api/v4/leads", page: 2, times: 100, reply: { status: 503, body: "" } }],
    });
    const e = thrown(() => leadIds(h));
    const text = `${e.message} ${String(e.stack)} ${JSON.stringify(e)} ${h.logs.join("\n")}`;
    expect(h.logs.length).toBeGreaterThan(0);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain("filter");
  });
});
