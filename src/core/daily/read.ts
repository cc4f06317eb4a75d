/**
 * Reading one amo_daily row's cells as metricsFromDaily needs them, leniently where a sheet may
 * differ from what buildDailyRows wrote (an empty cell is 0 or "none", a number typed as text is
 * a number) and strictly elsewhere: a value that is neither is an error naming the row and column.
 */
import { NONE } from "../model";
import { rowSpan } from "./by-day";
import { isDayText } from "./keys";
import { DailyInputError } from "./messages";
import { DAILY_COLUMN_IDS, type DailyColumnId } from "./parts";

/** Where a row keeps each column: a property name (row objects) or an index (rows of cells). */
export type DailyColumnPositions = Readonly<Record<DailyColumnId, string | number>>;

/** Positions in row objects keyed by column id. */
export const ROW_OBJECT: DailyColumnPositions = Object.fromEntries(
  DAILY_COLUMN_IDS.map((id) => [id, id]),
) as Record<DailyColumnId, string>;

export function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === "";
}

/** A short, one-line rendering of a bad value for a message. */
function shown(v: unknown): string {
  const s = String(v).replace(/\s+/g, " ");
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** The error for a bad cell: data row `index` (0-based; messages count from 1), column `column`. */
export function cellError(
  id: "daily.badDay" | "daily.badNumber" | "daily.badPacked" | "daily.badSpan",
  column: DailyColumnId,
  index: number,
  v: unknown,
): DailyInputError {
  return new DailyInputError(id, { row: index + 1, column, value: shown(v) });
}

/**
 * A number part that is not a finite number cell (the hot loops test `typeof` themselves): empty
 * = 0, a number typed as text = that number, anything else an error.
 */
export function slowPart(v: unknown, column: DailyColumnId, index: number): number {
  if (typeof v === "number") {
    if (Number.isFinite(v)) return v;
  } else if (isEmpty(v)) return 0;
  else if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  throw cellError("daily.badNumber", column, index, v);
}

/**
 * Reads the cells of one data row at a time (`index` 0-based; messages count from 1), from a row
 * object keyed by column id or an array of cells, through `positions`.
 */
export class DailyCells {
  private cells: Readonly<Record<string | number, unknown>> = {};
  private index = 0;
  /** Days already checked (a table has a few hundred distinct ones). */
  private readonly goodDays = new Set<string>();

  constructor(private readonly positions: DailyColumnPositions) {}

  /** Point at another row (one reader for all rows: no object per row). */
  at(row: object, index: number): this {
    this.cells = row as Readonly<Record<string | number, unknown>>;
    this.index = index;
    return this;
  }

  private get(id: DailyColumnId): unknown {
    return this.cells[this.positions[id]];
  }

  /** Where column `id` is, for partAt (a hot loop looks positions up once). */
  position(id: DailyColumnId): string | number {
    return this.positions[id];
  }

  /** A part: empty = 0. */
  part(id: DailyColumnId): number {
    return this.partAt(this.positions[id], id);
  }

  /** A part at a known position (`id` names it in errors). */
  partAt(position: string | number, id: DailyColumnId): number {
    return slowPart(this.cells[position], id, this.index);
  }

  /** A number that may be empty (null). */
  optionalNumber(id: DailyColumnId): number | null {
    return isEmpty(this.get(id)) ? null : this.part(id);
  }

  /** A number that must be there. */
  number(id: DailyColumnId): number {
    const v = this.optionalNumber(id);
    if (v === null) throw new DailyInputError("daily.missing", { row: this.index + 1, column: id });
    return v;
  }

  /** A slicing text: empty = "(none)"; a number cell (a source named "2024") as its text. */
  text(id: DailyColumnId): string {
    const v = this.get(id);
    return isEmpty(v) ? NONE : String(v);
  }

  optionalText(id: DailyColumnId): string | null {
    const v = this.get(id);
    return isEmpty(v) ? null : String(v);
  }

  /** A day "yyyy-mm-dd". */
  day(id: DailyColumnId): string {
    const v = this.get(id);
    if (typeof v === "string" && this.goodDays.has(v)) return v;
    if (isDayText(v)) {
      this.goodDays.add(v);
      return v;
    }
    throw this.error("daily.badDay", id, v);
  }

  /** A packed text (packed.ts): empty = "". */
  packed(id: DailyColumnId): string {
    const v = this.get(id);
    return isEmpty(v) ? "" : String(v);
  }

  /** The error for a packed text that does not parse. */
  badPacked(id: DailyColumnId): DailyInputError {
    return this.error("daily.badPacked", id, this.get(id));
  }

  /** The row's span (by-day.ts rowSpan), given its breakdown text; no such cell: a week row's. */
  span(byDayText: string): number {
    const cell = this.get("span_days") === undefined ? undefined : this.optionalNumber("span_days");
    const span = rowSpan(cell, byDayText);
    if (Number.isNaN(span)) throw this.error("daily.badSpan", "span_days", this.get("span_days"));
    return span;
  }

  private error(
    id: "daily.badDay" | "daily.badNumber" | "daily.badPacked" | "daily.badSpan",
    column: DailyColumnId,
    v: unknown,
  ): DailyInputError {
    return cellError(id, column, this.index, v);
  }
}
