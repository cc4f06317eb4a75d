/**
 * The seeded generator of a local amoCRM account: `generateAccount({ seed, scenario })` returns the
 * account as API objects (AccountData, served by the sandbox) and the KPI values it planted
 * (PlantedTruth). Pure TypeScript (es2022 + Intl, no Node APIs) so the same code can run inside
 * Apps Script for "try with demo data". Deterministic: same seed + scenario → identical JSON.
 *
 * Pipeline of phases, each in its own file: arrivals → responses (SLA decks, first touch) →
 * closings (cycle, owner, win decks, prices) → contacts → journeys (moves, touches, tasks) →
 * other tasks → truncateAtNow → ids → events and notes → [freezeAt asOf] → API objects → truth.
 *
 * `asOf` views the same account at an earlier instant: the plan and the ids are those of the
 * scenario's now, then everything after asOf is cut off. Objects whose last change is at or before
 * asOf are the same in both views; see GenerateOptions.asOf for what `updated_at` does and does not
 * cover.
 */
import type { AccountData } from "../account-data";
import { planArrivals } from "./arrivals";
import { planClosings } from "./closing";
import { planContacts } from "./contacts";
import { planDeletedLead } from "./deleted";
import {
  emitAccount,
  emitCustomFields,
  emitLossReasons,
  emitPipelines,
  emitUsers,
} from "./emit-dictionaries";
import { emitContact, emitLead, emitTask } from "./emit-entities";
import { emitActivity } from "./emit-events";
import { assignIds } from "./ids";
import { planLiveJourney } from "./journey";
import type { TaskPlan } from "./plan-types";
import { Rng } from "./prng";
import { planResponses } from "./response";
import { scenarioConfig } from "./scenarios";
import { planOtherTasks } from "./tasks";
import { freezeAt, truncateAtNow } from "./truncate";
import { computeTruth } from "./truth";
import type { PlantedTruth } from "./truth-types";
import { createWorld, type World } from "./world";

export { SCENARIOS } from "./scenarios";
export type { LeadTruth, MetricParts, PlantedTruth, Ratio, SnapshotParts } from "./truth-types";

export interface GenerateOptions {
  seed: number;
  /** Default "default". */
  scenario?: string;
  /**
   * Epoch milliseconds, at most the scenario's now (default: now): the SAME account (same plan, same
   * ids) as it looked at that instant, floored to the whole minute so that the truth's business
   * minutes stay integers (truth.nowUnix is the instant used; objects dated up to it exist). What
   * happened later does not exist yet: leads and contacts created later, moves, touches, notes,
   * events, task completions, deadline changes, closings, deletions and reassignments after asOf.
   * `updated_at` of a lead is its last move, reassignment or deletion at or before asOf; of a task,
   * its creation, deadline change or completion, whichever is last; notes never change. The truth
   * is computed at asOf (truth.nowUnix = asOf).
   *
   * Not covered by `updated_at` (as in amoCRM, they are derived from other objects): a lead's and
   * a contact's `closest_task_at` (tasks), a contact's `_embedded.leads` (leads created or deleted
   * later), and the entity of a chat event on a lead deleted later (it names the contact once the
   * lead is deleted; events have no updated_at).
   */
  asOf?: number;
}

export interface GeneratedAccount {
  data: AccountData;
  truth: PlantedTruth;
}

/** First ids of each kind (ids grow with creation time, with gaps). */
const FIRST_ID = { lead: 28_600_001, contact: 51_200_001, task: 39_100_001, note: 612_000_001 };

function plan(world: World, rng: Rng): void {
  planArrivals(world, rng.fork("arrivals"));
  planResponses(world, rng.fork("responses"));
  planClosings(world, rng.fork("closings"));
  planContacts(world, rng.fork("contacts"));
  for (const lead of world.leads) {
    const r = rng.fork(`journey:${lead.idx}`);
    if (lead.kind === "junk" || lead.kind === "duplicate") planDeletedLead(world, lead, r);
    else planLiveJourney(world, lead, r);
  }
  planOtherTasks(world, rng.fork("other-tasks"));
  truncateAtNow(world);
}

function numberEverything(world: World, rng: Rng): TaskPlan[] {
  assignIds(world.leads, FIRST_ID.lead, 40, rng.fork("lead-ids"));
  const contacts = [...world.contacts].sort((a, b) => a.createdAt - b.createdAt || a.idx - b.idx);
  assignIds(contacts, FIRST_ID.contact, 40, rng.fork("contact-ids"));
  const tasks = [...world.leads.flatMap((l) => l.tasks), ...world.otherTasks].sort(
    (a, b) => a.createdAt - b.createdAt,
  );
  assignIds(tasks, FIRST_ID.task, 25, rng.fork("task-ids"));
  return tasks;
}

/** asOf (epoch ms) as a Unix second of the scenario on a whole minute, checked. */
function viewInstant(world: World, asOf: number | undefined): number | null {
  if (asOf === undefined) return null;
  if (!Number.isFinite(asOf)) throw new RangeError(`asOf must be epoch milliseconds, got ${asOf}`);
  if (asOf > world.now * 1000) {
    throw new RangeError(
      `asOf ${asOf} is after the scenario's now ${world.now * 1000} (${world.config.now} Moscow time)`,
    );
  }
  return Math.floor(asOf / 60_000) * 60;
}

export function generateAccount(opts: GenerateOptions): GeneratedAccount {
  const scenario = opts.scenario ?? "default";
  const config = scenarioConfig(scenario);
  const seed = opts.seed >>> 0;
  const rng = new Rng(seed, `scenario:${scenario}`);
  const world = createWorld(config, seed, rng);
  const asOf = viewInstant(world, opts.asOf);
  plan(world, rng);
  let tasks = numberEverything(world, rng);

  // Events and notes are built and numbered from the whole plan, then cut at asOf.
  const activity = emitActivity(world, rng, FIRST_ID.note, asOf ?? world.now);
  if (asOf !== null) {
    freezeAt(world, asOf);
    const existing = new Set([...world.leads.flatMap((l) => l.tasks), ...world.otherTasks]);
    tasks = tasks.filter((t) => existing.has(t));
  }
  const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
  const data: AccountData = {
    account: emitAccount(world, rng.fork("account")),
    users: emitUsers(world),
    pipelines: emitPipelines(),
    loss_reasons: emitLossReasons(world),
    custom_fields: emitCustomFields(),
    leads: world.leads.map((l) => emitLead(world, l)),
    contacts: world.contacts
      .filter((c) => c.createdAt <= world.now)
      .sort(byId)
      .map((c) => emitContact(world, c)),
    tasks: tasks.map((t) => emitTask(world, t)),
    events: activity.events,
    leads_notes: activity.leadsNotes,
    contacts_notes: activity.contactsNotes,
  };
  const truth = computeTruth(world, {
    counts: {
      leads: data.leads.length,
      contacts: data.contacts.length,
      tasks: data.tasks.length,
      events: data.events.length,
      notes: data.leads_notes.length + data.contacts_notes.length,
    },
  });
  return { data, truth };
}
