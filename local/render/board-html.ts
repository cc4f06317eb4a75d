/**
 * One sheet of a spreadsheet as a standalone HTML page that looks like Google Sheets shows it:
 * display values (number formats applied by getDisplayValues), the cell's background, font colour,
 * bold and italic with conditional formats applied on top (when the host can evaluate them),
 * alignment (Sheets' "general": numbers right, text left), column widths and row heights, hidden
 * rows and columns left out, frozen rows and columns marked, merged cells when the host has them.
 * It reads the sheet only through the Apps Script API, like local/xlsx.
 */

import type { EffectiveFormat } from "../gas-runtime/index";
import { columnLetters } from "../gas-runtime/spreadsheet/a1";

export interface RenderSource {
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  /** The format after conditional formats (the runtime's effectiveFormat); without it, the cells' own. */
  effectiveFormat?: (sheetName: string, a1: string) => EffectiveFormat;
}

export interface RenderOptions {
  /** Rows and columns drawn at most (a raw table would make a useless picture); default 200 × 40. */
  maxRows?: number;
  maxColumns?: number;
  /** Show the A, B, C… and 1, 2, 3… headers; default true. */
  gridHeaders?: boolean;
  /** Page title; default "<spreadsheet> — <sheet>". */
  title?: string;
}

export interface RenderedSheet {
  html: string;
  rows: number;
  columns: number;
  /** Whether conditional formats were applied (the host could evaluate them). */
  conditionalFormats: boolean;
  /** Cells whose background or font a conditional rule changed. */
  highlighted: number;
}

type Fn = (...args: unknown[]) => unknown;

function optional<T>(obj: object, name: string, ...args: unknown[]): T | undefined {
  const f = (obj as Record<string, unknown>)[name];
  return typeof f === "function" ? ((f as Fn).apply(obj, args) as T) : undefined;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** A colour Sheets reported, safe to put in a style attribute ("#rrggbb", "red"); else undefined. */
function cssColor(c: unknown): string | undefined {
  if (typeof c !== "string") return undefined;
  return /^#[0-9a-f]{3,8}$/i.test(c) || /^[a-z]+$/i.test(c) ? c : undefined;
}

function align(h: string | undefined, value: unknown): string {
  const a = (h ?? "general").toLowerCase().replace(/^general-/, "");
  if (a === "left" || a === "center" || a === "right") return a;
  if (typeof value === "number" || value instanceof Date) return "right";
  if (typeof value === "boolean") return "center";
  return "left";
}

interface Merge {
  rowSpan: number;
  colSpan: number;
}

function merges(range: GoogleAppsScript.Spreadsheet.Range): {
  starts: Map<string, Merge>;
  covered: Set<string>;
} {
  const starts = new Map<string, Merge>();
  const covered = new Set<string>();
  const list = optional<GoogleAppsScript.Spreadsheet.Range[]>(range, "getMergedRanges") ?? [];
  for (const m of list) {
    const [r, c, nr, nc] = [m.getRow(), m.getColumn(), m.getNumRows(), m.getNumColumns()];
    starts.set(`${r}:${c}`, { rowSpan: nr, colSpan: nc });
    for (let y = 0; y < nr; y++) for (let x = 0; x < nc; x++) if (y || x) covered.add(`${r + y}:${c + x}`);
  }
  return { starts, covered };
}

export function renderSheetHtml(src: RenderSource, sheetName: string, o: RenderOptions = {}): RenderedSheet {
  const ss = src.spreadsheet;
  const sheet = ss.getSheetByName(sheetName);
  if (!sheet) {
    const names = ss.getSheets().map((s) => `"${s.getName()}"`);
    throw new Error(`render: no sheet named "${sheetName}" (the spreadsheet has ${names.join(", ")})`);
  }
  const rows = Math.max(1, Math.min(sheet.getLastRow(), o.maxRows ?? 200));
  const cols = Math.max(1, Math.min(sheet.getLastColumn(), o.maxColumns ?? 40));
  const range = sheet.getRange(1, 1, rows, cols);
  const values = range.getValues();
  const display = range.getDisplayValues();
  const backgrounds = range.getBackgrounds();
  const weights = range.getFontWeights();
  const fontColors = optional<string[][]>(range, "getFontColors");
  const fontStyles = optional<string[][]>(range, "getFontStyles");
  const hAlign = optional<string[][]>(range, "getHorizontalAlignments");
  const frozenRows = sheet.getFrozenRows();
  const frozenCols = sheet.getFrozenColumns();
  const { starts, covered } = merges(range);

  let conditional = src.effectiveFormat !== undefined;
  let highlighted = 0;
  const visibleCols: number[] = [];
  for (let c = 1; c <= cols; c++) if (!sheet.isColumnHiddenByUser(c)) visibleCols.push(c);

  const out: string[] = [];
  const colgroup = visibleCols.map((c) => `<col style="width:${sheet.getColumnWidth(c)}px">`).join("");
  const headers = o.gridHeaders ?? true;
  out.push(`<table><colgroup>${headers ? '<col style="width:46px">' : ""}${colgroup}</colgroup>`);
  if (headers) {
    out.push(
      `<tr class="hdr"><th></th>${visibleCols.map((c) => `<th>${columnLetters(c)}</th>`).join("")}</tr>`,
    );
  }
  for (let r = 1; r <= rows; r++) {
    if (sheet.isRowHiddenByUser(r) || sheet.isRowHiddenByFilter(r)) continue;
    const cells: string[] = [];
    for (const c of visibleCols) {
      const key = `${r}:${c}`;
      if (covered.has(key)) continue;
      const [y, x] = [r - 1, c - 1];
      let bg = backgrounds[y]![x]!;
      let color = fontColors?.[y]?.[x] ?? "#000000";
      let bold = weights[y]![x] === "bold";
      let italic = fontStyles?.[y]?.[x] === "italic";
      if (conditional) {
        try {
          const f = src.effectiveFormat!(sheetName, `${columnLetters(c)}${r}`);
          if (f.rule !== null) highlighted++;
          ({ background: bg, fontColor: color, bold, italic } = f);
        } catch {
          // The host cannot evaluate conditional formats (formulas off): draw the cells' own format.
          conditional = false;
        }
      }
      const style = [
        cssColor(bg) && bg !== "#ffffff" ? `background:${bg}` : "",
        cssColor(color) && color !== "#000000" ? `color:${color}` : "",
        bold ? "font-weight:bold" : "",
        italic ? "font-style:italic" : "",
        `text-align:${align(hAlign?.[y]?.[x], values[y]![x])}`,
      ].filter(Boolean);
      const classes = [r === frozenRows ? "frozen-row" : "", c === frozenCols ? "frozen-col" : ""].filter(
        Boolean,
      );
      const m = starts.get(key);
      const span = m
        ? `${m.rowSpan > 1 ? ` rowspan="${m.rowSpan}"` : ""}${m.colSpan > 1 ? ` colspan="${m.colSpan}"` : ""}`
        : "";
      const cls = classes.length ? ` class="${classes.join(" ")}"` : "";
      cells.push(`<td${span}${cls} style="${style.join(";")}">${escapeHtml(display[y]![x]!)}</td>`);
    }
    const height = sheet.getRowHeight(r);
    out.push(`<tr style="height:${height}px">${headers ? `<th>${r}</th>` : ""}${cells.join("")}</tr>`);
  }
  out.push("</table>");

  const title = o.title ?? `${ss.getName()} — ${sheetName}`;
  const html = `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
  body { margin: 0; padding: 16px; display: inline-block; font: 10pt Arial, "Liberation Sans", sans-serif; color: #000; background: #fff; }
  h1 { font-size: 13pt; font-weight: normal; margin: 0 0 8px; }
  table { border-collapse: collapse; table-layout: fixed; }
  td, th { border: 1px solid #e2e3e3; padding: 2px 4px; white-space: nowrap; overflow: hidden; text-overflow: clip; }
  th { background: #f8f9fa; color: #5f6368; font-weight: normal; text-align: center; }
  tr.hdr th { height: 20px; }
  td.frozen-row { border-bottom: 3px solid #c0c0c0; }
  td.frozen-col { border-right: 3px solid #c0c0c0; }
</style></head>
<body><h1>${escapeHtml(title)}</h1>
${out.join("\n")}
</body></html>
`;
  return { html, rows, columns: visibleCols.length, conditionalFormats: conditional, highlighted };
}
