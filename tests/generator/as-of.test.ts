/**
 * `generateAccount({ asOf })`: the same account viewed at an earlier instant. What an incremental
 * sync relies on: syncing the account as of asOf, then the account as of now incrementally (objects
 * with updated_at after asOf, events created after it), must give what a full sync of the later
 * account gives. So every object that changed in between carries a later updated_at, and every
 * object that did not change is the same in both views.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { AccountData, ApiObject } from "../../local/amo-sandbox/account-data";
import {
  type GeneratedAccount,
  generateAccount,
  type MetricParts,
} from "../../local/amo-sandbox/generator/index";
import { computeFromApi, monthOf, type Parts } from "./api-metrics";

const SEED = 7;
const DAY = 86_400;

/** The object lists that carry updated_at. */
const DATED = ["leads", "contacts", "tasks", "leads_notes", "contacts_notes"] as const;
type DatedKind = (typeof DATED)[number];

/**
 * Fields derived from other objects, which amoCRM does not count as a change of the object itself
 * (its updated_at does not move): the nearest open task's deadline, and a contact's lead list.
 */
function ownFields(kind: DatedKind, o: ApiObject): ApiObject {
  if (kind === "leads") {
    const { closest_task_at: _, ...rest } = o;
    return rest;
  }
  if (kind === "contacts") {
    const { closest_task_at: _, _embedded, ...rest } = o;
    const { leads: __, ...embedded } = _embedded as ApiObject;
    return { ...rest, _embedded: embedded };
  }
  return o;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Collect failures over tens of thousands of objects and assert once. */
class Problems {
  readonly list: string[] = [];
  count = 0;
  check(ok: boolean, message: () => string): void {
    if (ok) return;
    this.count++;
    if (this.list.length < 8) this.list.push(message());
  }
  assertNone(): void {
    expect(this.list, `${this.count} problems`).toEqual([]);
  }
}

const byId = (list: ApiObject[]) => new Map(list.map((o) => [o["id"] as number | string, o]));
const isChat = (e: ApiObject) =>
  e["type"] === "incoming_chat_message" || e["type"] === "outgoing_chat_message";

/** (c) Nothing in the earlier account is dated after asOf. */
function checkDated(p: Problems, d: AccountData, asOf: number): void {
  const check = (what: string, o: ApiObject, keys: string[]) => {
    for (const k of keys) {
      const v = o[k];
      if (v === null || v === undefined) continue;
      p.check((v as number) <= asOf, () => `${what} ${o["id"]}.${k} = ${v} > ${asOf}`);
    }
  };
  for (const l of d.leads) check("lead", l, ["created_at", "updated_at", "closed_at"]);
  for (const c of d.contacts) check("contact", c, ["created_at", "updated_at"]);
  for (const t of d.tasks) check("task", t, ["created_at", "updated_at"]);
  for (const n of [...d.leads_notes, ...d.contacts_notes]) check("note", n, ["created_at", "updated_at"]);
  for (const e of d.events) check("event", e, ["created_at"]);
}

/** (a) Same updated_at → deep-equal (derived fields aside). Returns how many were compared. */
function checkUnchanged(p: Problems, earlier: AccountData, later: AccountData): number {
  let compared = 0;
  for (const kind of DATED) {
    const after = byId(later[kind]);
    for (const o of earlier[kind]) {
      const l = after.get(o["id"] as number);
      if (l === undefined) {
        p.check(false, () => `${kind} ${o["id"]} is gone from the later account`);
        continue;
      }
      if (l["updated_at"] !== o["updated_at"]) continue;
      compared++;
      p.check(
        same(ownFields(kind, o), ownFields(kind, l)),
        () => `${kind} ${o["id"]}: ${JSON.stringify(o)} → ${JSON.stringify(l)}`,
      );
    }
  }
  return compared;
}

const LEAD_FIELDS = [
  "status_id",
  "pipeline_id",
  "responsible_user_id",
  "price",
  "closed_at",
  "loss_reason_id",
  "is_deleted",
];
const TASK_FIELDS = ["is_completed", "complete_till", "result", "responsible_user_id"];

/**
 * (b) Whatever differs has updated_at > asOf in the later account (spelled out for the fields the
 * sync reads of leads and tasks); conversely, whatever the later account dates at or before asOf is
 * in the earlier one as is. Returns counts of changes by kind and field.
 */
function checkChanged(p: Problems, earlier: AccountData, later: AccountData, asOf: number) {
  const changed: Record<string, number> = {};
  const count = (what: string) => {
    changed[what] = (changed[what] ?? 0) + 1;
  };
  const laterThanAsOf = (l: ApiObject) => (l["updated_at"] as number) > asOf;
  for (const kind of DATED) {
    const after = byId(later[kind]);
    for (const o of earlier[kind]) {
      const l = after.get(o["id"] as number);
      if (l === undefined || same(ownFields(kind, o), ownFields(kind, l))) continue;
      count(kind);
      p.check(
        laterThanAsOf(l),
        () => `${kind} ${o["id"]} changed but updated_at ${l["updated_at"]} ≤ ${asOf}`,
      );
    }
  }
  const leadsAfter = byId(later.leads);
  const contactsOf = (x: ApiObject) => (x["_embedded"] as ApiObject)["contacts"];
  for (const o of earlier.leads) {
    const l = leadsAfter.get(o["id"] as number) as ApiObject;
    for (const f of LEAD_FIELDS) {
      if (same(o[f], l[f])) continue;
      count(`lead.${f}`);
      p.check(laterThanAsOf(l), () => `lead ${o["id"]}.${f} changed, updated_at did not move`);
    }
    if (!same(contactsOf(o), contactsOf(l))) {
      count("lead.contacts");
      p.check(laterThanAsOf(l), () => `lead ${o["id"]} contacts changed, updated_at did not move`);
    }
  }
  const tasksAfter = byId(later.tasks);
  for (const o of earlier.tasks) {
    const l = tasksAfter.get(o["id"] as number) as ApiObject;
    for (const f of TASK_FIELDS) {
      if (same(o[f], l[f])) continue;
      count(`task.${f}`);
      p.check(laterThanAsOf(l), () => `task ${o["id"]}.${f} changed, updated_at did not move`);
    }
  }
  for (const kind of DATED) {
    const before = byId(earlier[kind]);
    for (const l of later[kind]) {
      if (laterThanAsOf(l)) continue;
      const o = before.get(l["id"] as number);
      p.check(
        o !== undefined && same(ownFields(kind, o), ownFields(kind, l)),
        () => `${kind} ${l["id"]} dated ${l["updated_at"]} ≤ asOf differs from the earlier view`,
      );
    }
  }
  return changed;
}

/**
 * Events: those of the earlier account are in the later one unchanged, bar chat events of a lead
 * deleted in between (amoCRM shows a chat event of a deleted lead on the contact: a rule of the
 * reading); the later account's events up to asOf are all in the earlier one. Returns how many
 * chat events moved to the contact.
 */
function checkEvents(p: Problems, earlier: AccountData, later: AccountData, asOf: number): number {
  const after = byId(later.events);
  const leadsAfter = byId(later.leads);
  let moved = 0;
  for (const e of earlier.events) {
    const l = after.get(e["id"] as string);
    if (l === undefined) {
      p.check(false, () => `event ${e["id"]} is gone`);
      continue;
    }
    if (same(e, l)) continue;
    moved++;
    const lead = leadsAfter.get(e["entity_id"] as number);
    p.check(
      isChat(e) &&
        e["entity_type"] === "lead" &&
        l["entity_type"] === "contact" &&
        l["entity_id"] === e["linked_talk_contact_id"] &&
        lead?.["is_deleted"] === true &&
        (lead["updated_at"] as number) > asOf,
      () => `event ${e["id"]}: ${JSON.stringify(e)} → ${JSON.stringify(l)}`,
    );
  }
  const before = new Set(earlier.events.map((e) => e["id"]));
  for (const l of later.events) {
    if ((l["created_at"] as number) <= asOf)
      p.check(before.has(l["id"]), () => `event ${l["id"]} at ${l["created_at"]} ≤ asOf is missing earlier`);
  }
  return moved;
}

let later: GeneratedAccount;
beforeAll(() => {
  later = generateAccount({ seed: SEED });
});

describe.each([1, 7])("the account as of now − %i day(s) vs the account at now", (days) => {
  let earlier: GeneratedAccount;
  let asOf: number;

  beforeAll(() => {
    asOf = later.truth.nowUnix - days * DAY;
    earlier = generateAccount({ seed: SEED, asOf: asOf * 1000 });
  });

  it("(c) nothing in the earlier account is dated after asOf, and its truth is computed at asOf", () => {
    const p = new Problems();
    checkDated(p, earlier.data, asOf);
    p.assertNone();
    expect(earlier.truth.nowUnix).toBe(asOf);
    expect(new Date(earlier.truth.now).getTime() / 1000).toBe(asOf);
    // The later account has more: leads arrive every day.
    expect(earlier.data.leads.length).toBeLessThan(later.data.leads.length);
    expect(earlier.data.events.length).toBeLessThan(later.data.events.length);
  });

  it("same plan, same ids: the earlier account holds exactly the later one's objects created by asOf", () => {
    for (const kind of [...DATED, "events"] as const) {
      const earlierIds = earlier.data[kind].map((o) => o["id"]);
      const expected = later.data[kind]
        .filter((o) => (o["created_at"] as number) <= asOf)
        .map((o) => o["id"]);
      expect(earlierIds, kind).toEqual(expected);
    }
  });

  it("(a) an object with the same updated_at in both accounts is deep-equal (derived fields aside)", () => {
    const p = new Problems();
    const compared = checkUnchanged(p, earlier.data, later.data);
    p.assertNone();
    expect(compared).toBeGreaterThan(40_000);
  });

  it("(b) an object that differs has updated_at > asOf in the later account", () => {
    const p = new Problems();
    const changed = checkChanged(p, earlier.data, later.data, asOf);
    p.assertNone();
    // Not vacuous: deals moved and tasks got done in between.
    expect(changed["lead.status_id"] ?? 0).toBeGreaterThan(days > 1 ? 50 : 0);
    expect(changed["task.is_completed"] ?? 0).toBeGreaterThan(days > 1 ? 50 : 0);
    if (days > 1) {
      expect(changed["lead.price"] ?? 0).toBeGreaterThan(5);
      expect(changed["lead.closed_at"] ?? 0).toBeGreaterThan(20);
    }
  });

  it("events: the earlier ones are in the later account unchanged, bar chat events of leads deleted since", () => {
    const p = new Problems();
    checkEvents(p, earlier.data, later.data, asOf);
    p.assertNone();
  });

  it("the truth at asOf = the KPI parts recomputed from the earlier account's API objects", () => {
    const { truth, data } = earlier;
    const api = computeFromApi(data, truth.nowUnix, truth.holidays);
    const last = monthOf(asOf);
    const view = (t: MetricParts) => ({
      frSum: t.first_response.numerator,
      frCount: t.first_response.denominator,
      met: t.sla_share.numerator,
      slaDen: t.sla_share.denominator,
      slaPending: t.sla_share.pending,
      overdue: t.overdue_share.numerator,
      due: t.overdue_share.denominator,
      taskPending: t.overdue_share.pending,
      won: t.win_rate.numerator,
      closed: t.win_rate.denominator,
      wonTouches: t.touches_per_won.numerator,
      revenue: t.revenue.numerator,
      entered: t.stage_conversion.denominator,
      converted: t.stage_conversion.numerator,
    });
    const fromApi = (q: Parts | undefined) => {
      const stages = Object.values(q?.stages ?? {});
      return {
        frSum: q?.frSum ?? 0,
        frCount: q?.frCount ?? 0,
        met: q?.met ?? 0,
        slaDen: (q?.met ?? 0) + (q?.breached ?? 0),
        slaPending: q?.pending ?? 0,
        overdue: q?.overdue ?? 0,
        due: q?.due ?? 0,
        taskPending: q?.taskPending ?? 0,
        won: q?.won ?? 0,
        closed: (q?.won ?? 0) + (q?.lost ?? 0),
        wonTouches: q?.wonTouches ?? 0,
        revenue: q?.revenue ?? 0,
        entered: stages.reduce((s, x) => s + x.entered, 0),
        converted: stages.reduce((s, x) => s + x.converted, 0),
      };
    };
    // Months after asOf's month hold only tasks due then (the test's recomputation skips pending ones).
    for (const m of truth.months.filter((mo) => mo <= last)) {
      expect({ m, ...view(truth.byMonth[m] as MetricParts) }).toEqual({ m, ...fromApi(api.byMonth[m]) });
      for (const mgr of truth.managers) {
        expect({ m, mgr: mgr.id, ...view(truth.byManagerMonth[mgr.id]?.[m] as MetricParts) }).toEqual({
          m,
          mgr: mgr.id,
          ...fromApi(api.byManagerMonth[mgr.id]?.[m]),
        });
      }
    }
    const dept = truth.snapshot.department;
    expect({
      open: dept.next_step_coverage.denominator,
      withTask: dept.next_step_coverage.numerator,
    }).toEqual({
      open: api.snapshot.department.open,
      withTask: api.snapshot.department.withTask,
    });
    expect(dept.stale_share.numerator).toBe(
      Object.values(api.snapshot.department.stages).reduce((s, x) => s + x.stale, 0),
    );
    expect(truth.counts.leads).toBe(data.leads.length);
    expect(truth.counts.events).toBe(data.events.length);
  });
});

describe("each kind of change, seen from the minute before it (small scenario)", () => {
  const small = () => generateAccount({ seed: 3, scenario: "small" });
  /** The one item of an event's value_before, e.g. {lead_status: {…}}. */
  const valueBefore = (e: ApiObject, key: string) =>
    ((e["value_before"] as ApiObject[])[0] as ApiObject)[key] as ApiObject;
  /** What the object looked like before the event, read off the event's value_before. */
  const CASES: {
    type: string;
    entity: "leads" | "tasks";
    before: (e: ApiObject, o: ApiObject) => boolean;
  }[] = [
    {
      type: "lead_status_changed",
      entity: "leads",
      before: (e, o) => o["status_id"] === valueBefore(e, "lead_status")["id"],
    },
    {
      type: "entity_responsible_changed",
      entity: "leads",
      before: (e, o) => o["responsible_user_id"] === valueBefore(e, "responsible_user")["id"],
    },
    { type: "lead_deleted", entity: "leads", before: (_, o) => o["is_deleted"] === false },
    { type: "task_completed", entity: "tasks", before: (_, o) => o["is_completed"] === false },
    {
      type: "task_deadline_changed",
      entity: "tasks",
      before: (e, o) => o["complete_till"] === valueBefore(e, "task_deadline")["timestamp"],
    },
  ];

  it.each(CASES)("$type: the object before it, dated before asOf; after it, dated after asOf", (c) => {
    const now = small();
    const events = now.data.events.filter((e) => e["type"] === c.type);
    expect(events.length, c.type).toBeGreaterThan(0);
    // The first, a middle and the last of them.
    const picked = [...new Set([events[0], events[events.length >> 1], events[events.length - 1]])];
    for (const e of picked as ApiObject[]) {
      const at = e["created_at"] as number;
      const asOf = Math.floor((at - 1) / 60) * 60;
      const then = generateAccount({ seed: 3, scenario: "small", asOf: asOf * 1000 });
      const id = e["entity_id"] as number;
      const o = byId(then.data[c.entity]).get(id) as ApiObject;
      const l = byId(now.data[c.entity]).get(id) as ApiObject;
      expect(c.before(e, o), `${c.type} ${e["id"]}: ${JSON.stringify(o)}`).toBe(true);
      expect(o["updated_at"] as number).toBeLessThanOrEqual(asOf);
      expect(l["updated_at"] as number).toBeGreaterThan(asOf);
      const p = new Problems();
      checkDated(p, then.data, asOf);
      checkUnchanged(p, then.data, now.data);
      checkChanged(p, then.data, now.data, asOf);
      checkEvents(p, then.data, now.data, asOf);
      p.assertNone();
    }
  });

  it("a chat event on a lead deleted after asOf names the lead before and the contact after", () => {
    // The client's first message that created a spam lead (deleted hours later): on the lead when it
    // arrived, on the contact once the lead is in the trash.
    const contactOf = (l: ApiObject) =>
      (((l["_embedded"] as ApiObject)["contacts"] as ApiObject[])[0] as ApiObject)["id"];
    const deleted = later.data.leads.filter((l) => l["is_deleted"] === true);
    const arrival = (l: ApiObject) =>
      later.data.events.find(
        (e) =>
          e["type"] === "incoming_chat_message" &&
          e["entity_type"] === "contact" &&
          e["entity_id"] === contactOf(l) &&
          e["created_at"] === l["created_at"],
      );
    const lead = deleted.find((l) => arrival(l) !== undefined) as ApiObject;
    const e = arrival(lead) as ApiObject;
    const asOf = e["created_at"] as number;
    const then = generateAccount({ seed: SEED, asOf: asOf * 1000 });
    const before = byId(then.data.events).get(e["id"] as string) as ApiObject;
    expect(before).toMatchObject({
      entity_type: "lead",
      entity_id: lead["id"],
      linked_talk_contact_id: contactOf(lead),
    });
    expect(byId(then.data.leads).get(lead["id"] as number)?.["is_deleted"]).toBe(false);
    const p = new Problems();
    expect(checkEvents(p, then.data, later.data, asOf)).toBeGreaterThan(0);
    p.assertNone();
  });
});

describe("asOf at and around the scenario's now", () => {
  it("(d) asOf = now gives byte-identical output to no asOf", () => {
    const atNow = generateAccount({ seed: SEED, asOf: later.truth.nowUnix * 1000 });
    expect(JSON.stringify(atNow.data) === JSON.stringify(later.data)).toBe(true);
    expect(JSON.stringify(atNow.truth)).toBe(JSON.stringify(later.truth));
  });

  it("asOf is floored to the whole minute and may not lie after now", () => {
    const small = generateAccount({ seed: 3, scenario: "small" });
    const now = small.truth.nowUnix;
    // 13:42:59.999 on a working day: censored first responses are measured to 13:42:00.
    const a = generateAccount({
      seed: 3,
      scenario: "small",
      asOf: (now - 2 * DAY - 4 * 3600 - 17 * 60 - 1) * 1000 + 999,
    });
    const b = generateAccount({
      seed: 3,
      scenario: "small",
      asOf: (now - 2 * DAY - 4 * 3600 - 18 * 60) * 1000,
    });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.truth.nowUnix).toBe(now - 2 * DAY - 4 * 3600 - 18 * 60);
    expect(() => generateAccount({ seed: 3, scenario: "small", asOf: now * 1000 + 1 })).toThrow(RangeError);
    expect(() => generateAccount({ seed: 3, scenario: "small", asOf: Number.NaN })).toThrow(RangeError);
  });

  it("an asOf before the first lead gives an account without leads", () => {
    const first = generateAccount({ seed: 3, scenario: "small" }).data.leads[0] as ApiObject;
    const empty = generateAccount({
      seed: 3,
      scenario: "small",
      asOf: ((first["created_at"] as number) - 1) * 1000,
    });
    const d: AccountData = empty.data;
    expect(d.leads).toEqual([]);
    expect(d.events).toEqual([]);
    expect(d.leads_notes).toEqual([]);
    expect(empty.truth.counts.liveLeads).toBe(0);
    expect(d.users.length).toBe(5);
    // Only customers from before the scenario (repeat deals come back to them later) exist yet.
    expect(d.contacts.length).toBeGreaterThan(0);
    for (const c of d.contacts)
      expect(c["created_at"] as number).toBeLessThan(empty.truth.nowUnix - 10 * DAY);
  });
});
