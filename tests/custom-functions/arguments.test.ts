/** Bad arguments: a short "#KPI: …" text in the cell that says what is wrong, in the headers' language. */
import { describe, expect, it } from "vitest";
import { type KpiEnv, kpiMatrix, kpiMetric } from "../../src/sheets/custom-functions";
import { LEADS } from "../../src/sheets/tables";
import { LEAD_ROWS, leadsRange, NOW, range, TZ, tasksRange } from "./fixture";

const env: KpiEnv = { timeZone: () => TZ, now: () => NOW.getTime(), daily: null };
const data = leadsRange();

describe("KPI_* argument errors", () => {
  it("data must be a range with the amo_leads headers", () => {
    expect(kpiMetric("win_rate", { data: 5 }, env)).toBe(
      "#KPI: data — передайте всю таблицу amo_leads или amo_daily с заголовками, а не одну ячейку",
    );
    expect(
      kpiMatrix(
        {
          data: [
            ["a", "b"],
            [1, 2],
          ],
        },
        env,
      ),
    ).toEqual([["#KPI: расчёт по amo_daily пока недоступен в этой версии надстройки"]]);
  });

  it("names the missing columns in the sheet's language", () => {
    const ids = LEADS.columns.map((c) => c.id).filter((id) => id !== "sla_status" && id !== "is_stale");
    expect(kpiMetric("win_rate", { data: range(LEADS, LEAD_ROWS, "ru", ids) }, env)).toBe(
      "#KPI: в data (amo_leads) нет столбцов «Статус SLA», «Зависла»",
    );
    expect(kpiMetric("win_rate", { data: range(LEADS, LEAD_ROWS, "en", ids) }, env)).toBe(
      "#KPI: data (amo_leads) lacks the columns 'SLA status', 'Stale'",
    );
  });

  it("an unknown manager, source, segment or pipeline is named", () => {
    expect(kpiMetric("win_rate", { data, manager: "Иванов" }, env)).toBe(
      "#KPI: неизвестный менеджер «Иванов»",
    );
    expect(kpiMetric("win_rate", { data, manager: 999 }, env)).toBe("#KPI: неизвестный менеджер «999»");
    expect(kpiMetric("win_rate", { data, source: "tv" }, env)).toBe("#KPI: неизвестный источник «tv»");
    expect(kpiMetric("win_rate", { data, segment: "xl" }, env)).toBe("#KPI: неизвестный сегмент «xl»");
    expect(kpiMetric("win_rate", { data, pipeline: "Партнёры" }, env)).toBe(
      "#KPI: неизвестная воронка «Партнёры»",
    );
    expect(kpiMetric("win_rate", { data: leadsRange("en"), manager: "Ivanov" }, env)).toBe(
      "#KPI: unknown manager 'Ivanov'",
    );
  });

  it("CRM or user text in a message cannot start a formula, and is cut short", () => {
    const v = kpiMetric("win_rate", { data, manager: `=IMPORTXML("http://x", "//a")${"x".repeat(80)}` }, env);
    expect(String(v).startsWith("#KPI: неизвестный менеджер «=IMPORTXML")).toBe(true);
    expect(String(v).length).toBeLessThan(90);
  });

  it("dates: a date or YYYY-MM-DD; from not after to", () => {
    expect(kpiMetric("win_rate", { data, to: "31.10.2026" }, env)).toBe(
      "#KPI: to: «31.10.2026» — нужна дата или текст ГГГГ-ММ-ДД",
    );
    expect(kpiMetric("win_rate", { data, from: "2026-02-30" }, env)).toBe(
      "#KPI: from: «2026-02-30» — нужна дата или текст ГГГГ-ММ-ДД",
    );
    expect(kpiMetric("win_rate", { data, from: 46000 }, env)).toBe(
      "#KPI: from: «46000» — нужна дата или текст ГГГГ-ММ-ДД",
    );
    expect(kpiMetric("win_rate", { data, from: "2026-10-31", to: "2026-10-01" }, env)).toBe(
      "#KPI: период пуст: from (2026-10-31) позже to (2026-10-01)",
    );
  });

  it("a filter cell holding a date or a boolean is refused", () => {
    expect(kpiMetric("win_rate", { data, manager: true }, env)).toBe(
      "#KPI: manager: «true» — нужен текст или число",
    );
  });

  it("metrics that need another raw table say which and where", () => {
    expect(kpiMetric("overdue_share", { data }, env)).toBe(
      "#KPI: для «Просроченные задачи» по amo_leads передайте amo_tasks (параметр tasks) или возьмите amo_daily",
    );
    expect(kpiMetric("stage_conversion", { data, tasks: tasksRange() }, env)).toBe(
      "#KPI: для «Конверсия по этапам» по amo_leads передайте amo_stage_moves (параметр stage_moves) или возьмите amo_daily",
    );
    expect(kpiMetric("overdue_share", { data, tasks: leadsRange() }, env)).toBe(
      "#KPI: в tasks (amo_tasks) нет столбцов «ID задачи», «Срок», «Выполнена», «Когда выполнена»",
    );
    expect(kpiMetric("overdue_share", { data, tasks: [["x"], [1]] }, env)).toBe(
      "#KPI: tasks — это не таблица amo_tasks (не найдены её заголовки)",
    );
    expect(kpiMetric("overdue_share", { data, tasks: 3 }, env)).toBe(
      "#KPI: tasks — передайте всю таблицу amo_tasks с заголовками",
    );
  });
});
