/**
 * Cell formats: number format, bold/italic/underline/strike, font colour, family and size,
 * background, horizontal/vertical alignment, wrap, notes. Read a block at a time with the Range
 * grid getters (getNumberFormats, getBackgrounds, getFontWeights, ...).
 *
 * Apps Script's defaults (white background, black Arial 10, normal weight, Automatic format) are
 * "no format". Every written cell gets Google's Arial 10 so the workbook looks like the sheet.
 */
import type { Alignment, Font, Style } from "exceljs";
import { toArgb } from "./color";
import { type MissingMembers, optionalMethod } from "./host";
import { excelNumberFormat } from "./number-format";

type GRange = GoogleAppsScript.Spreadsheet.Range;

const DEFAULT_FONT = "Arial";
const DEFAULT_SIZE = 10;

export interface StyleGrids {
  numberFormats: string[][];
  backgrounds: string[][];
  fontWeights: string[][];
  fontFamilies: string[][];
  fontSizes: number[][];
  horizontal: string[][];
  wraps: boolean[][];
  notes: string[][];
  /** Grids the host may not implement. */
  fontColors: string[][] | undefined;
  fontStyles: string[][] | undefined;
  fontLines: string[][] | undefined;
  vertical: string[][] | undefined;
}

function hexOfColorObject(c: unknown): string {
  if (!c || typeof c !== "object") return "";
  const rgb = optionalMethod(c, "asRgbColor")?.();
  const hex = rgb && typeof rgb === "object" ? optionalMethod(rgb, "asHexString")?.() : undefined;
  return typeof hex === "string" ? hex : "";
}

function optionalGrid<T>(
  range: GRange,
  method: string,
  lost: string,
  missing: MissingMembers,
): T[][] | undefined {
  const f = optionalMethod(range, method);
  if (!f) {
    missing.note(`Range.${method}`, lost);
    return undefined;
  }
  return f() as T[][];
}

function fontColors(range: GRange, missing: MissingMembers): string[][] | undefined {
  const strings = optionalMethod(range, "getFontColors");
  if (strings) return strings() as string[][];
  const objects = optionalMethod(range, "getFontColorObjects");
  if (objects) return (objects() as unknown[][]).map((row) => row.map(hexOfColorObject));
  missing.note("Range.getFontColors (and getFontColorObjects)", "font colours");
  return undefined;
}

export function readStyleGrids(range: GRange, missing: MissingMembers): StyleGrids {
  return {
    numberFormats: range.getNumberFormats(),
    backgrounds: range.getBackgrounds(),
    fontWeights: range.getFontWeights() as unknown as string[][],
    fontFamilies: range.getFontFamilies(),
    fontSizes: range.getFontSizes(),
    horizontal: range.getHorizontalAlignments(),
    wraps: range.getWraps(),
    notes: range.getNotes(),
    fontColors: fontColors(range, missing),
    fontStyles: optionalGrid<string>(range, "getFontStyles", "italics", missing),
    fontLines: optionalGrid<string>(range, "getFontLines", "underline and strikethrough", missing),
    vertical: optionalGrid<string>(range, "getVerticalAlignments", "vertical alignment", missing),
  };
}

export interface CellFormat {
  /** Style for exceljs (always has a font). */
  style: Partial<Style>;
  /** Anything beyond Google's defaults: an empty cell is written only when this is true. */
  formatted: boolean;
  note: string | undefined;
}

function horizontal(h: string | undefined): Alignment["horizontal"] | undefined {
  switch ((h ?? "").toLowerCase()) {
    case "left":
      return "left";
    case "center":
    case "centre":
      return "center";
    case "right":
      return "right";
    default:
      return undefined;
  }
}

function vertical(v: string | undefined): Alignment["vertical"] | undefined {
  switch ((v ?? "").toLowerCase()) {
    case "top":
      return "top";
    case "middle":
      return "middle";
    default:
      return undefined;
  }
}

/** The format of cell (y, x) of the block (0-based offsets). */
export function cellFormat(g: StyleGrids, y: number, x: number): CellFormat {
  const style: Partial<Style> = {};
  let formatted = false;

  const numFmt = excelNumberFormat(g.numberFormats[y]?.[x]);
  if (numFmt !== undefined) {
    style.numFmt = numFmt;
    formatted = true;
  }

  const family = g.fontFamilies[y]?.[x] || DEFAULT_FONT;
  const size = g.fontSizes[y]?.[x] || DEFAULT_SIZE;
  const font: Partial<Font> = { name: family, size };
  if (family !== DEFAULT_FONT || size !== DEFAULT_SIZE) formatted = true;
  if (g.fontWeights[y]?.[x] === "bold") {
    font.bold = true;
    formatted = true;
  }
  if (g.fontStyles?.[y]?.[x] === "italic") {
    font.italic = true;
    formatted = true;
  }
  const line = g.fontLines?.[y]?.[x];
  if (line === "underline") {
    font.underline = true;
    formatted = true;
  } else if (line === "line-through") {
    font.strike = true;
    formatted = true;
  }
  const color = toArgb(g.fontColors?.[y]?.[x]);
  if (color && color !== "FF000000") {
    font.color = { argb: color };
    formatted = true;
  }
  style.font = font;

  const bg = toArgb(g.backgrounds[y]?.[x]);
  if (bg && bg !== "FFFFFFFF") {
    style.fill = { type: "pattern", pattern: "solid", fgColor: { argb: bg }, bgColor: { argb: bg } };
    formatted = true;
  }

  const alignment: Partial<Alignment> = {};
  const h = horizontal(g.horizontal[y]?.[x]);
  if (h) alignment.horizontal = h;
  const v = vertical(g.vertical?.[y]?.[x]);
  if (v) alignment.vertical = v;
  if (g.wraps[y]?.[x] === true) alignment.wrapText = true;
  if (Object.keys(alignment).length > 0) {
    style.alignment = alignment;
    formatted = true;
  }

  const note = g.notes[y]?.[x] || undefined;
  return { style, formatted: formatted || note !== undefined, note };
}

/** Apps Script column widths are pixels; Excel's are characters of the default font's digit width. */
export function pixelsToColumnWidth(px: number): number {
  return Math.max(0, Math.round(((px - 5) / 7) * 100) / 100);
}

/** Apps Script row heights are pixels; Excel's are points. */
export function pixelsToPoints(px: number): number {
  return Math.round(px * 0.75 * 100) / 100;
}
