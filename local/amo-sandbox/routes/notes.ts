/**
 * Notes [DOC] (crm_platform/events-and-notes; notes_list_page.json, notes_by_entity_page.json):
 * GET /api/v4/{leads|contacts}/notes, /api/v4/{leads|contacts}/{id}/notes and
 * /api/v4/{leads|contacts}/notes/{id}. limit ≤ 250; `filter[id]`, `filter[entity_id][]` (type-level
 * list only), `filter[note_type]`, `filter[updated_at]`; `order[updated_at|id]`. Notes carry their
 * `params` as stored (call notes: duration, call_status, … [DOC]).
 */
import type { ApiObject } from "../account-data";
import { allOf, compileFilters, type FieldRule, numberField } from "../filters";
import { readOrder } from "../query";
import { hal, noContent, type Reply } from "../reply";
import type { NoteEntity } from "../store";
import { ID_ASC, idParam, ordered, pagedList, selfLinked } from "./common";
import type { RequestContext } from "./context";

const NOTE_RULES: Record<string, FieldRule> = {
  id: { kind: "ints" },
  note_type: { kind: "strings" },
  // A bare timestamp means "after" [DOC].
  updated_at: { kind: "range", scalar: "after" },
};

/** The self link names the parent: `/api/v4/leads/{entity_id}/notes/{id}` [DOC]. */
function renderNote(origin: string, entity: NoteEntity, note: ApiObject): ApiObject {
  return selfLinked(
    note,
    `${origin}/api/v4/${entity}/${String(note["entity_id"])}/notes/${String(note["id"])}`,
  );
}

function listNotes(
  ctx: RequestContext,
  entity: NoteEntity,
  rules: Record<string, FieldRule>,
  parentId?: number,
) {
  const { tests } = compileFilters(ctx.query["filter"], rules);
  if (parentId !== undefined) tests.push((note) => numberField(note, "entity_id") === parentId);
  return pagedList(ctx, {
    key: "notes",
    items: ordered(ctx.store.notes[entity], readOrder(ctx.query, ["updated_at", "id"]), ID_ASC),
    accept: allOf(tests),
    maxLimit: 250,
    render: (n) => renderNote(ctx.origin, entity, n),
  });
}

/** All notes of one entity type. */
export function notesOfType(entity: NoteEntity) {
  return (ctx: RequestContext): Reply =>
    listNotes(ctx, entity, { ...NOTE_RULES, entity_id: { kind: "ints" } });
}

/** Notes of one lead/contact; an unknown parent simply has none (204) [BELIEF]. */
export function notesOfEntity(entity: NoteEntity) {
  return (ctx: RequestContext): Reply => listNotes(ctx, entity, NOTE_RULES, idParam(ctx));
}

export function noteById(entity: NoteEntity) {
  return (ctx: RequestContext): Reply => {
    const id = idParam(ctx);
    const note = ctx.store.notes[entity].find((n) => numberField(n, "id") === id);
    return note ? hal(renderNote(ctx.origin, entity, note)) : noContent();
  };
}
