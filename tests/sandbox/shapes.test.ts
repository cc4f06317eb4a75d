/**
 * The served shapes against the published samples (shared/reference/amocrm-samples): same key sets for
 * envelopes, objects and error bodies.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiObject } from "../../local/amo-sandbox/account-data";
import type { Sandbox } from "../../local/amo-sandbox/server";
import { makeFixture, P1 } from "./fixtures";
import { call, keysOf, sample, startSandbox, testClock } from "./helpers";

let sb: Sandbox;
const clock = testClock();
beforeAll(async () => {
  const data = makeFixture();
  // Lead 2 gets everything lead_by_id_with_embedded.json shows: lost with a reason, a source, a company,
  // a catalog element (it already has a contact).
  const lead = data.leads.find((l) => l["id"] === 2)!;
  Object.assign(lead, { status_id: 143, loss_reason_id: 8001, source_id: 4001 });
  const embedded = lead["_embedded"] as ApiObject;
  embedded["companies"] = [{ id: 10_971_463 }];
  embedded["catalog_elements"] = [{ id: 525_439, metadata: { quantity: 1, catalog_id: 4521 } }];
  embedded["source"] = { id: 4001, name: "API" };
  sb = await startSandbox({ data, clock: clock.fn, rateLimit: {} });
});
afterAll(() => sb.close());

// Every call here moves the clock past the rate window, so the limiter stays on yet out of the way.
const get = (path: string) => {
  clock.now += 1000;
  return call(sb, path);
};

describe("entity shapes", () => {
  it("leads list page: envelope, lead and its _embedded as leads_list_page.json", async () => {
    const s = sample("leads_list_page.json");
    const res = (await get("/api/v4/leads?limit=2&page=2")).json;
    expect(keysOf(res)).toEqual(keysOf(s));
    expect(keysOf(res._links)).toEqual(keysOf(s._links));
    expect(keysOf(res._embedded)).toEqual(keysOf(s._embedded));
    const lead = res._embedded.leads[0];
    expect(keysOf(lead)).toEqual(keysOf(s._embedded.leads[0]));
    expect(keysOf(lead._embedded)).toEqual(keysOf(s._embedded.leads[0]._embedded));
  });

  it("lead by id with every with= as lead_by_id_with_embedded.json", async () => {
    const s = sample("lead_by_id_with_embedded.json");
    const lead = (
      await get(
        "/api/v4/leads/2?with=contacts,loss_reason,source,source_id,catalog_elements,is_price_modified_by_robot",
      )
    ).json;
    expect(keysOf(lead)).toEqual(keysOf(s));
    expect(keysOf(lead._embedded)).toEqual(keysOf(s._embedded));
    for (const key of ["loss_reason", "companies", "contacts"]) {
      expect(keysOf(lead._embedded[key][0])).toEqual(keysOf(s._embedded[key][0]));
    }
    expect(keysOf(lead._embedded.loss_reason[0])).toEqual(
      keysOf(sample("loss_reasons_embedded_in_lead.json")[0]),
    );
  });

  it("tasks, contacts, notes, events list items", async () => {
    const cases: Array<[string, string, string]> = [
      ["/api/v4/tasks?limit=2", "tasks_list_page.json", "tasks"],
      ["/api/v4/contacts?limit=2", "contacts_list_page.json", "contacts"],
      ["/api/v4/leads/notes?limit=2&filter[note_type]=common", "notes_list_page.json", "notes"],
      ["/api/v4/events?limit=1&filter[type]=lead_added", "events_list_page.json", "events"],
    ];
    for (const [path, file, key] of cases) {
      const s = sample(file);
      const res = (await get(path)).json;
      expect(keysOf(res), file).toEqual(keysOf(s));
      expect(keysOf(res._links), file).toEqual(keysOf(s._links));
      expect(keysOf(res._embedded[key][0]), file).toEqual(keysOf(s._embedded[key][0]));
    }
  });

  it("a call note carries the params of note_call_in_sdk_fixture.json", async () => {
    const s = sample("note_call_in_sdk_fixture.json");
    const note = (await get("/api/v4/leads/notes?limit=1&filter[note_type]=call_in")).json._embedded.notes[0];
    expect(keysOf(note.params)).toEqual(keysOf(s.params));
    expect(keysOf(note).filter((k) => k !== "_links")).toEqual(keysOf(s));
  });

  it("event values keep the shapes of event_value_structures_by_type.json", async () => {
    const s = sample("event_value_structures_by_type.json");
    const structure = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.slice(0, 1).map(structure)
        : typeof v === "object" && v !== null
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, structure(x)]))
          : typeof v;
    for (const type of [
      "lead_status_changed",
      "entity_responsible_changed",
      "incoming_call",
      "outgoing_chat_message",
    ]) {
      const groupKey = Object.keys(s).find((k) => k.split("|").includes(type))!;
      const e = (await get(`/api/v4/events?limit=1&filter[type]=${type}`)).json._embedded.events[0];
      expect(structure(e.value_after), type).toEqual(structure(s[groupKey].value_after));
    }
  });

  it("users with=role,group as users_list_page.json", async () => {
    const s = sample("users_list_page.json");
    const res = (await get("/api/v4/users?with=role,group")).json;
    expect(keysOf(res)).toEqual(keysOf(s));
    const user = res._embedded.users[1];
    expect(keysOf(user)).toEqual(keysOf(s._embedded.users[0]));
    expect(keysOf(user.rights)).toEqual(keysOf(s._embedded.users[0].rights));
  });

  it("pipelines, statuses, custom fields envelopes and items", async () => {
    const p = sample("pipelines_list.json");
    const pipelines = (await get("/api/v4/leads/pipelines")).json;
    expect(keysOf(pipelines)).toEqual(keysOf(p));
    expect(keysOf(pipelines._embedded.pipelines[0])).toEqual(keysOf(p._embedded.pipelines[0]));
    expect(keysOf(pipelines._embedded.pipelines[0]._embedded.statuses[0])).toEqual(
      keysOf(p._embedded.pipelines[0]._embedded.statuses[0]),
    );
    const st = sample("pipeline_statuses_list.json");
    const statuses = (await get(`/api/v4/leads/pipelines/${P1}/statuses?with=descriptions`)).json;
    expect(keysOf(statuses)).toEqual(keysOf(st));
    expect(keysOf(statuses._embedded.statuses[0])).toEqual(keysOf(st._embedded.statuses[0]));
    const cf = sample("custom_fields_list_page.json");
    const fields = (await get("/api/v4/leads/custom_fields?limit=2")).json;
    expect(keysOf(fields)).toEqual(keysOf(cf));
    expect(keysOf(fields._links)).toEqual(keysOf(cf._links));
    expect(keysOf(fields._embedded.custom_fields[0])).toEqual(keysOf(cf._embedded.custom_fields[0]));
  });

  it("account with every with= as account_with_all.json", async () => {
    const s = sample("account_with_all.json");
    const withAll =
      "amojo_id,amojo_rights,users_groups,task_types,version,entity_names,datetime_settings,drive_url,is_api_filter_enabled";
    const account = (await get(`/api/v4/account?with=${withAll}`)).json;
    expect(keysOf(account)).toEqual(keysOf(s));
    expect(keysOf(account._embedded)).toEqual(keysOf(s._embedded));
    expect(keysOf(account._embedded.datetime_settings)).toEqual(keysOf(s._embedded.datetime_settings));
  });
});

describe("error shapes", () => {
  it("401, 404, 405, 429, 500 bodies as the samples", async () => {
    expect(keysOf((await call(sb, "/api/v4/leads", { token: "bad" })).json)).toEqual(
      keysOf(sample("error_401_unauthorized.json")),
    );
    expect(keysOf((await get("/api/v4/nothing")).json)).toEqual(keysOf(sample("error_404_not_found.json")));
    clock.now += 1000;
    const m = await call(sb, "/api/v4/account", { method: "POST", body: {} });
    expect(m.json).toEqual(sample("error_405_method_not_allowed.json"));
    clock.now += 1000;
    let last = await call(sb, "/api/v4/account");
    for (let i = 0; i < 7; i++) last = await call(sb, "/api/v4/account");
    expect(last.status).toBe(429);
    expect(keysOf(last.json)).toEqual(keysOf(sample("error_429_too_many_requests.json")));
    sb.setFaults({ error5xxShare: 1, seed: 0 });
    try {
      let internal = null;
      for (let i = 0; i < 20 && !internal; i++) {
        const res = await get("/api/v4/account");
        if (res.status === 500) internal = res.json;
      }
      expect(keysOf(internal)).toEqual(keysOf(sample("error_500_internal.json")));
    } finally {
      sb.setFaults({});
    }
  });

  it("400 validation body as error_400_validation.json", async () => {
    clock.now += 1000;
    const res = await call(sb, "/api/v4/tasks", { method: "POST", body: [{ text: "t" }] });
    const s = sample("error_400_validation.json");
    expect(keysOf(res.json)).toEqual(keysOf(s));
    expect(keysOf(res.json["validation-errors"][0])).toEqual(keysOf(s["validation-errors"][0]));
    expect(keysOf(res.json["validation-errors"][0].errors[0])).toEqual(
      keysOf(s["validation-errors"][0].errors[0]),
    );
    expect(Object.keys(res.json)).toEqual(Object.keys(s));
  });

  it("token response as oauth_token_response.json", async () => {
    const client = { clientId: "c", clientSecret: "s", redirectUri: "https://r.test" };
    const other = await startSandbox({ oauthClients: [client] });
    try {
      const body = {
        client_id: "c",
        client_secret: "s",
        grant_type: "authorization_code",
        code: other.issueAuthorizationCode("c"),
        redirect_uri: "https://r.test",
      };
      const res = await fetch(`${other.baseUrl}/oauth2/access_token`, {
        method: "POST",
        body: JSON.stringify(body),
      });
      expect(Object.keys((await res.json()) as object)).toEqual(
        Object.keys(sample("oauth_token_response.json")),
      );
    } finally {
      await other.close();
    }
  });
});
