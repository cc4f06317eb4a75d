/**
 * GasSheetPort.readColumns (the key-column read of a light sync execution): one values.batchGet for
 * all columns, unformatted with dates as serial numbers, each column padded to its sheet's last row
 * (the API leaves trailing empty cells out [DOC]); without the advanced service, one getValues per
 * column. Against stand-ins for SpreadsheetApp and the advanced service.
 */
import { afterEach, describe, expect, it } from "vitest";
import { GasSheetPort } from "../../src/gas/sheet-port";

function install(advanced: boolean) {
  const calls: { what: string; args: unknown[] }[] = [];
  const lastRows: Record<string, number> = { amo_leads: 6, "it's": 3, amo_touches: 1 };
  const sheet = (name: string) => ({
    getName: () => name,
    getLastRow: () => lastRows[name]!,
    getRange: (r: number, c: number, nr: number, nc: number) => ({
      getValues: () => {
        calls.push({ what: "getValues", args: [name, r, c, nr, nc] });
        return Array.from({ length: nr }, (_, i) => [`${name}:${r + i}`]);
      },
    }),
  });
  const ss = {
    getId: () => "SSID",
    getSpreadsheetTimeZone: () => "UTC",
    getSheetByName: (n: string) => (n in lastRows ? sheet(n) : null),
  };
  const g = globalThis as Record<string, unknown>;
  g.SpreadsheetApp = { getActiveSpreadsheet: () => ss, flush: () => undefined };
  g.Sheets = advanced
    ? {
        Spreadsheets: {
          Values: {
            batchUpdate: () => undefined,
            batchGet: (id: string, opts: { ranges: string[] }) => {
              calls.push({ what: "batchGet", args: [id, opts] });
              // As the API answers: trailing empty cells left out, an empty range without values.
              return {
                valueRanges: opts.ranges.map((r) =>
                  r.startsWith("amo_leads") || r.startsWith("'amo_leads'")
                    ? { range: r, values: [[101, "x", 103]] }
                    : { range: r },
                ),
              };
            },
          },
        },
      }
    : undefined;
  return calls;
}

afterEach(() => {
  const g = globalThis as Record<string, unknown>;
  delete g.SpreadsheetApp;
  delete g.Sheets;
});

describe("GasSheetPort.readColumns", () => {
  it("reads every column in one batchGet, unformatted, padded to the sheet's last row", () => {
    const calls = install(true);
    const port = new GasSheetPort();
    const out = port.readColumns([
      { sheet: "amo_leads", col: 1, fromRow: 2 },
      { sheet: "it's", col: 28, fromRow: 2 },
      { sheet: "amo_touches", col: 1, fromRow: 2 },
    ]);
    expect(out).toEqual([[101, "x", 103, "", ""], ["", ""], []]);
    expect(calls).toEqual([
      {
        what: "batchGet",
        args: [
          "SSID",
          {
            ranges: ["'amo_leads'!A2:A6", "'it''s'!AB2:AB3"],
            majorDimension: "COLUMNS",
            valueRenderOption: "UNFORMATTED_VALUE",
            dateTimeRenderOption: "SERIAL_NUMBER",
          },
        ],
      },
    ]);
    expect(port.stats.readRequests).toBe(1);
    expect(port.stats.cellsRead).toBe(7);
  });

  it("without the advanced service reads column by column", () => {
    const calls = install(false);
    const port = new GasSheetPort();
    const out = port.readColumns([
      { sheet: "amo_leads", col: 2, fromRow: 2 },
      { sheet: "it's", col: 1, fromRow: 2 },
    ]);
    expect(out).toEqual([
      ["amo_leads:2", "amo_leads:3", "amo_leads:4", "amo_leads:5", "amo_leads:6"],
      ["it's:2", "it's:3"],
    ]);
    expect(calls.map((c) => c.what)).toEqual(["getValues", "getValues"]);
  });
});
