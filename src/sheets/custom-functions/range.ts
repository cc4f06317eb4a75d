/**
 * A table argument: a 2-D array whose first row holds the headers (the named ranges amo_leads,
 * amo_tasks… are header + data). Columns are found once by header text in either language
 * (tables.ts findColumns); cells are then read column by column, never row objects per cell.
 */
import type { Locale } from "../../core/i18n";
import { type ColumnDef, findColumns, normalizeHeader, type TableDef } from "../tables";
import { KpiArgumentError, tk } from "./messages";

export interface TableArg {
  /** Data rows (the header row excluded). */
  rows: readonly (readonly unknown[])[];
  /** Column index by column id; -1 when absent. */
  index: Record<string, number>;
  /** The headers' language: the one most of our headers are written in (Russian on a tie). */
  locale: Locale;
}

/** Is `v` a range (2-D array) rather than one cell? */
export function isRange(v: unknown): v is unknown[][] {
  return Array.isArray(v) && v.length > 0 && Array.isArray(v[0]);
}

/** The header row's language: count headers that are one language's text and not the other's. */
export function headerLocale(headerCells: readonly unknown[], t: TableDef): Locale {
  let ru = 0;
  let en = 0;
  const byText = new Map<string, ColumnDef>();
  for (const c of t.columns) {
    byText.set(normalizeHeader(c.ru), c);
    byText.set(normalizeHeader(c.en), c);
  }
  for (const cell of headerCells) {
    const n = normalizeHeader(cell);
    const c = byText.get(n);
    if (!c || normalizeHeader(c.ru) === normalizeHeader(c.en)) continue;
    if (n === normalizeHeader(c.ru)) ru++;
    else en++;
  }
  return en > ru ? "en" : "ru";
}

/** How many of `t`'s columns the header row names (to tell which table a range is). */
export function matchCount(headerCells: readonly unknown[], t: TableDef): number {
  const m = findColumns(headerCells, t);
  return t.columns.length - m.missing.length;
}

/**
 * Read a table argument, requiring `required` columns; `arg` names the parameter in messages.
 * Trailing rows that are entirely empty (a named range over whole columns) are left out.
 */
export function readTableArg(
  value: unknown,
  t: TableDef,
  required: readonly string[],
  arg: string,
  locale: Locale,
): TableArg {
  if (!isRange(value)) throw new KpiArgumentError(tk(locale, "err.notTable", { arg, table: t.id }));
  const header = value[0]!;
  const m = findColumns(header, t);
  const index = m.index as Record<string, number>;
  if (required.every((id) => index[id] === -1)) {
    throw new KpiArgumentError(tk(locale, "err.wrongTable", { arg, table: t.id }));
  }
  const tableLocale = headerLocale(header, t);
  const missing = required.filter((id) => index[id] === -1);
  if (missing.length > 0) {
    const names = missing.map((id) => {
      const c = t.columns.find((x) => x.id === id)!;
      return tableLocale === "en" ? `'${c.en}'` : `«${c.ru}»`;
    });
    throw new KpiArgumentError(
      tk(locale, "err.missingColumns", { arg, table: t.id, columns: names.join(", ") }),
    );
  }
  return { rows: dataRows(value), index, locale: tableLocale };
}

/** The rows after the header, without the empty tail a whole-column range brings. */
function dataRows(value: unknown[][]): unknown[][] {
  let end = value.length;
  while (end > 1 && isEmptyRow(value[end - 1]!)) end--;
  return value.slice(1, end) as unknown[][];
}

function isEmptyRow(row: readonly unknown[]): boolean {
  for (const c of row) if (c !== "" && c !== null && c !== undefined) return false;
  return true;
}
