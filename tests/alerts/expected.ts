/**
 * What the alerts should have sent, worked out from the generator's planted truth (LeadTruth:
 * slaDeadline, firstTouchAt, closedAt) and the account as of each run (asOf views), independently
 * of the add-on's code: for every lead whose deadline falls in the simulated time, the first run
 * at or after the deadline outside quiet hours tells it — unless by then the lead was answered or
 * closed (docs/alerts.md).
 */
import type { ApiObject } from "../../local/amo-sandbox/account-data";
import { generateAccount } from "../../local/amo-sandbox/generator/index";
import type { PlantedTruth } from "../../local/amo-sandbox/generator/truth-types";
import type { SentMail } from "../../local/gas-runtime/services/mail";

export interface ExpectedBreach {
  leadId: number;
  deadline: number;
  /** The run that must tell it. */
  runAt: number;
  /** Quiet hours were on before that run: it comes in a digest. */
  held: boolean;
  managerEmail: string | null;
}

const MIN = 60_000;
const views = new Map<string, ApiObject[][]>();

/** [leads, users] of the account as of `t` (the minute, as the sandbox serves it). */
export function accountAt(
  seed: number,
  scenario: string,
  t: number,
): { leads: ApiObject[]; users: ApiObject[]; tasks: ApiObject[] } {
  const at = Math.floor(t / MIN) * MIN;
  const key = `${seed}/${scenario}/${at}`;
  let v = views.get(key);
  if (!v) {
    const d = generateAccount({ seed, scenario, asOf: at }).data;
    v = [d.leads, d.users, d.tasks];
    views.set(key, v);
  }
  return { leads: v[0]!, users: v[1]!, tasks: v[2]! };
}

export function managerEmailAt(seed: number, scenario: string, t: number, leadId: number): string | null {
  const { leads, users } = accountAt(seed, scenario, t);
  const lead = leads.find((l) => l["id"] === leadId);
  const user = users.find((u) => u["id"] === lead?.["responsible_user_id"]);
  return typeof user?.["email"] === "string" ? (user["email"] as string) : null;
}

export function expectedBreaches(o: {
  truth: PlantedTruth;
  seed: number;
  scenario: string;
  /** Start times of the schedule runs, in order. */
  runs: number[];
  periodMs: number;
  quiet: (t: number) => boolean;
}): ExpectedBreach[] {
  const out: ExpectedBreach[] = [];
  const first = o.runs[0]!;
  for (const [id, l] of Object.entries(o.truth.leads)) {
    const deadline = l.slaDeadline * 1000;
    // The first check looks back one period.
    if (deadline <= first - o.periodMs) continue;
    const k = o.runs.findIndex((s) => s >= deadline && !o.quiet(s));
    if (k < 0) continue;
    const runAt = o.runs[k]!;
    if (l.firstTouchAt !== null && l.firstTouchAt * 1000 <= runAt) continue; // answered by then
    if (l.closedAt !== null && l.closedAt * 1000 <= runAt) continue; // closed by then
    out.push({
      leadId: Number(id),
      deadline,
      runAt,
      held: k > 0 && o.quiet(o.runs[k - 1]!),
      managerEmail: managerEmailAt(o.seed, o.scenario, runAt, Number(id)),
    });
  }
  return out.sort((a, b) => a.deadline - b.deadline);
}

/** Lead ids linked in a mail body (…/leads/detail/<id>). */
export function leadIdsIn(m: SentMail): number[] {
  return [...m.body.matchAll(/\/leads\/detail\/(\d+)/g)].map((x) => Number(x[1]));
}

export const isBreachMail = (m: SentMail) => m.subject.startsWith("SLA нарушен");
export const isEndOfDayMail = (m: SentMail) => m.subject.startsWith("Конец дня");

/** Open deals (not won/lost, not deleted) with no open task, as of `t`: the end-of-day list. */
export function openWithoutNextStepAt(seed: number, scenario: string, t: number): number[] {
  const { leads, tasks } = accountAt(seed, scenario, t);
  const withOpenTask = new Set(
    tasks
      .filter((x) => x["entity_type"] === "leads" && x["is_completed"] === false)
      .map((x) => x["entity_id"]),
  );
  return leads
    .filter((l) => !l["is_deleted"] && l["status_id"] !== 142 && l["status_id"] !== 143)
    .filter((l) => !withOpenTask.has(l["id"]))
    .map((l) => Number(l["id"]))
    .sort((a, b) => a - b);
}
