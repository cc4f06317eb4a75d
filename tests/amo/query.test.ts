import { describe, expect, it } from "vitest";
import {
  contactsByIdTargets,
  eventsTarget,
  leadsTarget,
  MAX_URL_LENGTH,
  resumeTarget,
} from "../../src/amo/queries";
import {
  buildQuery,
  endpointLabel,
  normalizeBaseUrl,
  pageOf,
  sameExceptPage,
  toTarget,
  withPage,
} from "../../src/amo/query";

describe("query strings", () => {
  it("build PHP-style arrays with encoded brackets and skip empty values", () => {
    expect(
      buildQuery([
        ["limit", 250],
        ["filter[type]", ["lead_added", "incoming_call"]],
        ["filter[entity]", undefined],
        ["with", "contacts,source"],
      ]),
    ).toBe(
      "limit=250&filter%5Btype%5D%5B%5D=lead_added&filter%5Btype%5D%5B%5D=incoming_call&with=contacts%2Csource",
    );
  });

  it("keep only path and query of an href, whatever its host", () => {
    expect(toTarget("https://other.amocrm.ru/api/v4/leads?page=2&limit=250")).toBe(
      "/api/v4/leads?page=2&limit=250",
    );
    expect(toTarget("http://127.0.0.1:8080/api/v4/leads")).toBe("/api/v4/leads");
    expect(toTarget("/api/v4/events?page=3#x")).toBe("/api/v4/events?page=3");
    expect(toTarget("javascript:alert(1)")).toBeNull();
  });

  it("set and compare pages", () => {
    const t = "/api/v4/leads?limit=250&page=1&filter%5Bid%5D%5B%5D=5";
    expect(withPage(t, 4)).toBe("/api/v4/leads?limit=250&page=4&filter%5Bid%5D%5B%5D=5");
    expect(pageOf(withPage(t, 4))).toBe(4);
    expect(withPage("/api/v4/users", 2)).toBe("/api/v4/users?page=2");
    // amoCRM's own links may use raw brackets and another order.
    expect(sameExceptPage(t, "/api/v4/leads?page=9&filter[id][]=5&limit=250")).toBe(true);
    expect(sameExceptPage(t, "/api/v4/leads?page=9&filter[id][]=6&limit=250")).toBe(false);
  });

  it("accept only a bare origin as base URL", () => {
    expect(normalizeBaseUrl("https://example.amocrm.ru/")).toBe("https://example.amocrm.ru");
    expect(() => normalizeBaseUrl("https://example.amocrm.ru/api/v4")).toThrow(/no path/);
  });

  it("label endpoints without their query", () => {
    expect(endpointLabel("get", "/api/v4/leads?filter%5Bid%5D=1")).toBe("GET /api/v4/leads");
  });
});

describe("list targets", () => {
  const now = Date.UTC(2026, 0, 1);

  it("leads: limit 250, id order, both updated_at bounds even when one is given [ISSUE #358]", () => {
    const t = decodeURIComponent(leadsTarget({ updatedFrom: now - 3_600_000, pipelineIds: [3, 4] }, now));
    expect(t).toContain("limit=250");
    expect(t).toContain("order[id]=asc");
    expect(t).toContain(`filter[updated_at][from]=${(now - 3_600_000) / 1000}`);
    expect(t).toContain(`filter[updated_at][to]=${now / 1000 + 86_400}`);
    expect(t).toContain("filter[pipeline_id][]=3&filter[pipeline_id][]=4");
    expect(t).toContain("with=contacts,loss_reason,source");
    expect(decodeURIComponent(leadsTarget({ onlyDeleted: true }, now))).toContain("with=only_deleted");
  });

  it("events: limit 100 (more silently gives 50 [ISSUE])", () => {
    const t = decodeURIComponent(eventsTarget({ types: ["incoming_chat_message"], entity: "contact" }, now));
    expect(t).toContain("limit=100");
    expect(t).toContain("filter[type][]=incoming_chat_message");
    expect(t).toContain("filter[entity][]=contact");
  });

  it("resume only the same list", () => {
    expect(resumeTarget("https://x.amocrm.ru/api/v4/leads?page=7&limit=250", "/api/v4/leads")).toBe(
      "/api/v4/leads?page=7&limit=250",
    );
    expect(() => resumeTarget("/api/v4/events?page=2", "/api/v4/leads")).toThrow(/does not belong/);
  });

  it("contacts by id: every id once, each URL within the Apps Script limit", () => {
    const ids = Array.from({ length: 700 }, (_, i) => 10_000_000 + i);
    const base = "https://averyveryverylongsubdomainname.amocrm.ru";
    const targets = contactsByIdTargets([...ids, ...ids.slice(0, 10)], base.length);
    expect(targets.length).toBeGreaterThan(1);
    for (const t of targets) expect(base.length + t.length).toBeLessThanOrEqual(MAX_URL_LENGTH);
    const sent = targets.flatMap((t) =>
      [...decodeURIComponent(t).matchAll(/filter\[id\]\[\]=(\d+)/g)].map((m) => Number(m[1])),
    );
    expect(sent.sort((a, b) => a - b)).toEqual(ids);
  });
});
