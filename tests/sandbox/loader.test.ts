import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadAccountData } from "../../local/amo-sandbox/data-loader";
import { createSandbox } from "../../local/amo-sandbox/server";
import { call } from "./helpers";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "amo-data-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, value: unknown) =>
  writeFileSync(join(dir, name), typeof value === "string" ? value : JSON.stringify(value));

describe("loadAccountData", () => {
  it("reads the files present and treats missing ones as empty, with a default account", () => {
    write("users.json", [{ id: 7, name: "A" }]);
    write("leads.json", [{ id: 1, name: "L" }]);
    const data = loadAccountData(dir);
    expect(data.users).toEqual([{ id: 7, name: "A" }]);
    expect(data.leads).toHaveLength(1);
    expect(data.events).toEqual([]);
    expect(data.contacts_notes).toEqual([]);
    expect(data.account).toMatchObject({ current_user_id: 7, subdomain: "sandbox" });
    expect((data.account["_embedded"] as Record<string, unknown>)["datetime_settings"]).toBeDefined();
  });

  it("names the file, line and column of malformed JSON", () => {
    write("events.json", '[\n  {"id": "a"},\n  {"id": "b",}\n]');
    expect(() => loadAccountData(dir)).toThrow(/^events\.json: malformed JSON at line 3, column \d+/);
  });

  it("checks lists and the account object lightly", () => {
    write("tasks.json", { id: 1 });
    expect(() => loadAccountData(dir)).toThrow("tasks.json: expected a JSON array");
    write("tasks.json", [{ id: 1 }, 5]);
    expect(() => loadAccountData(dir)).toThrow("tasks.json: item [1] is not an object");
    write("tasks.json", [{ text: "no id" }]);
    expect(() => loadAccountData(dir)).toThrow('tasks.json: item [0] has no "id"');
    write("tasks.json", []);
    write("account.json", []);
    expect(() => loadAccountData(dir)).toThrow("account.json: expected a JSON object");
  });

  it("refuses a missing directory", () => {
    expect(() => loadAccountData(join(dir, "nope"))).toThrow("data directory not found");
  });

  it("serves what it loaded", async () => {
    write("leads.json", [
      { id: 2, name: "B", is_deleted: false, _embedded: { tags: [], companies: [] } },
      { id: 1, name: "A", is_deleted: false, _embedded: { tags: [], companies: [] } },
    ]);
    const sb = await createSandbox({ data: loadAccountData(dir), rateLimit: false });
    try {
      const res = await call(sb, "/api/v4/leads");
      expect(res.json._embedded.leads.map((l: { id: number }) => l.id)).toEqual([1, 2]);
      expect((await call(sb, "/api/v4/events")).status).toBe(204);
    } finally {
      await sb.close();
    }
  });
});
