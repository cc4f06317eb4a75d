/**
 * The seeded generator of a local amoCRM account: `generateAccount({ seed, scenario })` returns the
 * account as API objects (AccountData, served by the sandbox) and the KPI values it planted
 * (PlantedTruth). Pure TypeScript (es2022 + Intl, no Node APIs) so the same code can run inside
 * Apps Script for "try with demo data". Deterministic: same seed + scenario → identical JSON.
 *
 * Pipeline of phases, each in its own file: arrivals → responses (SLA decks, first touch) →
 * closings (cycle, owner, win decks, prices) → contacts → journeys (moves, touches, tasks) →
 * other tasks → truncateAtNow → ids → API objects → truth.
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
import { truncateAtNow } from "./truncate";
import { computeTruth } from "./truth";
import type { PlantedTruth } from "./truth-types";
import { createWorld, type World } from "./world";

export { SCENARIOS } from "./scenarios";
export type { LeadTruth, MetricParts, PlantedTruth, Ratio, SnapshotParts } from "./truth-types";

export interface GenerateOptions {
  seed: number;
  /** Default "default". */
  scenario?: string;
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

export function generateAccount(opts: GenerateOptions): GeneratedAccount {
  const scenario = opts.scenario ?? "default";
  const config = scenarioConfig(scenario);
  const seed = opts.seed >>> 0;
  const rng = new Rng(seed, `scenario:${scenario}`);
  const world = createWorld(config, seed, rng);
  plan(world, rng);
  const tasks = numberEverything(world, rng);

  const activity = emitActivity(world, rng, FIRST_ID.note);
  const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
  const data: AccountData = {
    account: emitAccount(world, rng.fork("account")),
    users: emitUsers(world),
    pipelines: emitPipelines(),
    loss_reasons: emitLossReasons(world),
    custom_fields: emitCustomFields(),
    leads: world.leads.map((l) => emitLead(world, l)),
    contacts: [...world.contacts].sort(byId).map((c) => emitContact(world, c)),
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
