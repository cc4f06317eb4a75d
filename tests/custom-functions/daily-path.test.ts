/**
 * The daily path's wiring: `data` with amo_daily's headers goes to the amo_daily module
 * (injected here as a recording stand-in), with the period as days (to exclusive), the filters
 * resolved from the names in the table, and its input errors shown as "#KPI: …".
 */
import { describe, expect, it } from "vitest";
import { metricsFromDailyCells } from "../../src/core/daily/index";
import { DailyInputError } from "../../src/core/daily/messages";
import type { MetricsTable } from "../../src/core/metrics/aggregate";
import { type DailyEngine, type KpiEnv, kpiMatrix, kpiMetric } from "../../src/sheets/custom-functions";
import { DAILY } from "../../src/sheets/daily-table";
import { leadsRange, msk, NOW, range, TZ } from "./fixture";

const ROWS = [
  {
    day: "2026-10-01",
    manager_id: 10,
    manager: "Анна Смирнова",
    source: "site",
    segment: "smb",
    pipeline_id: 100,
    pipeline: "Продажи",
    won_count: 1,
  },
  {
    day: "2026-10-02",
    manager_id: 20,
    manager: "Борис Петров",
    source: "ads",
    segment: "",
    pipeline_id: 100,
    pipeline: "Продажи",
    lost_count: 1,
  },
];

function recording(table: MetricsTable | (() => never)) {
  const calls: { rows: readonly Record<string, unknown>[]; query: unknown }[] = [];
  const engine: DailyEngine = {
    table: DAILY,
    metricsFromDailyCells(cells, index, query) {
      // Back to records by column id, to assert on what the module was given.
      const rows = cells.map((r) =>
        Object.fromEntries(
          Object.entries(index)
            .filter(([, i]) => i >= 0)
            .map(([id, i]) => [id, r[i]]),
        ),
      );
      calls.push({ rows, query });
      // As the module does (src/core/daily/scan-cells.ts Days): a day that is not a text is refused.
      if (rows.some((r) => r["day"] instanceof Date)) {
        throw Object.assign(new Error("bad day"), { id: "daily.badDay", text: () => "bad day" });
      }
      return typeof table === "function" ? table() : table;
    },
  };
  const env: KpiEnv = { timeZone: () => TZ, now: () => NOW.getTime(), daily: engine };
  return { calls, env };
}

const TABLE: MetricsTable = {
  rows: [
    { key: null, metrics: { win_rate: { value: 0.5, numerator: 1, denominator: 2, leadIds: [] } } },
    { key: 20, metrics: { win_rate: { value: 0, numerator: 0, denominator: 1, leadIds: [] } } },
    { key: 10, metrics: { win_rate: { value: 1, numerator: 1, denominator: 1, leadIds: [] } } },
  ],
};

describe("KPI_* over amo_daily", () => {
  it("passes days (to exclusive), the grouping and resolved filters; labels rows by the table's names", () => {
    const { calls, env } = recording(TABLE);
    const m = kpiMatrix(
      {
        data: range(DAILY, ROWS),
        from: msk("2026-10-01T00:00"),
        to: "2026-10-31",
        source: "SITE",
        pipeline: "продажи",
      },
      env,
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]!.query).toEqual({
      from: "2026-10-01",
      to: "2026-11-01",
      groupBy: "manager",
      filters: { sources: ["site"], pipelineIds: [100] },
    });
    expect(calls[0]!.rows[1]).toMatchObject({ day: "2026-10-02", manager_id: 20, segment: "" });
    expect(m.map((r) => r[0])).toEqual(["Менеджер", "Анна Смирнова", "Борис Петров", "Отдел"]);
    expect(m[1]![7]).toBe(1); // win_rate is the 7th metric column
    expect(m[3]![7]).toBe(0.5);
    expect(m[3]![1]).toBe(""); // metrics the table did not return: no data
    // amo_daily holds every metric: no "needs amo_tasks" on this path.
    expect(m[0]![4]).toBe("Просроченные задачи");
  });

  it("ids TRUE adds an ID column last; two managers with one name stay apart, by id", () => {
    const twins = ROWS.map((r) => ({ ...r, manager: "Анна Смирнова" }));
    const { env } = recording(TABLE);
    const m = kpiMatrix({ data: range(DAILY, twins), ids: true }, env);
    expect(m.map((r) => [r[0], r[10]])).toEqual([
      ["Менеджер", "ID"],
      ["Анна Смирнова", 10],
      ["Анна Смирнова", 20],
      ["Отдел", ""],
    ]);
    expect(m.every((r) => r.length === 11)).toBe(true);
    // manager 10 won its one deal, manager 20 lost its one (TABLE): the rows follow their ids
    expect([m[1]![7], m[2]![7]]).toEqual([1, 0]);
    // FALSE or empty: the plain shape; a one-cell range as Sheets passes it counts too
    expect(kpiMatrix({ data: range(DAILY, twins), ids: false }, env)[0]).toHaveLength(10);
    expect(kpiMatrix({ data: range(DAILY, twins), ids: [[true]] }, env)[0]).toHaveLength(11);
    expect(kpiMatrix({ data: range(DAILY, twins), ids: "yes" }, env)).toEqual([
      ["#KPI: ids: «yes» — нужно ИСТИНА / TRUE (столбец ID) или пусто"],
    ]);
  });

  it("a manager whose CRM name is blank is labelled by id", () => {
    const rows = ROWS.map((r) => (r.manager_id === 20 ? { ...r, manager: "" } : r));
    const { env } = recording(TABLE);
    const m = kpiMatrix({ data: range(DAILY, rows) }, env);
    // sorted by label: Latin "ID" before Cyrillic in localeCompare
    expect(m.map((r) => r[0])).toEqual(["Менеджер", "ID 20", "Анна Смирнова", "Отдел"]);
  });

  it("single metric: a manager by name → managerIds, groupBy none; '(none)' segment is a value", () => {
    const { calls, env } = recording(TABLE);
    expect(
      kpiMetric("win_rate", { data: range(DAILY, ROWS), manager: "Борис Петров", segment: "(none)" }, env),
    ).toBe(0.5);
    // A single metric asks amo_daily for that metric only.
    expect(calls[0]!.query).toEqual({
      groupBy: "none",
      filters: { managerIds: [20], segments: ["(none)"] },
      metrics: ["win_rate"],
    });
    expect(kpiMetric("win_rate", { data: range(DAILY, ROWS), manager: "Вера" }, env)).toBe(
      "#KPI: неизвестный менеджер «Вера»",
    );
  });

  it("a day cell that Sheets turned into a date is read back as its day", () => {
    const { calls, env } = recording(TABLE);
    const rows = [{ ...ROWS[0]!, day: msk("2026-10-01T00:00") }];
    expect(kpiMatrix({ data: range(DAILY, rows) }, env)[0]![0]).toBe("Менеджер");
    // Tried as they are first (no pass over the rows in the usual case), then with the day as text.
    expect(calls.map((c) => c.rows[0]!["day"])).toEqual([msk("2026-10-01T00:00"), "2026-10-01"]);
  });

  it("with the real module, a date cell in `day` counts on its day", () => {
    const env: KpiEnv = {
      timeZone: () => TZ,
      now: () => NOW.getTime(),
      daily: { table: DAILY, metricsFromDailyCells },
    };
    const asDates = ROWS.map((r) => ({ ...r, day: msk(`${r.day}T00:00`) }));
    const winRate = (rows: Record<string, unknown>[]) =>
      kpiMetric("win_rate", { data: range(DAILY, rows), from: msk("2026-10-02T00:00") }, env);
    // From the 2nd: Boris's row only, a loss (0 %), whether the day is a text or a date.
    expect(winRate(ROWS)).toBe(0);
    expect(winRate(asDates)).toBe(0);
  });

  it("the module's input errors appear in the headers' language", () => {
    const fail = () => {
      throw new DailyInputError("daily.badNumber", { row: 2, column: "won_count", value: "abc" });
    };
    const { env } = recording(fail);
    expect(kpiMetric("win_rate", { data: range(DAILY, ROWS) }, env)).toBe(
      "#KPI: amo_daily, строка данных 2, столбец won_count: «abc» — не число",
    );
    expect(kpiMetric("win_rate", { data: range(DAILY, ROWS, "en") }, env)).toBe(
      "#KPI: amo_daily, data row 2, column won_count: 'abc' is not a number",
    );
  });

  it("amo_leads still goes the raw way when the daily module is present", () => {
    const { calls, env } = recording(TABLE);
    expect(kpiMetric("revenue", { data: leadsRange(), from: "2026-10-01", to: "2026-10-31" }, env)).toBe(
      1000,
    );
    expect(calls).toHaveLength(0);
  });
});
