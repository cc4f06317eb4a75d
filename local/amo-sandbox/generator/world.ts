/**
 * The shared context of one generation run: scenario, calendar, team, norms and the growing plan.
 * Norms come from the project's default settings so the planted SLA uses the engine's defaults.
 */
import type { LeadClass } from "../../../src/core/model";
import { defaultSettings } from "../../../src/core/settings";
import { BusinessCalendar, hhmmToMinutes } from "./calendar";
import type { Channel, ContactPlan, LeadPlan, TaskPlan } from "./plan-types";
import type { Rng } from "./prng";
import type { ScenarioConfig } from "./scenarios";
import { scenarioMonths } from "./scenarios";
import { buildTeam, HEAD, type ManagerProfile, type Person } from "./team";

/** Moscow: UTC+03:00 all year since 2014 (no DST), so a fixed offset is exact. */
export const MOSCOW_OFFSET_SEC = 3 * 3600;
export const TIMEZONE = "Europe/Moscow";

export interface Norms {
  hotMinutes: number;
  warmMinutes: number;
  /** Cold: end of the N-th next working day (default 1). */
  coldNextWorkingDays: number;
  /** Stage control period, calendar days (default 7). */
  controlPeriodDays: number;
}

export interface World {
  config: ScenarioConfig;
  seed: number;
  cal: BusinessCalendar;
  /**
   * The instant the account is frozen at: the scenario's now while planning; generateAccount's
   * `asOf` once freezeAt has run (emitters and truth read it then).
   */
  now: number;
  /** First instant of the scenario (local midnight of firstDay). */
  start: number;
  months: string[];
  team: ManagerProfile[];
  teamById: Map<number, ManagerProfile>;
  head: Person;
  norms: Norms;
  classify: (channel: Channel) => LeadClass;
  leads: LeadPlan[];
  contacts: ContactPlan[];
  /** Tasks not on a lead (on a contact, or on nothing). */
  otherTasks: TaskPlan[];
}

export function createWorld(config: ScenarioConfig, seed: number, rng: Rng): World {
  const settings = defaultSettings();
  const cal = new BusinessCalendar({
    offsetSec: MOSCOW_OFFSET_SEC,
    workStartMin: hhmmToMinutes(settings.calendar.workStart),
    workEndMin: hhmmToMinutes(settings.calendar.workEnd),
    workingDays: settings.calendar.workingDays,
    holidays: config.holidays,
  });
  if (settings.sla.coldNextWorkingDays !== 1) throw new Error("the generator plants cold SLA for N = 1 only");
  const team = buildTeam(config, rng.fork("team"));
  // The default class rules over channel (kpi.md); the generator never sets rules over source.
  const rules = settings.classRules.filter((r) => r.field === "channel");
  const classify = (channel: Channel): LeadClass => {
    for (const r of rules) if (r.values.some((v) => v.toLowerCase() === channel)) return r.class;
    return settings.defaultClass;
  };
  return {
    config,
    seed,
    cal,
    now: cal.parseLocal(config.now),
    start: cal.parseLocal(config.firstDay),
    months: scenarioMonths(config),
    team,
    teamById: new Map(team.map((m) => [m.id, m])),
    head: HEAD,
    norms: {
      hotMinutes: settings.sla.hotMinutes,
      warmMinutes: settings.sla.warmMinutes,
      coldNextWorkingDays: settings.sla.coldNextWorkingDays,
      controlPeriodDays: settings.defaultControlPeriodDays,
    },
    classify,
    leads: [],
    contacts: [],
    otherTasks: [],
  };
}

export function manager(world: World, id: number): ManagerProfile {
  const m = world.teamById.get(id);
  if (!m) throw new Error(`unknown manager ${id}`);
  return m;
}

/** The responsible user of a lead at instant t (reassignment moves it). */
export function responsibleAt(lead: LeadPlan, t: number): number {
  return lead.reassign && t >= lead.reassign.at ? lead.reassign.to : lead.managerAtCreation;
}

/** The responsible user after every planned reassignment. */
export function finalResponsible(lead: LeadPlan): number {
  return lead.reassign ? lead.reassign.to : lead.managerAtCreation;
}
