/**
 * The light mirror: the big tables start empty; `load` brings in exactly the rows of the ids asked
 * for, as the sheet holds them, wherever a user's sort put them and whatever own columns stand
 * between ours, reading nearby rows together; `attributionLeads` gives every lead's contacts and
 * times with this execution's writes and deletions on top.
 */
import { describe, expect, it } from "vitest";
import { leadRow, type NameBook } from "../../src/sheets/rows";
import { LEADS, TASKS } from "../../src/sheets/tables";
import { replaceAll } from "../../src/sheets/upsert";
import { KeyCachingPort } from "../../src/sync/key-cache";
import { Mirror, nearbyRuns } from "../../src/sync/mirror";
import { FakeSpreadsheet } from "../sheets/fake-sheet";

const names: NameBook = { user: () => null, pipeline: () => null, stage: () => null, lossReason: () => null };
const T0 = Date.UTC(2026, 5, 1);
const lead = (id: number) =>
  leadRow(
    {
      id,
      name: `Сделка ${id}`,
      price: id * 10,
      pipelineId: 1,
      statusId: 2,
      responsibleUserId: 3,
      responsibleAtCreationId: null,
      createdAt: T0 + id * 60_000,
      updatedAt: T0 + id * 60_000,
      closedAt: id % 2 === 0 ? T0 + id * 120_000 : null,
      isDeleted: false,
      source: null,
      segment: null,
      channel: null,
      lossReasonId: null,
      contactIds: [id + 500],
    },
    names,
    "https://x.amocrm.ru",
  );

describe("light mirror", () => {
  it("groups wanted rows into runs, joining gaps of at most `gap` rows", () => {
    expect(nearbyRuns([10, 2, 3, 3, 40, 12], 2)).toEqual([
      { start: 2, count: 2 },
      { start: 10, count: 3 },
      { start: 40, count: 1 },
    ]);
    expect(nearbyRuns([], 5)).toEqual([]);
  });

  it("loads only the rows asked for, wherever they are, and the attribution leads", () => {
    const sheet = new FakeSpreadsheet({ timeZone: "UTC" });
    const ids = Array.from({ length: 1000 }, (_, i) => i + 1);
    replaceAll(sheet, LEADS, ids.map(lead), { locale: "ru" });
    replaceAll(sheet, TASKS, [], { locale: "ru" });
    sheet.sortRows(LEADS.id, sheet.col(LEADS.id, "Бюджет"), true); // id 1000 first
    sheet.insertColumn(LEADS.id, 2, "Моя колонка", (r) => `mine ${r}`);

    const port = new KeyCachingPort(sheet);
    const mirror = Mirror.light(port, "ru");
    expect(mirror.isComplete(LEADS)).toBe(false);
    expect(mirror.rows(LEADS).size).toBe(0);
    const reads0 = sheet.stats.readRequests;
    mirror.load(LEADS, [999, 1000, 3, 5000]); // 5000 is not in the sheet
    expect([...mirror.rows(LEADS).keys()].sort()).toEqual(["1000", "3", "999"]);
    expect(mirror.get(LEADS, 3)).toMatchObject({ lead_id: 3, name: "Сделка 3", price: 30, closed_at: null });
    expect(mirror.get(LEADS, 1000)).toMatchObject({
      created_at: T0 + 1000 * 60_000,
      closed_at: T0 + 1000 * 120_000,
    });
    // The header was read when the mirror opened (to check the layout); now the key column, one
    // read for rows 2–3 (ids 1000, 999) and one for row 999 (id 3).
    expect(sheet.stats.readRequests - reads0).toBe(3);
    // Asking again reads nothing.
    mirror.load(LEADS, [3, 1000]);
    expect(sheet.stats.readRequests - reads0).toBe(3);

    // Attribution: every lead, with this execution's writes and deletions on top.
    mirror.upsert(LEADS, [{ ...lead(2000) }]);
    mirror.delete(LEADS, [7]);
    const links = mirror.attributionLeads();
    expect(links).toHaveLength(1000);
    const byId = new Map(links.map((l) => [l.id, l]));
    expect(byId.has(7)).toBe(false);
    expect(byId.get(2000)).toEqual({
      id: 2000,
      contactIds: [2500],
      createdAt: T0 + 2000 * 60_000,
      closedAt: T0 + 2000 * 120_000,
      isDeleted: false,
    });
    expect(byId.get(11)).toEqual({
      id: 11,
      contactIds: [511],
      createdAt: T0 + 11 * 60_000,
      closedAt: null,
      isDeleted: false,
    });
  });
});
