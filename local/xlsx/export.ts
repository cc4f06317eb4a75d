/**
 * exportXlsx: writes a spreadsheet to an .xlsx file with exceljs, reading it only through the
 * Apps Script API (so it works on the local runtime's fake Spreadsheet): every sheet in order,
 * values and formulas (with their computed values), formats, layout, conditional formats, data
 * validation and named ranges. What cannot be carried over is listed in the result's `unsupported`.
 * See README.md in this folder for the mapping.
 */
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import ExcelJS from "exceljs";
import { toArgb } from "./color";
import { MissingMembers } from "./host";
import { writeNamedRanges } from "./names";
import { writeSheet } from "./sheet";
import { excelSheetNames, renamedOnly } from "./sheet-names";
import type { ExportOptions, ExportResult, Skipped } from "./types";

export type { ExportOptions, ExportResult, SkipKind, Skipped } from "./types";

const DEFAULT_CHUNK_ROWS = 2000;

/** The tab Excel opens on: the active sheet, unless it is hidden (Excel's active tab must be visible). */
function activeTab(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheets: GoogleAppsScript.Spreadsheet.Sheet[],
): number {
  const active = ss.getActiveSheet()?.getSheetId();
  const index = sheets.findIndex((s) => s.getSheetId() === active);
  if (index >= 0 && !sheets[index]!.isSheetHidden()) return index;
  return Math.max(
    0,
    sheets.findIndex((s) => !s.isSheetHidden()),
  );
}

export async function exportXlsx(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  file: string,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "amo-kpi-sheets";
  const unsupported: Skipped[] = [];
  const missing = new MissingMembers();
  const sheets = ss.getSheets();
  const names = excelSheetNames(sheets.map((s) => s.getName()));
  const renames = renamedOnly(names);
  for (const [from, to] of renames) {
    unsupported.push({
      kind: "sheet-name",
      sheet: from,
      reason: `renamed to "${to}" (Excel's sheet-name rules); references to it in formulas were rewritten`,
    });
  }
  const ctx = {
    tz: ss.getSpreadsheetTimeZone(),
    renames,
    chunkRows: Math.max(1, Math.floor(options.chunkRows ?? DEFAULT_CHUNK_ROWS)),
    missing,
    skipped: unsupported,
  };

  let cells = 0;
  let rules = 0;
  let validations = 0;
  for (const sheet of sheets) {
    const tab = toArgb(sheet.getTabColor());
    const ws = wb.addWorksheet(names.get(sheet.getName())!, {
      state: sheet.isSheetHidden() ? "hidden" : "visible",
      ...(tab ? { properties: { tabColor: { argb: tab } } } : {}),
    });
    const counts = writeSheet(sheet, ws, ctx);
    cells += counts.cells;
    rules += counts.rules;
    validations += counts.validations;
  }
  const namesWritten = writeNamedRanges(ss, wb, names, unsupported);
  wb.views = [
    {
      x: 0,
      y: 0,
      width: 12000,
      height: 24000,
      firstSheet: 0,
      activeTab: activeTab(ss, sheets),
      visibility: "visible",
    },
  ];

  for (const [member, lost] of missing.lost) {
    unsupported.push({
      kind: "runtime",
      reason: `${member} is not implemented by the spreadsheet host, so ${lost} are not exported`,
    });
  }

  await mkdir(dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);
  return { sheets: sheets.length, cells, rules, validations, names: namesWritten, unsupported };
}
