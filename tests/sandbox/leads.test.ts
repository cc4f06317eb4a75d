import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../../local/amo-sandbox/server";
import {
  DELETED_LEAD_IDS,
  LEAD_COUNT,
  leadContact,
  leadCreatedAt,
  leadPipeline,
  leadResponsible,
  leadStatus,
  leadUpdatedAt,
  P1,
  P2,
} from "./fixtures";
import { allPages, call, startSandbox } from "./helpers";

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

const liveIds = Array.from({ length: LEAD_COUNT }, (_, i) => i + 1);
// biome-ignore lint/suspicious/noExplicitAny: page bodies
const ids = (pages: any[]) => pages.flatMap((p) => p._embedded.leads.map((l: { id: number }) => l.id));

describe("GET /api/v4/leads paging", () => {
  it("follows _links.next to every live lead exactly once, the last page without next", async () => {
    const pages = await allPages(sb, "/api/v4/leads?limit=250");
    expect(pages.map((p) => p._embedded.leads.length)).toEqual([250, 250, 100]);
    expect(ids(pages)).toEqual(liveIds);
    expect(pages[2]._links.next).toBeUndefined();
    expect(pages.map((p) => p._page)).toEqual([1, 2, 3]);
  });

  it("links self/next on page 1 and adds first/prev from page 2, keeping other parameters", async () => {
    const first = await call(sb, "/api/v4/leads?with=contacts&limit=100");
    expect(Object.keys(first.json._links)).toEqual(["self", "next"]);
    expect(first.json._links.self.href).toBe(`${sb.baseUrl}/api/v4/leads?with=contacts&limit=100&page=1`);
    const second = await call(sb, "/api/v4/leads?with=contacts&limit=100&page=2");
    expect(Object.keys(second.json._links).sort()).toEqual(["first", "next", "prev", "self"]);
    expect(second.json._links.prev.href).toBe(`${sb.baseUrl}/api/v4/leads?with=contacts&limit=100&page=1`);
    expect(second.json._links.next.href).toBe(`${sb.baseUrl}/api/v4/leads?with=contacts&limit=100&page=3`);
    expect(second.json).not.toHaveProperty("_total_items");
  });

  it("answers 204 with an empty body past the last page", async () => {
    const res = await call(sb, "/api/v4/leads?limit=250&page=4");
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
  });

  it("serves 50 by default and falls back to 50 when limit exceeds 250", async () => {
    expect((await call(sb, "/api/v4/leads")).json._embedded.leads).toHaveLength(50);
    const over = await call(sb, "/api/v4/leads?limit=400");
    expect(over.json._embedded.leads).toHaveLength(50);
    expect(over.json._links.next.href).toContain("limit=50&page=2");
    expect((await call(sb, "/api/v4/leads?limit=250")).json._embedded.leads).toHaveLength(250);
  });
});

describe("GET /api/v4/leads filters and order", () => {
  it("orders by updated_at desc", async () => {
    const pages = await allPages(sb, "/api/v4/leads?limit=250&order[updated_at]=desc");
    const expected = [...liveIds].sort((a, b) => leadUpdatedAt(b) - leadUpdatedAt(a) || b - a);
    expect(ids(pages)).toEqual(expected);
  });

  it("orders by id desc and by created_at asc", async () => {
    const desc = await call(sb, "/api/v4/leads?limit=3&order[id]=desc");
    expect(desc.json._embedded.leads.map((l: { id: number }) => l.id)).toEqual([600, 599, 598]);
    const asc = await call(sb, "/api/v4/leads?limit=3&order%5Bcreated_at%5D=asc");
    expect(asc.json._embedded.leads.map((l: { id: number }) => l.id)).toEqual([1, 2, 3]);
  });

  it("filters updated_at by {from,to}, inclusive", async () => {
    const from = leadUpdatedAt(100);
    const to = from + 50_000;
    const pages = await allPages(
      sb,
      `/api/v4/leads?limit=250&filter[updated_at][from]=${from}&filter[updated_at][to]=${to}`,
    );
    const expected = liveIds.filter((i) => leadUpdatedAt(i) >= from && leadUpdatedAt(i) <= to);
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(pages)).toEqual(expected);
  });

  it("answers 204 to a single-value filter[updated_at] (issue #358)", async () => {
    const res = await call(sb, `/api/v4/leads?filter[updated_at]=${leadUpdatedAt(1)}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
  });

  it("filters created_at and closed_at ranges", async () => {
    const created = await allPages(
      sb,
      `/api/v4/leads?limit=250&filter[created_at][from]=${leadCreatedAt(10)}&filter[created_at][to]=${leadCreatedAt(20)}`,
    );
    expect(ids(created)).toEqual(liveIds.filter((i) => i >= 10 && i <= 20));
    const closed = await allPages(sb, `/api/v4/leads?limit=250&filter[closed_at][from]=0`);
    expect(ids(closed)).toEqual(liveIds.filter((i) => [142, 143].includes(leadStatus(i))));
  });

  it("filters by id, pipeline_id and responsible_user_id (scalar and list)", async () => {
    const byId = await call(sb, "/api/v4/leads?filter[id][]=5&filter[id][]=7&filter[id][]=9999");
    expect(ids([byId.json])).toEqual([5, 7]);
    const pipeline = await allPages(sb, `/api/v4/leads?limit=250&filter[pipeline_id]=${P2}`);
    expect(ids(pipeline)).toEqual(liveIds.filter((i) => leadPipeline(i) === P2));
    const resp = await allPages(
      sb,
      "/api/v4/leads?limit=250&filter[responsible_user_id][0]=5002&filter[responsible_user_id][1]=5004",
    );
    expect(ids(resp)).toEqual(liveIds.filter((i) => [5002, 5004].includes(leadResponsible(i))));
  });

  it("filters by statuses pairs", async () => {
    const q = `filter[statuses][0][pipeline_id]=${P1}&filter[statuses][0][status_id]=142&filter[statuses][1][pipeline_id]=${P2}&filter[statuses][1][status_id]=143`;
    const pages = await allPages(sb, `/api/v4/leads?limit=250&${q}`);
    const expected = liveIds.filter(
      (i) =>
        (leadPipeline(i) === P1 && leadStatus(i) === 142) ||
        (leadPipeline(i) === P2 && leadStatus(i) === 143),
    );
    expect(ids(pages)).toEqual(expected);
  });

  it("refuses a statuses item without status_id with a 400 validation problem", async () => {
    const res = await call(sb, `/api/v4/leads?filter[statuses][0][pipeline_id]=${P1}`);
    expect(res.status).toBe(400);
    expect(res.contentType).toBe("application/problem+json");
    expect(res.json["validation-errors"][0].errors[0].path).toBe("filter.statuses.0.status_id");
  });

  it("answers 204 when nothing matches", async () => {
    const res = await call(sb, "/api/v4/leads?filter[id]=99999");
    expect(res.status).toBe(204);
  });

  it("ignores lead filters when API filtering is off", async () => {
    const off = await startSandbox({ apiFilterEnabled: false });
    try {
      const pages = await allPages(
        off,
        `/api/v4/leads?limit=250&filter[pipeline_id]=${P2}&filter[updated_at]=1`,
      );
      expect(ids(pages)).toEqual(liveIds);
      const account = await call(off, "/api/v4/account?with=is_api_filter_enabled");
      expect(account.json.is_api_filter_enabled).toBe(false);
    } finally {
      await off.close();
    }
  });
});

describe("GET /api/v4/leads with=", () => {
  it("embeds contacts only with with=contacts, from either side of the link", async () => {
    const plain = await call(sb, "/api/v4/leads?filter[id][]=1&filter[id][]=2&filter[id][]=3");
    for (const lead of plain.json._embedded.leads) expect(lead._embedded).not.toHaveProperty("contacts");
    const withContacts = await call(
      sb,
      "/api/v4/leads?with=contacts&filter[id][]=1&filter[id][]=2&filter[id][]=3",
    );
    const [l1, l2, l3] = withContacts.json._embedded.leads;
    // Lead 1 is named only by contact 100001's own `_embedded.leads`.
    expect(l1._embedded.contacts.map((c: { id: number }) => c.id)).toEqual([100_001]);
    expect(l2._embedded.contacts).toEqual([
      {
        id: leadContact(2),
        is_main: true,
        _links: { self: { href: `${sb.baseUrl}/api/v4/contacts/${leadContact(2)}` } },
      },
    ]);
    expect(l3._embedded).not.toHaveProperty("contacts");
  });

  it("adds loss_reason (an array), source, source_id and is_price_modified_by_robot only when asked", async () => {
    const lostId = liveIds.find((i) => leadStatus(i) === 143)!;
    const sourcedId = 10; // every tenth lead has source 4001 "API"
    for (const id of [lostId, sourcedId]) {
      const plain = (await call(sb, `/api/v4/leads/${id}`)).json;
      expect(plain.source_id).toBeNull();
      expect(plain).not.toHaveProperty("is_price_modified_by_robot");
      expect(Object.keys(plain._embedded)).toEqual(["tags", "companies"]);
    }
    const withAll = "?with=loss_reason,source,source_id,is_price_modified_by_robot";
    const sourced = (await call(sb, `/api/v4/leads/${sourcedId}${withAll}`)).json;
    expect(sourced.source_id).toBe(4001);
    expect(sourced.is_price_modified_by_robot).toBe(false);
    expect(sourced._embedded.source).toEqual({ id: 4001, name: "API" });
    expect(sourced._embedded).not.toHaveProperty("loss_reason");
    const lost = (await call(sb, `/api/v4/leads/${lostId}${withAll}`)).json;
    expect(lost._embedded.loss_reason).toHaveLength(1);
    expect(lost._embedded.loss_reason[0].id).toBe(lost.loss_reason_id);
    expect(lost._embedded.loss_reason[0]._links.self.href).toBe(
      `${sb.baseUrl}/api/v4/leads/loss_reasons/${lost.loss_reason_id}`,
    );
    expect(lost._embedded).not.toHaveProperty("source");
  });

  it("with=only_deleted serves just the deleted leads, each with four fields", async () => {
    const res = await call(sb, "/api/v4/leads?with=only_deleted");
    expect(ids([res.json])).toEqual([...DELETED_LEAD_IDS]);
    for (const lead of res.json._embedded.leads) {
      expect(Object.keys(lead).sort()).toEqual(["id", "is_deleted", "updated_at", "updated_by"]);
      expect(lead.is_deleted).toBe(true);
    }
    const normal = await allPages(sb, "/api/v4/leads?limit=250");
    expect(ids(normal)).not.toContain(DELETED_LEAD_IDS[0]);
  });
});

describe("GET /api/v4/leads/{id}", () => {
  it("serves one lead with its self link", async () => {
    const res = await call(sb, "/api/v4/leads/42");
    expect(res.status).toBe(200);
    expect(res.contentType).toBe("application/hal+json");
    expect(res.json.id).toBe(42);
    expect(res.json._links.self.href).toBe(`${sb.baseUrl}/api/v4/leads/42`);
  });

  it("answers 204 with an empty body for a missing or deleted lead", async () => {
    for (const id of [99_999, DELETED_LEAD_IDS[0]]) {
      const res = await call(sb, `/api/v4/leads/${id}`);
      expect(res.status).toBe(204);
      expect(res.text).toBe("");
    }
  });
});
