/**
 * A1 notation: "B2", "A1:C10", "A:A", "2:5", "A2:C" (open to the last row), "$A$1", with an
 * optional sheet prefix "Sheet1!A1" or "'My sheet'!A1" (quotes doubled inside).
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

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** One parsed reference; a missing bound means "to the edge of the sheet". */
export interface A1Ref {
  sheetName?: string;
  r1?: number;
  c1?: number;
  r2?: number;
  c2?: number;
}

const CELL = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

/** Splits "Sheet!A1:B2" into the sheet name (unquoted) and the rest; null when malformed. */
export function splitSheet(text: string): { sheetName?: string; rest: string } | null {
  const t = text.trim();
  if (t.startsWith("'")) {
    const m = /^'((?:[^']|'')+)'(?:!(.*))?$/.exec(t);
    if (!m) return null;
    return { sheetName: m[1]!.replace(/''/g, "'"), rest: m[2] ?? "" };
  }
  const bang = t.lastIndexOf("!");
  if (bang < 0) return { rest: t };
  return { sheetName: t.slice(0, bang), rest: t.slice(bang + 1) };
}

/** Parses the part after "!"; null when it is not A1 notation. */
export function parseCells(text: string): Omit<A1Ref, "sheetName"> | null {
  if (text === "") return {};
  const parts = text.split(":");
  if (parts.length > 2) return null;
  const a = CELL.exec(parts[0]!);
  if (!a || (!a[1] && !a[2])) return null;
  if (parts.length === 1) {
    // A single token must be a cell ("B2"); "B" or "2" alone is not a range in Sheets.
    if (!a[1] || !a[2]) return null;
    const c = columnNumber(a[1]);
    const r = Number(a[2]);
    return r >= 1 ? { r1: r, c1: c, r2: r, c2: c } : null;
  }
  const b = CELL.exec(parts[1]!);
  if (!b || (!b[1] && !b[2])) return null;
  const ref: Omit<A1Ref, "sheetName"> = {};
  if (a[1]) ref.c1 = columnNumber(a[1]);
  if (a[2]) ref.r1 = Number(a[2]);
  if (b[1]) ref.c2 = columnNumber(b[1]);
  if (b[2]) ref.r2 = Number(b[2]);
  // "A:B" and "1:2" are whole columns/rows; "A1:B" is open-ended downwards; "A:B2" is not valid.
  if (ref.c1 === undefined && ref.c2 !== undefined) return null;
  if (ref.r1 === undefined && ref.r2 !== undefined && ref.c1 !== undefined) return null;
  if (ref.r1 === 0 || ref.r2 === 0) return null;
  // Sheets normalises reversed corners ("B2:A1" is A1:B2).
  if (ref.r1 !== undefined && ref.r2 !== undefined && ref.r1 > ref.r2) [ref.r1, ref.r2] = [ref.r2, ref.r1];
  if (ref.c1 !== undefined && ref.c2 !== undefined && ref.c1 > ref.c2) [ref.c1, ref.c2] = [ref.c2, ref.c1];
  return ref;
}

export function parseA1(text: string): A1Ref | null {
  const split = splitSheet(text);
  if (!split) return null;
  const cells = parseCells(split.rest);
  if (!cells) return null;
  return split.sheetName === undefined ? cells : { sheetName: split.sheetName, ...cells };
}

/** "A1" for one cell, else "A1:C3"; whole rows/columns render as "A:C" / "2:5" when flagged. */
export function formatA1(
  r1: number,
  c1: number,
  r2: number,
  c2: number,
  whole: { rows?: boolean; cols?: boolean } = {},
): string {
  if (whole.rows && !whole.cols) return `${columnLetters(c1)}:${columnLetters(c2)}`;
  if (whole.cols && !whole.rows) return `${r1}:${r2}`;
  const a = `${columnLetters(c1)}${r1}`;
  return r1 === r2 && c1 === c2 ? a : `${a}:${columnLetters(c2)}${r2}`;
}

/**
 * How the Sheets API writes a sheet name in a range: bare when plain ASCII word characters,
 * otherwise quoted (Google's own messages show ['Лист1'!B242:F274] [seen]).
 */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}
