/**
 * KeyCachingPort answers the header row and the key column from its copy, and the copy stays equal
 * to what the sheet itself would answer after any sequence of upserts, appends, deletions and
 * duplicate repairs — checked against the in-memory sheet for random sequences (fast-check), both
 * write paths. Also: a heavy execution's whole-table read seeds the key column, and a reset sheet
 * is read again.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SheetPort } from "../../src/sheets/port";
import { LEADS, TASKS, USERS } from "../../src/sheets/tables";
import { readTable, replaceAll, upsertRows } from "../../src/sheets/upsert";
import { KeyCachingPort } from "../../src/sync/key-cache";
import { FakeSpreadsheet } from "../sheets/fake-sheet";

const task = (id: number, text: string) => ({
  task_id: id,
  lead_id: 1000 + id,
  responsible_id: 7,
  type_id: 1,
  text,
  created_at: Date.UTC(2026, 0, 1),
  due_at: Date.UTC(2026, 0, 2),
  is_completed: false,
  completed_at: null,
});

type Op = { kind: "upsert"; ids: number[]; deletes: number[] } | { kind: "derived"; ids: number[] };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("upsert" as const),
    ids: fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 12 }),
    deletes: fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 6 }),
  }),
  fc.record({
    kind: fc.constant("derived" as const),
    ids: fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 8 }),
  }),
);

/** A port that counts the reads reaching the sheet. */
function counting(inner: FakeSpreadsheet): { port: SheetPort; reads: { column: number; header: number } } {
  const reads = { column: 0, header: 0 };
  const port = new Proxy(inner, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== "function") return v;
      return (...args: unknown[]) => {
        if (prop === "readColumn") reads.column++;
        if (prop === "readRow" && args[1] === 1) reads.header++;
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { port, reads };
}

describe("KeyCachingPort", () => {
  for (const path of ["raw", "entered"] as const) {
    it(`keeps its key column equal to the sheet's through random writes (${path} path)`, () => {
      fc.assert(
        fc.property(
          fc.array(op, { minLength: 1, maxLength: 12 }),
          fc.array(fc.integer({ min: 2, max: 6 }), { maxLength: 3 }),
          (ops, copied) => {
            const sheet = new FakeSpreadsheet({ path, timeZone: "UTC" });
            replaceAll(
              sheet,
              TASKS,
              [1, 2, 3, 4, 5].map((id) => task(id, `t${id}`)),
              { locale: "ru" },
            );
            // Rows a user copied before this execution: the first upsert removes the copies.
            for (const row of copied) sheet.duplicateRow(TASKS.id, row, sheet.lastRow(TASKS.id) + 1);
            const { port, reads } = counting(sheet);
            const cache = new KeyCachingPort(port);
            let n = 0;
            for (const o of ops) {
              n++;
              if (o.kind === "upsert") {
                upsertRows(
                  cache,
                  TASKS,
                  o.ids.map((id) => task(id, `v${n}`)),
                  { locale: "ru", deleteIds: o.deletes },
                );
              } else {
                upsertRows(
                  cache,
                  TASKS,
                  o.ids.map((id) => ({ task_id: id, completed_at: Date.UTC(2026, 0, 3) })),
                  { locale: "ru", columns: ["completed_at"], append: false },
                );
              }
              expect(cache.readColumn(TASKS.id, 1, 2)).toEqual(sheet.readColumn(TASKS.id, 1, 2));
              expect(cache.readRow(TASKS.id, 1)).toEqual(sheet.readRow(TASKS.id, 1));
            }
            // One read of the key column and of the header for the whole sequence.
            expect(reads.column).toBeLessThanOrEqual(1);
            expect(reads.header).toBeLessThanOrEqual(1);
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  it("prefetches the key columns of several tables in one read and answers upserts from them", () => {
    const sheet = new FakeSpreadsheet({ timeZone: "UTC" });
    replaceAll(sheet, TASKS, [task(1, "a"), task(2, "b")], { locale: "ru" });
    replaceAll(sheet, USERS, [{ user_id: 5, name: "Анна", is_active: true, group_id: null }], {
      locale: "ru",
    });
    const before = sheet.stats.readRequests;
    const cache = new KeyCachingPort(sheet);
    cache.prefetchKeys([TASKS, USERS, LEADS]); // amo_leads does not exist: skipped
    // Two headers (to find the key columns) and one read for both key columns.
    expect(sheet.stats.readRequests - before).toBe(3);
    upsertRows(cache, TASKS, [task(2, "b2"), task(3, "c")], { locale: "ru" });
    upsertRows(cache, USERS, [{ user_id: 6, name: "Олег", is_active: true, group_id: null }], {
      locale: "ru",
    });
    expect(sheet.stats.readRequests - before).toBe(3);
    expect(readTable(sheet, TASKS, { locale: "ru" }).rows.map((r) => [r.task_id, r.text])).toEqual([
      [1, "a"],
      [2, "b2"],
      [3, "c"],
    ]);
  });

  it("takes the key column out of a whole-table read and forgets a reset sheet", () => {
    const sheet = new FakeSpreadsheet({ timeZone: "UTC" });
    replaceAll(
      sheet,
      TASKS,
      [3, 1, 2].map((id) => task(id, `t${id}`)),
      { locale: "ru" },
    );
    const { port, reads } = counting(sheet);
    const cache = new KeyCachingPort(port);
    expect(readTable(cache, TASKS, { locale: "ru" }).rows.map((r) => r.task_id)).toEqual([3, 1, 2]);
    expect(cache.readColumn(TASKS.id, 1, 2)).toEqual([3, 1, 2]);
    expect(reads.column).toBe(0);
    replaceAll(cache, TASKS, [task(9, "new")], { locale: "ru" });
    expect(cache.readColumn(TASKS.id, 1, 2)).toEqual([9]);
    expect(reads.column).toBe(1);
  });
});
