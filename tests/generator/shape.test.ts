/**
 * The emitted objects look like the real payloads of the reference samples and hang together:
 * key sets of every object kind, string event ids, integer Unix seconds, every referenced entity
 * exists, nothing dated after "now", and the traps (robots, incoming-only, unanswered calls) exist.
 */
import { existsSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { AccountData, ApiObject } from "../../local/amo-sandbox/account-data";
import { generateAccount, type PlantedTruth, SCENARIOS } from "../../local/amo-sandbox/generator/index";

const SAMPLES = "/work/shared/reference/amocrm-samples";

/**
 * Key sets of the reference samples (`_links` left out: the sandbox server adds them). Written out
 * so the test runs without the samples; checked against the sample files when they are present.
 */
const KEYS = {
  lead: "account_id,closed_at,closest_task_at,created_at,created_by,custom_fields_values,group_id,id,is_deleted,loss_reason_id,name,pipeline_id,price,responsible_user_id,score,source_id,status_id,updated_at,updated_by,_embedded",
  leadEmbeddedFull: "catalog_elements,companies,contacts,loss_reason,source,tags",
  event: "account_id,created_at,created_by,entity_id,entity_type,id,type,value_after,value_before,_embedded",
  note: "account_id,created_at,created_by,entity_id,group_id,id,note_type,params,responsible_user_id,updated_at,updated_by",
  callParams: "call_result,call_status,duration,link,phone,source,uniq",
  task: "account_id,complete_till,created_at,created_by,duration,entity_id,entity_type,group_id,id,is_completed,result,responsible_user_id,task_type_id,text,updated_at,updated_by",
  user: "email,id,lang,name,rights,_embedded",
  rights:
    "catalog_access,companies,contacts,group_id,is_active,is_admin,is_free,leads,mail_access,role_id,status_rights,tasks",
  pipeline: "account_id,id,is_archive,is_main,is_unsorted_on,name,sort,_embedded",
  status: "account_id,color,id,is_editable,name,pipeline_id,sort,type",
  customField: "enums,group_id,id,is_api_only,is_predefined,name,remind,required_statuses,settings,sort,type",
  contact:
    "account_id,closest_task_at,created_at,created_by,custom_fields_values,first_name,group_id,id,last_name,name,responsible_user_id,updated_at,updated_by,_embedded",
  account:
    "amojo_id,contact_name_display_order,country,current_user_id,customers_mode,drive_url,entity_names,id,is_api_filter_enabled,is_helpbot_enabled,is_loss_reason_enabled,is_technical_account,is_unsorted_on,name,subdomain,uuid,version,_embedded",
  accountEmbedded: "amojo_rights,datetime_settings,task_types,users_groups",
  lossReason: "created_at,id,name,sort,updated_at",
} as const;

const keysOf = (o: unknown) =>
  Object.keys(o as object)
    .filter((k) => k !== "_links")
    .sort()
    .join(",");
const sorted = (s: string) => s.split(",").sort().join(",");

/**
 * Checks over tens of thousands of objects: collect the failures and assert once (an expect() per
 * object makes the suite slow), keeping the first few messages.
 */
class Problems {
  readonly list: string[] = [];
  count = 0;
  check(ok: boolean, message: () => string): void {
    if (ok) return;
    this.count++;
    if (this.list.length < 10) this.list.push(message());
  }
  assertNone(): void {
    expect(this.list, `${this.count} problems`).toEqual([]);
  }
}

let data: AccountData;
let truth: PlantedTruth;
beforeAll(() => {
  ({ data, truth } = generateAccount({ seed: 11 }));
});

describe("shape of the emitted API objects", () => {
  it.runIf(existsSync(SAMPLES))("the key lists above are those of the reference samples", () => {
    const load = (f: string) => JSON.parse(readFileSync(`${SAMPLES}/${f}`, "utf8"));
    const lead = load("leads_list_page.json")._embedded.leads[0];
    expect(keysOf(lead)).toBe(sorted(KEYS.lead));
    expect(keysOf(load("lead_by_id_with_embedded.json")._embedded)).toBe(sorted(KEYS.leadEmbeddedFull));
    expect(keysOf(load("events_list_page.json")._embedded.events[0])).toBe(sorted(KEYS.event));
    expect(keysOf(load("notes_list_page.json")._embedded.notes[0])).toBe(sorted(KEYS.note));
    expect(keysOf(load("note_call_in_sdk_fixture.json").params)).toBe(sorted(KEYS.callParams));
    expect(keysOf(load("tasks_list_page.json")._embedded.tasks[0])).toBe(sorted(KEYS.task));
    expect(keysOf(load("task_by_id_completed_with_result.json"))).toBe(sorted(KEYS.task));
    const user = load("users_list_page.json")._embedded.users[0];
    expect(keysOf(user)).toBe(sorted(KEYS.user));
    expect(keysOf(user.rights)).toBe(sorted(KEYS.rights));
    const pipeline = load("pipelines_list.json")._embedded.pipelines[0];
    expect(keysOf(pipeline)).toBe(sorted(KEYS.pipeline));
    expect(keysOf(pipeline._embedded.statuses[0])).toBe(sorted(KEYS.status));
    expect(keysOf(load("custom_fields_list_page.json")._embedded.custom_fields[0])).toBe(
      sorted(KEYS.customField),
    );
    expect(keysOf(load("contacts_list_page.json")._embedded.contacts[0])).toBe(sorted(KEYS.contact));
    const account = load("account_with_all.json");
    expect(keysOf(account)).toBe(sorted(KEYS.account));
    expect(keysOf(account._embedded)).toBe(sorted(KEYS.accountEmbedded));
    expect(keysOf(load("loss_reasons_embedded_in_lead.json")[0])).toBe(sorted(KEYS.lossReason));
  });

  it("every object has the sample's keys", () => {
    const p = new Problems();
    const same = (what: string, o: unknown, keys: string) => {
      const k = keysOf(o);
      p.check(k === sorted(keys), () => `${what}: ${k}`);
    };
    const fullEmbedded = KEYS.leadEmbeddedFull.split(",");
    for (const l of data.leads) {
      same(`lead ${l["id"]}`, l, KEYS.lead);
      const emb = Object.keys(l["_embedded"] as object);
      p.check(
        ["tags", "companies", "contacts"].every((k) => emb.includes(k)),
        () => `lead ${l["id"]} _embedded ${emb}`,
      );
      p.check(
        emb.every((k) => fullEmbedded.includes(k)),
        () => `lead ${l["id"]} _embedded ${emb}`,
      );
    }
    for (const e of data.events) {
      const chat = e["type"] === "incoming_chat_message" || e["type"] === "outgoing_chat_message";
      const keys = chat ? keysOf(e).replace(",linked_talk_contact_id", "") : keysOf(e);
      p.check(keys === sorted(KEYS.event), () => `event ${e["type"]}: ${keysOf(e)}`);
    }
    for (const n of [...data.leads_notes, ...data.contacts_notes]) {
      same(`note ${n["id"]}`, n, KEYS.note);
      if (n["note_type"] === "call_in" || n["note_type"] === "call_out")
        same(`call ${n["id"]}`, n["params"], KEYS.callParams);
    }
    for (const t of data.tasks) same(`task ${t["id"]}`, t, KEYS.task);
    for (const u of data.users) {
      same(`user ${u["id"]}`, u, KEYS.user);
      same(`rights ${u["id"]}`, u["rights"], KEYS.rights);
    }
    for (const pl of data.pipelines) {
      same(`pipeline ${pl["id"]}`, pl, KEYS.pipeline);
      for (const st of (pl["_embedded"] as ApiObject)["statuses"] as ApiObject[])
        same(`status ${st["id"]}`, st, KEYS.status);
    }
    // Custom fields add `code` (reference §6.5 lists it) so tracking fields can be found by code.
    for (const f of data.custom_fields) same(`field ${f["id"]}`, f, `${KEYS.customField},code`);
    for (const c of data.contacts) same(`contact ${c["id"]}`, c, KEYS.contact);
    same("account", data.account, KEYS.account);
    same("account._embedded", data.account["_embedded"], KEYS.accountEmbedded);
    for (const r of data.loss_reasons) same(`loss reason ${r["id"]}`, r, KEYS.lossReason);
    p.assertNone();
  });

  it("ids: event ids are ULID-like strings, other ids unique integers", () => {
    const p = new Problems();
    const ulid = /^[0-9a-hjkmnp-tv-z]{26}$/;
    for (const e of data.events)
      p.check(typeof e["id"] === "string" && ulid.test(e["id"]), () => `event id ${e["id"]}`);
    expect(new Set(data.events.map((e) => e["id"])).size).toBe(data.events.length);
    for (const list of [
      data.leads,
      data.contacts,
      data.tasks,
      data.users,
      [...data.leads_notes, ...data.contacts_notes],
    ]) {
      const ids = list.map((o) => o["id"]);
      for (const id of ids) p.check(Number.isInteger(id), () => `id ${id}`);
      expect(new Set(ids).size).toBe(ids.length);
    }
    p.assertNone();
  });

  it("timestamps are integer Unix seconds and nothing is dated after now", () => {
    const p = new Problems();
    const now = truth.nowUnix;
    const check = (what: string, o: ApiObject, keys: string[]) => {
      for (const k of keys) {
        const v = o[k];
        if (v === null || v === undefined) continue;
        p.check(
          Number.isInteger(v) && (v as number) <= now && (v as number) > 1_700_000_000,
          () => `${what}.${k} = ${v}`,
        );
      }
    };
    for (const l of data.leads) check(`lead ${l["id"]}`, l, ["created_at", "updated_at", "closed_at"]);
    for (const c of data.contacts) check(`contact ${c["id"]}`, c, ["created_at", "updated_at"]);
    for (const t of data.tasks) {
      check(`task ${t["id"]}`, t, ["created_at", "updated_at"]);
      p.check(Number.isInteger(t["complete_till"]), () => `task ${t["id"]} complete_till`);
    }
    for (const e of data.events) check(`event ${e["id"]}`, e, ["created_at"]);
    for (const n of [...data.leads_notes, ...data.contacts_notes])
      check(`note ${n["id"]}`, n, ["created_at", "updated_at"]);
    p.assertNone();
    expect(truth.now).toBe("2026-10-31T18:00:00+03:00");
    expect(new Date(truth.now).getTime() / 1000).toBe(now);
  });

  it("every referenced entity exists", () => {
    const p = new Problems();
    const leads = new Set(data.leads.map((l) => l["id"]));
    const contacts = new Set(data.contacts.map((c) => c["id"]));
    const tasks = new Set(data.tasks.map((t) => t["id"]));
    const users = new Set(data.users.map((u) => u["id"]));
    const leadNotes = new Set(data.leads_notes.map((n) => n["id"]));
    const contactNotes = new Set(data.contacts_notes.map((n) => n["id"]));
    const statuses = new Set<string>();
    for (const p of data.pipelines) {
      for (const s of (p["_embedded"] as ApiObject)["statuses"] as ApiObject[])
        statuses.add(`${p["id"]}:${s["id"]}`);
    }
    const lossReasons = new Set(data.loss_reasons.map((r) => r["id"]));
    for (const e of data.events) {
      const id = e["entity_id"];
      const type = e["entity_type"];
      const pool = type === "lead" ? leads : type === "contact" ? contacts : type === "task" ? tasks : null;
      const what = () => `${e["type"]} ${e["id"]} → ${type} ${id}`;
      p.check(pool?.has(id) === true, what);
      p.check(((e["_embedded"] as ApiObject)["entity"] as ApiObject)["id"] === id, what);
      p.check(e["created_by"] === 0 || users.has(e["created_by"]), what);
      p.check(e["linked_talk_contact_id"] === undefined || contacts.has(e["linked_talk_contact_id"]), what);
      const note = ((e["value_after"] as ApiObject[])[0]?.["note"] as ApiObject | undefined)?.["id"];
      p.check(note === undefined || (type === "contact" ? contactNotes : leadNotes).has(note), what);
      if (e["type"] === "lead_status_changed") {
        for (const side of ["value_before", "value_after"]) {
          const s = (e[side] as ApiObject[])[0]?.["lead_status"] as ApiObject;
          p.check(statuses.has(`${s["pipeline_id"]}:${s["id"]}`), what);
        }
      }
    }
    for (const l of data.leads) {
      const what = () => `lead ${l["id"]}`;
      p.check(statuses.has(`${l["pipeline_id"]}:${l["status_id"]}`), what);
      p.check(users.has(l["responsible_user_id"]), what);
      p.check(l["loss_reason_id"] === null || lossReasons.has(l["loss_reason_id"]), what);
      for (const c of (l["_embedded"] as ApiObject)["contacts"] as ApiObject[])
        p.check(contacts.has(c["id"]), what);
    }
    for (const t of data.tasks) {
      const what = () => `task ${t["id"]}`;
      if (t["entity_type"] === "leads") p.check(leads.has(t["entity_id"]), what);
      else if (t["entity_type"] === "contacts") p.check(contacts.has(t["entity_id"]), what);
      else p.check(t["entity_id"] === null, what);
      p.check(users.has(t["responsible_user_id"]), what);
    }
    for (const n of data.leads_notes) p.check(leads.has(n["entity_id"]), () => `note ${n["id"]}`);
    for (const n of data.contacts_notes) p.check(contacts.has(n["entity_id"]), () => `note ${n["id"]}`);
    p.assertNone();
  });

  it("the default scenario has the agreed size and ingredients", () => {
    expect(data.leads.length).toBeGreaterThanOrEqual(4000);
    expect(data.leads.length).toBeLessThanOrEqual(6000);
    expect(data.events.length).toBeLessThan(80_000);
    expect(data.users).toHaveLength(19);
    expect(data.users.filter((u) => (u["rights"] as ApiObject)["is_admin"] === true)).toHaveLength(1);
    expect(truth.managers).toHaveLength(18);
    expect(truth.months).toEqual(["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]);
    expect(truth.holidays).toEqual(expect.arrayContaining(["2026-06-12", "2026-11-04"]));
    expect((data.account["_embedded"] as ApiObject)["datetime_settings"]).toMatchObject({
      timezone: "Europe/Moscow",
    });
    expect(data.pipelines.map((p) => p["name"])).toEqual(["Продажи", "Повторные продажи"]);
    expect(data.loss_reasons.length).toBeGreaterThanOrEqual(8);
    expect(SCENARIOS).toHaveProperty("default");

    const types = new Map<string, number>();
    for (const e of data.events) types.set(e["type"] as string, (types.get(e["type"] as string) ?? 0) + 1);
    for (const t of [
      "lead_added",
      "lead_status_changed",
      "entity_responsible_changed",
      "outgoing_call",
      "incoming_call",
      "outgoing_chat_message",
      "incoming_chat_message",
      "outgoing_mail",
      "incoming_mail",
      "outgoing_sms",
      "task_completed",
      "task_deadline_changed",
      "lead_deleted",
    ]) {
      expect(types.get(t) ?? 0, t).toBeGreaterThan(0);
    }
    // Moves between pipelines, skipped stages and moves back all occur.
    const sortOf = new Map<string, number>();
    for (const p of data.pipelines) {
      for (const s of (p["_embedded"] as ApiObject)["statuses"] as ApiObject[])
        sortOf.set(`${p["id"]}:${s["id"]}`, s["sort"] as number);
    }
    let crossPipeline = 0;
    let back = 0;
    let skip = 0;
    for (const e of data.events) {
      if (e["type"] !== "lead_status_changed") continue;
      const b = (e["value_before"] as ApiObject[])[0]?.["lead_status"] as ApiObject;
      const a = (e["value_after"] as ApiObject[])[0]?.["lead_status"] as ApiObject;
      if (b["pipeline_id"] !== a["pipeline_id"]) crossPipeline++;
      else if (a["id"] !== 142 && a["id"] !== 143) {
        const d =
          (sortOf.get(`${a["pipeline_id"]}:${a["id"]}`) as number) -
          (sortOf.get(`${b["pipeline_id"]}:${b["id"]}`) as number);
        if (d < 0) back++;
        if (d > 10) skip++;
      }
    }
    expect(crossPipeline).toBeGreaterThan(5);
    expect(back).toBeGreaterThan(5);
    expect(skip).toBeGreaterThan(5);
    // Deleted leads (spam and doubles) and lost leads without a reason.
    expect(data.leads.filter((l) => l["is_deleted"] === true).length).toBeGreaterThan(50);
    expect(
      data.leads.filter((l) => l["status_id"] === 143 && l["loss_reason_id"] === null).length,
    ).toBeGreaterThan(20);
  });

  it("contains the traps that must not count as touches", () => {
    const notes = new Map([...data.leads_notes, ...data.contacts_notes].map((n) => [n["id"], n]));
    const leadCreated = new Map(data.leads.map((l) => [l["id"], l["created_at"] as number]));
    // Robot auto-replies seconds after the lead arrived.
    const robotReplies = data.events.filter(
      (e) =>
        e["type"] === "outgoing_chat_message" &&
        e["created_by"] === 0 &&
        (e["created_at"] as number) - (leadCreated.get(e["entity_id"]) ?? -1e9) < 60,
    );
    expect(robotReplies.length).toBeGreaterThan(50);
    // Unanswered incoming calls: call_status ≠ 4 and duration 0.
    const missed = data.events.filter((e) => {
      if (e["type"] !== "incoming_call") return false;
      const ref = (e["value_after"] as ApiObject[])[0]?.["note"] as ApiObject | undefined;
      const p = (notes.get(ref?.["id"])?.["params"] ?? {}) as ApiObject;
      return p["call_status"] !== 4 && p["duration"] === 0;
    });
    expect(missed.length).toBeGreaterThan(100);
    // Touches on contacts rather than on leads.
    expect(
      data.events.filter((e) => e["type"] === "outgoing_call" && e["entity_type"] === "contact").length,
    ).toBeGreaterThan(100);
    expect(
      data.events.filter((e) => e["type"] === "outgoing_chat_message" && e["entity_type"] === "contact")
        .length,
    ).toBeGreaterThan(10);
    expect(data.contacts_notes.length).toBeGreaterThan(100);
    // Completed meetings (type 2 tasks) and tasks still open past their deadline or not yet due.
    const now = truth.nowUnix;
    expect(
      data.tasks.filter((t) => t["task_type_id"] === 2 && t["is_completed"] === true).length,
    ).toBeGreaterThan(100);
    expect(
      data.tasks.filter((t) => t["is_completed"] === false && (t["complete_till"] as number) < now).length,
    ).toBeGreaterThan(20);
    expect(
      data.tasks.filter((t) => t["is_completed"] === false && (t["complete_till"] as number) >= now).length,
    ).toBeGreaterThan(20);
    // Reassigned leads, pending and censored first responses, stale and step-less open deals.
    expect(truth.counts.reassignedLeads).toBeGreaterThan(20);
    expect(truth.counts.pipelineMovedLeads).toBeGreaterThan(5);
    expect(truth.counts.pendingSlaLeads).toBeGreaterThan(0);
    expect(truth.counts.censoredLeads).toBeGreaterThan(50);
    expect(truth.counts.openWithoutNextStep).toBeGreaterThan(20);
    expect(truth.counts.staleAtNow).toBeGreaterThan(20);
  });
});
