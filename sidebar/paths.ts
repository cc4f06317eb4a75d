/** Reading and writing a value of a plain object by its dotted path ("calendar.workEnd", "classRules.0.values"). */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let cur: Record<string, unknown> = obj;
  for (const key of keys.slice(0, -1)) {
    const next = cur[key];
    if (next === null || typeof next !== "object") cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}

/**
 * The field that shows an error: the longest path of a field that is the error's path or one of
 * its parents ("calendar.holidays.2" → "calendar.holidays"); null when no field matches.
 */
export function fieldForError(errorPath: string, fieldPaths: readonly string[]): string | null {
  let best: string | null = null;
  for (const p of fieldPaths) {
    if (errorPath === p || errorPath.startsWith(`${p}.`)) {
      if (best === null || p.length > best.length) best = p;
    }
  }
  return best;
}
