/** Named ranges → Excel defined names ('Sheet'!$A$1:$B$9). */
import type { Workbook } from "exceljs";
import { absoluteA1, sheetPrefix } from "./a1";
import type { Skipped } from "./types";

/** Why Excel would refuse a name that Google accepted, or undefined when it is fine. */
export function excelNameProblem(name: string): string | undefined {
  if (!/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name)) return "not a valid Excel name";
  if (name.length > 255) return "longer than 255 characters";
  if (/^[rc]$/i.test(name)) return 'Excel reserves "R" and "C"';
  if (/^(r\d*c\d*|r\d+|c\d+)$/i.test(name)) return "looks like an R1C1 reference to Excel";
  const a1 = /^([a-z]{1,3})(\d+)$/i.exec(name);
  if (a1) {
    const col = [...a1[1]!.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    if (col <= 16_384 && Number(a1[2]) <= 1_048_576) return "looks like a cell reference to Excel";
  }
  return undefined;
}

export function writeNamedRanges(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  wb: Workbook,
  sheetNames: Map<string, string>,
  skipped: Skipped[],
): number {
  let written = 0;
  for (const nr of ss.getNamedRanges()) {
    const name = nr.getName();
    const range = nr.getRange();
    const sheet = range.getSheet().getName();
    const ref = absoluteA1(range.getRow(), range.getColumn(), range.getLastRow(), range.getLastColumn());
    const problem = excelNameProblem(name);
    if (problem) {
      skipped.push({ kind: "named-range", sheet, where: name, reason: problem });
      continue;
    }
    wb.definedNames.add(sheetPrefix(sheetNames.get(sheet) ?? sheet) + ref, name);
    written++;
  }
  return written;
}
