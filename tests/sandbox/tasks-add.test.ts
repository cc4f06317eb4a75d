import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox } from "../../local/amo-sandbox/server";
import { ACCOUNT_ID, FIRST_TASK_ID, TASK_COUNT, USER_IDS } from "./fixtures";
import { call, sample, startSandbox, testClock } from "./helpers";

let sb: Sandbox;
const clock = testClock();
beforeEach(async () => {
  sb = await startSandbox({ clock: clock.fn });
});
afterEach(() => sb.close());

const post = (body: unknown) => call(sb, "/api/v4/tasks", { method: "POST", body });

describe("POST /api/v4/tasks", () => {
  it("adds tasks with new ids and answers 200 with {id, request_id, _links}", async () => {
    const res = await post([
      {
        text: "Позвонить",
        complete_till: 1_800_000_000,
        entity_id: 5,
        entity_type: "leads",
        request_id: "call-5",
      },
      { text: "Встреча", complete_till: 1_800_000_100, task_type_id: 2, responsible_user_id: USER_IDS[2] },
    ]);
    expect(res.status).toBe(200);
    expect(res.contentType).toBe("application/hal+json");
    const newId = FIRST_TASK_ID + TASK_COUNT;
    expect(res.json).toEqual({
      _links: { self: { href: `${sb.baseUrl}/api/v4/tasks` } },
      _embedded: {
        tasks: [
          {
            id: newId,
            request_id: "call-5",
            _links: { self: { href: `${sb.baseUrl}/api/v4/tasks/${newId}` } },
          },
          {
            id: newId + 1,
            request_id: "1",
            _links: { self: { href: `${sb.baseUrl}/api/v4/tasks/${newId + 1}` } },
          },
        ],
      },
    });
    const stored = await call(sb, `/api/v4/tasks/${newId}`);
    expect(stored.json).toMatchObject({
      id: newId,
      text: "Позвонить",
      complete_till: 1_800_000_000,
      entity_id: 5,
      entity_type: "leads",
      is_completed: false,
      task_type_id: 1,
      result: [],
      responsible_user_id: USER_IDS[0],
      created_at: Math.floor(clock.now / 1000),
      account_id: ACCOUNT_ID,
    });
    // Same keys as a published task.
    expect(Object.keys(stored.json).sort()).toEqual(
      Object.keys(sample("tasks_list_page.json")._embedded.tasks[0]).sort(),
    );
    const listed = await call(sb, `/api/v4/tasks?filter[id][]=${newId + 1}`);
    expect(listed.json._embedded.tasks[0].responsible_user_id).toBe(USER_IDS[2]);
  });

  it("serves added tasks to a list walked before (no stale page cursors)", async () => {
    const walk = async () => {
      const ids: number[] = [];
      for (let page = 1; ; page++) {
        const res = await call(sb, `/api/v4/tasks?limit=100&filter[is_completed]=0&page=${page}`);
        if (res.status === 204) return ids;
        ids.push(...res.json._embedded.tasks.map((t: { id: number }) => t.id));
      }
    };
    const before = await walk();
    expect((await post([{ text: "new", complete_till: 1_800_000_000 }])).status).toBe(200);
    expect(await walk()).toEqual([...before, FIRST_TASK_ID + TASK_COUNT]);
  });

  it("answers 400 with validation-errors per item and adds nothing", async () => {
    const res = await post([
      { text: "ok", complete_till: 1_800_000_000 },
      { complete_till: "tomorrow", request_id: "bad" },
      { text: "x", complete_till: 1, entity_type: "deals", responsible_user_id: 1 },
    ]);
    expect(res.status).toBe(400);
    expect(res.contentType).toBe("application/problem+json");
    expect(res.json.title).toBe("Bad Request");
    expect(res.json.detail).toBe("Request validation failed");
    const errors = res.json["validation-errors"];
    expect(errors.map((e: { request_id: string }) => e.request_id)).toEqual(["bad", "2"]);
    expect(errors[0].errors.map((e: { path: string }) => e.path).sort()).toEqual(["complete_till", "text"]);
    expect(errors[1].errors.map((e: { code: string }) => e.code)).toEqual([
      "NotSupportedChoice",
      "NotSupportedChoice",
    ]);
    expect((await call(sb, `/api/v4/tasks/${FIRST_TASK_ID + TASK_COUNT}`)).status).toBe(204);
  });

  it("answers 422 above 250 items, like error_422_limit.json", async () => {
    const items = Array.from({ length: 251 }, (_, i) => ({ text: `t${i}`, complete_till: 1_800_000_000 }));
    const res = await post(items);
    expect(res.status).toBe(422);
    expect(res.json).toEqual(sample("error_422_limit.json"));
    expect((await post(items.slice(0, 250))).status).toBe(200);
  });

  it("answers 400 'Request data can not be empty' to an empty body or list, and to broken JSON", async () => {
    const empty = sample("error_400_empty_request.json");
    expect((await call(sb, "/api/v4/tasks", { method: "POST" })).json).toEqual(empty);
    expect((await post([])).json).toEqual(empty);
    const broken = await post("[{");
    expect(broken.status).toBe(400);
  });
});
