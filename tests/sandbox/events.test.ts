import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../../local/amo-sandbox/server";
import {
  EVENT_COUNT,
  eventCreatedAt,
  eventId,
  eventLead,
  eventTalkContact,
  eventType,
  P1,
  USER_IDS,
} from "./fixtures";
import { allPages, call, startSandbox } from "./helpers";

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

const ks = Array.from({ length: EVENT_COUNT }, (_, k) => k);
const newestFirst = [...ks].reverse();
// biome-ignore lint/suspicious/noExplicitAny: page bodies
const eventIds = (pages: any[]) => pages.flatMap((p) => p._embedded.events.map((e: { id: string }) => e.id));

describe("GET /api/v4/events", () => {
  it("pages 100 at most, newest first, with string ids and no totals", async () => {
    const pages = await allPages(sb, "/api/v4/events?limit=100");
    expect(pages.map((p) => p._embedded.events.length)).toEqual([100, 100, 100, 100, 100]);
    expect(eventIds(pages)).toEqual(newestFirst.map(eventId));
    expect(pages[4]._links.next).toBeUndefined();
    expect(pages[0]).not.toHaveProperty("_total_items");
    const first = pages[0]._embedded.events[0];
    expect(typeof first.id).toBe("string");
    expect(first._links.self.href).toBe(`${sb.baseUrl}/api/v4/events/${first.id}`);
    expect(first._embedded.entity).toEqual({
      id: first.entity_id,
      _links: {
        self: {
          href: `${sb.baseUrl}/api/v4/${first.entity_type === "task" ? "tasks" : "leads"}/${first.entity_id}`,
        },
      },
    });
  });

  it("falls back to 50 above limit 100 (250 as on Kommo included)", async () => {
    for (const limit of [101, 250]) {
      const res = await call(sb, `/api/v4/events?limit=${limit}`);
      expect(res.json._embedded.events).toHaveLength(50);
    }
  });

  it("honours order[created_at]=asc", async () => {
    const res = await call(sb, "/api/v4/events?limit=3&order[created_at]=asc");
    expect(eventIds([res.json])).toEqual([0, 1, 2].map(eventId));
  });

  it("filters type in array and comma forms alike", async () => {
    const wanted = (k: number) => ["lead_status_changed", "incoming_call"].includes(eventType(k));
    const expected = newestFirst.filter(wanted).map(eventId);
    const arrays = await allPages(
      sb,
      "/api/v4/events?limit=100&filter[type][]=lead_status_changed&filter[type][]=incoming_call",
    );
    const comma = await allPages(
      sb,
      "/api/v4/events?limit=100&filter[type]=lead_status_changed,incoming_call",
    );
    expect(eventIds(arrays)).toEqual(expected);
    expect(eventIds(comma)).toEqual(expected);
  });

  it("filters created_at by {from,to}, the comma form and a bare 'after' timestamp", async () => {
    const from = eventCreatedAt(100);
    const to = eventCreatedAt(149);
    const expected = newestFirst.filter((k) => k >= 100 && k <= 149).map(eventId);
    expect(
      eventIds(
        await allPages(
          sb,
          `/api/v4/events?limit=100&filter[created_at][from]=${from}&filter[created_at][to]=${to}`,
        ),
      ),
    ).toEqual(expected);
    expect(eventIds(await allPages(sb, `/api/v4/events?limit=100&filter[created_at]=${from},${to}`))).toEqual(
      expected,
    );
    const after = await allPages(sb, `/api/v4/events?limit=100&filter[created_at]=${eventCreatedAt(490)}`);
    expect(eventIds(after)).toEqual(newestFirst.filter((k) => k >= 490).map(eventId));
  });

  it("filters created_by", async () => {
    const pages = await allPages(sb, "/api/v4/events?limit=100&filter[created_by][]=0");
    expect(eventIds(pages)).toEqual(newestFirst.filter((k) => k % 11 === 0).map(eventId));
  });

  it("requires exactly one entity with entity_id (issue #522)", async () => {
    for (const q of [
      "filter[entity_id][]=5",
      "filter[entity][]=lead&filter[entity][]=contact&filter[entity_id][]=5",
    ]) {
      const res = await call(sb, `/api/v4/events?${q}`);
      expect(res.status).toBe(400);
      expect(res.contentType).toBe("application/problem+json");
      expect(res.json["validation-errors"]).toBeDefined();
    }
    const lead = eventLead(0);
    const ok = await allPages(
      sb,
      `/api/v4/events?limit=100&filter[entity][]=lead&filter[entity_id][]=${lead}`,
    );
    const expected = newestFirst
      .filter(
        (k) => eventType(k) !== "task_completed" && eventTalkContact(k) === null && eventLead(k) === lead,
      )
      .map(eventId);
    expect(expected.length).toBeGreaterThan(0);
    expect(eventIds(ok)).toEqual(expected);
  });

  it("finds talk-linked chat events only through entity=contact, reported as lead", async () => {
    const linked = newestFirst.filter((k) => eventTalkContact(k) !== null);
    const viaContact = await allPages(
      sb,
      "/api/v4/events?limit=100&filter[entity]=contact&filter[type]=outgoing_chat_message",
    );
    expect(eventIds(viaContact)).toEqual(linked.map(eventId));
    for (const e of viaContact.flatMap((p) => p._embedded.events)) {
      expect(e.entity_type).toBe("lead");
      expect(typeof e.linked_talk_contact_id).toBe("number");
    }
    const viaLead = await allPages(
      sb,
      "/api/v4/events?limit=100&filter[entity]=lead&filter[type]=outgoing_chat_message",
    );
    for (const e of viaLead.flatMap((p) => p._embedded.events))
      expect(e).not.toHaveProperty("linked_talk_contact_id");
  });

  it("filters value_after by lead status pairs and responsible users", async () => {
    const q = `filter[type]=lead_status_changed&filter[value_after][leads_statuses][0][pipeline_id]=${P1}&filter[value_after][leads_statuses][0][status_id]=142`;
    const pages = await allPages(sb, `/api/v4/events?limit=100&${q}`);
    // value_after of event k is P1_STATUSES[(k + 1) % 5]; 142 is index 3.
    expect(eventIds(pages)).toEqual(
      newestFirst.filter((k) => eventType(k) === "lead_status_changed" && (k + 1) % 5 === 3).map(eventId),
    );
    const resp = await allPages(
      sb,
      `/api/v4/events?limit=100&filter[value_after][responsible_user_id]=${USER_IDS[1]}`,
    );
    expect(eventIds(resp)).toEqual(
      newestFirst
        .filter((k) => eventType(k) === "entity_responsible_changed" && (k + 1) % 4 === 1)
        .map(eventId),
    );
  });

  it("refuses the value_after form the real server refused (issue #356)", async () => {
    const res = await call(sb, "/api/v4/events?filter[value_after][0][lead_status][id]=142");
    expect(res.status).toBe(400);
  });

  it("adds the entity name with with=lead_name", async () => {
    const res = await call(sb, `/api/v4/events?limit=1&with=lead_name&filter[type]=lead_added`);
    const e = res.json._embedded.events[0];
    expect(e._embedded.entity.name).toBe(`Сделка ${e.entity_id}`);
  });

  it("serves one event by id and 204 for an unknown id", async () => {
    const res = await call(sb, `/api/v4/events/${eventId(7)}`);
    expect(res.json.id).toBe(eventId(7));
    expect((await call(sb, "/api/v4/events/nope")).status).toBe(204);
  });

  it("answers 204 when no event matches", async () => {
    const res = await call(sb, "/api/v4/events?filter[type]=talk_created");
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
  });
});
