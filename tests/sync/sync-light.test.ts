/**
 * A light incremental run (less than an hour after the last heavy pass, same settings, one
 * execution) reads only what it needs and still gets the data right:
 * - the raw data it writes equals a full sync of the account at the same instant (checked by
 *   recomputing the derived columns afterwards, which a heavy pass would do, and comparing every
 *   table with the full sync's);
 * - the leads created inside its window already carry their derived columns, equal to the full
 *   sync's;
 * - it never reads the moves or touches tables beyond their header and key column, reads each key
 *   column at most once, and asks amoCRM for deletions through lead_deleted events instead of
 *   `with=only_deleted`.
 * Windows are picked from the generator's own data: the one with the most new leads in the last
 * 40 days, and the one right after the latest deletion. The first is also run after the user
 * sorted the sheets and put an own column between ours (rows and columns are found by id and
 * header), and cut by a failing request (the next execution continues as a heavy one).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAccount } from "../../local/amo-sandbox/generator/index";
import { startSandboxThread } from "../../local/amo-sandbox/thread";
import { createSyncHttp, type SyncHttp, systemClock } from "../../local/http-sync/sync-http";
import { createAmoClient } from "../../src/amo/client";
import type { HttpPort } from "../../src/amo/http";
import type { SheetPort } from "../../src/sheets/port";
import { LEADS, STAGE_MOVES, TOUCHES } from "../../src/sheets/tables";
import { readTable } from "../../src/sheets/upsert";
import { OVERLAP_MS, recomputeDerived, runSync, type SyncOutcome } from "../../src/sync/engine";
import { DELETION_EVENTS, EVENT_TYPES } from "../../src/sync/steps";
import { FakeSpreadsheet } from "../sheets/fake-sheet";
import { MemoryLock, MemoryStore } from "../support/memory-sync-ports";
import { snapshotTables } from "../support/sheet-tables";
import { truthSettings } from "../support/truth";

const SEED = 7;
const SCENARIO = "small";
const later = generateAccount({ seed: SEED, scenario: SCENARIO });
const NOW_S = later.truth.nowUnix;
const WINDOW_S = 30 * 60;
const settings = truthSettings(later.truth);

type ApiObj = Record<string, unknown>;
const leadsData = later.data.leads as ApiObj[];
const eventsData = later.data.events as ApiObj[];

/** The 30-minute window (ending on a 10-minute mark) with the most leads created in it or in its overlap. */
function busiestWindowEnd(): number {
  let best = { to: NOW_S, score: -1 };
  for (let to = NOW_S - (NOW_S % 600); to > NOW_S - 40 * 86_400; to -= 600) {
    const from = to - WINDOW_S - OVERLAP_MS / 1000;
    const created = leadsData.filter(
      (l) => !l["is_deleted"] && (l["created_at"] as number) >= from && (l["created_at"] as number) <= to,
    ).length;
    if (created > best.score) best = { to, score: created };
  }
  return best.to;
}

/** A minute after the latest lead_deleted event whose lead existed 30 minutes earlier. */
function deletionWindowEnd(): { to: number; leadId: number } {
  const deletions = eventsData
    .filter((e) => e["type"] === "lead_deleted")
    .sort((a, b) => (b["created_at"] as number) - (a["created_at"] as number));
  for (const e of deletions) {
    const to = (e["created_at"] as number) + 60;
    const lead = leadsData.find((l) => l["id"] === e["entity_id"]);
    if (lead && (lead["created_at"] as number) < to - WINDOW_S)
      return { to, leadId: e["entity_id"] as number };
  }
  throw new Error("the scenario has no deletion to test");
}

/** Records every URL; with `failAt`, the request of that number throws (once). */
function recordingHttp(inner: HttpPort, urls: string[], failAt = 0): HttpPort {
  const note = (url: string) => {
    urls.push(decodeURIComponent(url));
    if (urls.length === failAt) throw new Error(`simulated failure of request #${failAt}`);
  };
  return {
    fetch: (r) => {
      note(r.url);
      return inner.fetch(r);
    },
    fetchAll: (rs) => {
      for (const r of rs) note(r.url);
      return inner.fetchAll(rs);
    },
  };
}

interface ReadLog {
  columns: string[];
  blocks: { sheet: string; row: number; numRows: number }[];
  headers: string[];
}

function recordingPort(inner: SheetPort, log: ReadLog): SheetPort {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== "function") return v;
      return (...args: unknown[]) => {
        if (prop === "readColumn") log.columns.push(`${args[0]}:${args[1]}`);
        if (prop === "readColumns")
          for (const r of args[0] as { sheet: string; col: number }[])
            log.columns.push(`${r.sheet}:${r.col}`);
        if (prop === "readRow" && args[1] === 1) log.headers.push(String(args[0]));
        if (prop === "readBlock")
          log.blocks.push({ sheet: String(args[0]), row: Number(args[1]), numRows: Number(args[3]) });
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

const leadRows = (port: SheetPort) =>
  new Map(
    readTable(port, LEADS, { locale: "ru" }).rows.map((r) => [
      (r as Record<string, unknown>)["lead_id"] as number,
      r as Record<string, unknown>,
    ]),
  );

describe("light incremental run", () => {
  let http: SyncHttp;
  beforeAll(() => {
    http = createSyncHttp({ timeoutMs: 10_000 });
  });
  afterAll(() => {
    http.close();
  });

  const sync = (
    baseUrl: string,
    token: string,
    sheets: SheetPort,
    store: MemoryStore,
    now: number,
    urls: string[] = [],
    failAt = 0,
  ): SyncOutcome =>
    runSync({
      client: createAmoClient({
        baseUrl,
        http: recordingHttp(http, urls, failAt),
        clock: systemClock,
        auth: { kind: "long_lived", token },
        maxRps: 10_000,
      }),
      sheets,
      store,
      lock: new MemoryLock(),
      clock: { now: () => now },
      settings,
      accountBaseUrl: "https://demo.amocrm.ru",
      budgetMs: 6 * 60_000,
    });

  const busiest = busiestWindowEnd();
  const cases = [
    { name: "the window with the most new leads", to: busiest, leadId: null as number | null, edit: false },
    { name: "the window of the latest deletion", ...deletionWindowEnd(), edit: false },
    {
      name: "the busiest window in sheets a user sorted and added a column to",
      to: busiest,
      leadId: null,
      edit: true,
    },
  ];

  for (const c of cases) {
    it(`gets ${c.name} right while reading only keys and the rows it checks`, async () => {
      const asOf2 = c.to * 1000;
      const asOf = asOf2 - WINDOW_S * 1000;
      const sheets = new FakeSpreadsheet({ timeZone: later.truth.timezone });
      const store = new MemoryStore();

      const a = await startSandboxThread({ seed: SEED, scenario: SCENARIO, asOf, rateLimit: false });
      const port = Number(new URL(a.baseUrl).port);
      const token = a.longLivedToken;
      try {
        const first = sync(a.baseUrl, token, sheets, store, asOf);
        expect(first).toMatchObject({ status: "done", full: true, heavy: true });
      } finally {
        await a.close();
      }
      const before = leadRows(sheets);
      if (c.leadId !== null) expect(before.has(c.leadId)).toBe(true);
      if (c.edit) {
        for (const name of ["amo_leads", "amo_tasks", "amo_touches"]) {
          sheets.sortRows(name, 2, true);
          sheets.insertColumn(name, 3, "Моя пометка", (row) => `mine ${row}`);
        }
      }

      const b = await startSandboxThread({
        seed: SEED,
        scenario: SCENARIO,
        asOf: asOf2,
        rateLimit: false,
        port,
        longLivedToken: token,
      });
      try {
        const log: ReadLog = { columns: [], blocks: [], headers: [] };
        const urls: string[] = [];
        const out = sync(b.baseUrl, token, recordingPort(sheets, log), store, asOf2, urls);
        expect(out).toMatchObject({ status: "done", full: false, heavy: false, executions: 1 });

        // One request per list, the events in pages of 100: nothing else (dictionaries are fresh).
        const since = asOf - OVERLAP_MS;
        const wantedTypes = new Set<string>([...EVENT_TYPES, ...DELETION_EVENTS]);
        const events = eventsData.filter(
          (e) =>
            wantedTypes.has(e["type"] as string) &&
            (e["created_at"] as number) * 1000 >= since &&
            (e["created_at"] as number) * 1000 <= asOf2,
        ).length;
        const paths = urls.map((u) => new URL(u).pathname);
        expect(paths.filter((p) => p !== "/api/v4/events").sort()).toEqual([
          "/api/v4/contacts/notes",
          "/api/v4/leads",
          "/api/v4/leads/notes",
          "/api/v4/tasks",
        ]);
        expect(paths.filter((p) => p === "/api/v4/events")).toHaveLength(
          Math.max(1, Math.ceil(events / 100)),
        );
        // Deletions come with the events, not from the trash list.
        expect(urls.some((u) => u.includes("only_deleted"))).toBe(false);
        expect(urls.some((u) => u.includes("/events") && u.includes("lead_deleted"))).toBe(true);
        // Each key column (and any other column) read at most once; each header once.
        expect(new Set(log.columns).size).toBe(log.columns.length);
        expect(new Set(log.headers).size).toBe(log.headers.length);
        // Moves and touches are never read beyond header and key column.
        expect(log.blocks.filter((r) => r.sheet === STAGE_MOVES.id || r.sheet === TOUCHES.id)).toEqual([]);

        // The full sync of the account at the same instant, into other sheets.
        const reference = new FakeSpreadsheet({ timeZone: later.truth.timezone });
        expect(sync(b.baseUrl, token, reference, new MemoryStore(), asOf2).status).toBe("done");
        const refLeads = leadRows(reference);

        // Leads created inside the window (overlap included) are enriched already, as in the full sync.
        const fresh = [...refLeads.values()].filter((r) => (r["created_at"] as number) >= since);
        if (c.leadId === null) expect(fresh.length).toBeGreaterThan(0);
        const mine = leadRows(sheets);
        const derived = LEADS.columns.filter((col) => col.derived).map((col) => col.id);
        for (const r of fresh) {
          const got = mine.get(r["lead_id"] as number);
          expect(got, `lead ${r["lead_id"]}`).toBeDefined();
          for (const col of derived)
            expect([r["lead_id"], col, got![col]]).toEqual([r["lead_id"], col, r[col]]);
        }
        if (c.leadId !== null) expect(mine.has(c.leadId)).toBe(false);

        // Everything else arrives with the next heavy pass: after it the sheets equal the full sync.
        recomputeDerived({ sheets, lock: new MemoryLock(), clock: { now: () => asOf2 }, settings }, asOf2);
        expect(snapshotTables(sheets).tables).toEqual(snapshotTables(reference).tables);
      } finally {
        await b.close();
      }
    });
  }

  it("stops before writing anything when a user deleted one of its columns", async () => {
    const asOf2 = busiest * 1000;
    const asOf = asOf2 - WINDOW_S * 1000;
    const sheets = new FakeSpreadsheet({ timeZone: later.truth.timezone });
    const store = new MemoryStore();
    const a = await startSandboxThread({ seed: SEED, scenario: SCENARIO, asOf, rateLimit: false });
    const port = Number(new URL(a.baseUrl).port);
    const token = a.longLivedToken;
    try {
      expect(sync(a.baseUrl, token, sheets, store, asOf).status).toBe("done");
    } finally {
      await a.close();
    }
    // The touches sheet is written late in a run: the check must come before the leads are written.
    sheets.deleteColumn(TOUCHES.id, sheets.col(TOUCHES.id, "Канал"));
    const snapshot = JSON.stringify([...sheets.sheets]);
    const b = await startSandboxThread({
      seed: SEED,
      scenario: SCENARIO,
      asOf: asOf2,
      rateLimit: false,
      port,
      longLivedToken: token,
    });
    try {
      const out = sync(b.baseUrl, token, sheets, store, asOf2);
      expect(out).toMatchObject({ status: "error", heavy: false, error: { name: "SheetLayoutError" } });
      expect(out.error?.message).toContain("Канал");
      expect(JSON.stringify([...sheets.sheets])).toBe(snapshot);
    } finally {
      await b.close();
    }
  });

  it("continues a light run cut by a failing request as a heavy one that ends equal to a full sync", async () => {
    const asOf2 = busiest * 1000;
    const asOf = asOf2 - WINDOW_S * 1000;
    const sheets = new FakeSpreadsheet({ timeZone: later.truth.timezone });
    const store = new MemoryStore();
    const a = await startSandboxThread({ seed: SEED, scenario: SCENARIO, asOf, rateLimit: false });
    const port = Number(new URL(a.baseUrl).port);
    const token = a.longLivedToken;
    try {
      expect(sync(a.baseUrl, token, sheets, store, asOf).status).toBe("done");
    } finally {
      await a.close();
    }
    const b = await startSandboxThread({
      seed: SEED,
      scenario: SCENARIO,
      asOf: asOf2,
      rateLimit: false,
      port,
      longLivedToken: token,
    });
    try {
      // Request #4 is one of the call-note lists: leads and tasks are written by then.
      const cut = sync(b.baseUrl, token, sheets, store, asOf2, [], 4);
      expect(cut).toMatchObject({ status: "error", full: false, heavy: false });
      const resumed = sync(b.baseUrl, token, sheets, store, asOf2 + 60_000);
      expect(resumed).toMatchObject({ status: "done", full: false, heavy: true, executions: 2 });
      const reference = new FakeSpreadsheet({ timeZone: later.truth.timezone });
      expect(sync(b.baseUrl, token, reference, new MemoryStore(), asOf2).status).toBe("done");
      expect(snapshotTables(sheets).tables).toEqual(snapshotTables(reference).tables);
    } finally {
      await b.close();
    }
  });
});
