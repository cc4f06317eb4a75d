/**
 * The team: 18 managers (50 in the "large" scenario) and a sales head, each manager with a profile
 * that says how they work in the "before" and "after" windows. Individual spreads are drawn from
 * the seed, then shifted so the load-weighted team mean is exactly the scenario's target: the story
 * is planted, not hoped for.
 */

import { GROUPS } from "./dictionaries";
import type { Rng } from "./prng";
import type { ScenarioConfig, TeamTargets } from "./scenarios";
import { storyPhase } from "./scenarios";

export interface Person {
  id: number;
  name: string;
  email: string;
  groupId: number;
}

export interface ManagerProfile extends Person {
  /** Relative share of incoming leads. */
  load: number;
  before: TeamTargets;
  after: TeamTargets;
  /** Touches per stage multiplier. */
  intensity: number;
  /** Deal size multiplier. */
  dealSize: number;
  /** Probability of answering an off-hours lead off-hours (first response 0 business minutes). */
  nightOwl: number;
}

const PEOPLE: [string, string][] = [
  ["Анна Смирнова", "a.smirnova"],
  ["Дмитрий Кузнецов", "d.kuznetsov"],
  ["Екатерина Попова", "e.popova"],
  ["Алексей Васильев", "a.vasiliev"],
  ["Мария Соколова", "m.sokolova"],
  ["Сергей Михайлов", "s.mikhailov"],
  ["Ольга Новикова", "o.novikova"],
  ["Андрей Фёдоров", "a.fedorov"],
  ["Наталья Морозова", "n.morozova"],
  ["Павел Волков", "p.volkov"],
  ["Юлия Алексеева", "y.alekseeva"],
  ["Игорь Лебедев", "i.lebedev"],
  ["Татьяна Семёнова", "t.semenova"],
  ["Максим Егоров", "m.egorov"],
  ["Елена Павлова", "e.pavlova"],
  ["Артём Козлов", "a.kozlov"],
  ["Светлана Степанова", "s.stepanova"],
  ["Николай Николаев", "n.nikolaev"],
  // Beyond 18: the "large" scenario's bigger department (the first 18 stay as they are).
  ["Виктория Кравцова", "v.kravtsova"],
  ["Роман Белов", "r.belov"],
  ["Дарья Гусева", "d.guseva"],
  ["Кирилл Титов", "k.titov"],
  ["Марина Крылова", "m.krylova"],
  ["Денис Комаров", "d.komarov"],
  ["Ксения Орехова", "k.orekhova"],
  ["Олег Тарасов", "o.tarasov"],
  ["Полина Зайцева", "p.zaitseva"],
  ["Евгений Ершов", "e.ershov"],
  ["Алина Медведева", "a.medvedeva"],
  ["Владимир Никитин", "v.nikitin"],
  ["Вера Соловьёва", "v.solovieva"],
  ["Константин Фролов", "k.frolov"],
  ["Людмила Богданова", "l.bogdanova"],
  ["Михаил Виноградов", "m.vinogradov"],
  ["Анастасия Голубева", "a.golubeva"],
  ["Иван Воробьёв", "i.vorobiev"],
  ["Надежда Макарова", "n.makarova"],
  ["Григорий Андреев", "g.andreev"],
  ["Валерия Захарова", "v.zakharova"],
  ["Станислав Борисов", "s.borisov"],
  ["Кристина Яковлева", "k.yakovleva"],
  ["Виталий Григорьев", "v.grigoriev"],
  ["Галина Романова", "g.romanova"],
  ["Антон Сорокин", "a.sorokin"],
  ["Евгения Киселёва", "e.kiseleva"],
  ["Леонид Ильин", "l.ilyin"],
  ["Оксана Гаврилова", "o.gavrilova"],
  ["Тимур Федотов", "t.fedotov"],
  ["Алёна Щербакова", "a.shcherbakova"],
  ["Василий Кудрявцев", "v.kudryavtsev"],
];

const MAIL_DOMAIN = "servis-profi.ru";

export const HEAD: Person = {
  id: 10470001,
  name: "Ирина Орлова",
  email: `i.orlova@${MAIL_DOMAIN}`,
  groupId: 0,
};

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Shift a per-manager quantity so that its load-weighted mean equals target (then clamp). */
function centre(values: number[], loads: number[], target: number, lo: number, hi: number): number[] {
  let out = values;
  // A few rounds: clamping moves the mean, the next shift corrects it.
  for (let round = 0; round < 6; round++) {
    let num = 0;
    let den = 0;
    out.forEach((v, i) => {
      num += v * (loads[i] ?? 0);
      den += loads[i] ?? 0;
    });
    const shift = target - num / den;
    out = out.map((v) => clamp(v + shift, lo, hi));
  }
  return out;
}

export function buildTeam(config: ScenarioConfig, rng: Rng): ManagerProfile[] {
  if (config.managerCount > PEOPLE.length) throw new Error(`at most ${PEOPLE.length} managers`);
  const n = config.managerCount;
  const loads = Array.from({ length: n }, () => rng.range(0.75, 1.25));
  // One "skill" draw per manager drives both windows, so strong managers stay strong.
  const skill = Array.from({ length: n }, () => rng.normal());
  const winSkill = Array.from({ length: n }, () => rng.normal());
  const discipline = Array.from({ length: n }, () => rng.normal());

  const spread = (t: TeamTargets, phase: "before" | "after"): TeamTargets[] => {
    const slaSd = phase === "before" ? 0.1 : 0.045;
    const sla = centre(
      skill.map((z) => t.sla + slaSd * z),
      loads,
      t.sla,
      0.2,
      0.985,
    );
    const win = centre(
      winSkill.map((z) => t.win + 0.045 * z),
      loads,
      t.win,
      0.08,
      0.5,
    );
    const overdue = centre(
      discipline.map((z) => t.overdue + 0.07 * z),
      loads,
      t.overdue,
      0.02,
      0.6,
    );
    const habit = centre(
      discipline.map((z) => t.habit - 0.05 * z),
      loads,
      t.habit,
      0.5,
      0.99,
    );
    const stuck = discipline.map((z) => clamp(t.stuck + 0.04 * z, 0.02, 0.4));
    const silent = skill.map((z) => clamp(t.silent - 0.05 * z, 0.03, 0.5));
    return sla.map((s, i) => ({
      sla: s,
      win: win[i] as number,
      overdue: overdue[i] as number,
      habit: habit[i] as number,
      stuck: stuck[i] as number,
      silent: silent[i] as number,
    }));
  };
  const before = spread(config.before, "before");
  const after = spread(config.after, "after");
  return PEOPLE.slice(0, n).map(([name, login], i) => ({
    id: 10470011 + i * 7,
    name,
    email: `${login}@${MAIL_DOMAIN}`,
    groupId: (GROUPS[1 + (i % 2)] as { id: number }).id,
    load: loads[i] as number,
    before: before[i] as TeamTargets,
    after: after[i] as TeamTargets,
    intensity: rng.range(0.8, 1.25),
    dealSize: rng.range(0.8, 1.25),
    nightOwl: rng.range(0, 0.15),
  }));
}

/** A manager's working habits in a given local month (transitional months are the midpoint). */
export function profileAt(config: ScenarioConfig, m: ManagerProfile, month: string): TeamTargets {
  const w = storyPhase(config, month);
  const mix = (a: number, b: number) => a + (b - a) * w;
  return {
    sla: mix(m.before.sla, m.after.sla),
    win: mix(m.before.win, m.after.win),
    overdue: mix(m.before.overdue, m.after.overdue),
    habit: mix(m.before.habit, m.after.habit),
    stuck: mix(m.before.stuck, m.after.stuck),
    silent: mix(m.before.silent, m.after.silent),
  };
}
