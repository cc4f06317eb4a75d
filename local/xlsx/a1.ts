/**
 * A1 references for the Excel side: column letters, absolute references with a quoted sheet name,
 * string literals inside formulas.
 */

export function columnLetters(col: number): string {
  let s = "";
  let n = col;
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "B2" (relative). */
export function cellA1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

/** "B2" for one cell, else "B2:D9" (relative). */
export function rangeA1(r1: number, c1: number, r2: number, c2: number): string {
  const a = cellA1(r1, c1);
  return r1 === r2 && c1 === c2 ? a : `${a}:${cellA1(r2, c2)}`;
}

/** "$B$2" or "$B$2:$D$9". */
export function absoluteA1(r1: number, c1: number, r2: number, c2: number): string {
  const a = `$${columnLetters(c1)}$${r1}`;
  return r1 === r2 && c1 === c2 ? a : `${a}:$${columnLetters(c2)}$${r2}`;
}

/** A sheet name as a formula prefix: always quoted ('It''s'!), which Excel accepts for any name. */
export function sheetPrefix(name: string): string {
  return `'${name.replace(/'/g, "''")}'!`;
}

/** A text constant inside an Excel formula: "say ""hi""". */
export function formulaString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The top-left cell of an A1 range such as "B2:D9" or "B2" (the sheet prefix is dropped). */
export function topLeftOf(a1: string): string {
  const part = a1.slice(a1.lastIndexOf("!") + 1).split(":")[0] ?? "A1";
  return part.replace(/\$/g, "");
}
