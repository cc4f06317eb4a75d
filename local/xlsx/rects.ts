/**
 * Grouping cells that share a key (the same data-validation rule) into rectangles, so each rule
 * is written once per rectangle rather than once per cell.
 */

export interface Rect {
  key: string;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/**
 * Greedy rectangles over one block of rows: scan row by row, grow right, then down while the whole
 * span matches. `keys[y][x]` is the key of cell (top + y, 1 + x); undefined means none.
 */
export function rectsOf(keys: (string | undefined)[][], top: number): Rect[] {
  const done = keys.map((row) => row.map(() => false));
  const out: Rect[] = [];
  for (let y = 0; y < keys.length; y++) {
    const row = keys[y]!;
    for (let x = 0; x < row.length; x++) {
      const key = row[x];
      if (key === undefined || done[y]![x]) continue;
      let w = 1;
      while (x + w < row.length && row[x + w] === key && !done[y]![x + w]) w++;
      let h = 1;
      const spanMatches = (yy: number) => {
        for (let k = 0; k < w; k++) if (keys[yy]![x + k] !== key || done[yy]![x + k]) return false;
        return true;
      };
      while (y + h < keys.length && spanMatches(y + h)) h++;
      for (let yy = y; yy < y + h; yy++) for (let k = 0; k < w; k++) done[yy]![x + k] = true;
      out.push({ key, r1: top + y, c1: x + 1, r2: top + y + h - 1, c2: x + w });
    }
  }
  return out;
}

/** Joins rectangles of the same key and columns that touch vertically (across blocks). */
export function mergeVertically(rects: Rect[]): Rect[] {
  const sorted = [...rects].sort(
    (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.c1 - b.c1 || a.c2 - b.c2 || a.r1 - b.r1,
  );
  const out: Rect[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.key === r.key && last.c1 === r.c1 && last.c2 === r.c2 && last.r2 + 1 === r.r1) {
      last.r2 = r.r2;
    } else out.push({ ...r });
  }
  return out.sort((a, b) => a.r1 - b.r1 || a.c1 - b.c1);
}
