/**
 * The KPI_* functions as Sheets runs them: the built bundle (build/Code.js) in the local Apps
 * Script runtime, each call a custom-function execution (AuthMode.CUSTOM_FUNCTION, read-only
 * spreadsheet, 30 s), with the ranges crossing into the script's realm as Sheets passes them.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildAll } from "../../local/build/build";
import { createRuntime, createVirtualClock, loadBuild, type Runtime } from "../../local/gas-runtime";
import { kpiMatrix } from "../../src/sheets/custom-functions";
import { leadsRange, movesRange, NOW, stagesRange, TZ, tasksRange } from "./fixture";

const FUNCTIONS: Record<string, string[]> = {
  KPI_MATRIX: ["tasks", "stage_moves", "stages", "ids"],
  KPI_FIRST_RESPONSE: [],
  KPI_SLA_SHARE: [],
  KPI_NEXT_STEP_COVERAGE: [],
  KPI_OVERDUE_SHARE: ["tasks"],
  KPI_TOUCHES_PER_WON: [],
  KPI_STAGE_CONVERSION: ["stage_moves", "stages"],
  KPI_WIN_RATE: [],
  KPI_STALE_SHARE: [],
  KPI_REVENUE: [],
};
const COMMON = ["data", "from", "to", "manager", "source", "segment", "pipeline", "last_sync"];

let out: string;
let rt: Runtime;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "amo-kpi-cf-"));
  await buildAll(out);
  rt = createRuntime({ ...loadBuild(out), clock: createVirtualClock(NOW.getTime()), timeZone: TZ });
}, 120_000);

describe("the KPI_* stubs in build/Code.js", () => {
  it("are top-level declarations with their parameters and a @customfunction JSDoc (ru + en)", () => {
    const code = readFileSync(join(out, "Code.js"), "utf8");
    for (const [name, extra] of Object.entries(FUNCTIONS)) {
      const params = [...COMMON, ...extra];
      const m = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\nfunction ${name}\\(([^)]*)\\)`).exec(code);
      expect(m, name).not.toBeNull();
      const [, doc, sig] = m!;
      expect(sig!.split(", "), name).toEqual(params);
      expect(doc, name).toContain("@customfunction");
      for (const p of params)
        expect(doc, `${name} @param ${p}`).toMatch(new RegExp(`@param \\{[^}]*\\} ${p} `));
      expect(doc, name).toMatch(/[а-яё]/i);
      expect(doc, name).toMatch(/ the /);
    }
  });
});

describe("KPI_* in the Apps Script runtime", () => {
  it("KPI_MATRIX spills the same table as the pure function (dates crossing as Date objects)", () => {
    const args = [
      leadsRange(),
      new Date(Date.parse("2026-10-01T00:00:00+03:00")),
      new Date(Date.parse("2026-10-31T00:00:00+03:00")),
      "",
      "",
      "",
      "",
      NOW,
      tasksRange(),
      movesRange(),
      stagesRange(),
    ];
    const got = rt.customFunction<unknown[][]>("KPI_MATRIX", ...args);
    const want = kpiMatrix(
      {
        data: leadsRange(),
        from: "2026-10-01",
        to: "2026-10-31",
        lastSync: NOW,
        tasks: tasksRange(),
        stageMoves: movesRange(),
        stages: stagesRange(),
      },
      { timeZone: () => TZ, now: () => NOW.getTime(), daily: null },
    );
    expect(got).toEqual(want);
    expect(got.map((r) => r[0])).toEqual(["Менеджер", "Анна Смирнова", "Борис Петров", "Отдел"]);
    const last = rt.executions[rt.executions.length - 1]!;
    expect(last).toMatchObject({ authMode: "CUSTOM_FUNCTION" });
  });

  it('each KPI_<METRIC> returns a number, "" for no data, or the #KPI text', () => {
    expect(rt.customFunction("KPI_REVENUE", leadsRange(), "2026-10-01", "2026-10-31")).toBe(1000);
    expect(rt.customFunction("KPI_WIN_RATE", leadsRange(), "2026-10-01", "2026-10-31", "Борис Петров")).toBe(
      0,
    );
    expect(rt.customFunction("KPI_SLA_SHARE", leadsRange(), "2026-01-01", "2026-01-31")).toBe("");
    expect(
      rt.customFunction(
        "KPI_OVERDUE_SHARE",
        leadsRange(),
        "2026-10-01",
        "2026-10-31",
        "",
        "",
        "",
        "",
        NOW,
        tasksRange(),
      ),
    ).toBe(0.75);
    expect(rt.customFunction("KPI_WIN_RATE", leadsRange(), "", "", "Иванов")).toBe(
      "#KPI: неизвестный менеджер «Иванов»",
    );
    // Sheets passes fewer arguments when the trailing ones are omitted.
    expect(rt.customFunction("KPI_STALE_SHARE", leadsRange())).toBe(0.5);
  });
});
