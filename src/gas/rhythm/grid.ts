/**
 * A sheet's content as one grid of cells, written in one block: values (one setValues), number
 * formats, backgrounds and bold in one call each — never a call per cell [apps-script.md: batch
 * reads and writes].
 *
 * Text is always literal: Range.setValues parses strings as typed (USER_ENTERED) [DOC], so every
 * text goes through the project's cell encoding (src/sheets/cells.ts: sanitised, then
 * apostrophe-prefixed; Sheets stores the text without the apostrophe). The only formulas are deal
 * links built here from our own account address and a numeric id (linkCell).
 */
import { sanitizeText, toEnteredCell } from "../../sheets/cells";

export type Cell =
  | { kind: "text"; text: string }
  | { kind: "number"; value: number; format?: string }
  | { kind: "date"; value: number }
  | { kind: "formula"; formula: string }
  | null;

export interface Style {
  bold?: boolean;
  background?: string;
}

export const FORMAT = {
  /** What Sheets reports for a cell left on Automatic [seen: Range.getNumberFormat()]. */
  automatic: "0.###############",
  share: "0.0%",
  minutes: "0.0",
  count: "0.0",
  money: "#,##0",
  integer: "0",
  date: "dd.mm.yyyy",
  dateTime: "dd.mm.yyyy hh:mm",
} as const;

export const COLORS = { breach: "#f4c7c3", ok: "#d9ead3", header: "#efefef", title: null } as const;

export const text = (s: string): Cell => ({ kind: "text", text: s });
export const numberCell = (v: number | null | undefined, format?: string): Cell =>
  v === null || v === undefined || !Number.isFinite(v)
    ? null
    : format
      ? { kind: "number", value: v, format }
      : { kind: "number", value: v };
export const dateCell = (ms: number | null | undefined): Cell =>
  ms === null || ms === undefined || !Number.isFinite(ms) ? null : { kind: "date", value: ms };

/** An amoCRM account address we normalised ourselves (src/core/account-url.ts): scheme, host, port only. */
const SAFE_BASE = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/;

/**
 * A link to the deal: =HYPERLINK("<base>/leads/detail/<id>", "<id>"), built only from the account
 * address (checked to hold nothing but a scheme, host and port — no quote can reach the formula)
 * and the numeric id; the deal's name, CRM text, goes in a text cell next to it. Without a usable
 * address the id is written as a number. Formulas set from a script use the English syntax with
 * commas whatever the spreadsheet's locale [ASSUMED: Google's docs show only English examples].
 */
export function linkCell(accountBaseUrl: string | null, id: number): Cell {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const base = accountBaseUrl?.replace(/\/+$/, "") ?? "";
  if (!SAFE_BASE.test(base)) return { kind: "number", value: id, format: FORMAT.integer };
  return { kind: "formula", formula: `=HYPERLINK("${base}/leads/detail/${id}", "${id}")` };
}

export class Grid {
  readonly rows: Cell[][] = [];
  readonly styles: (Style | undefined)[][] = [];

  /** Appends a row; returns its 1-based row number. */
  add(cells: Cell[], style?: Style): number {
    this.rows.push(cells);
    this.styles.push(cells.map(() => style));
    return this.rows.length;
  }

  blank(): void {
    this.add([]);
  }

  /** Styles one cell (1-based row, 0-based column). */
  style(row: number, column: number, style: Style): void {
    const r = this.styles[row - 1]!;
    r[column] = { ...r[column], ...style };
  }

  get width(): number {
    // A loop, not Math.max(...rows): a year of history for 50 managers is ~160k rows, past the
    // engine's argument limit ("Maximum call stack size exceeded").
    let w = 1;
    for (const r of this.rows) if (r.length > w) w = r.length;
    return w;
  }

  /** Clears the sheet and writes the grid from A1. */
  writeTo(sheet: GoogleAppsScript.Spreadsheet.Sheet): void {
    sheet.clear();
    this.writeAt(sheet, 1, 1);
  }

  /** Writes the grid with its top-left cell at (row, column), leaving the rest of the sheet alone. */
  writeAt(sheet: GoogleAppsScript.Spreadsheet.Sheet, top: number, left: number, width = this.width): void {
    const height = this.rows.length;
    if (height === 0) return;
    ensureSize(sheet, top + height - 1, left + width - 1);
    const values: (string | number | boolean | Date)[][] = [];
    const formats: string[][] = [];
    const backgrounds: (string | null)[][] = [];
    const weights: ("bold" | "normal")[][] = [];
    for (let r = 0; r < height; r++) {
      const row = this.rows[r]!;
      const vs: (string | number | boolean | Date)[] = [];
      const fs: string[] = [];
      const bs: (string | null)[] = [];
      const ws: ("bold" | "normal")[] = [];
      for (let c = 0; c < width; c++) {
        const cell = row[c] ?? null;
        const style = this.styles[r]![c];
        vs.push(cellValue(cell));
        fs.push(formatOf(cell));
        bs.push(style?.background ?? null);
        ws.push(style?.bold ? "bold" : "normal");
      }
      values.push(vs);
      formats.push(fs);
      backgrounds.push(bs);
      weights.push(ws);
    }
    const range = sheet.getRange(top, left, height, width);
    // Formats first: a date or percent cell then shows right from the start.
    range.setNumberFormats(formats);
    range.setValues(values);
    // Unstyled grids (the history's long table) skip two calls of height × width cells each.
    if (this.styles.some((r) => r.some((s) => s !== undefined))) {
      range.setBackgrounds(backgrounds);
      range.setFontWeights(weights);
    }
  }
}

function cellValue(cell: Cell): string | number | boolean | Date {
  if (cell === null) return "";
  switch (cell.kind) {
    case "text":
      return toEnteredCell(sanitizeText(cell.text));
    case "number":
      return cell.value;
    case "date":
      return new Date(cell.value);
    case "formula":
      return cell.formula;
  }
}

function formatOf(cell: Cell): string {
  if (cell === null) return FORMAT.automatic;
  if (cell.kind === "number") return cell.format ?? FORMAT.automatic;
  if (cell.kind === "date") return FORMAT.dateTime;
  return FORMAT.automatic;
}

/** Grows the sheet's grid to at least rows × columns. */
export function ensureSize(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns < columns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}
