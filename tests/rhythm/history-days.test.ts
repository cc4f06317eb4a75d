/** Which days a history write covers (history-sheet.ts daysToWrite). */
import { describe, expect, it } from "vitest";
import type { HistoryRow } from "../../src/core/rhythm";
import { daysToWrite } from "../../src/gas/rhythm/history-sheet";

const row = (day: string): HistoryRow => ({
  day,
  managerId: null,
  metricId: "sla_share",
  value: null,
  numerator: 0,
  denominator: 0,
});

describe("history days to write", () => {
  it("an empty table: from the data's first day to today", () => {
    expect(daysToWrite([], "2026-03-03", "2026-02-27", 366)).toEqual([
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
      "2026-03-02",
      "2026-03-03",
    ]);
  });

  it("at most maxDays back", () => {
    expect(daysToWrite([], "2026-03-03", "2020-01-01", 2)).toEqual(["2026-03-02", "2026-03-03"]);
  });

  it("the days after the last one in the table; today again when today is already there", () => {
    expect(daysToWrite([row("2026-02-27"), row("2026-03-01")], "2026-03-03", "2026-01-01", 366)).toEqual([
      "2026-03-02",
      "2026-03-03",
    ]);
    expect(daysToWrite([row("2026-03-03")], "2026-03-03", "2026-01-01", 366)).toEqual(["2026-03-03"]);
  });

  it("rows dated after today (a clock moved back) do not stop today's row", () => {
    expect(daysToWrite([row("2026-03-10")], "2026-03-03", "2026-03-03", 366)).toEqual(["2026-03-03"]);
  });
});
