import { describe, expect, it } from "vitest";
import { a1Range, columnLetter, quoteSheet } from "../../src/sheets/a1";
import type { CellValue } from "../../src/sheets/cells";
import { rowRuns, SheetCapacityError } from "../../src/sheets/port";
import { LEADS } from "../../src/sheets/tables";
import { upsertRows } from "../../src/sheets/upsert";
import { countRanges, planWrites } from "../../src/sheets/write-plan";
import { FakeSpreadsheet } from "./fake-sheet";
import { countRuns, lead, leads, rng } from "./helpers";

function grid(rows: number, cols: number, v: CellValue = 1): CellValue[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => v));
}

describe("A1 notation", () => {
  it("names columns and quotes sheets", () => {
    expect([1, 26, 27, 52, 53, 702, 703, 18278].map(columnLetter)).toEqual([
      "A",
      "Z",
      "AA",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
      "ZZZ",
    ]);
    expect(quoteSheet("it's")).toBe("'it''s'");
    expect(a1Range("amo_leads", 2, 3, 10, 2)).toBe("'amo_leads'!C2:D11");
  });
});

describe("rowRuns", () => {
  it("groups rows into contiguous runs, highest first", () => {
    expect(rowRuns([5, 3, 4, 10, 12, 11, 20, 4])).toEqual([
      { start: 20, count: 1 },
      { start: 10, count: 3 },
      { start: 3, count: 3 },
    ]);
    expect(rowRuns([])).toEqual([]);
  });

  it("has as many runs as there are gaps + 1, for random sets", () => {
    const rand = rng(1);
    for (let k = 0; k < 50; k++) {
      const rows = Array.from({ length: 1 + Math.floor(rand() * 40) }, () => 2 + Math.floor(rand() * 60));
      const runs = rowRuns(rows);
      expect(runs.length).toBe(countRuns(rows));
      expect(runs.reduce((n, r) => n + r.count, 0)).toBe(new Set(rows).size);
    }
  });
});

describe("planWrites", () => {
  it("RAW: many blocks travel in one request, strings verbatim, dates as serial numbers", () => {
    const blocks = [
      { row: 2, col: 1, values: [["=1+1", 5, true]] },
      { row: 9, col: 1, values: [[new Date(Date.UTC(2024, 0, 1, 12)), "", "'x"]] },
    ];
    const plan = planWrites("s", blocks, { path: "raw", timeZone: "UTC" });
    expect(plan).toEqual([
      {
        path: "raw",
        cells: 6,
        data: [
          { range: "'s'!A2:C2", values: [["=1+1", 5, true]] },
          { range: "'s'!A9:C9", values: [[45292.5, "", "'x"]] },
        ],
      },
    ]);
  });

  it("ENTERED: one request per block, every non-empty string apostrophe-prefixed", () => {
    const d = new Date(0);
    const plan = planWrites(
      "s",
      [
        { row: 2, col: 2, values: [["=1", 1, d, ""]] },
        { row: 5, col: 1, values: [["a"]] },
      ],
      {
        path: "entered",
        timeZone: "UTC",
      },
    );
    expect(plan).toEqual([
      { path: "entered", row: 2, col: 2, values: [["'=1", 1, d, ""]], cells: 4 },
      { path: "entered", row: 5, col: 1, values: [["'a"]], cells: 1 },
    ]);
  });

  it("cuts big blocks at row boundaries under the cell and byte caps", () => {
    const plan = planWrites("s", [{ row: 2, col: 1, values: grid(1000, 10) }], {
      path: "raw",
      timeZone: "UTC",
      maxCellsPerRequest: 2_500,
    });
    expect(plan.length).toBe(Math.ceil(1000 / 250));
    expect(plan.every((p) => p.cells <= 2_500)).toBe(true);
    expect(countRanges(plan)).toBe(4);
    const rows = plan.flatMap((p) => (p.path === "raw" ? p.data.map((d) => d.range) : []));
    expect(rows).toEqual(["'s'!A2:J251", "'s'!A252:J501", "'s'!A502:J751", "'s'!A752:J1001"]);

    const long = "ж".repeat(40_000);
    const byBytes = planWrites("s", [{ row: 2, col: 1, values: grid(50, 1, long) }], {
      path: "raw",
      timeZone: "UTC",
    });
    // ~120 KB a cell in the estimate: 16 rows fit under 2 MB.
    expect(byBytes.length).toBe(Math.ceil(50 / 16));
  });

  it("rejects ragged blocks", () => {
    expect(() =>
      planWrites("s", [{ row: 2, col: 1, values: [[1, 2], [3]] }], { path: "raw", timeZone: "UTC" }),
    ).toThrow(/not rectangular/);
  });
});

describe("the port's limits", () => {
  it("refuses to grow past the spreadsheet's cell limit before writing anything", () => {
    const fake = new FakeSpreadsheet({ cellLimit: 3_000 });
    upsertRows(fake, LEADS, leads(1, 10), { locale: "ru" });
    const before = fake.stats.rangesWritten;
    expect(() => upsertRows(fake, LEADS, leads(11, 200), { locale: "ru" })).toThrow(SheetCapacityError);
    expect(fake.stats.rangesWritten).toBe(before);
    expect(fake.column("amo_leads", "ID сделки").length).toBe(10);
  });

  it("ENTERED path: one setValues per contiguous block (100 scattered changes)", () => {
    const fake = new FakeSpreadsheet({ path: "entered" });
    upsertRows(fake, LEADS, leads(1, 5_000), { locale: "ru" });
    const rand = rng(9);
    const ids = new Set<number>();
    while (ids.size < 100) ids.add(1 + Math.floor(rand() * 5_000));
    const r = upsertRows(
      fake,
      LEADS,
      [...ids].map((id) => lead(id, 1)),
      { locale: "ru" },
    );
    const runs = countRuns([...ids].map((id) => id + 1));
    expect(r.writeCalls).toBe(runs);
    expect(r.writeRequests).toBe(runs);
    expect(fake.formulas()).toEqual([]);
  });
});
