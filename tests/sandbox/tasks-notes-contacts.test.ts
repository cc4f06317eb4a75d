import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../../local/amo-sandbox/server";
import {
  CONTACT_COUNT,
  CONTACT_NOTE_COUNT,
  FIRST_CONTACT_ID,
  FIRST_TASK_ID,
  LEAD_NOTE_COUNT,
  leadContact,
  leadNoteEntity,
  noteType,
  T0,
  TASK_COUNT,
  taskEntity,
  USER_IDS,
} from "./fixtures";
import { allPages, call, startSandbox } from "./helpers";

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

const taskKs = Array.from({ length: TASK_COUNT }, (_, k) => k);
const taskId = (k: number) => FIRST_TASK_ID + k;
// biome-ignore lint/suspicious/noExplicitAny: page bodies
const itemIds = (pages: any[], key: string) =>
  pages.flatMap((p) => p._embedded[key].map((x: { id: number }) => x.id));

describe("GET /api/v4/tasks", () => {
  it("pages by 250 at most and serves every task once", async () => {
    const pages = await allPages(sb, "/api/v4/tasks?limit=250");
    expect(itemIds(pages, "tasks")).toEqual(taskKs.map(taskId));
    expect((await call(sb, "/api/v4/tasks?limit=251")).json._embedded.tasks).toHaveLength(50);
  });

  it("filters is_completed (both forms), task_type, responsible_user_id", async () => {
    const expected = taskKs.filter((k) => k % 2 === 0 && k % 5 === 0 && k % 4 === 1).map(taskId);
    const a = await allPages(
      sb,
      `/api/v4/tasks?limit=250&filter[is_completed]=1&filter[task_type][]=2&filter[responsible_user_id]=${USER_IDS[1]}`,
    );
    const b = await allPages(
      sb,
      `/api/v4/tasks?limit=250&filter[is_completed][]=1&filter[task_type]=2&filter[responsible_user_id][]=${USER_IDS[1]}`,
    );
    expect(itemIds(a, "tasks")).toEqual(expected);
    expect(itemIds(b, "tasks")).toEqual(expected);
    const open = await allPages(sb, "/api/v4/tasks?limit=250&filter[is_completed]=0");
    expect(itemIds(open, "tasks")).toEqual(taskKs.filter((k) => k % 2 === 1).map(taskId));
  });

  it("filters entity_type + entity_id, and refuses entity_id alone", async () => {
    const lead = taskEntity(1).id;
    const pages = await allPages(sb, `/api/v4/tasks?filter[entity_type]=leads&filter[entity_id][]=${lead}`);
    expect(itemIds(pages, "tasks")).toEqual(
      taskKs.filter((k) => taskEntity(k).type === "leads" && taskEntity(k).id === lead).map(taskId),
    );
    expect((await call(sb, `/api/v4/tasks?filter[entity_id]=${lead}`)).status).toBe(400);
  });

  it("filters updated_at as a bare 'after' timestamp and as a range", async () => {
    const after = T0 + 250 * 4000 + 600;
    const pages = await allPages(sb, `/api/v4/tasks?limit=250&filter[updated_at]=${after}`);
    expect(itemIds(pages, "tasks")).toEqual(taskKs.filter((k) => k >= 250).map(taskId));
    const ranged = await call(
      sb,
      `/api/v4/tasks?filter[updated_at][from]=${T0}&filter[updated_at][to]=${T0 + 600}`,
    );
    expect(itemIds([ranged.json], "tasks")).toEqual([taskId(0)]);
  });

  it("orders by complete_till and keeps result [] vs {text}", async () => {
    const pages = await allPages(sb, "/api/v4/tasks?limit=250&order[complete_till]=asc");
    const tasks = pages.flatMap((p) => p._embedded.tasks);
    const tills = tasks.map((t: { complete_till: number }) => t.complete_till);
    expect(tills).toEqual([...tills].sort((a, b) => a - b));
    const t0 = tasks.find((t: { id: number }) => t.id === taskId(0));
    const t2 = tasks.find((t: { id: number }) => t.id === taskId(2));
    expect(t0.result).toEqual({ text: "Готово" });
    expect(t2.result).toEqual([]);
  });

  it("serves a task by id, 204 when missing", async () => {
    expect((await call(sb, `/api/v4/tasks/${taskId(5)}`)).json.text).toBe("Задача 5");
    expect((await call(sb, "/api/v4/tasks/1")).status).toBe(204);
  });
});

describe("notes", () => {
  const leadNoteKs = Array.from({ length: LEAD_NOTE_COUNT }, (_, k) => k);

  it("lists lead notes by type with note_type[] and entity_id[] filters", async () => {
    const pages = await allPages(
      sb,
      "/api/v4/leads/notes?limit=250&filter[note_type][]=call_in&filter[note_type][]=call_out",
    );
    expect(itemIds(pages, "notes")).toEqual(
      leadNoteKs.filter((k) => noteType(k) !== "common").map((k) => 30_001 + k),
    );
    const byEntity = await call(sb, `/api/v4/leads/notes?filter[entity_id][]=${leadNoteEntity(4)}`);
    expect(itemIds([byEntity.json], "notes")).toEqual(
      leadNoteKs.filter((k) => leadNoteEntity(k) === leadNoteEntity(4)).map((k) => 30_001 + k),
    );
  });

  it("serves call notes with their params and a self link through the parent", async () => {
    const res = await call(sb, "/api/v4/leads/notes?filter[note_type]=call_in&limit=1");
    const note = res.json._embedded.notes[0];
    expect(note.note_type).toBe("call_in");
    expect(note.params).toMatchObject({
      duration: expect.any(Number),
      call_status: expect.any(Number),
      phone: "+79990000000",
    });
    expect(note._links.self.href).toBe(`${sb.baseUrl}/api/v4/leads/${note.entity_id}/notes/${note.id}`);
    expect(note).not.toHaveProperty("entity_type");
  });

  it("lists the notes of one lead and filters updated_at", async () => {
    const lead = leadNoteEntity(3);
    const res = await call(sb, `/api/v4/leads/${lead}/notes`);
    expect(itemIds([res.json], "notes")).toEqual(
      leadNoteKs.filter((k) => leadNoteEntity(k) === lead).map((k) => 30_001 + k),
    );
    const after = await allPages(sb, `/api/v4/leads/notes?filter[updated_at][from]=${T0 + 190 * 2000}`);
    expect(itemIds(after, "notes")).toEqual(leadNoteKs.filter((k) => k >= 190).map((k) => 30_001 + k));
    expect((await call(sb, "/api/v4/leads/99999/notes")).status).toBe(204);
  });

  it("lists contact notes", async () => {
    const pages = await allPages(sb, "/api/v4/contacts/notes?limit=250");
    expect(itemIds(pages, "notes")).toHaveLength(CONTACT_NOTE_COUNT);
    const one = pages[0]._embedded.notes[0];
    expect(one._links.self.href).toBe(`${sb.baseUrl}/api/v4/contacts/${one.entity_id}/notes/${one.id}`);
  });
});

describe("GET /api/v4/contacts", () => {
  const contactIds = Array.from({ length: CONTACT_COUNT }, (_, j) => FIRST_CONTACT_ID + j);

  it("pages, orders by updated_at and filters by id and updated_at", async () => {
    const pages = await allPages(sb, "/api/v4/contacts?limit=30");
    expect(itemIds(pages, "contacts")).toEqual(contactIds);
    const desc = await call(sb, "/api/v4/contacts?limit=2&order[updated_at]=desc");
    expect(itemIds([desc.json], "contacts")).toEqual([contactIds[99], contactIds[98]]);
    const ranged = await call(
      sb,
      `/api/v4/contacts?filter[updated_at][from]=${T0 + 95 * 1000}&filter[updated_at][to]=${T0 + 99 * 1000 + 500}`,
    );
    expect(itemIds([ranged.json], "contacts")).toEqual(contactIds.slice(95));
  });

  it("embeds leads only with with=leads", async () => {
    const id = FIRST_CONTACT_ID + 1;
    const plain = await call(sb, `/api/v4/contacts/${id}`);
    expect(Object.keys(plain.json._embedded)).toEqual(["tags", "companies"]);
    const withLeads = await call(sb, `/api/v4/contacts/${id}?with=leads`);
    const expected = Array.from({ length: 600 }, (_, i) => i + 1).filter((i) => leadContact(i) === id);
    expect(withLeads.json._embedded.leads.map((l: { id: number }) => l.id)).toEqual(expected);
    expect(withLeads.json._embedded.leads[0]._links.self.href).toBe(
      `${sb.baseUrl}/api/v4/leads/${expected[0]}`,
    );
  });
});
