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
 */
import type { AmoClient } from "../amo/client";
import { AmoForbiddenError } from "../amo/errors";
import { ContactAttribution, mapLossReasons, mapStages, mapUser } from "../amo/mapping";
import type { Locale } from "../core/i18n";
import type { Settings } from "../core/settings";
import type { SheetPort } from "../sheets/port";
import { lossReasonRow, type NameBook, nameBook, stageRow, userRow } from "../sheets/rows";
import { LOSS_REASONS, STAGES, USERS } from "../sheets/tables";
import { type ApplyStats, applyDerived, controlPeriodOf } from "./apply";
import { Mirror } from "./mirror";
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
  deps: Pick<SyncDeps, "sheets" | "lock" | "clock" | "settings">,
  now = deps.clock.now(),
): { status: "done" | "busy"; apply: ApplyStats | null; writes: FlushStats } {
  if (!deps.lock.tryAcquire(0)) return { status: "busy", apply: null, writes: emptyFlushStats() };
  try {
    const locale = deps.settings.locale;
    const mirror = Mirror.read(deps.sheets, locale);
    const staging = new Staging();
    const apply = applyDerived(mirror, staging, deps.settings, now);
    return { status: "done", apply, writes: staging.flush(deps.sheets, mirror, locale) };
  } finally {
    deps.lock.release();
  }
}

class Execution {
  private readonly started: number;
  private readonly locale: Locale;
  private readonly writes = emptyFlushStats();
  private pagesThisExecution = 0;
  private applyStats: ApplyStats | null = null;

  constructor(private readonly deps: SyncDeps) {
    this.started = deps.clock.now();
    this.locale = deps.settings.locale;
  }

  run(full: boolean): SyncOutcome {
    const d = this.deps;
    const state = loadState(d.store);
    if (!state.run) {
      const isFull = full || state.syncedTo === null;
      state.run = {
        full: isFull,
        since: isFull ? null : state.syncedTo! - OVERLAP_MS,
        to: this.started,
        step: STEPS[0],
        resume: null,
        startedAt: this.started,
        executions: 0,
        pagesDone: 0,
      };
    }
    const run = state.run;
    run.executions++;
    saveState(d.store, state);

    const staging = new Staging();
    let mirror: Mirror | null = null;
    try {
      // Read every raw table once, before this execution writes anything (mirror.ts).
      mirror = Mirror.read(d.sheets, this.locale);
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
        } else if (step === "apply") this.applyStats = applyDerived(mirror, staging, d.settings, run.to);
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
      state.run = null;
      return this.stop(state, "done", null, run);
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
    const account = client.getAccount();
    const tz = (account as { _embedded?: { datetime_settings?: { timezone?: unknown } } })._embedded
      ?.datetime_settings?.timezone;
    state.account = { name: String(account.name ?? ""), timezone: typeof tz === "string" ? tz : null };
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
          contacts = new ContactAttribution(mirror.dataset().leads);
          leadsVersion = this.leadsFlushes;
        }
        return contacts;
      },
    };
  }

  private leadsFlushes = 0;

  private flush(staging: Staging, mirror: Mirror): void {
    if (staging.size === 0) return;
    const s = staging.flush(this.deps.sheets, mirror, this.locale);
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
    };
  }
}

/** Error texts of this project never carry tokens (src/amo guarantees it); cap the length anyway. */
function safeMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}
