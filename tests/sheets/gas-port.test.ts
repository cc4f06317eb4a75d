/**
 * The Apps Script port's wiring, against minimal stand-ins for SpreadsheetApp and the advanced
 * Sheets service that record what they are asked to do (the real services are not reachable here).
 */
import { afterEach, describe, expect, it } from "vitest";
import { GasSheetPort } from "../../src/gas/sheet-port";

interface Call {
  what: string;
  args: unknown[];
}

function stubs(opts: { advanced: boolean; maxRows?: number }) {
  const calls: Call[] = [];
  const log = (what: string, ...args: unknown[]) => calls.push({ what, args });
  let maxRows = opts.maxRows ?? 1000;
  let maxCols = 26;
  const range = (r: number, c: number, nr: number, nc: number) => ({
    setValues: (v: unknown[][]) => log("setValues", r, c, nr, nc, v),
    getValues: () => Array.from({ length: nr }, () => Array.from({ length: nc }, () => "")),
    setFontWeight: () => undefined,
    getA1Notation: () => `R${r}C${c}:${nr}x${nc}`,
    getSheet: () => sheet,
  });
  const sheet = {
    getName: () => "amo_leads",
    getSheetId: () => 77,
    getMaxRows: () => maxRows,
    getMaxColumns: () => maxCols,
    getLastRow: () => 0,
    getLastColumn: () => 0,
    getFrozenRows: () => 1,
    setFrozenRows: (n: number) => log("setFrozenRows", n),
    insertRowsAfter: (after: number, n: number) => {
      log("insertRowsAfter", after, n);
      maxRows += n;
    },
    insertColumnsAfter: (after: number, n: number) => {
      log("insertColumnsAfter", after, n);
      maxCols += n;
    },
    deleteRows: (start: number, n: number) => {
      log("deleteRows", start, n);
      maxRows -= n;
    },
    deleteColumns: (start: number, n: number) => {
      log("deleteColumns", start, n);
      maxCols -= n;
    },
    clear: () => log("clear"),
    getRange: (r: number, c: number, nr = 1, nc = 1) => range(r, c, nr, nc),
    getRangeList: (a1s: string[]) => ({ setNumberFormat: (f: string) => log("setNumberFormat", a1s, f) }),
  };
  const ss = {
    getId: () => "SSID",
    getSpreadsheetTimeZone: () => "UTC",
    getSheetByName: (n: string) => (n === "amo_leads" ? sheet : null),
    getSheets: () => [sheet],
    getNamedRanges: () => [],
    setNamedRange: (name: string) => log("setNamedRange", name),
    insertSheet: () => sheet,
  };
  const g = globalThis as Record<string, unknown>;
  g.SpreadsheetApp = { getActiveSpreadsheet: () => ss, flush: () => log("flush") };
  g.Sheets = opts.advanced
    ? {
        Spreadsheets: {
          Values: { batchUpdate: (body: unknown, id: string) => log("values.batchUpdate", body, id) },
          batchUpdate: (body: unknown, id: string) => log("spreadsheets.batchUpdate", body, id),
        },
      }
    : undefined;
  return { calls, ss };
}

afterEach(() => {
  const g = globalThis as Record<string, unknown>;
  delete g.SpreadsheetApp;
  delete g.Sheets;
});

describe("GasSheetPort", () => {
  it("writes through one RAW values.batchUpdate, after flushing the grid it grew", () => {
    const { calls } = stubs({ advanced: true });
    const port = new GasSheetPort();
    expect(port.path).toBe("raw");
    port.writeBlocks("amo_leads", [
      { row: 2, col: 1, values: [["=1+1", 5]] },
      { row: 1500, col: 1, values: [[new Date(Date.UTC(2024, 0, 1, 12)), true]] },
    ]);
    const names = calls.map((c) => c.what);
    expect(names).toEqual(["insertRowsAfter", "flush", "values.batchUpdate"]);
    expect(calls[0]!.args).toEqual([1000, 500]);
    expect(calls[2]!.args).toEqual([
      {
        valueInputOption: "RAW",
        includeValuesInResponse: false,
        data: [
          { range: "'amo_leads'!A2:B2", values: [["=1+1", 5]] },
          { range: "'amo_leads'!A1500:B1500", values: [[45292.5, true]] },
        ],
      },
      "SSID",
    ]);
    expect(port.stats).toMatchObject({ rangesWritten: 2, writeRequests: 1, cellsWritten: 4 });
  });

  it("deletes all runs in one batchUpdate, bottom-up", () => {
    const { calls } = stubs({ advanced: true });
    const port = new GasSheetPort();
    port.deleteRows("amo_leads", [3, 4, 10, 5, 20]);
    expect(calls).toEqual([
      {
        what: "spreadsheets.batchUpdate",
        args: [
          {
            requests: [
              {
                deleteDimension: { range: { sheetId: 77, dimension: "ROWS", startIndex: 19, endIndex: 20 } },
              },
              { deleteDimension: { range: { sheetId: 77, dimension: "ROWS", startIndex: 9, endIndex: 10 } } },
              { deleteDimension: { range: { sheetId: 77, dimension: "ROWS", startIndex: 2, endIndex: 5 } } },
            ],
          },
          "SSID",
        ],
      },
    ]);
    expect(port.stats.deleteRequests).toBe(1);
  });

  it("keeps a spare row when every data row goes", () => {
    const { calls } = stubs({ advanced: false, maxRows: 3 });
    const port = new GasSheetPort();
    port.deleteRows("amo_leads", [2, 3]);
    expect(calls.map((c) => [c.what, ...c.args])).toEqual([
      ["insertRowsAfter", 3, 1],
      ["deleteRows", 2, 2],
    ]);
  });

  it("without the advanced service: setValues per block, strings apostrophe-prefixed", () => {
    const { calls } = stubs({ advanced: false });
    const port = new GasSheetPort();
    expect(port.path).toBe("entered");
    port.writeBlocks("amo_leads", [
      { row: 2, col: 1, values: [["=1+1", 5]] },
      { row: 9, col: 3, values: [["-1"], [""]] },
    ]);
    expect(calls.map((c) => [c.what, ...c.args])).toEqual([
      ["setValues", 2, 1, 1, 2, [["'=1+1", 5]]],
      ["setValues", 9, 3, 2, 1, [["'-1"], [""]]],
    ]);
    expect(port.stats).toMatchObject({ rangesWritten: 2, writeRequests: 2 });
  });

  it("refuses to grow the grid past 10M cells", () => {
    stubs({ advanced: true, maxRows: 380_000 });
    const port = new GasSheetPort();
    expect(() => port.writeBlocks("amo_leads", [{ row: 390_000, col: 1, values: [[1]] }])).toThrow(
      /10000000/,
    );
  });

  it("rebuilds a sheet: frozen header first, then exact size, header and formats", () => {
    const { calls } = stubs({ advanced: true });
    const port = new GasSheetPort();
    port.resetSheet("amo_leads", {
      headers: ["ID сделки", "Создана"],
      numberFormats: ["0", "yyyy-mm-dd hh:mm"],
      rows: 3,
    });
    expect(calls.map((c) => c.what)).toEqual([
      "clear",
      "setFrozenRows",
      "deleteRows",
      "deleteColumns",
      "flush",
      "values.batchUpdate",
      "setNumberFormat",
      "setNumberFormat",
    ]);
    expect(calls[2]!.args).toEqual([4, 997]);
    expect(calls[3]!.args).toEqual([3, 24]);
    expect(calls[6]!.args).toEqual([["A2:A"], "0"]);
  });
});
