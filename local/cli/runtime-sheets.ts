/**
 * A read-only SheetPort over the local runtime's spreadsheet (host objects, no auth or time
 * checks), so tests read the add-on's sheets with the same readers the add-on uses
 * (src/sheets readTable / datasetFromSheets).
 */
import type { CellValue } from "../../src/sheets/cells";
import { emptyStats, type SheetPort } from "../../src/sheets/port";

export function runtimeSheets(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): SheetPort {
  const sheet = (name: string) => {
    const sh = ss.getSheetByName(name);
    if (!sh) throw new Error(`no sheet ${name}`);
    return sh;
  };
  const readOnly = () => {
    throw new Error("read-only view of the runtime's spreadsheet");
  };
  return {
    timeZone: ss.getSpreadsheetTimeZone(),
    stats: emptyStats(),
    hasSheet: (name) => ss.getSheetByName(name) !== null,
    lastRow: (name) => sheet(name).getLastRow(),
    readRow: (name, row) => {
      const sh = sheet(name);
      const cols = sh.getLastColumn();
      return cols === 0 ? [] : (sh.getRange(row, 1, 1, cols).getValues()[0] as CellValue[]);
    },
    readColumn: (name, col, fromRow) => {
      const sh = sheet(name);
      const n = sh.getLastRow() - fromRow + 1;
      return n <= 0
        ? []
        : sh
            .getRange(fromRow, col, n, 1)
            .getValues()
            .map((r) => r[0] as CellValue);
    },
    readBlock: (name, row, col, numRows, numCols) =>
      sheet(name).getRange(row, col, numRows, numCols).getValues() as CellValue[][],
    resetSheet: readOnly,
    formatColumns: readOnly,
    writeBlocks: readOnly,
    deleteRows: readOnly,
    setNamedRange: readOnly,
  };
}
