import { describe, expect, it } from "vitest";
import { cursorKey, PageCursors } from "../../local/amo-sandbox/page-cursors";
import { pageHref, readPaging, takePage } from "../../local/amo-sandbox/paging";
import { parseQuery, readOrder, readWith } from "../../local/amo-sandbox/query";
import { Router } from "../../local/amo-sandbox/router";

describe("parseQuery", () => {
  it("nests brackets, encoded or not, and treats [] and [i] alike", () => {
    const q = parseQuery(
      "filter%5Bid%5D%5B0%5D=1&filter[id][1]=2&filter[type][]=a&filter[type][]=b&filter[updated_at][from]=5&with=contacts,source&x",
    );
    expect(q).toEqual({
      filter: { id: { "0": "1", "1": "2" }, type: { "0": "a", "1": "b" }, updated_at: { from: "5" } },
      with: "contacts,source",
      x: "",
    });
    expect(readWith(q)).toEqual(new Set(["contacts", "source"]));
  });

  it("reads order only for allowed fields and directions", () => {
    expect(readOrder(parseQuery("order[updated_at]=DESC"), ["updated_at", "id"])).toEqual({
      field: "updated_at",
      dir: "desc",
    });
    expect(readOrder(parseQuery("order[name]=asc"), ["updated_at"])).toBeNull();
    expect(readOrder(parseQuery("order[id]=up"), ["id"])).toBeNull();
  });
});

describe("paging", () => {
  it("falls back to 50 above the maximum and for nonsense", () => {
    expect(readPaging(parseQuery("limit=250&page=3"), 250)).toEqual({ page: 3, limit: 250 });
    expect(readPaging(parseQuery("limit=251"), 250)).toEqual({ page: 1, limit: 50 });
    expect(readPaging(parseQuery("limit=0&page=0"), 250)).toEqual({ page: 1, limit: 50 });
    expect(readPaging(parseQuery("limit=abc"), 100)).toEqual({ page: 1, limit: 50 });
  });

  it("keeps the client's parameters verbatim in links", () => {
    expect(
      pageHref("http://h", "/api/v4/leads/notes", "filter%5Bid%5D%5B0%5D=1&page=1&limit=50", 50, 2),
    ).toBe("http://h/api/v4/leads/notes?filter%5Bid%5D%5B0%5D=1&limit=50&page=2");
  });
});

describe("Router", () => {
  const r = new Router<string>()
    .add("GET", "/api/v4/leads/:id", "lead")
    .add("POST", "/api/v4/tasks", "add")
    .add("GET", "/api/v4/events/{id}", "event");

  it("matches numeric and free parameters, tells 405 from 404", () => {
    expect(r.match("GET", "/api/v4/leads/12")).toEqual({
      kind: "found",
      handler: "lead",
      params: { id: "12" },
    });
    expect(r.match("GET", "/api/v4/leads/notes")).toEqual({ kind: "none" });
    expect(r.match("GET", "/api/v4/events/01abc")).toMatchObject({ params: { id: "01abc" } });
    expect(r.match("GET", "/api/v4/tasks")).toEqual({ kind: "wrong-method", allow: ["POST"] });
    expect(r.match("POST", "/api/v4/tasks/")).toMatchObject({ kind: "found" });
  });
});

describe("resumed page scans", () => {
  it("give the same pages as scanning from the start", () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    const cursors = new PageCursors();
    for (const [mod, limit] of [
      [3, 7],
      [7, 50],
      [1, 250],
    ] as const) {
      const accept = (x: number) => x % mod === 0;
      const key = cursorKey("/x", `limit=${limit}&m=${mod}`);
      const matches = items.filter(accept);
      for (let page = 1; page <= Math.ceil(matches.length / limit) + 1; page++) {
        const req = { page, limit };
        const cold = takePage(items, accept, req);
        const warm = takePage(items, accept, req, cursors.startOf(key, items, page));
        expect(warm.slice).toEqual(matches.slice((page - 1) * limit, page * limit));
        expect(warm).toEqual(cold);
        if (warm.hasMore) cursors.record(key, items, page + 1, warm.nextStart);
      }
    }
  });

  it("forget a list that changed length", () => {
    const items = [1, 2, 3];
    const cursors = new PageCursors();
    cursors.record("k", items, 2, 2);
    expect(cursors.startOf("k", items, 2)).toBe(2);
    items.push(4);
    expect(cursors.startOf("k", items, 2)).toBeUndefined();
  });

  it("ignore only the page parameter in the key", () => {
    expect(cursorKey("/api/v4/leads", "limit=5&page=3&filter[id][]=1")).toBe(
      cursorKey("/api/v4/leads", "page=4&limit=5&filter[id][]=1"),
    );
    expect(cursorKey("/api/v4/leads", "limit=5")).not.toBe(cursorKey("/api/v4/leads", "limit=6"));
  });
});
