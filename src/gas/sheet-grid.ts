/**
 * A sheet's grid: its allocated rows × columns, which is what the spreadsheet's 10 M cells count
 * whether the cells hold anything or not (src/sheets/port.ts SPREADSHEET_CELL_LIMIT).
 */
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Cells allocated in the spreadsheet, leaving out the sheets `except` names by id. */
export function allocatedCells(ss: Spreadsheet, except: readonly Sheet[] = []): number {
  const skip = new Set(except.map((sh) => sh.getSheetId()));
  let n = 0;
  for (const sh of ss.getSheets()) if (!skip.has(sh.getSheetId())) n += sh.getMaxRows() * sh.getMaxColumns();
  return n;
}

/** Makes the grid exactly rows × columns (rows and columns past them are deleted, with their cells). */
export function setGridSize(sheet: Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows > rows) sheet.deleteRows(rows + 1, maxRows - rows);
  else if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns > columns) sheet.deleteColumns(columns + 1, maxColumns - columns);
  else if (maxColumns < columns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}
