/** Paging, prefetch, 204, resume, and the rate limit, against the in-process fake. */
import { describe, expect, it } from "vitest";
import { collectAll } from "../../src/amo/client";
import type { Page } from "../../src/amo/paging";
import type { ApiLead } from "../../src/amo/schemas/entities";
import { makeEvents, makeLeads, T0 } from "./fake/data";
import { BASE_URL, harness } from "./fake/setup";

const ids = (pages: Page<{ id: number | string }>[]) => pages.flatMap((p) => p.items.map((i) => i.id));
const range = (n: number, first = 1) => Array.from({ length: n }, (_, i) => first + i);
const strictLimit = { maxPerWindow: 7, windowMs: 1000 };

describe("paging", () => {
  it("reads every lead across many pages, in order, following _links.next", () => {
    const h = harness({ data: { leads: makeLeads(1234) }, rateLimit: strictLimit });
    const pages = [...h.client.iterateLeads()];
    expect(ids(pages)).toEqual(range(1234));
    expect(pages.map((p) => p.items.length)).toEqual([250, 250, 250, 250, 234]);
    expect(pages.at(-1)!.next).toBeNull();
    expect(pages[0]!.next).toContain("page=2");
    expect(h.client.stats().status429).toBe(0);
  });

  it("reads an empty list (204) as one empty last page", () => {
    const h = harness({ data: { leads: [] } });
    const pages = [...h.client.iterateLeads()];
    expect(pages).toEqual([
      { items: [], target: expect.stringContaining("/api/v4/leads?"), next: null, page: 1 },
    ]);
  });

  it("stops at a 204 page after a full page that still had a next link", () => {
    const h = harness({ data: { leads: makeLeads(500) }, nextOnFullLastPage: true }, { prefetch: false });
    const pages = [...h.client.iterateLeads()];
    expect(pages.map((p) => p.items.length)).toEqual([250, 250, 0]);
    expect(h.fake.log.map((e) => e.reply)).toEqual([200, 200, 204]);
  });

  it("sends requests to the base URL only, whatever host the links name", () => {
    const h = harness({ data: { leads: makeLeads(600) }, publicBase: "https://evil.example.com" });
    collectAll(h.client.iterateLeads());
    expect(h.http.urls.every((u) => u.startsWith(`${BASE_URL}/api/v4/leads?`))).toBe(true);
  });

  it("prefetches pages in parallel batches and wastes at most 5 % on a full pull", () => {
    for (const n of [1, 250, 251, 5_000, 40_000]) {
      // 400 ms per exchange, as from Apps Script: parallel pages are what keeps the rate up.
      const h = harness({ data: { leads: makeLeads(n) }, rateLimit: strictLimit }, {}, undefined, 400);
      const started = h.clock.now();
      const leads = collectAll(h.client.iterateLeads());
      const elapsed = h.clock.now() - started;
      expect(leads.length).toBe(n);
      const s = h.client.stats();
      const minimum = Math.max(1, Math.ceil(n / 250));
      expect(s.pages).toBe(minimum);
      expect(s.requests).toBe(minimum + s.wastedRequests);
      expect(s.requests / minimum).toBeLessThanOrEqual(1.05);
      expect(s.status429).toBe(0);
      expect(Math.max(...h.http.batches)).toBeLessThanOrEqual(7);
      // The budget is used: no more time than 7 requests per (1000 + 100 ms margin) window need,
      // plus one network round trip per batch.
      expect(elapsed).toBeLessThanOrEqual(Math.ceil(s.requests / 7) * 1100 + h.http.batches.length * 400);
      if (n === 40_000) expect(Math.max(...h.http.batches)).toBeGreaterThan(1);
    }
  });

  it("walks events by 100 per page", () => {
    const h = harness({ data: { events: makeEvents(1050) } });
    const pages = [...h.client.iterateEvents({ types: ["lead_added"] })];
    expect(pages.map((p) => p.items.length)).toEqual([100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 50]);
    expect(new Set(ids(pages)).size).toBe(1050);
    expect(h.fake.log.every((e) => e.query.includes("limit=100"))).toBe(true);
  });

  it("resumes from a saved next link in a new execution and misses nothing", () => {
    const data = { leads: makeLeads(1100) };
    const first = harness({ data });
    const seen: number[] = [];
    let checkpoint: string | null = null;
    for (const page of first.client.iterateLeads({ updatedFrom: (T0 + 5000) * 1000 })) {
      seen.push(...page.items.map((l) => l.id));
      checkpoint = page.next;
      if (seen.length >= 500) break; // the 6-minute limit strikes
    }
    expect(checkpoint).toContain("page=3");
    const second = harness({ data });
    for (const page of second.client.iterateLeads({
      updatedFrom: (T0 + 5000) * 1000,
      resumeFrom: checkpoint!,
    })) {
      seen.push(...page.items.map((l) => l.id));
    }
    expect(seen).toEqual(range(1100));
    expect(second.fake.log[0]!.page).toBe(3);
  });

  it("rechecks lead filters locally when the account ignores them (alpha filters [DOC])", () => {
    const leads = makeLeads(300).map((l, i) => ({ ...l, pipeline_id: i % 3 === 0 ? 10 : 11 }));
    const h = harness({ data: { leads }, ignoreLeadFilters: true });
    const got = collectAll(h.client.iterateLeads({ pipelineIds: [10] }));
    expect(got.map((l: ApiLead) => l.id)).toEqual(range(300).filter((id) => (id - 1) % 3 === 0));
    expect(h.client.stats().filteredOutLocally).toBe(200);
  });

  it("follows the server's next link when it does not match the predicted page", () => {
    // A server whose links skip a page number: the prefetcher notices and walks one by one.
    const h = harness({ data: { leads: makeLeads(3000) } });
    const real = h.fake.handle.bind(h.fake);
    h.fake.handle = (req, now) => {
      const r = real(req, now);
      if (typeof r !== "string" && r.status === 200 && req.url.includes("page=20&")) {
        r.body = r.body.replace(/("next":\{"href":"[^"]*?)page=21/, "$1page=21&x=1");
      }
      return r;
    };
    expect(collectAll(h.client.iterateLeads()).length).toBe(3000);
  });

  it("lists contacts by id in URL-sized chunks, sent together", () => {
    const contacts = Array.from({ length: 400 }, (_, i) => ({
      id: 100_001 + i,
      name: `К ${i}`,
      responsible_user_id: 501,
      created_at: T0,
      updated_at: T0,
      custom_fields_values: null,
    }));
    const h = harness({ data: { contacts } });
    const wanted = range(300, 100_051);
    const got = h.client.listContacts(wanted);
    expect(got.map((c) => c.id).sort((a, b) => a - b)).toEqual(wanted);
    expect(h.http.urls.every((u) => u.length <= 1900)).toBe(true);
    expect(Math.max(...h.http.batches)).toBeGreaterThan(1);
  });
});
