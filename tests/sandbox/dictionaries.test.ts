import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../../local/amo-sandbox/server";
import { P1, P1_STATUSES, P2, USER_IDS } from "./fixtures";
import { allPages, call, startSandbox } from "./helpers";

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

describe("GET /api/v4/account", () => {
  it("serves the base fields only, without with=", async () => {
    const res = await call(sb, "/api/v4/account");
    expect(res.json.id).toBe(31_000_001);
    expect(res.json.subdomain).toBe("fixture");
    for (const key of [
      "amojo_id",
      "version",
      "entity_names",
      "drive_url",
      "is_api_filter_enabled",
      "_embedded",
    ]) {
      expect(res.json).not.toHaveProperty(key);
    }
    expect(res.json._links.self.href).toBe(`${sb.baseUrl}/api/v4/account`);
  });

  it("adds exactly the parts asked for", async () => {
    const res = await call(sb, "/api/v4/account?with=datetime_settings,task_types,version");
    expect(Object.keys(res.json._embedded).sort()).toEqual(["datetime_settings", "task_types"]);
    expect(res.json._embedded.datetime_settings.timezone).toBe("Europe/Moscow");
    expect(res.json._embedded.task_types.map((t: { id: number }) => t.id)).toEqual([1, 2]);
    expect(res.json.version).toBe(16);
    const groups = await call(sb, "/api/v4/account?with=users_groups");
    expect(Object.keys(groups.json._embedded)).toEqual(["users_groups"]);
  });

  it("serves the subdomain option over the data's", async () => {
    const other = await startSandbox({ subdomain: "acme" });
    try {
      expect((await call(other, "/api/v4/account")).json.subdomain).toBe("acme");
      expect(other.subdomain).toBe("acme");
    } finally {
      await other.close();
    }
  });
});

describe("GET /api/v4/users", () => {
  it("pages with _total_items and _page_count; role/group only with with=", async () => {
    const page1 = await call(sb, "/api/v4/users?limit=3");
    expect(page1.json._total_items).toBe(3);
    expect(page1.json._page_count).toBe(2);
    expect(page1.json._embedded.users.map((u: { id: number }) => u.id)).toEqual(USER_IDS.slice(0, 3));
    expect(page1.json._embedded.users[0]).not.toHaveProperty("_embedded");
    expect(page1.json._embedded.users[0]).not.toHaveProperty("uuid");
    const all = await allPages(sb, "/api/v4/users?limit=3&with=role,group");
    const users = all.flatMap((p) => p._embedded.users);
    expect(users.map((u: { id: number }) => u.id)).toEqual([...USER_IDS]);
    expect(Object.keys(users[1]._embedded).sort()).toEqual(["groups", "roles"]);
    expect((await call(sb, "/api/v4/users?limit=300")).json._embedded.users).toHaveLength(4);
  });

  it("serves one user, 204 when missing", async () => {
    expect((await call(sb, `/api/v4/users/${USER_IDS[2]}`)).json.name).toBe("Борис");
    expect((await call(sb, "/api/v4/users/1")).status).toBe(204);
  });
});

describe("pipelines, statuses, loss reasons, custom fields", () => {
  it("lists pipelines with their statuses and _total_items, not paged", async () => {
    const res = await call(sb, "/api/v4/leads/pipelines");
    expect(res.json._total_items).toBe(2);
    expect(res.json).not.toHaveProperty("_page");
    const [p1, p2] = res.json._embedded.pipelines;
    expect([p1.id, p2.id]).toEqual([P1, P2]);
    expect(p1._embedded.statuses.map((s: { id: number }) => s.id)).toEqual([...P1_STATUSES]);
    expect(p1._embedded.statuses[0]).not.toHaveProperty("descriptions");
    expect(p1._embedded.statuses[3]._links.self.href).toBe(
      `${sb.baseUrl}/api/v4/leads/pipelines/${P1}/statuses/142`,
    );
  });

  it("lists a pipeline's statuses; descriptions only with with=descriptions", async () => {
    const plain = await call(sb, `/api/v4/leads/pipelines/${P2}/statuses`);
    expect(plain.json._total_items).toBe(4);
    expect(plain.json._embedded.statuses[0]).not.toHaveProperty("descriptions");
    const described = await call(sb, `/api/v4/leads/pipelines/${P2}/statuses?with=descriptions`);
    expect(described.json._embedded.statuses[0].descriptions).toEqual([]);
    expect((await call(sb, "/api/v4/leads/pipelines/1/statuses")).status).toBe(204);
    expect((await call(sb, `/api/v4/leads/pipelines/${P1}`)).json.name).toBe("Продажи");
  });

  it("lists loss reasons", async () => {
    const res = await call(sb, "/api/v4/leads/loss_reasons");
    expect(res.json._embedded.loss_reasons.map((r: { id: number }) => r.id)).toEqual([8001, 8002]);
    expect((await call(sb, "/api/v4/leads/loss_reasons/8002")).json.name).toBe("Пропала потребность");
  });

  it("serves custom fields 50 per page at most, by sort, with a last link", async () => {
    const pages = await allPages(sb, "/api/v4/leads/custom_fields?limit=250");
    expect(pages.map((p) => p._embedded.custom_fields.length)).toEqual([50, 10]);
    expect(pages[0]._page_count).toBe(2);
    expect(pages[0]._total_items).toBe(50);
    expect(pages[0]._links.last.href).toContain("page=2");
    const sorts = pages.flatMap((p) => p._embedded.custom_fields.map((f: { sort: number }) => f.sort));
    expect(sorts).toEqual([...sorts].sort((a, b) => a - b));
    const text = await allPages(sb, "/api/v4/leads/custom_fields?filter[type][]=text");
    expect(
      text.flatMap((p) => p._embedded.custom_fields).every((f: { type: string }) => f.type === "text"),
    ).toBe(true);
  });
});

describe("routing and content types", () => {
  it("answers an unknown route with 404 problem+json", async () => {
    const res = await call(sb, "/api/v4/companies/frobnicate");
    expect(res.status).toBe(404);
    expect(res.contentType).toBe("application/problem+json");
    expect(res.json).toEqual({
      title: "Not Found",
      type: "https://httpstatus.es/404",
      status: 404,
      detail: `Cannot GET ${sb.baseUrl}/api/v4/companies/frobnicate`,
    });
  });

  it("answers a wrong method with 405 and Allow", async () => {
    const res = await fetch(`${sb.baseUrl}/api/v4/leads`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${sb.longLivedToken}` },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(((await res.json()) as { title: string }).title).toBe("Method Not Allowed");
  });

  it("ignores a trailing slash and serves any Host, linking back through it", async () => {
    const res = await fetch(`${sb.baseUrl}/api/v4/users/`, {
      headers: { Authorization: `Bearer ${sb.longLivedToken}` },
    });
    expect(res.status).toBe(200);
    // Any Host header is served, and the links lead back through it.
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: sb.port,
          path: "/api/v4/leads?limit=1",
          headers: { Host: "fixture.amocrm.test:8080", Authorization: `Bearer ${sb.longLivedToken}` },
        },
        (res) => {
          let text = "";
          res.on("data", (chunk: Buffer) => {
            text += chunk.toString();
          });
          res.on("end", () => resolve(text));
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(
      JSON.parse(body)._links.next.href.startsWith("http://fixture.amocrm.test:8080/api/v4/leads?"),
    ).toBe(true);
  });

  it("counts requests by path and by status", async () => {
    const before = sb.stats.byPath["/api/v4/leads/loss_reasons"] ?? 0;
    const ok = sb.stats.byStatus[200] ?? 0;
    await call(sb, "/api/v4/leads/loss_reasons");
    expect(sb.stats.byPath["/api/v4/leads/loss_reasons"]).toBe(before + 1);
    expect(sb.stats.byStatus[200]).toBe(ok + 1);
  });
});
