/**
 * The templates as data: the board's formulas and rules, the rules' breach logic against
 * isDeviation (the engine's rule), the Settings sheet's threshold cells, the board's filters as
 * the engine's slice.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCalendar } from "../../src/core/calendar";
import { isDeviation } from "../../src/core/metrics/deviation";
import { getMetric } from "../../src/core/metrics/registry";
import { NONE, type Stage } from "../../src/core/model";
import { defaultSettings } from "../../src/core/settings";
import { BOARD, boardRules, boardTemplate, departmentRow } from "../../src/sheets/templates/board";
import { matrixFormula } from "../../src/sheets/templates/matrix";
import { effectiveRule, ruleFormula, ruleMatches } from "../../src/sheets/templates/rules";
import {
  settingsTemplate,
  thresholdCell,
  thresholdsFromCells,
} from "../../src/sheets/templates/settings-sheet";
import { nextDate, sliceOf, worstStage } from "../../src/sheets/templates/snapshot";

const managers = [
  { id: 11, name: "Анна" },
  { id: 12, name: '=HYPERLINK("http://x")' },
];
const board = boardTemplate({
  locale: "ru",
  managers,
  lists: { sources: ["Сайт"], segments: ["SMB"], pipelines: ["Продажи"] },
  period: { from: new Date(0), to: new Date(0) },
});

function formulaAt(row: number, col: number): string | undefined {
  for (const b of board.formulas) {
    const r = row - b.row;
    const c = col - b.col;
    if (r >= 0 && r < b.formulas.length && c >= 0 && c < b.formulas[0]!.length) return b.formulas[r]![c];
  }
  return undefined;
}

describe("the board template", () => {
  it("has ONE KPI_MATRIX (ids TRUE) in the hidden helper area; metric cells look it up by the row's id", () => {
    // The helper spill: header row at L6, label in L, the nine metrics in M:U, the id in V.
    expect(formulaAt(6, 12)).toBe(
      '=KPI_MATRIX(amo_daily,$A$4,$B$4,"",$C$4,$D$4,$E$4,amo_last_sync,"","","",TRUE)',
    );
    const kpiCalls = board.formulas.flatMap((b) => b.formulas.flat()).filter((f) => /KPI_/.test(f));
    expect(kpiCalls).toHaveLength(1);
    // first_response is the 1st metric (column M), win_rate the 7th (S); the id column V
    expect(formulaAt(8, 2)).toBe('=IF(ISBLANK($M$6),$L$6,IFERROR(INDEX($M:$M,MATCH($J8,$V:$V,0)),""))');
    expect(formulaAt(9, 3)).toBe('=IF(ISBLANK($M$6),$L$6,IFERROR(INDEX($N:$N,MATCH($J9,$V:$V,0)),""))');
    expect(formulaAt(8, 4)).toBe('=IF(ISBLANK($M$6),$L$6,IFERROR(INDEX($O:$O,MATCH($J8,$V:$V,0)),""))');
    expect(formulaAt(8, 5)).toBe('=IF(ISBLANK($M$6),$L$6,IFERROR(INDEX($P:$P,MATCH($J8,$V:$V,0)),""))');
    expect(formulaAt(9, 9)).toBe('=IF(ISBLANK($M$6),$L$6,IFERROR(INDEX($S:$S,MATCH($J9,$V:$V,0)),""))');
    // The department row: the spill's last row = row 5 + the number of labels in L.
    expect(departmentRow(2)).toBe(10);
    expect(formulaAt(10, 9)).toBe("=IF(ISBLANK($M$6),$L$6,INDEX($S:$S,COUNTA($L:$L)+5))");
    // Columns F–H (stale) are server values, not formulas.
    for (const col of [6, 7, 8]) expect(formulaAt(8, col)).toBeUndefined();
    expect(formulaAt(4, 6)).toBe("=amo_last_sync");
    // The helper columns are hidden and owned by the build; the grid leaves room for its spill.
    expect(board.hiddenColumns).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22]);
    expect(board.managed).toEqual({ row: 1, col: 1, rows: 206, cols: 22 });
    expect(board.rows).toBe(206);
  });

  it("links the norm row to the Settings sheet's threshold cells", () => {
    expect(thresholdCell("firstResponseMinutes")).toEqual({ row: 5, col: 2 });
    expect(formulaAt(7, 2)).toBe("='Настройки'!$B$5");
    expect(formulaAt(7, 3)).toBe("='Настройки'!$B$6");
    expect(formulaAt(7, 4)).toBe("='Настройки'!$B$7");
    expect(formulaAt(7, 5)).toBe("='Настройки'!$B$8");
    expect(formulaAt(7, 7)).toBe("='Настройки'!$B$11");
    expect(formulaAt(7, 9)).toBe("='Настройки'!$B$12");
    // and those cells hold the defaults of kpi.md
    const settings = settingsTemplate(defaultSettings(), "ru", []);
    const block = settings.values.find((b) => b.row === 5)!;
    expect(block.values.map((r) => r[1])).toEqual([30, 0.85, 0.85, 0.05, 8, 12, 0.1, 0, 0]);
    expect(settings.namedRanges).toEqual([
      { name: "amo_last_sync", rect: { row: 20, col: 2, rows: 1, cols: 1 } },
    ]);
  });

  it("writes manager names as values (the writer keeps them literal), ids in the hidden column", () => {
    const names = board.values.find((b) => b.row === 8 && b.col === 1)!.values;
    expect(names).toEqual([["Анна"], ['=HYPERLINK("http://x")'], ["Отдел"]]);
    expect(board.hiddenColumns).toContain(BOARD.col.managerId);
    expect(board.inputs.map((i) => [i.row, i.col])).toEqual([
      [4, 1],
      [4, 2],
      [4, 3],
      [4, 4],
      [4, 5],
    ]);
    expect(board.validations.map((v) => v.rule)).toEqual([
      { kind: "date" },
      { kind: "date" },
      { kind: "list", values: ["Сайт"] },
      { kind: "list", values: ["SMB"] },
      { kind: "list", values: ["Продажи"] },
    ]);
  });

  it("has one breach rule and one 'fine' rule per column, breach first, reading same-sheet norm cells", () => {
    const rules = boardRules(2);
    expect(rules.map(ruleFormula)).toEqual([
      "=AND(ISNUMBER($B8),$B8-$B$7>1E-9)",
      "=AND(ISNUMBER($C8),$C$7-$C8>1E-9)",
      "=AND(ISNUMBER($D8),$D$7-$D8>1E-9)",
      "=AND(ISNUMBER($E8),$E8-$E$7>1E-9)",
      "=AND(ISNUMBER($G8),$G8-$G$7>1E-9)",
      "=AND(ISNUMBER($I8),ISNUMBER($I$10),$I$10-$I8>$I$7/100+1E-9)",
      "=ISNUMBER($B8)",
      "=ISNUMBER($C8)",
      "=ISNUMBER($D8)",
      "=ISNUMBER($E8)",
      "=ISNUMBER($G8)",
      "=ISNUMBER($I8)",
    ]);
    // The stale rule colours the three stale columns by the share.
    expect(rules[4]!.range).toEqual({ row: 8, col: 6, rows: 3, cols: 3 });
    expect(matrixFormula("ru")).toBe(
      "=KPI_MATRIX(amo_daily,'Доска'!$A$4,'Доска'!$B$4,\"\",'Доска'!$C$4,'Доска'!$D$4,'Доска'!$E$4,amo_last_sync)",
    );
  });
});

describe("rules follow isDeviation", () => {
  const settings = defaultSettings();
  // A sheet of three cells: the value (row 8), the department (row 10), the norm (row 7).
  const sheet =
    (col: number, value: unknown, norm: unknown, dept: unknown = "") =>
    (r: number, c: number) =>
      c !== col ? "" : r === 7 ? norm : r === 10 ? dept : r === 8 ? value : "";
  const rules = boardRules(2);
  const breach = (col: number, read: (r: number, c: number) => unknown) =>
    effectiveRule(rules, 8, col, read)?.background === rules[0]!.background;

  it("by hand: bounds inclusive, no data never red, the department gap in pp", () => {
    expect(breach(3, sheet(3, 0.85, 0.85))).toBe(false); // SLA exactly at the norm
    expect(breach(3, sheet(3, 0.849, 0.85))).toBe(true);
    expect(breach(3, sheet(3, "", 0.85))).toBe(false); // "" = no data
    expect(effectiveRule(rules, 8, 3, sheet(3, "", 0.85))).toBeNull(); // not green either
    expect(breach(2, sheet(2, 30.5, 30))).toBe(true); // first response above 30 min
    expect(breach(9, sheet(9, 0.3, 0, 0.35))).toBe(true); // win rate 5 pp below the department
    expect(breach(9, sheet(9, 0.3, 5, 0.35))).toBe(false); // … allowed gap 5 pp
    expect(breach(9, sheet(9, 0.3, 4.9, 0.35))).toBe(true);
    expect(breach(9, sheet(9, 0.3, 0, ""))).toBe(false); // no department value
    expect(breach(7, sheet(7, 0.11, 0.1))).toBe(true); // stale share
    expect(breach(6, sheet(7, 0.11, 0.1))).toBe(true); // … colours the count column too
  });

  it("for any value and threshold, as the engine decides", () => {
    const share = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(share, share, share, fc.integer({ min: 0, max: 20 }), (v, t, d, gap) => {
        const s = {
          ...settings,
          thresholds: { ...settings.thresholds, slaShare: t, overdueShare: t, winRateGapPp: gap },
        };
        expect(breach(3, sheet(3, v, t))).toBe(isDeviation(getMetric("sla_share"), s, v));
        expect(breach(5, sheet(5, v, t))).toBe(isDeviation(getMetric("overdue_share"), s, v));
        expect(breach(9, sheet(9, v, gap, d))).toBe(isDeviation(getMetric("win_rate"), s, v, d));
      }),
      { numRuns: 300 },
    );
  });

  it("only inside the rule's range", () => {
    expect(ruleMatches(rules[1]!, 6, 3, () => 0)).toBe(false); // the header row
    expect(ruleMatches(rules[1]!, 11, 3, () => 0)).toBe(false); // below the department row
  });
});

describe("threshold cells read back", () => {
  const current = defaultSettings().thresholds;
  it("adopts valid numbers and names the refused cells", () => {
    const cells = [25, "abc", 0.9, 1.5, 8, 12, 0.2, 3, ""];
    const { thresholds, errors } = thresholdsFromCells(cells, current);
    expect(thresholds).toEqual({
      ...current,
      firstResponseMinutes: 25,
      nextStepCoverage: 0.9,
      staleShare: 0.2,
      winRateGapPp: 3,
    });
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBe('B6: expected a number, got "abc"');
    expect(errors[1]).toMatch(/^B8: /);
  });
});

describe("the board's filters as the engine's slice", () => {
  const cal = createCalendar({ ...defaultSettings().calendar, timezone: "Europe/Moscow" });
  const stages: Stage[] = [
    { pipelineId: 7, statusId: 1, pipelineName: "Продажи", name: "Новый", sort: 10, kind: "open" },
    { pipelineId: 8, statusId: 2, pipelineName: "Партнёры", name: "Новый", sort: 10, kind: "open" },
  ];
  it("takes `to` inclusive, in the calendar's zone", () => {
    const s = sliceOf(
      { from: "2026-10-01", to: "2026-10-31", source: "", segment: "", pipeline: "" },
      cal,
      stages,
    );
    expect(s.from).toBe(Date.UTC(2026, 8, 30, 21));
    expect(s.to).toBe(Date.UTC(2026, 9, 31, 21));
    expect(s.filters).toEqual({});
    expect(nextDate("2026-12-31")).toBe("2027-01-01");
  });
  it("maps names to ids and '(нет)' to the engine's (none)", () => {
    const s = sliceOf(
      { from: null, to: null, source: "(нет)", segment: "SMB", pipeline: "продажи" },
      cal,
      stages,
    );
    expect(s.filters).toEqual({ sources: [NONE], segments: ["SMB"], pipelineIds: [7] });
    expect(s.from).toBe(Number.NEGATIVE_INFINITY);
    expect(
      sliceOf({ from: null, to: null, source: "", segment: "", pipeline: "8" }, cal, stages).filters,
    ).toEqual({
      pipelineIds: [8],
    });
    expect(
      sliceOf({ from: null, to: null, source: "", segment: "", pipeline: "Нет такой" }, cal, stages).filters,
    ).toEqual({ pipelineIds: [-1] });
  });
  it("names the worst stale stage: the most stale deals, then the higher share", () => {
    const r = (n: number, d: number) => ({ value: n / d, numerator: n, denominator: d, leadIds: [] });
    expect(worstStage({ a: r(1, 1), b: r(2, 8), c: r(1, 2) })).toBe("b");
    expect(worstStage({ a: r(2, 4), b: r(2, 8) })).toBe("a");
    expect(worstStage({ a: r(0, 4) })).toBeNull();
  });
});

describe("English sheets", () => {
  it("name the sheets and link the norms in English", () => {
    const en = boardTemplate({
      locale: "en",
      managers,
      lists: { sources: [], segments: [], pipelines: [] },
      period: { from: new Date(0), to: new Date(0) },
    });
    expect(en.name).toBe("Board");
    const norm = en.formulas.find((b) => b.row === 7 && b.col === 3)!;
    expect(norm.formulas).toEqual([["='Settings'!$B$6"]]);
    expect(en.values.find((b) => b.row === 8 && b.col === 1)!.values.at(-1)).toEqual(["Department"]);
    expect(settingsTemplate(defaultSettings(), "en", []).name).toBe("Settings");
    expect(matrixFormula("en")).toMatch(/^=KPI_MATRIX\(amo_daily,'Board'!\$A\$4,/);
  });
});
