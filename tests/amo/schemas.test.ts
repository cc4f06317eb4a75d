/** Schema errors name the entity, its id and the field path. */
import { describe, expect, it } from "vitest";
import { AmoSchemaError } from "../../src/amo/errors";
import { leadSchema, taskSchema } from "../../src/amo/schemas/entities";
import { eventSchema, noteSchema } from "../../src/amo/schemas/events";
import { parseEntity, parseJson, parsePage } from "../../src/amo/schemas/validate";
import { makeEvent, makeLead, makeNote, makeTask, T0 } from "./fake/data";
import { thrown } from "./fake/setup";

describe("schema errors", () => {
  it("name the lead, its id and the field", () => {
    const e = thrown(() => parseEntity(leadSchema, "lead", makeLead(123, { price: "1000" })));
    expect(e).toBeInstanceOf(AmoSchemaError);
    expect(e.message).toBe('lead 123: field "price": expected number, got string');
  });

  it("name nested paths and missing fields", () => {
    const lead = makeLead(7, { _embedded: { contacts: [{ id: "x" }] } });
    expect(thrown(() => parseEntity(leadSchema, "lead", lead)).message).toBe(
      'lead 7: field "_embedded.contacts.0.id": expected number, got string',
    );
    const { status_id: _, ...noStatus } = makeLead(8);
    expect(thrown(() => parseEntity(leadSchema, "lead", noStatus)).message).toBe(
      'lead 8: field "status_id": expected number, got nothing',
    );
  });

  it("count further problems", () => {
    const e = thrown(() => parseEntity(leadSchema, "lead", makeLead(9, { price: "1", pipeline_id: null })));
    expect(e.message).toBe('lead 9: field "price": expected number, got string (and 1 more problem)');
  });

  it("check the value shapes the add-on reads, by event type", () => {
    const bad = makeEvent("01abc", "lead_status_changed", { type: "lead", id: 5 }, T0, {
      after: [{ lead_status: { id: "142", pipeline_id: 10 } }],
    });
    expect(thrown(() => parseEntity(eventSchema, "event", bad)).message).toBe(
      'event 01abc: field "value_after.0.lead_status.id": expected number, got string',
    );
    // Types the add-on does not read are not checked.
    const other = makeEvent("01abd", "entity_tag_added", { type: "lead", id: 5 }, T0, {
      after: [{ tag: 1 }],
    });
    expect(parseEntity(eventSchema, "event", other).type).toBe("entity_tag_added");
  });

  it("accept both task result shapes and reject others", () => {
    expect(parseEntity(taskSchema, "task", makeTask(1, { result: [] })).result).toEqual([]);
    expect(parseEntity(taskSchema, "task", makeTask(2, { result: { text: "ok" } })).result).toEqual({
      text: "ok",
    });
    expect(thrown(() => parseEntity(taskSchema, "task", makeTask(3, { result: "ok" }))).message).toBe(
      'task 3: field "result": does not match any of its allowed shapes, got string',
    );
  });

  it("check call note params, numbers as strings allowed", () => {
    expect(
      parseEntity(noteSchema, "note", makeNote(1, 2, "call_in", { call_status: "4", duration: "30" })).params,
    ).toMatchObject({ call_status: "4" });
    expect(
      thrown(() => parseEntity(noteSchema, "note", makeNote(3, 2, "call_out", { duration: { s: 1 } })))
        .message,
    ).toBe('note 3: field "params.duration": does not match any of its allowed shapes, got object');
  });

  it("pass unknown fields through", () => {
    const l = parseEntity(leadSchema, "lead", makeLead(1, { brand_new_field: { x: 1 } }));
    expect((l as Record<string, unknown>)["brand_new_field"]).toEqual({ x: 1 });
  });

  it("name a page whose envelope is broken, and read 204 as an empty last page", () => {
    expect(thrown(() => parsePage(200, '{"_embedded":{}}', "leads", leadSchema, "lead")).message).toBe(
      'leads page: field "_embedded.leads": expected array, got nothing',
    );
    expect(parsePage(204, "", "leads", leadSchema, "lead")).toEqual({
      items: [],
      nextHref: null,
      page: null,
    });
    expect(parsePage(200, "  ", "leads", leadSchema, "lead").items).toEqual([]);
  });

  it("say when a body is not JSON", () => {
    expect(thrown(() => parseJson("<html>oops</html>", "leads page")).message).toBe(
      "leads page: not JSON (an HTML page)",
    );
    expect(thrown(() => parseJson('{"_embedded": {"le', "leads page")).message).toBe(
      "leads page: not JSON (truncated or garbled)",
    );
  });
});
