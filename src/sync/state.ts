/**
 * The sync's persistent state: one small JSON value in document properties. It holds cursors and
 * a checkpoint, never data: rows live in the sheets, so a run cut anywhere loses at most the pages
 * fetched since the last checkpoint, which the next run fetches again (writes are upserts by id).
 */
import { lazySchema } from "../core/schema/lazy";
import * as z from "../core/schema/zod";
import type { KeyValueStore } from "./ports";

export const STATE_KEY = "amo_sync_state";

/**
 * The steps of one sync run, in order. `deleted_leads` walks pages in full runs only (incremental
 * runs take deletions from events); `contact_chats` only finishes a run saved inside it by an
 * earlier version (the events step reads those chats now) — see steps.ts.
 */
export const STEPS = [
  "dictionaries",
  "leads",
  "deleted_leads",
  "tasks",
  "lead_calls",
  "contact_calls",
  "events",
  "contact_chats",
  "apply",
] as const;
export type StepId = (typeof STEPS)[number];

const runSchema = lazySchema(() =>
  z.object({
    full: z.boolean(),
    /** Lower bound of the changes fetched (epoch ms); null = everything (a full sync). */
    since: z.number().nullable(),
    /** Upper bound: the instant the run started; the next incremental run starts from here. */
    to: z.number(),
    step: z.enum(STEPS),
    /** `Page.next` of the last page written in this step; null = the step starts from its first page. */
    resume: z.string().nullable(),
    startedAt: z.number(),
    /** Executions this run has taken so far (1 = finished in one go). */
    executions: z.number().int(),
    pagesDone: z.number().int(),
    /**
     * This run ends with the heavy pass: every table read whole and every lead enriched (a full run,
     * an hour since the last heavy pass, settings changed, or a run that took more than one execution).
     * false: a light run (only what changed is read and written; see engine.ts).
     */
    heavy: z.boolean().default(true),
  }),
);
export type RunState = z.infer<typeof runSchema>;

const outcomeSchema = lazySchema(() =>
  z.object({
    status: z.enum(["done", "partial", "error", "busy"]),
    at: z.number(),
    message: z.string().nullable(),
  }),
);

export const syncStateSchema = lazySchema(() =>
  z.object({
    version: z.literal(1),
    /** The `to` of the last completed run; null before the first one. */
    syncedTo: z.number().nullable(),
    /** The amoCRM account's name and timezone, read in the dictionaries step. */
    account: z.object({ name: z.string(), timezone: z.string().nullable() }).nullable(),
    /** When the account (name, timezone) was last read (daily). */
    accountAt: z.number().nullable().default(null),
    /** When users, pipelines and loss reasons were last read (they change rarely: read hourly). */
    dictionariesAt: z.number().nullable().default(null),
    /** The `to` of the last run that ended with the heavy pass (all leads enriched); null: none yet. */
    enrichedAt: z.number().nullable().default(null),
    /** A hash of the settings that heavy pass used: other settings make the next run heavy. */
    enrichedSettings: z.string().nullable().default(null),
    run: runSchema.nullable(),
    last: outcomeSchema.nullable(),
  }),
);
export type SyncState = z.infer<typeof syncStateSchema>;

export function emptyState(): SyncState {
  return {
    version: 1,
    syncedTo: null,
    account: null,
    accountAt: null,
    dictionariesAt: null,
    enrichedAt: null,
    enrichedSettings: null,
    run: null,
    last: null,
  };
}

/**
 * Read the state; a value that does not parse (hand-edited, older version) is not trusted: the
 * sync starts over with a full pass, which is safe because every write is an upsert by id.
 */
export function loadState(store: KeyValueStore): SyncState {
  const text = store.get(STATE_KEY);
  if (text === null) return emptyState();
  try {
    const parsed = syncStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : emptyState();
  } catch {
    return emptyState();
  }
}

export function saveState(store: KeyValueStore, state: SyncState): void {
  store.set(STATE_KEY, JSON.stringify(state));
}
