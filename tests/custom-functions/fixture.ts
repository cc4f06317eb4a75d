/**
 * A hand-made raw account for the KPI_* unit tests: four leads in the analysis and one outside it,
 * tasks and stage moves, as the ranges a custom function receives. The expected numbers in the
 * tests are worked out by hand from this table (docs/metrics.md definitions).
 */
import type { Locale } from "../../src/core/i18n";
import { LEADS, STAGE_MOVES, STAGES, TASKS, type TableDef } from "../../src/sheets/tables";

export const TZ = "Europe/Moscow";
/** A Moscow wall time (UTC+3, no DST) as the Date a date cell gives. */
export const msk = (iso: string) => new Date(Date.parse(`${iso}:00+03:00`));
export const NOW = msk("2026-10-31T18:00");

type Row = Record<string, unknown>;

/** Header + rows of `t` in `locale`, columns in table order (or `order`), "" for absent values. */
export function range(t: TableDef, rows: Row[], locale: Locale = "ru", order?: string[]): unknown[][] {
  const ids = order ?? t.columns.map((c) => c.id);
  const header = ids.map((id) => {
    const c = t.columns.find((x) => x.id === id);
    return c ? (locale === "en" ? c.en : c.ru) : id;
  });
  return [header, ...rows.map((r) => ids.map((id) => (r[id] === undefined || r[id] === null ? "" : r[id])))];
}

const base = { pipeline_id: 100, pipeline: "Продажи", price: 0, channel: "call" };

export const LEAD_ROWS: Row[] = [
  {
    ...base,
    lead_id: 1,
    status_id: 201,
    responsible_id: 10,
    manager: "Анна Смирнова",
    responsible_at_creation_id: 10,
    created_at: msk("2026-10-05T10:00"),
    source: "site",
    segment: "smb",
    lead_class: "hot",
    first_response_min: 5,
    answered: true,
    sla_status: "met",
    has_next_step: true,
    days_in_stage: 3,
    is_stale: false,
  },
  {
    ...base,
    lead_id: 2,
    price: 1000,
    status_id: 142,
    responsible_id: 10,
    manager: "Анна Смирнова",
    responsible_at_creation_id: 10,
    created_at: msk("2026-10-10T11:00"),
    closed_at: msk("2026-10-20T12:00"),
    source: "ads",
    segment: "smb",
    lead_class: "warm",
    first_response_min: 40,
    answered: true,
    sla_status: "breached",
    touches_to_win: 6,
    has_next_step: false,
    is_stale: false,
  },
  {
    ...base,
    lead_id: 3,
    price: 500,
    status_id: 143,
    responsible_id: 20,
    manager: "Борис Петров",
    // Created while Анна was responsible: first response and SLA are hers.
    responsible_at_creation_id: 10,
    created_at: msk("2026-10-12T09:30"),
    closed_at: msk("2026-10-15T16:00"),
    source: "ads",
    segment: "enterprise",
    lead_class: "cold",
    first_response_min: 20,
    answered: true,
    sla_status: "met",
    has_next_step: false,
    is_stale: false,
  },
  {
    ...base,
    lead_id: 4,
    status_id: 200,
    responsible_id: 20,
    manager: "Борис Петров",
    responsible_at_creation_id: 20,
    created_at: msk("2026-09-01T10:00"),
    source: "site",
    segment: "enterprise",
    lead_class: "warm",
    first_response_min: 100,
    answered: true,
    sla_status: "breached",
    has_next_step: false,
    days_in_stage: 60,
    is_stale: true,
  },
  {
    // Outside the analysis (another pipeline): the sync left its derived cells empty.
    lead_id: 5,
    pipeline_id: 999,
    pipeline: "Партнёры",
    status_id: 900,
    responsible_id: 30,
    manager: "Вера Иванова",
    created_at: msk("2026-10-06T10:00"),
    source: "site",
    price: 70,
  },
];

export const TASK_ROWS: Row[] = [
  // On time, overdue (done late), overdue (open past due), pending (due ahead), no lead and late.
  t(1, 1, 10, "2026-10-01T10:00", "2026-10-10T18:00", true, "2026-10-09T12:00"),
  t(2, 1, 10, "2026-10-01T10:00", "2026-10-11T18:00", true, "2026-10-12T12:00"),
  t(3, 2, 20, "2026-10-02T10:00", "2026-10-20T18:00", false, null),
  t(4, 1, 10, "2026-10-25T10:00", "2026-11-05T18:00", false, null),
  t(5, null, 20, "2026-10-03T10:00", "2026-10-15T18:00", true, "2026-10-16T12:00"),
  // A task of the lead outside the analysis: dropped.
  t(6, 5, 30, "2026-10-03T10:00", "2026-10-05T18:00", false, null),
];

function t(
  id: number,
  lead: number | null,
  resp: number,
  created: string,
  due: string,
  done: boolean,
  doneAt: string | null,
): Row {
  return {
    task_id: id,
    lead_id: lead,
    responsible_id: resp,
    type_id: 1,
    text: "Позвонить",
    created_at: msk(created),
    due_at: msk(due),
    is_completed: done,
    completed_at: doneAt ? msk(doneAt) : null,
  };
}

export const STAGE_ROWS: Row[] = [
  {
    stage_key: "100:200",
    pipeline_id: 100,
    pipeline: "Продажи",
    status_id: 200,
    name: "Новый",
    sort: 10,
    kind: "open",
  },
  {
    stage_key: "100:201",
    pipeline_id: 100,
    pipeline: "Продажи",
    status_id: 201,
    name: "КП",
    sort: 20,
    kind: "open",
  },
  {
    stage_key: "100:142",
    pipeline_id: 100,
    pipeline: "Продажи",
    status_id: 142,
    name: "Успех",
    sort: 10000,
    kind: "won",
  },
  {
    stage_key: "100:143",
    pipeline_id: 100,
    pipeline: "Продажи",
    status_id: 143,
    name: "Отказ",
    sort: 11000,
    kind: "lost",
  },
];

export const MOVE_ROWS: Row[] = [
  mv("m1", 1, "2026-10-06T12:00", 200, 201),
  mv("m2", 2, "2026-10-20T12:00", 200, 142),
  mv("m3", 3, "2026-10-15T16:00", 200, 143),
];

function mv(id: string, lead: number, at: string, from: number, to: number): Row {
  return {
    move_id: id,
    lead_id: lead,
    at: msk(at),
    from_pipeline_id: 100,
    from_status_id: from,
    to_pipeline_id: 100,
    to_status_id: to,
    by_user_id: 10,
  };
}

export const leadsRange = (locale: Locale = "ru") => range(LEADS, LEAD_ROWS, locale);
export const tasksRange = () => range(TASKS, TASK_ROWS);
export const movesRange = () => range(STAGE_MOVES, MOVE_ROWS);
export const stagesRange = () => range(STAGES, STAGE_ROWS);
