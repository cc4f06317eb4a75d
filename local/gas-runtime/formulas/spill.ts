/**
 * Spills: a 2-D result fills cells right and down from the formula cell if they are empty, else
 * the formula shows #REF! [doc: apps-script.md §4]. The spilled cells stay empty in the model; the
 * sheet index records which formula owns each of them.
 */
import { formatA1 } from "../spreadsheet/a1";
import { type FormulaCell, key, type SheetIndex } from "./state";
import { type CellValue, ERRORS } from "./values";

/** Spills a 2-D result from the formula cell, or gives #REF! when it would overwrite data [doc]. */
export function placeSpill(fc: FormulaCell, idx: SheetIndex, g: CellValue[][]): CellValue {
  const rows = g.length;
  let cols = 0;
  for (const row of g) if (row.length > cols) cols = row.length; // no spread: results may be long
  const { sheet } = fc;
  if (rows === 0 || cols === 0) return null;
  if (fc.r + rows - 1 > sheet.maxRows || fc.c + cols - 1 > sheet.maxColumns) {
    fc.blocked = { sheet, r1: fc.r, c1: fc.c, r2: fc.r + rows - 1, c2: fc.c + cols - 1 };
    const more = fc.r + rows - 1 > sheet.maxRows ? "rows" : "columns";
    const n = more === "rows" ? fc.r + rows - 1 - sheet.maxRows : fc.c + cols - 1 - sheet.maxColumns;
    return ERRORS.ref(`Result was not automatically expanded, please insert more ${more} (${n}).`);
  }
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      if (y === 0 && x === 0) continue;
      const [r, c] = [fc.r + y, fc.c + x];
      const other = idx.spills.get(key(r, c));
      if (sheet.hasContent(r, c) || (other && other !== fc)) {
        fc.blocked = { sheet, r1: fc.r, c1: fc.c, r2: fc.r + rows - 1, c2: fc.c + cols - 1 };
        idx.blocked.add(fc);
        return ERRORS.ref(
          `Array result was not expanded because it would overwrite data in ${formatA1(r, c, r, c)}.`,
        );
      }
    }
  }
  const values = g.map((row) => Array.from({ length: cols }, (_, x) => row[x] ?? null));
  fc.spill = { rows, cols, values };
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) if (y || x) idx.spills.set(key(fc.r + y, fc.c + x), fc);
  }
  return values[0]![0]!;
}

export function dropSpill(fc: FormulaCell, idx: SheetIndex): void {
  idx.blocked.delete(fc);
  fc.blocked = undefined;
  const s = fc.spill;
  if (!s) return;
  for (let y = 0; y < s.rows; y++) {
    for (let x = 0; x < s.cols; x++) {
      const k = key(fc.r + y, fc.c + x);
      if (idx.spills.get(k) === fc) idx.spills.delete(k);
    }
  }
  fc.spill = undefined;
}
