/** Every raw table of a sheet port as sorted JSON rows, and the keys found more than once. */
import type { SheetPort } from "../../src/sheets/port";
import { TABLES } from "../../src/sheets/tables";
import { readTable } from "../../src/sheets/upsert";

export interface TablesSnapshot {
  tables: Record<string, string[]>;
  duplicates: string[];
}

export function snapshotTables(port: SheetPort): TablesSnapshot {
  const tables: Record<string, string[]> = {};
  const duplicates: string[] = [];
  for (const t of TABLES) {
    const { rows } = readTable(port, t, { locale: "ru" });
    const seen = new Set<string>();
    for (const r of rows) {
      const k = String((r as Record<string, unknown>)[t.key]);
      if (seen.has(k)) duplicates.push(`${t.id}:${k}`);
      seen.add(k);
    }
    tables[t.id] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return { tables, duplicates };
}
