/**
 * An independent re-derivation of the KPI parts from the emitted API objects alone (AccountData),
 * following docs/metrics.md and the reference §12 — written for the tests, sharing no code with the
 * generator's planner or truth (its own calendar arithmetic included). If it agrees with the
 * planted truth, the truth is what the API actually says.
 */
import type { AccountData, ApiObject } from "../../local/amo-sandbox/account-data";
import { DEFAULT_CLASS_RULES } from "../../src/core/settings";

const OFFSET = 3 * 3600; // Moscow, UTC+03:00 all year
const OPEN = 9 * 3600;
const CLOSE = 18 * 3600;

export interface Parts {
  frSum: number;
  frCount: number;
  frValues: number[];
  met: number;
  breached: number;
  pending: number;
  overdue: number;
  due: number;
  taskPending: number;
  won: number;
  lost: number;
  wonTouches: number;
  revenue: number;
  stages: Record<string, { entered: number; converted: number }>;
}

export interface Snapshot {
  open: number;
  withTask: number;
  stages: Record<string, { open: number; stale: number }>;
}

export interface ApiMetrics {
  byMonth: Record<string, Parts>;
  byManagerMonth: Record<string, Record<string, Parts>>;
  bySourceMonth: Record<string, Record<string, Parts>>;
  snapshot: { department: Snapshot; byManager: Record<string, Snapshot> };
}

function getOr<T>(record: Record<string, T>, key: string, make: () => T): T {
  let v = record[key];
  if (v === undefined) {
    v = make();
    record[key] = v;
  }
  return v;
}

function emptyParts(): Parts {
  return {
    frSum: 0,
    frCount: 0,
    frValues: [],
    met: 0,
    breached: 0,
    pending: 0,
    overdue: 0,
    due: 0,
    taskPending: 0,
    won: 0,
    lost: 0,
    wonTouches: 0,
    revenue: 0,
    stages: {},
  };
}

export function monthOf(t: number): string {
  return new Date((t + OFFSET) * 1000).toISOString().slice(0, 7);
}

/** Minimal working calendar: Mon–Fri 09:00–18:00 Moscow minus holidays. */
export class TestCalendar {
  private readonly holidays: Set<string>;
  constructor(holidays: string[]) {
    this.holidays = new Set(holidays);
  }

  private dayWindow(day: number): [number, number] | null {
    const midnight = day * 86400 - OFFSET;
    const d = new Date(day * 86400 * 1000);
    const wd = d.getUTCDay(); // 0 = Sunday
    if (wd === 0 || wd === 6 || this.holidays.has(d.toISOString().slice(0, 10))) return null;
    return [midnight + OPEN, midnight + CLOSE];
  }

  private dayOf(t: number): number {
    return Math.floor((t + OFFSET) / 86400);
  }

  minutes(a: number, b: number): number {
    let s = 0;
    for (let day = this.dayOf(a); day <= this.dayOf(b); day++) {
      const w = this.dayWindow(day);
      if (!w) continue;
      const lo = Math.max(a, w[0]);
      const hi = Math.min(b, w[1]);
      if (hi > lo) s += hi - lo;
    }
    return s / 60;
  }

  addMinutes(start: number, minutes: number): number {
    if (minutes <= 0) return start;
    let left = minutes * 60;
    for (let day = this.dayOf(start); ; day++) {
      const w = this.dayWindow(day);
      if (!w) continue;
      const from = Math.max(start, w[0]);
      if (from >= w[1]) continue;
      if (left <= w[1] - from) return from + left;
      left -= w[1] - from;
    }
  }

  endOfNextWorkingDay(t: number): number {
    for (let day = this.dayOf(t) + 1; ; day++) {
      const w = this.dayWindow(day);
      if (w) return w[1];
    }
  }
}

interface Lead {
  id: number;
  createdAt: number;
  closedAt: number | null;
  statusId: number;
  pipelineId: number;
  price: number;
  responsible: number;
  atCreation: number;
  source: string;
  channel: string | null;
  contactIds: number[];
}

interface Touch {
  leadId: number;
  at: number;
}

function fieldValue(lead: ApiObject, name: string): string | null {
  const values = lead["custom_fields_values"] as ApiObject[] | null;
  const f = values?.find((v) => v["field_name"] === name);
  const first = (f?.["values"] as ApiObject[] | undefined)?.[0];
  return first ? String(first["value"]) : null;
}

function classOf(channel: string | null): "hot" | "warm" | "cold" {
  for (const r of DEFAULT_CLASS_RULES) {
    if (r.field === "channel" && channel !== null && r.values.includes(channel.toLowerCase())) return r.class;
  }
  return "cold";
}

export function computeFromApi(data: AccountData, now: number, holidays: string[]): ApiMetrics {
  const cal = new TestCalendar(holidays);
  const leads = new Map<number, Lead>();
  const deleted = new Set<number>();
  for (const l of data.leads) {
    if (l["is_deleted"] === true) {
      deleted.add(l["id"] as number);
      continue;
    }
    const emb = l["_embedded"] as ApiObject;
    leads.set(l["id"] as number, {
      id: l["id"] as number,
      createdAt: l["created_at"] as number,
      closedAt: l["closed_at"] as number | null,
      statusId: l["status_id"] as number,
      pipelineId: l["pipeline_id"] as number,
      price: l["price"] as number,
      responsible: l["responsible_user_id"] as number,
      atCreation: l["responsible_user_id"] as number,
      source: fieldValue(l, "Источник") ?? "(none)",
      channel: fieldValue(l, "Канал"),
      contactIds: ((emb["contacts"] as ApiObject[] | undefined) ?? []).map((c) => c["id"] as number),
    });
  }
  const leadsOfContact = new Map<number, Lead[]>();
  for (const l of leads.values()) {
    for (const c of l.contactIds) leadsOfContact.set(c, [...(leadsOfContact.get(c) ?? []), l]);
  }
  /** A contact's event belongs to the contact's lead open at that instant. */
  const leadForContact = (contactId: number, at: number): number | null => {
    const open = (leadsOfContact.get(contactId) ?? []).filter(
      (l) => l.createdAt <= at && at <= (l.closedAt ?? now),
    );
    if (open.length > 1) throw new Error(`contact ${contactId} has ${open.length} leads open at ${at}`);
    return open[0]?.id ?? null;
  };

  const notes = new Map<number, ApiObject>();
  for (const n of [...data.leads_notes, ...data.contacts_notes]) notes.set(n["id"] as number, n);
  const completedAt = new Map<number, number>();
  const events = [...data.events].sort((a, b) => (a["created_at"] as number) - (b["created_at"] as number));
  const moves = new Map<number, ApiObject[]>();
  const touches: Touch[] = [];
  const ownerAtCreation = new Map<number, number>();
  for (const e of events) {
    const type = e["type"] as string;
    const at = e["created_at"] as number;
    const by = e["created_by"] as number;
    if (type === "task_completed") {
      completedAt.set(e["entity_id"] as number, at);
      continue;
    }
    if (type === "lead_status_changed") {
      const id = e["entity_id"] as number;
      if (leads.has(id)) moves.set(id, [...(moves.get(id) ?? []), e]);
      continue;
    }
    if (type === "entity_responsible_changed") {
      const id = e["entity_id"] as number;
      const before = ((e["value_before"] as ApiObject[])[0]?.["responsible_user"] as ApiObject | undefined)?.[
        "id"
      ];
      // The earliest change's value_before is the owner at creation (events are time-ordered here).
      if (leads.has(id) && !ownerAtCreation.has(id)) ownerAtCreation.set(id, before as number);
      continue;
    }
    let counted = false;
    if (type === "outgoing_call") counted = true;
    else if (type === "incoming_call") {
      const noteRef = (e["value_after"] as ApiObject[])[0]?.["note"] as ApiObject | undefined;
      const params = (notes.get(noteRef?.["id"] as number)?.["params"] ?? {}) as ApiObject;
      counted = params["call_status"] === 4 || (params["duration"] as number) > 0;
    } else if (type === "outgoing_chat_message" || type === "outgoing_mail" || type === "outgoing_sms")
      counted = true;
    if (!counted || by === 0) continue;
    let leadId: number | null;
    if (e["entity_type"] === "lead") leadId = e["entity_id"] as number;
    else if (e["entity_type"] === "contact") leadId = leadForContact(e["entity_id"] as number, at);
    else leadId = null;
    if (leadId !== null && leads.has(leadId)) touches.push({ leadId, at });
  }
  for (const lead of leads.values()) lead.atCreation = ownerAtCreation.get(lead.id) ?? lead.responsible;
  // Meetings: completed type-2 tasks on a lead, touch at their completion.
  for (const t of data.tasks) {
    if (t["task_type_id"] !== 2 || t["is_completed"] !== true || t["entity_type"] !== "leads") continue;
    const leadId = t["entity_id"] as number;
    const at = completedAt.get(t["id"] as number);
    if (at === undefined) throw new Error(`completed task ${t["id"]} without a task_completed event`);
    if (leads.has(leadId) && (t["updated_by"] as number) !== 0) touches.push({ leadId, at });
  }
  const touchesOf = new Map<number, number[]>();
  for (const t of touches) touchesOf.set(t.leadId, [...(touchesOf.get(t.leadId) ?? []), t.at]);

  const stageSort = new Map<string, number>();
  const pipelineStages = new Map<number, { id: number; sort: number }[]>();
  for (const p of data.pipelines) {
    const list = ((p["_embedded"] as ApiObject)["statuses"] as ApiObject[])
      .filter((s) => s["id"] !== 142 && s["id"] !== 143)
      .map((s) => ({ id: s["id"] as number, sort: s["sort"] as number }));
    pipelineStages.set(p["id"] as number, list);
    for (const s of list) stageSort.set(`${p["id"]}:${s.id}`, s.sort);
  }

  const out: ApiMetrics = {
    byMonth: {},
    byManagerMonth: {},
    bySourceMonth: {},
    snapshot: { department: { open: 0, withTask: 0, stages: {} }, byManager: {} },
  };
  const cells = (manager: number, source: string, month: string): Parts[] => {
    const m = getOr(out.byManagerMonth, String(manager), () => ({}));
    const s = getOr(out.bySourceMonth, source, () => ({}));
    return [getOr(out.byMonth, month, emptyParts), getOr(m, month, emptyParts), getOr(s, month, emptyParts)];
  };

  for (const lead of leads.values()) {
    const c = lead.createdAt;
    const ts = (touchesOf.get(lead.id) ?? []).filter((t) => t >= c && t <= now).sort((a, b) => a - b);
    const first = ts[0] ?? null;
    const cls = classOf(lead.channel);
    const deadline =
      cls === "hot"
        ? cal.addMinutes(c, 10)
        : cls === "warm"
          ? cal.addMinutes(c, 30)
          : cal.endOfNextWorkingDay(c);
    const minutes = cal.minutes(c, first ?? lead.closedAt ?? now);
    for (const p of cells(lead.atCreation, lead.source, monthOf(c))) {
      p.frSum += minutes;
      p.frCount++;
      p.frValues.push(minutes);
      if (first !== null) {
        if (first <= deadline) p.met++;
        else p.breached++;
      } else if (deadline <= now) p.breached++;
      else p.pending++;
    }
    if (lead.closedAt !== null && (lead.statusId === 142 || lead.statusId === 143)) {
      const closed = lead.closedAt;
      for (const p of cells(lead.responsible, lead.source, monthOf(closed))) {
        if (lead.statusId === 142) {
          p.won++;
          p.revenue += lead.price;
          p.wonTouches += ts.filter((t) => t <= closed).length;
        } else p.lost++;
      }
    }
    // Stage entries of the current pipeline.
    const ms = moves.get(lead.id) ?? [];
    const st = (e: ApiObject, side: string) => (e[side] as ApiObject[])[0]?.["lead_status"] as ApiObject;
    const entries: { key: string; at: number }[] = [];
    const firstStage = ms[0]
      ? st(ms[0], "value_before")
      : { id: lead.statusId, pipeline_id: lead.pipelineId };
    entries.push({ key: `${firstStage["pipeline_id"]}:${firstStage["id"]}`, at: c });
    for (const m of ms) {
      const to = st(m, "value_after");
      entries.push({ key: `${to["pipeline_id"]}:${to["id"]}`, at: m["created_at"] as number });
    }
    const seen = new Set<string>();
    for (const e of entries) {
      const sort = stageSort.get(e.key);
      if (sort === undefined || !e.key.startsWith(`${lead.pipelineId}:`)) continue;
      const month = monthOf(e.at);
      if (seen.has(`${e.key}|${month}`)) continue;
      seen.add(`${e.key}|${month}`);
      const converted = ms.some((m) => {
        const to = st(m, "value_after");
        if ((m["created_at"] as number) <= e.at || to["pipeline_id"] !== lead.pipelineId) return false;
        if (to["id"] === 142) return true;
        const s = stageSort.get(`${to["pipeline_id"]}:${to["id"]}`);
        return s !== undefined && s > sort;
      });
      for (const p of cells(lead.responsible, lead.source, month)) {
        const s = getOr(p.stages, e.key, () => ({ entered: 0, converted: 0 }));
        s.entered++;
        if (converted) s.converted++;
      }
    }
    // Snapshot.
    if (lead.closedAt === null) {
      const hasTask = data.tasks.length > 0 && openTasksOf(data, lead.id);
      const last = ms[ms.length - 1];
      const since = last ? (last["created_at"] as number) : c;
      const stale = now - since > 7 * 86400;
      const key = `${lead.pipelineId}:${lead.statusId}`;
      const mine = getOr(out.snapshot.byManager, String(lead.responsible), () => ({
        open: 0,
        withTask: 0,
        stages: {},
      }));
      for (const s of [out.snapshot.department, mine]) {
        s.open++;
        if (hasTask) s.withTask++;
        const ps = getOr(s.stages, key, () => ({ open: 0, stale: 0 }));
        ps.open++;
        if (stale) ps.stale++;
      }
    }
  }

  // Tasks: completion from task_completed (falls back to updated_at), deadline = complete_till.
  for (const t of data.tasks) {
    const entityType = t["entity_type"] as string | null;
    const entityId = t["entity_id"] as number | null;
    let source = "(none)";
    if (entityType === "leads") {
      if (entityId === null || deleted.has(entityId)) continue;
      source = (leads.get(entityId) as Lead).source;
    }
    const due = t["complete_till"] as number;
    const done =
      t["is_completed"] === true ? (completedAt.get(t["id"] as number) ?? (t["updated_at"] as number)) : null;
    const pending = done === null && due >= now;
    const overdue = done !== null ? done > due : due < now;
    const month = monthOf(due);
    if (pending && month > monthOf(now)) continue;
    for (const p of cells(t["responsible_user_id"] as number, source, month)) {
      if (pending) p.taskPending++;
      else {
        p.due++;
        if (overdue) p.overdue++;
      }
    }
  }
  return out;
}

let openTaskIndex: Set<number> | null = null;
let indexedData: AccountData | null = null;
function openTasksOf(data: AccountData, leadId: number): boolean {
  if (indexedData !== data) {
    openTaskIndex = new Set(
      data.tasks
        .filter((t) => t["entity_type"] === "leads" && t["is_completed"] === false)
        .map((t) => t["entity_id"] as number),
    );
    indexedData = data;
  }
  return (openTaskIndex as Set<number>).has(leadId);
}
