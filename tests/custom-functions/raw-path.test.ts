/**
 * KPI_* over a hand-made amo_leads (+ amo_tasks, amo_stage_moves, amo_stages): values worked out
 * by hand from tests/custom-functions/fixture.ts, filters, the period's inclusive end, locales.
 */
import { describe, expect, it } from "vitest";
import { type KpiArgs, type KpiEnv, kpiMatrix, kpiMetric } from "../../src/sheets/custom-functions";
import { LEADS } from "../../src/sheets/tables";
import { LEAD_ROWS, leadsRange, movesRange, NOW, range, stagesRange, TZ, tasksRange } from "./fixture";

const env: KpiEnv = { timeZone: () => TZ, now: () => NOW.getTime(), daily: null };
const october = { from: "2026-10-01", to: "2026-10-31" };
const full = (extra: Partial<KpiArgs> = {}): KpiArgs => ({
  data: leadsRange(),
  ...october,
  lastSync: NOW,
  tasks: tasksRange(),
  stageMoves: movesRange(),
  stages: stagesRange(),
  ...extra,
});

// Worked out by hand (see fixture.ts): first_response, sla_share, next_step_coverage, overdue_share,
// touches_per_won, stage_conversion, win_rate, stale_share, revenue.
const ANNA = [65 / 3, 2 / 3, 1, 0.5, 6, 2 / 3, 1, 0, 1000];
const BORIS = ["", "", 0, 1, "", 0, 0, 1, 0];
const DEPT = [65 / 3, 2 / 3, 0.5, 0.75, 6, 0.5, 0.5, 0.5, 1000];

function expectRow(got: (string | number)[] | undefined, want: (string | number)[]): void {
  expect(got).toBeDefined();
  expect(got!.length).toBe(want.length);
  want.forEach((w, i) => {
    if (typeof w === "number") expect(got![i] as number).toBeCloseTo(w, 12);
    else expect(got![i]).toBe(w);
  });
}

describe("KPI_MATRIX on the raw tables", () => {
  it("spills a header, one row per manager by name, the department last", () => {
    const m = kpiMatrix(full(), env);
    expect(m[0]).toEqual([
      "Менеджер",
      "Время первого ответа, мин",
      "Доля лидов в нормативе SLA",
      "Покрытие «следующим шагом»",
      "Просроченные задачи",
      "Касаний на успешную сделку",
      "Конверсия по этапам",
      "Конверсия в успешную сделку",
      "Чистота воронки (зависшие)",
      "Выручка на менеджера",
    ]);
    expect(m.map((r) => r[0])).toEqual(["Менеджер", "Анна Смирнова", "Борис Петров", "Отдел"]);
    expectRow(m[1]!.slice(1), ANNA);
    expectRow(m[2]!.slice(1), BORIS);
    expectRow(m[3]!.slice(1), DEPT);
  });

  it("without amo_tasks / amo_stage_moves says so in the header and leaves those cells empty", () => {
    const m = kpiMatrix({ data: leadsRange(), ...october, lastSync: NOW }, env);
    expect(m[0]![4]).toBe("Просроченные задачи (нужен amo_tasks)");
    expect(m[0]![6]).toBe("Конверсия по этапам (нужен amo_stage_moves)");
    expect(m[3]![4]).toBe("");
    expect(m[3]![6]).toBe("");
    // The other metrics do not depend on those tables.
    expect(m[3]![1]).toBeCloseTo(65 / 3, 12);
    const noStages = kpiMatrix({ ...full(), stages: "" }, env);
    expect(noStages[0]![6]).toBe("Конверсия по этапам (нужен amo_stages)");
  });

  it("to is inclusive: 2026-10-20 includes the deal won on the 20th, 2026-10-19 does not", () => {
    expect(kpiMetric("revenue", full({ from: "2026-10-20", to: "2026-10-20" }), env)).toBe(1000);
    expect(kpiMetric("revenue", full({ from: "2026-10-01", to: "2026-10-19" }), env)).toBe(0);
    expect(kpiMetric("win_rate", full({ from: "2026-10-01", to: "2026-10-19" }), env)).toBe(0);
  });

  it("no bounds = the whole history (lead 4 of September counts)", () => {
    const args = full({ from: "", to: "" });
    expect(kpiMetric("first_response", args, env)).toBeCloseTo(165 / 4, 12);
    expect(kpiMetric("first_response", { ...args, manager: "Борис Петров" }, env)).toBe(100);
    expect(kpiMetric("stage_conversion", args, env)).toBeCloseTo(2 / 5, 12);
  });

  it("date cells as bounds (Sheets passes Date objects) equal the texts", () => {
    const dates = full({
      from: new Date(Date.parse("2026-10-01T00:00:00+03:00")),
      to: [[new Date(Date.parse("2026-10-31T00:00:00+03:00"))]],
    });
    expect(kpiMatrix(dates, env)).toEqual(kpiMatrix(full(), env));
  });
});

describe("KPI_<METRIC> on the raw tables", () => {
  const ids = [
    "first_response",
    "sla_share",
    "next_step_coverage",
    "overdue_share",
    "touches_per_won",
    "stage_conversion",
    "win_rate",
    "stale_share",
    "revenue",
  ] as const;

  it("the department, and a manager by name, by id (number or text) and by a range of names", () => {
    ids.forEach((id, i) => {
      const dept = kpiMetric(id, full(), env);
      if (typeof DEPT[i] === "number") expect(dept, id).toBeCloseTo(DEPT[i] as number, 12);
      const boris = kpiMetric(id, full({ manager: "борис  петров" }), env);
      expect(boris, id).toBe(BORIS[i]);
      expect(kpiMetric(id, full({ manager: 20 }), env), id).toBe(BORIS[i]);
      expect(kpiMetric(id, full({ manager: "20" }), env), id).toBe(BORIS[i]);
    });
    // Both managers = the department.
    expect(kpiMetric("overdue_share", full({ manager: [["Анна Смирнова"], ["Борис Петров"]] }), env)).toBe(
      0.75,
    );
  });

  it("filters by source, segment and pipeline", () => {
    // ads: lead 2 (won, Анна) and lead 3 (lost, Борис).
    expect(kpiMetric("win_rate", full({ source: "ADS" }), env)).toBe(0.5);
    expect(kpiMetric("win_rate", full({ source: "ads", manager: "Анна Смирнова" }), env)).toBe(1);
    // site: leads 1 and 4 are open; tasks of lead 1 due in October: one on time, one late.
    expect(kpiMetric("overdue_share", full({ source: "site" }), env)).toBe(0.5);
    expect(kpiMetric("next_step_coverage", full({ segment: "enterprise" }), env)).toBe(0);
    expect(kpiMetric("revenue", full({ pipeline: "продажи" }), env)).toBe(1000);
    expect(kpiMetric("revenue", full({ pipeline: 100 }), env)).toBe(1000);
  });

  it("a snapshot metric ignores the period", () => {
    expect(kpiMetric("stale_share", full({ from: "2020-01-01", to: "2020-01-31" }), env)).toBe(0.5);
  });

  it('no data is "" (empty cell), not 0', () => {
    expect(kpiMetric("sla_share", full({ from: "2026-01-01", to: "2026-01-31" }), env)).toBe("");
    expect(kpiMetric("touches_per_won", full({ manager: "Борис Петров" }), env)).toBe("");
  });

  it("overdue_share uses the last sync as now: a task due ahead of it is pending", () => {
    // At 2026-10-20 12:00 the open task 3 (due the 20th 18:00) is still pending: Борис has only task 5.
    const early = full({ lastSync: new Date(Date.parse("2026-10-20T12:00:00+03:00")) });
    expect(kpiMetric("overdue_share", { ...early, manager: "Борис Петров" }, env)).toBe(1);
    expect(kpiMetric("overdue_share", early, env)).toBeCloseTo(2 / 3, 12);
    // Without a date in last_sync: the time of the call (env.now).
    expect(kpiMetric("overdue_share", full({ lastSync: "" }), env)).toBe(0.75);
  });

  it("finds columns by header in English, in any order, among the user's own columns", () => {
    const ids = ["note", ...LEADS.columns.map((c) => c.id).reverse()];
    const en = range(LEADS, LEAD_ROWS, "en", ids);
    expect(kpiMetric("first_response", { ...full(), data: en }, env)).toBeCloseTo(65 / 3, 12);
    const m = kpiMatrix({ ...full(), data: en }, env);
    expect(m[0]![0]).toBe("Manager");
    expect(m[0]![1]).toBe("First response time, min");
    expect(m[m.length - 1]![0]).toBe("Department");
  });

  it("a whole-column range (trailing empty rows) reads the same", () => {
    const data = [...leadsRange(), ...Array.from({ length: 50 }, () => LEADS.columns.map(() => ""))];
    expect(kpiMatrix({ ...full(), data }, env)).toEqual(kpiMatrix(full(), env));
  });
});
