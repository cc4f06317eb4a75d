/**
 * Benchmark of a full amoCRM pull: every list the add-on reads, through the real client
 * (src/amo) and the Node sync bridge (local/http-sync), against the local sandbox
 * (local/amo-sandbox) serving a generated account with its real rate limit of 7 requests per
 * second per token. Measures, per list and in all:
 *
 * - items received vs the generated account, and requests made (client and sandbox counts) vs
 *   the pages needed in theory: ⌈items/250⌉ for entities, ⌈items/100⌉ for events, 1 for an empty
 *   list (custom fields: ⌈items/50⌉, the server's cap [DOC]); their ratio (target ≤ 1.05);
 * - the sustained rate, requests ÷ wall seconds (target ≥ 6 of the 7 allowed), 429s received
 *   (sandbox) and unhandled (errors thrown: must be 0), retries, wall time;
 * - a second run with faults (5xx, truncated bodies, dropped connections): the same items must
 *   come back; what it costs in extra requests. An error the client throws stops a list the way
 *   it would stop a sync execution; the bench then resumes from the last page's `next`, as the
 *   next execution would, and counts the error.
 *
 * The default scenario (~5k leads, ~70k events, ~900 requests) takes about 2¼ minutes per run at
 * 7 rps, so about 5 minutes in all; `scenario: "small"` (~40 requests) takes about 15 s.
 *
 * Run: npx tsx bench/amo-pull.ts [--scenario small] [--seed 1] [--latency 200-300]
 */
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { Worker } from "node:worker_threads";
import type { AccountData, ApiObject } from "../local/amo-sandbox/account-data";
import { generateAccount } from "../local/amo-sandbox/generator/index";
import type { FaultSpec, SandboxStats } from "../local/amo-sandbox/server";
import { createSyncHttp, systemClock } from "../local/http-sync/sync-http";
import { startTsWorker } from "../local/http-sync/ts-worker";
import { type AmoClient, createAmoClient } from "../src/amo/client";
import { AmoRequestFailedError } from "../src/amo/errors";
import { TOUCH_EVENT_TYPES } from "../src/amo/mapping";
import { ENTITY_LIMIT, EVENTS_LIMIT } from "../src/amo/queries";
import { type ClientStats, emptyStats } from "../src/amo/stats";
import type { AmoPullSandboxData, AmoPullSandboxMessage } from "./amo-pull-sandbox";

/** The sandbox's (and amoCRM's [DOC]) limit per token. */
export const AMO_RATE_LIMIT_RPS = 7;
export const AMO_PULL_TARGETS = { maxRequestRatio: 1.05, minRps: 6 } as const;
/** The faulty run's spec (its seed is the bench's seed). */
export const AMO_PULL_FAULTS: Omit<FaultSpec, "seed"> = {
  error5xxShare: 0.03,
  malformedShare: 0.01,
  dropShare: 0.01,
};
/** Resumes from the checkpoint after an error before a list is given up. */
const MAX_RESUMES = 3;
/** The custom-fields list gives at most 50 per page whatever the limit [DOC]. */
const CUSTOM_FIELDS_PER_PAGE = 50;

// ---------------------------------------------------------------------------------------------
// What the add-on pulls

/** The touch types (mapping/touches.ts) and what the stage moves, owners and task completions need. */
export const KPI_EVENT_TYPES: readonly string[] = [
  ...Object.keys(TOUCH_EVENT_TYPES),
  "lead_status_changed",
  "entity_responsible_changed",
  "task_completed",
];
/** Chat-message events linked to talks are found only with filter[entity]=contact [DOC]. */
export const CHAT_EVENT_TYPES: readonly string[] = Object.entries(TOUCH_EVENT_TYPES)
  .filter(([, t]) => t.channel === "chat")
  .map(([type]) => type);
/**
 * Call, mail and SMS notes. The mapping reads only the call notes (call_status / duration, for
 * "connected"); the mail and SMS ones are pulled as the sync is specified to.
 */
export const CONTACT_NOTE_TYPES: readonly string[] = [
  "call_in",
  "call_out",
  "amomail_message",
  "sms_in",
  "sms_out",
];

type Id = number | string;

/** A page as the sync consumes it: its items, then `next` saved as the checkpoint. */
interface PulledPage {
  items: { id: Id }[];
  next: string | null;
}

interface PullStep {
  name: string;
  endpoint: string;
  /** Items per page at most, for the theoretical minimum of requests. */
  pageSize: number;
  /** What the generated account holds for this list. */
  expected(d: AccountData): number;
  /** The list's pages, from the start or from a saved `next` (dictionaries always restart). */
  pages(c: AmoClient, resumeFrom: string | undefined): Iterable<PulledPage>;
}

/** A dictionary read in one call, as one page (nothing to resume). */
function* whole(read: () => { id: Id }[]): Generator<PulledPage, void, undefined> {
  yield { items: read(), next: null };
}

const str = (o: ApiObject, k: string) => String(o[k]);
const typed = (types: readonly string[], key: string) => {
  const set = new Set(types);
  return (o: ApiObject) => set.has(str(o, key));
};

/** As the sandbox matches filter[entity]=contact: on a contact, or linked to a talk [DOC]. */
const foundAsContact = (e: ApiObject) =>
  e["linked_talk_contact_id"] !== undefined && e["linked_talk_contact_id"] !== null
    ? true
    : e["entity_type"] === "contact";

export const PULL_STEPS: readonly PullStep[] = [
  {
    name: "account",
    endpoint: "GET /api/v4/account",
    pageSize: 1,
    expected: () => 1,
    pages: (c) => whole(() => [c.getAccount()]),
  },
  {
    name: "users",
    endpoint: "GET /api/v4/users",
    pageSize: ENTITY_LIMIT,
    expected: (d) => d.users.length,
    pages: (c) => whole(() => c.listUsers()),
  },
  {
    name: "pipelines",
    endpoint: "GET /api/v4/leads/pipelines",
    pageSize: ENTITY_LIMIT,
    expected: (d) => d.pipelines.length,
    pages: (c) => whole(() => c.listPipelines()),
  },
  {
    name: "loss reasons",
    endpoint: "GET /api/v4/leads/loss_reasons",
    pageSize: ENTITY_LIMIT,
    expected: (d) => d.loss_reasons.length,
    pages: (c) => whole(() => c.listLossReasons()),
  },
  {
    name: "lead custom fields",
    endpoint: "GET /api/v4/leads/custom_fields",
    pageSize: CUSTOM_FIELDS_PER_PAGE,
    expected: (d) => d.custom_fields.length,
    pages: (c) => whole(() => c.listLeadCustomFields()),
  },
  {
    name: "leads (contacts, loss_reason, source)",
    endpoint: "GET /api/v4/leads",
    pageSize: ENTITY_LIMIT,
    expected: (d) => d.leads.filter((l) => !l["is_deleted"]).length,
    pages: (c, resumeFrom) => c.iterateLeads({ resumeFrom }),
  },
  {
    name: "deleted leads",
    endpoint: "GET /api/v4/leads?with=only_deleted",
    pageSize: ENTITY_LIMIT,
    expected: (d) => d.leads.filter((l) => l["is_deleted"]).length,
    pages: (c, resumeFrom) => c.iterateLeads({ onlyDeleted: true, resumeFrom }),
  },
  {
    name: "tasks",
    endpoint: "GET /api/v4/tasks",
    pageSize: ENTITY_LIMIT,
    expected: (d) => d.tasks.length,
    pages: (c, resumeFrom) => c.iterateTasks({ resumeFrom }),
  },
  {
    name: `events (${KPI_EVENT_TYPES.length} KPI types)`,
    endpoint: "GET /api/v4/events",
    pageSize: EVENTS_LIMIT,
    expected: (d) => d.events.filter(typed(KPI_EVENT_TYPES, "type")).length,
    pages: (c, resumeFrom) => c.iterateEvents({ types: KPI_EVENT_TYPES, resumeFrom }),
  },
  {
    name: "events (chat, entity=contact)",
    endpoint: "GET /api/v4/events?filter[entity]=contact",
    pageSize: EVENTS_LIMIT,
    expected: (d) => d.events.filter((e) => typed(CHAT_EVENT_TYPES, "type")(e) && foundAsContact(e)).length,
    pages: (c, resumeFrom) => c.iterateEvents({ types: CHAT_EVENT_TYPES, entity: "contact", resumeFrom }),
  },
  {
    name: "lead notes (call/mail/sms)",
    endpoint: "GET /api/v4/leads/notes",
    pageSize: ENTITY_LIMIT,
    expected: (d) => d.leads_notes.filter(typed(CONTACT_NOTE_TYPES, "note_type")).length,
    pages: (c, resumeFrom) => c.iterateNotes("leads", { noteTypes: CONTACT_NOTE_TYPES, resumeFrom }),
  },
  {
    name: "contact notes (call/mail/sms)",
    endpoint: "GET /api/v4/contacts/notes",
    pageSize: ENTITY_LIMIT,
    expected: (d) => d.contacts_notes.filter(typed(CONTACT_NOTE_TYPES, "note_type")).length,
    pages: (c, resumeFrom) => c.iterateNotes("contacts", { noteTypes: CONTACT_NOTE_TYPES, resumeFrom }),
  },
];

// ---------------------------------------------------------------------------------------------
// Results

export interface AmoPullEntity {
  name: string;
  endpoint: string;
  pageSize: number;
  /** In the generated account. */
  expectedItems: number;
  /** Received (what the pages before the failure brought when the list was given up). */
  items: number;
  /** sha-1 of the sorted ids received: the faulty run must give the same. */
  digest: string;
  /** ⌈expectedItems / pageSize⌉, at least 1. */
  minRequests: number;
  /** Requests the client sent (its stats) and the sandbox received, for this list. */
  clientRequests: number;
  sandboxRequests: number;
  pages: number;
  retries: number;
  wastedRequests: number;
  status429: number;
  ms: number;
  /**
   * Errors the client threw on this list: each would stop a sync execution, and the next one
   * resumes from the last saved `next` (the bench does that at once, up to MAX_RESUMES times).
   */
  thrown: string[];
  /** The error the list was given up on, or null. */
  error: string | null;
}

export interface AmoPullRun {
  /** null: a clean sandbox (no faults, no added latency). */
  faults: FaultSpec | null;
  entities: AmoPullEntity[];
  expectedItems: number;
  items: number;
  /** Every list complete (items = the generated account's). */
  complete: boolean;
  /** Events of both queries by id (the mapping dedupes them). */
  uniqueEvents: number;
  minRequests: number;
  clientRequests: number;
  sandboxRequests: number;
  /** clientRequests ÷ minRequests. */
  requestRatio: number;
  wallMs: number;
  /** sandboxRequests ÷ wall seconds. */
  rps: number;
  /** Answers the sandbox gave, by status. */
  sandboxByStatus: Record<number, number>;
  /** 429s the sandbox answered. */
  status429: number;
  /** Errors thrown because 429s kept coming: must be 0. */
  unhandled429: number;
  /** Every error the client threw, "list: error" (each one a stopped sync execution). */
  errors: string[];
  faultsInjected: SandboxStats["faults"];
  client: ClientStats;
}

export interface AmoPullResult {
  scenario: string;
  seed: number;
  rateLimitRps: number;
  targets: typeof AMO_PULL_TARGETS;
  clean: AmoPullRun;
  faulty: AmoPullRun & {
    /** faulty.clientRequests − clean.clientRequests. */
    extraRequests: number;
    /** Every list gave the same ids as in the clean run. */
    sameItems: boolean;
  };
  /** ratio ≤ 1.05, rps ≥ 6, no unhandled 429, both runs complete and equal. */
  pass: boolean;
}

// ---------------------------------------------------------------------------------------------
// Running

interface StartedSandbox {
  worker: Worker;
  baseUrl: string;
  longLivedToken: string;
  stats(): Promise<SandboxStats>;
}

function nextMessage(worker: Worker): Promise<AmoPullSandboxMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: AmoPullSandboxMessage) => {
      worker.off("error", onError);
      worker.off("exit", onExit);
      resolve(m);
    };
    const onError = (e: Error) => {
      worker.off("message", onMessage);
      worker.off("exit", onExit);
      reject(e);
    };
    const onExit = (code: number) => onError(new Error(`the sandbox worker exited (code ${code})`));
    worker.once("message", onMessage);
    worker.once("error", onError);
    worker.once("exit", onExit);
  });
}

async function startSandbox(data: AmoPullSandboxData): Promise<StartedSandbox> {
  const worker = startTsWorker(new URL("./amo-pull-sandbox.ts", import.meta.url), { workerData: data });
  const ready = await nextMessage(worker);
  if (ready.kind !== "ready") throw new Error(`the sandbox worker sent ${ready.kind} before ready`);
  return {
    worker,
    baseUrl: ready.baseUrl,
    longLivedToken: ready.longLivedToken,
    async stats() {
      worker.postMessage({ kind: "stats" });
      const m = await nextMessage(worker);
      if (m.kind !== "stats") throw new Error(`the sandbox worker sent ${m.kind} instead of stats`);
      return m.stats;
    },
  };
}

const digestOf = (ids: Id[]) =>
  createHash("sha1").update(ids.map(String).sort().join(",")).digest("hex").slice(0, 12);

function clientDelta(a: ClientStats, b: ClientStats): ClientStats {
  const out = emptyStats();
  for (const k of Object.keys(out) as (keyof ClientStats)[]) out[k] = b[k] - a[k];
  return out;
}

function statusDelta(a: SandboxStats, b: SandboxStats): Record<number, number> {
  const out: Record<number, number> = {};
  for (const [k, v] of Object.entries(b.byStatus)) {
    const d = v - (a.byStatus[Number(k)] ?? 0);
    if (d !== 0) out[Number(k)] = d;
  }
  return out;
}

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

async function pullOnce(
  data: AccountData,
  seed: number,
  scenario: string,
  faults: FaultSpec | null,
  progress: (line: string) => void,
): Promise<AmoPullRun> {
  const sb = await startSandbox(faults ? { seed, scenario, faults } : { seed, scenario });
  const http = createSyncHttp({ timeoutMs: 30_000 });
  try {
    const client = createAmoClient({
      baseUrl: sb.baseUrl,
      http,
      clock: systemClock,
      auth: { kind: "long_lived", token: sb.longLivedToken },
    });
    const entities: AmoPullEntity[] = [];
    const errors: string[] = [];
    const eventIds = new Set<Id>();
    let unhandled429 = 0;

    const sbStart = await sb.stats();
    const clStart = client.stats();
    const t0 = performance.now();
    let sbBefore = sbStart;
    for (const step of PULL_STEPS) {
      const clBefore = client.stats();
      const s0 = performance.now();
      const got: { id: Id }[] = [];
      const thrown: string[] = [];
      let resumeFrom: string | undefined;
      let error: string | null = null;
      // As the sync does: keep what each page brought, save its `next`; when an execution stops on
      // an error, the next one resumes from the checkpoint (dictionaries are read again).
      for (;;) {
        try {
          for (const page of step.pages(client, resumeFrom)) {
            got.push(...page.items);
            resumeFrom = page.next ?? undefined;
          }
          break;
        } catch (e) {
          const text = describeError(e);
          thrown.push(text);
          errors.push(`${step.name}: ${text}`);
          if (e instanceof AmoRequestFailedError && e.lastStatus === 429) unhandled429++;
          if (thrown.length > MAX_RESUMES) {
            error = text;
            break;
          }
        }
      }
      const ms = performance.now() - s0;
      const sbAfter = await sb.stats();
      const cl = clientDelta(clBefore, client.stats());
      if (step.endpoint.startsWith("GET /api/v4/events")) for (const e of got) eventIds.add(e.id);
      const expectedItems = step.expected(data);
      const entity: AmoPullEntity = {
        name: step.name,
        endpoint: step.endpoint,
        pageSize: step.pageSize,
        expectedItems,
        items: got.length,
        digest: digestOf(got.map((x) => x.id)),
        minRequests: Math.max(1, Math.ceil(expectedItems / step.pageSize)),
        clientRequests: cl.requests,
        sandboxRequests: sbAfter.requests - sbBefore.requests,
        pages: cl.pages,
        retries: cl.retries,
        wastedRequests: cl.wastedRequests,
        status429: statusDelta(sbBefore, sbAfter)[429] ?? 0,
        ms,
        thrown,
        error,
      };
      entities.push(entity);
      sbBefore = sbAfter;
      progress(
        `    ${step.name}: ${entity.items} items, ${entity.clientRequests} requests, ${(ms / 1000).toFixed(1)} s` +
          thrown.map((t) => `\n      ✗ ${t}`).join(""),
      );
    }
    const wallMs = performance.now() - t0;
    const sbEnd = sbBefore;
    const cl = clientDelta(clStart, client.stats());
    const byStatus = statusDelta(sbStart, sbEnd);
    const sum = (f: (e: AmoPullEntity) => number) => entities.reduce((a, e) => a + f(e), 0);
    const minRequests = sum((e) => e.minRequests);
    const sandboxRequests = sbEnd.requests - sbStart.requests;
    return {
      faults,
      entities,
      expectedItems: sum((e) => e.expectedItems),
      items: sum((e) => e.items),
      complete: entities.every((e) => e.error === null && e.items === e.expectedItems),
      uniqueEvents: eventIds.size,
      minRequests,
      clientRequests: cl.requests,
      sandboxRequests,
      requestRatio: cl.requests / minRequests,
      wallMs,
      rps: sandboxRequests / (wallMs / 1000),
      sandboxByStatus: byStatus,
      status429: byStatus[429] ?? 0,
      unhandled429,
      errors,
      faultsInjected: {
        error5xx: sbEnd.faults.error5xx - sbStart.faults.error5xx,
        malformed: sbEnd.faults.malformed - sbStart.faults.malformed,
        dropped: sbEnd.faults.dropped - sbStart.faults.dropped,
        delayed: sbEnd.faults.delayed - sbStart.faults.delayed,
      },
      client: cl,
    };
  } finally {
    http.close();
    await sb.worker.terminate();
  }
}

export interface AmoPullOptions {
  /** Generator scenario (default "default"; "small" is a quick run). */
  scenario?: string;
  seed?: number;
  /**
   * Delay added by the sandbox to every answer, ms or [min, max] (both runs): the loopback answers
   * in a few ms, amoCRM over the internet in a few hundred. Default none.
   */
  latencyMs?: number | [number, number];
  /** Do not print the report block (a runner prints its own summary). */
  quiet?: boolean;
}

export async function benchAmoPull(opts: AmoPullOptions = {}): Promise<AmoPullResult> {
  const scenario = opts.scenario ?? "default";
  const seed = opts.seed ?? 1;
  const say = opts.quiet ? () => {} : (line: string) => console.log(line);
  const { data } = generateAccount({ seed, scenario });
  const minRequests = PULL_STEPS.reduce(
    (a, s) => a + Math.max(1, Math.ceil(s.expected(data) / s.pageSize)),
    0,
  );
  say(
    `amoCRM pull: scenario "${scenario}", seed ${seed}, sandbox limit ${AMO_RATE_LIMIT_RPS} rps per token; ` +
      `≥ ${minRequests} requests per run (≈ ${Math.ceil(minRequests / AMO_RATE_LIMIT_RPS)} s each)`,
  );

  const latency: FaultSpec = opts.latencyMs === undefined ? {} : { latencyMs: opts.latencyMs };
  say(`  clean run${opts.latencyMs === undefined ? "" : ` (${faultText(latency)})`} …`);
  const clean = await pullOnce(data, seed, scenario, opts.latencyMs === undefined ? null : latency, say);
  const faultSpec: FaultSpec = { ...AMO_PULL_FAULTS, ...latency, seed };
  say(`  run with faults (${faultText(faultSpec)}) …`);
  const faultyRun = await pullOnce(data, seed, scenario, faultSpec, say);
  const sameItems = faultyRun.entities.every((e, i) => {
    const c = clean.entities[i]!;
    return e.error === null && e.items === c.items && e.digest === c.digest;
  });
  const faulty = { ...faultyRun, extraRequests: faultyRun.clientRequests - clean.clientRequests, sameItems };
  const pass =
    clean.complete &&
    faulty.complete &&
    sameItems &&
    clean.requestRatio <= AMO_PULL_TARGETS.maxRequestRatio &&
    clean.rps >= AMO_PULL_TARGETS.minRps &&
    clean.unhandled429 === 0 &&
    faulty.unhandled429 === 0;
  const result: AmoPullResult = {
    scenario,
    seed,
    rateLimitRps: AMO_RATE_LIMIT_RPS,
    targets: AMO_PULL_TARGETS,
    clean,
    faulty,
    pass,
  };
  say("");
  say(formatAmoPull(result));
  return result;
}

// ---------------------------------------------------------------------------------------------
// Printing

function faultText(f: FaultSpec): string {
  return [
    f.error5xxShare ? `5xx=${f.error5xxShare}` : null,
    f.malformedShare ? `malformed=${f.malformedShare}` : null,
    f.dropShare ? `drop=${f.dropShare}` : null,
    f.latencyMs === undefined
      ? null
      : `latency=${Array.isArray(f.latencyMs) ? f.latencyMs.join("-") : f.latencyMs} ms`,
    f.seed !== undefined ? `seed=${f.seed}` : null,
  ]
    .filter((x) => x !== null)
    .join(", ");
}

const yes = (b: boolean) => (b ? "yes" : "NO");
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function table(run: AmoPullRun): string[] {
  const nameWidth = Math.max(5, ...run.entities.map((e) => e.name.length));
  const cols = [
    ["items", 7],
    ["expected", 9],
    ["min req", 8],
    ["client", 7],
    ["sandbox", 8],
    ["wasted", 7],
    ["retries", 8],
    ["429", 5],
    ["time", 8],
  ] as const;
  const row = (name: string, cells: string[]) =>
    `    ${name.padEnd(nameWidth)}${cells.map((c, i) => c.padStart(cols[i]![1])).join("")}`;
  const lines = [
    row(
      "list",
      cols.map(([h]) => h),
    ),
  ];
  for (const e of run.entities) {
    lines.push(
      row(e.name, [
        String(e.items),
        String(e.expectedItems),
        String(e.minRequests),
        String(e.clientRequests),
        String(e.sandboxRequests),
        String(e.wastedRequests),
        String(e.retries),
        String(e.status429),
        sec(e.ms),
      ]) +
        (e.thrown.length > 0
          ? `  ✗ ${e.thrown.length} error(s) thrown${e.error ? ", given up" : ", resumed"}`
          : "") +
        (e.error === null && e.items !== e.expectedItems ? "  ✗ items differ" : ""),
    );
  }
  lines.push(
    row("total", [
      String(run.items),
      String(run.expectedItems),
      String(run.minRequests),
      String(run.clientRequests),
      String(run.sandboxRequests),
      String(run.client.wastedRequests),
      String(run.client.retries),
      String(run.status429),
      sec(run.wallMs),
    ]),
  );
  return lines;
}

function runSummary(run: AmoPullRun): string[] {
  const c = run.client;
  const statuses = Object.entries(run.sandboxByStatus)
    .map(([s, n]) => `${s}×${n}`)
    .join(" ");
  return [
    `    requests ÷ minimum: ${run.clientRequests} ÷ ${run.minRequests} = ${run.requestRatio.toFixed(3)} ` +
      `(target ≤ ${AMO_PULL_TARGETS.maxRequestRatio})`,
    `    rate: ${run.sandboxRequests} requests in ${sec(run.wallMs)} = ${run.rps.toFixed(2)} rps ` +
      `of ${AMO_RATE_LIMIT_RPS} allowed (target ≥ ${AMO_PULL_TARGETS.minRps})`,
    `    429s received: ${run.status429} (client saw ${c.status429}); unhandled 429s: ${run.unhandled429}; ` +
      `errors thrown: ${run.errors.length}${run.errors.length > 0 && run.complete ? " (each list resumed from its checkpoint)" : ""}`,
    `    retries ${c.retries}; 5xx ${c.status5xx}, network errors ${c.networkErrors}, malformed ${c.malformedResponses}; ` +
      `waits: throttled ${sec(c.throttledWaitMs)}, before retries ${sec(c.retryWaitMs)}`,
    `    sandbox answers: ${statuses}; events after dedupe: ${run.uniqueEvents}; complete: ${yes(run.complete)}`,
    ...run.errors.map((e) => `    ✗ ${e}`),
  ];
}

export function formatAmoPull(r: AmoPullResult): string {
  const f = r.faulty;
  const inj = f.faultsInjected;
  return [
    `amoCRM full pull — scenario "${r.scenario}", seed ${r.seed}, sandbox limit ${r.rateLimitRps} rps per token`,
    `  clean run${r.clean.faults ? ` (${faultText(r.clean.faults)})` : ""}`,
    ...table(r.clean),
    ...runSummary(r.clean),
    `  with faults (${f.faults ? faultText(f.faults) : "none"})`,
    ...table(f),
    ...runSummary(f),
    `    faults injected: 5xx ${inj.error5xx}, malformed ${inj.malformed}, dropped ${inj.dropped}; ` +
      `extra requests vs clean: ${f.extraRequests >= 0 ? "+" : ""}${f.extraRequests} ` +
      `(${((f.extraRequests / r.clean.clientRequests) * 100).toFixed(1)} %${f.complete ? "" : "; run incomplete, not comparable"}); ` +
      `same items as clean: ${yes(f.sameItems)}; wall ${sec(f.wallMs)} (clean ${sec(r.clean.wallMs)})`,
    `  verdict: ${r.pass ? "PASS" : "FAIL"} (ratio ${r.clean.requestRatio.toFixed(3)}, ${r.clean.rps.toFixed(2)} rps, ` +
      `unhandled 429s ${r.clean.unhandled429 + f.unhandled429}, faulty run complete with the same items: ` +
      `${yes(f.complete && f.sameItems)}; errors thrown: clean ${r.clean.errors.length}, with faults ${f.errors.length})`,
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const seedArg = argValue("--seed");
  const scenario = argValue("--scenario");
  const latency = argValue("--latency");
  const opts: AmoPullOptions = {};
  if (scenario !== undefined) opts.scenario = scenario;
  if (seedArg !== undefined) opts.seed = Number(seedArg);
  if (latency !== undefined) {
    const [min, max] = latency.split("-").map(Number) as [number, number | undefined];
    opts.latencyMs = max === undefined ? min : [min, max];
  }
  const r = await benchAmoPull(opts);
  if (!r.pass) process.exitCode = 1;
}
