/**
 * The sync engine: one call = one execution of a (possibly longer) sync run.
 *
 * A run goes through STEPS in order. Pages are handled into staged rows; every `flushEveryPages`
 * pages, at the end of a step, and before the time budget runs out, the staged rows are written
 * and the checkpoint (step + the next page's target) is saved — in that order, so whatever
 * happens the sheets are never behind the checkpoint. A run that stops (time budget, an error, a
 * killed process) continues in the next execution from its checkpoint; re-fetched pages are
 * written again by id, so nothing is lost and nothing doubles.
 *
 * An incremental run fetches what changed since the previous run's start minus an overlap (1 h:
 * `updated_at` has 1-second resolution and events can appear late [BELIEF, amocrm-api.md §12]).
 *
 * Heavy and light runs. Reading the raw tables whole costs time in proportion to the account (a
 * 50,000-lead account holds ~7 M cells: about a minute of Apps Script time, scale.md §2.2), so
 * only a heavy run does it: a full run, the first run an hour or more after the last heavy one
 * (time-dependent derived values — days_in_stage, is_stale, an SLA going from pending to breached
 * — move on then), a run after the settings changed, and any run that needed more than one
 * execution. Every other run is light: it reads the dictionary tables and, through a per-execution
 * cache (key-cache.ts), each big table's key column once; rows only for the ids it must check
 * (mirror.ts `load`); and it enriches only the leads created inside its window (apply.ts).
 * Writes are the same upserts by id in both, so they follow the changes, not the account.
 */
import type { AmoClient } from "../amo/client";
import { AmoForbiddenError } from "../amo/errors";
import { ContactAttribution, mapLossReasons, mapStages, mapUser } from "../amo/mapping";
import type { EnrichedData } from "../core/enrich";
import type { Locale } from "../core/i18n";
import type { Settings } from "../core/settings";
import type { SheetPort } from "../sheets/port";
import { lossReasonRow, type NameBook, nameBook, stageRow, userRow } from "../sheets/rows";
import { LOSS_REASONS, STAGES, USERS } from "../sheets/tables";
import { type ApplyStats, applyDerived, applyNewLeads, controlPeriodOf } from "./apply";
import { KeyCachingPort } from "./key-cache";
import { BIG_TABLES, Mirror } from "./mirror";
import type { KeyValueStore, SyncClock, SyncLock } from "./ports";
import { addFlushStats, emptyFlushStats, type FlushStats, Staging } from "./staging";
import { loadState, type RunState, STEPS, type StepId, type SyncState, saveState } from "./state";
import { PAGED_STEPS, type StepContext } from "./steps";

export const OVERLAP_MS = 60 * 60 * 1000;
/**
 * Users, pipelines and loss reasons change rarely; an incremental run re-reads them at most this
 * often (amocrm-api.md §12: "full, cached (e.g. hourly)"), which keeps a quiet 5-minute sync at a
 * handful of requests. A full run always reads them.
 */
export const DICTIONARIES_MAX_AGE_MS = 60 * 60 * 1000;
/** The account's name and timezone are re-read at most this often (a full run always reads them). */
export const ACCOUNT_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** The heavy pass (every table read, every lead enriched) runs at least this often; see above. */
export const ENRICHMENT_MAX_AGE_MS = 60 * 60 * 1000;

/** What the hook gets besides the data: whether a full sync preceded it, and the "now" used. */
export interface EnrichmentInfo {
  full: boolean;
  now: number;
}

export interface SyncProgress {
  step: StepId;
  stepIndex: number;
  stepCount: number;
  /** Pages handled in this run so far (all executions). */
  pagesDone: number;
}

export interface SyncDeps {
  client: AmoClient;
  sheets: SheetPort;
  /** Document properties: the sync state lives here. */
  store: KeyValueStore;
  lock: SyncLock;
  clock: SyncClock;
  settings: Settings;
  /** `https://<sub>.amocrm.ru`: deal links in amo_leads. */
  accountBaseUrl: string;
  /** Milliseconds this execution may use (Apps Script: 6 min a run, minus what the caller needs). */
  budgetMs: number;
  /** Stop taking new pages this long before the budget ends, to flush and save (default 45 s). */
  reserveMs?: number;
  /** Flush and checkpoint after this many pages (default 25). */
  flushEveryPages?: number;
  onProgress?: (p: SyncProgress) => void;
  /**
   * Called once for every heavy pass, after its derived columns are written and the run is saved
   * as done, still under the sync lock: at the end of a full run, of an hourly heavy incremental
   * run, and of recomputeDerived.
   * Never for a light run, a run cut short, or a run that failed. `data` is every lead in scope
   * enriched at `info.now`. An error it throws does not undo the sync: it is reported in
   * SyncOutcome.hookError.
   */
  afterEnrichment?: (data: EnrichedData, info: EnrichmentInfo) => void;
}

export type SyncStatus = "done" | "partial" | "busy" | "error";

export interface SyncOutcome {
  status: SyncStatus;
  /** Where the run stands (null when done or busy). */
  step: StepId | null;
  full: boolean;
  /** Executions the run has taken, this one included. */
  executions: number;
  pagesThisExecution: number;
  writes: FlushStats;
  apply: ApplyStats | null;
  /** Plain-language error (never a token or a URL with secrets). */
  error: { name: string; message: string } | null;
  /** The run ended with the heavy pass (every table read, every lead enriched). */
  heavy: boolean;
  /** What afterEnrichment threw, if it did. */
  hookError: { name: string; message: string } | null;
}

/** Run (or continue) a sync under the lock. `full` starts a full pass when no run is in progress. */
export function runSync(deps: SyncDeps, opts: { full?: boolean } = {}): SyncOutcome {
  if (!deps.lock.tryAcquire(0)) {
    return {
      status: "busy",
      step: null,
      full: false,
      executions: 0,
      pagesThisExecution: 0,
      writes: emptyFlushStats(),
      apply: null,
      error: null,
      heavy: false,
      hookError: null,
    };
  }
  try {
    return new Execution(deps).run(opts.full ?? false);
  } finally {
    deps.lock.release();
  }
}

/**
 * Recompute every derived column from the raw sheets (after a settings change): no amoCRM call.
 * Runs under the same lock as a sync.
 */
export function recomputeDerived(
  deps: Pick<SyncDeps, "sheets" | "lock" | "clock" | "settings"> &
    Partial<Pick<SyncDeps, "store" | "afterEnrichment">>,
  now = deps.clock.now(),
): {
  status: "done" | "busy";
  apply: ApplyStats | null;
  writes: FlushStats;
  hookError: { name: string; message: string } | null;
} {
  if (!deps.lock.tryAcquire(0))
    return { status: "busy", apply: null, writes: emptyFlushStats(), hookError: null };
  try {
    const locale = deps.settings.locale;
    const port = new KeyCachingPort(deps.sheets);
    const mirror = Mirror.read(port, locale);
    const staging = new Staging();
    const { data, ...apply } = applyDerived(mirror, staging, deps.settings, now);
    const writes = staging.flush(port, mirror, locale);
    if (deps.store) {
      // The derived columns now match these settings: the next run need not be heavy for them.
      const state = loadState(deps.store);
      state.enrichedSettings = settingsKey(deps.settings);
      saveState(deps.store, state);
    }
    // Still under the lock, as after a sync: what the hook writes never meets a running sync.
    const hookError = callHook(deps.afterEnrichment, data, { full: false, now });
    return { status: "done", apply, writes, hookError };
  } finally {
    deps.lock.release();
  }
}

/** Run the hook; what it throws is reported, never thrown (the sync it follows is saved). */
function callHook(
  hook: SyncDeps["afterEnrichment"],
  data: EnrichedData,
  info: EnrichmentInfo,
): { name: string; message: string } | null {
  if (!hook) return null;
  try {
    hook(data, info);
    return null;
  } catch (e) {
    return { name: e instanceof Error ? e.name : "Error", message: safeMessage(e) };
  }
}

/**
 * A short fingerprint of the settings (FNV-1a over their JSON): a different one makes the next run
 * heavy, so derived columns follow a changed SLA norm or control period even without a recompute.
 */
export function settingsKey(settings: Settings): string {
  const text = JSON.stringify(settings);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

class Execution {
  private readonly started: number;
  private readonly locale: Locale;
  private readonly writes = emptyFlushStats();
  private pagesThisExecution = 0;
  private applyStats: ApplyStats | null = null;
  /** The heavy pass's enrichment, for afterEnrichment. */
  private enriched: EnrichedData | null = null;
  /** The execution's sheet port: header rows and key columns read once (key-cache.ts). */
  private readonly port: KeyCachingPort;

  constructor(private readonly deps: SyncDeps) {
    this.started = deps.clock.now();
    this.locale = deps.settings.locale;
    this.port = new KeyCachingPort(deps.sheets);
  }

  run(full: boolean): SyncOutcome {
    const d = this.deps;
    const state = loadState(d.store);
    if (!state.run) {
      const isFull = full || state.syncedTo === null;
      const heavy =
        isFull ||
        state.enrichedAt === null ||
        this.started - state.enrichedAt >= ENRICHMENT_MAX_AGE_MS ||
        state.enrichedSettings !== settingsKey(d.settings);
      state.run = {
        full: isFull,
        since: isFull ? null : state.syncedTo! - OVERLAP_MS,
        to: this.started,
        step: STEPS[0],
        resume: null,
        startedAt: this.started,
        executions: 0,
        pagesDone: 0,
        heavy,
      };
    }
    const run = state.run;
    run.executions++;
    // A light pass needs every row of its run in one execution's mirror (apply.ts).
    if (run.executions > 1) run.heavy = true;
    saveState(d.store, state);

    const staging = new Staging();
    let mirror: Mirror | null = null;
    try {
      // Read the raw tables (whole, or only the small ones when light) before any write (mirror.ts).
      if (run.heavy) mirror = Mirror.read(this.port, this.locale);
      else {
        mirror = Mirror.light(this.port, this.locale);
        // Every flush upserts by id: the big tables' key columns, all in one round trip.
        this.port.prefetchKeys(BIG_TABLES);
      }
      const ctx = this.context(run, mirror, staging);
      for (let i = STEPS.indexOf(run.step); i < STEPS.length; i++) {
        const step = STEPS[i]!;
        if (run.step !== step) {
          run.step = step;
          run.resume = null;
        }
        this.progress(run);
        if (this.outOfTime()) return this.stop(state, "partial", null);
        if (step === "dictionaries") {
          const fresh =
            state.dictionariesAt !== null && run.to - state.dictionariesAt < DICTIONARIES_MAX_AGE_MS;
          if (run.full || !fresh) {
            this.dictionaries(state, ctx);
            state.dictionariesAt = run.to;
          }
        } else if (step === "apply") this.apply(run, mirror, staging);
        else if (!this.pagedStep(state, ctx, step)) return this.stop(state, "partial", null);
        this.flush(staging, mirror);
        this.handledNext = null; // the step is written in full: nothing of it to checkpoint
        if (i + 1 < STEPS.length) {
          run.step = STEPS[i + 1]!;
          run.resume = null;
        }
        saveState(d.store, state);
      }
      state.syncedTo = run.to;
      if (run.heavy) {
        state.enrichedAt = run.to;
        state.enrichedSettings = settingsKey(d.settings);
      }
      state.run = null;
      const out = this.stop(state, "done", null, run);
      if (this.enriched)
        out.hookError = callHook(d.afterEnrichment, this.enriched, { full: run.full, now: run.to });
      return out;
    } catch (e) {
      // Pages handled completely are written and checkpointed; the failing one is fetched again.
      // If that write fails too, the checkpoint stays where it was and those pages come again.
      if (mirror && staging.size > 0) {
        try {
          this.flush(staging, mirror);
          if (this.handledNext !== null) run.resume = this.handledNext;
        } catch {
          // keep the saved checkpoint
        }
      }
      return this.stop(state, "error", e);
    }
  }

  private apply(run: RunState, mirror: Mirror, staging: Staging): void {
    const { settings } = this.deps;
    if (run.heavy) {
      const { data, ...stats } = applyDerived(mirror, staging, settings, run.to);
      this.applyStats = stats;
      this.enriched = data;
    } else {
      this.applyStats = applyNewLeads(mirror, staging, settings, run.to, run.since ?? 0);
    }
  }

  /** `next` of the last page handled in the current step (null: none, or it was the last page). */
  private handledNext: string | null = null;

  /** Walk one paged step; false when the time budget ended it (after a flush and a checkpoint). */
  private pagedStep(state: SyncState, ctx: StepContext, step: StepId): boolean {
    const d = this.deps;
    const run = state.run!;
    const def = PAGED_STEPS.find((s) => s.id === step)!;
    const every = d.flushEveryPages ?? 25;
    let sinceFlush = 0;
    this.handledNext = null;
    for (const page of def.walk(ctx, run.resume)) {
      def.handle(ctx, page.items);
      this.handledNext = page.next;
      this.pagesThisExecution++;
      run.pagesDone++;
      sinceFlush++;
      const pendingResume = page.next;
      const timeUp = this.outOfTime();
      if (sinceFlush >= every || timeUp) {
        this.flush(ctx.staging, ctx.mirror);
        sinceFlush = 0;
        if (pendingResume === null) return true; // step finished exactly here
        run.resume = pendingResume;
        saveState(d.store, state);
        this.progress(run);
        if (timeUp) return false;
      }
    }
    return true;
  }

  private dictionaries(state: SyncState, ctx: StepContext): void {
    const { client, settings } = this.deps;
    const run = state.run!;
    // The account's name and timezone are shown, not computed with (the calendar's timezone is a
    // setting): read daily, which keeps an hourly heavy run one request lighter.
    if (
      run.full ||
      state.account === null ||
      state.accountAt === null ||
      run.to - state.accountAt >= ACCOUNT_MAX_AGE_MS
    ) {
      const account = client.getAccount();
      const tz = (account as { _embedded?: { datetime_settings?: { timezone?: unknown } } })._embedded
        ?.datetime_settings?.timezone;
      state.account = { name: String(account.name ?? ""), timezone: typeof tz === "string" ? tz : null };
      state.accountAt = run.to;
    }
    try {
      ctx.staging.put(USERS, client.listUsers().map(mapUser).map(userRow));
    } catch (e) {
      // GET /users needs an administrator's token [DOC]: keep the names we have and go on.
      if (!(e instanceof AmoForbiddenError)) throw e;
    }
    const stages = mapStages(client.listPipelines());
    ctx.staging.put(
      STAGES,
      stages.map((s) => stageRow(s, controlPeriodOf(settings, s.pipelineId, s.statusId))),
    );
    ctx.staging.put(LOSS_REASONS, mapLossReasons(client.listLossReasons()).map(lossReasonRow));
  }

  private context(run: RunState, mirror: Mirror, staging: Staging): StepContext {
    let names: NameBook | null = null;
    let contacts: ContactAttribution | null = null;
    let leadsVersion = -1;
    return {
      client: this.deps.client,
      settings: this.deps.settings,
      locale: this.locale,
      run,
      mirror,
      staging,
      accountBaseUrl: this.deps.accountBaseUrl,
      names: () => {
        if (!names) {
          const ds = mirror.dataset();
          names = nameBook(ds);
        }
        return names;
      },
      contacts: () => {
        if (!contacts || leadsVersion !== this.leadsFlushes) {
          contacts = new ContactAttribution(mirror.attributionLeads());
          leadsVersion = this.leadsFlushes;
        }
        return contacts;
      },
    };
  }

  private leadsFlushes = 0;

  private flush(staging: Staging, mirror: Mirror): void {
    if (staging.size === 0) return;
    const s = staging.flush(this.port, mirror, this.locale);
    addFlushStats(this.writes, s);
    this.leadsFlushes++;
  }

  private outOfTime(): boolean {
    const reserve = this.deps.reserveMs ?? 45_000;
    return this.deps.clock.now() - this.started > this.deps.budgetMs - reserve;
  }

  private progress(run: RunState): void {
    this.deps.onProgress?.({
      step: run.step,
      stepIndex: STEPS.indexOf(run.step),
      stepCount: STEPS.length,
      pagesDone: run.pagesDone,
    });
  }

  private stop(state: SyncState, status: SyncStatus, error: unknown, finished?: RunState): SyncOutcome {
    const err =
      error === null || error === undefined
        ? null
        : { name: error instanceof Error ? error.name : "Error", message: safeMessage(error) };
    state.last = { status, at: this.deps.clock.now(), message: err?.message ?? null };
    saveState(this.deps.store, state);
    const run = finished ?? state.run;
    return {
      status,
      step: status === "done" ? null : (state.run?.step ?? null),
      full: run?.full ?? false,
      executions: run?.executions ?? 0,
      pagesThisExecution: this.pagesThisExecution,
      writes: this.writes,
      apply: this.applyStats,
      error: err,
      heavy: run?.heavy ?? false,
      hookError: null,
    };
  }
}

/** Error texts of this project never carry tokens (src/amo guarantees it); cap the length anyway. */
function safeMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}
