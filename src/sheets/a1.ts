/** A1 notation for the advanced Sheets service (ranges are addressed by text there). */

/** 1 → "A", 26 → "Z", 27 → "AA". */
export function columnLetter(col: number): string {
  if (!Number.isInteger(col) || col < 1)
    throw new RangeError(`column must be a positive integer, got ${col}`);
  let s = "";
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A sheet name as it appears in A1 notation: always quoted, inner quotes doubled. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** 'Sheet'!B2:D10 for a rectangle given by its top-left cell (1-based) and size. */
export function a1Range(sheet: string, row: number, col: number, numRows: number, numCols: number): string {
  const from = `${columnLetter(col)}${row}`;
  const to = `${columnLetter(col + numCols - 1)}${row + numRows - 1}`;
  return `${quoteSheet(sheet)}!${from}:${to}`;
}
