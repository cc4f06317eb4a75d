/**
 * PHP-style query strings as amoCRM reads them [DOC] (amocrm-api.md §3.4): nested brackets,
 * `[]` and `[0]` both make lists, brackets URL-encoded or not. `[]` and `[i]` both become an object
 * with numeric keys, so readers treat the two forms alike.
 */
export type QueryValue = string | QueryObject;
export interface QueryObject {
  [key: string]: QueryValue;
}

export function decodeComponent(part: string): string {
  const spaced = part.replace(/\+/g, " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** `filter[a][b][]` → ["filter", "a", "b", ""]; a malformed key stays one plain name. */
function keyPath(key: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match) return [key];
  const path = [match[1]!];
  for (const m of match[2]!.matchAll(/\[([^[\]]*)\]/g)) path.push(m[1]!);
  return path;
}

function nextIndex(obj: QueryObject): string {
  let max = -1;
  for (const k of Object.keys(obj)) if (/^\d+$/.test(k)) max = Math.max(max, Number(k));
  return String(max + 1);
}

/** Parses the raw query (without `?`); a later key overrides an earlier one, as in PHP. */
export function parseQuery(raw: string): QueryObject {
  const root: QueryObject = {};
  for (const part of raw.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const key = decodeComponent(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? "" : decodeComponent(part.slice(eq + 1));
    const path = keyPath(key);
    let node = root;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i] === "" ? nextIndex(node) : path[i]!;
      if (i === path.length - 1) {
        node[seg] = value;
      } else {
        const child = node[seg];
        if (typeof child === "object") {
          node = child;
        } else {
          const fresh: QueryObject = {};
          node[seg] = fresh;
          node = fresh;
        }
      }
    }
  }
  return root;
}

/** The first-level value of a parameter, e.g. `field(q, "filter")`. */
export function field(obj: QueryValue | undefined, key: string): QueryValue | undefined {
  return typeof obj === "object" ? obj[key] : undefined;
}

/** A bad filter value: answered as 400 with `validation-errors` (path like `filter.id.0`). */
export class FilterError extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}

/**
 * Every string under a value: a scalar, or the leaves of `[]`/`[i]` lists. `comma` also splits
 * `a,b` (the events endpoint's legacy form [SDK]).
 */
export function readStrings(value: QueryValue, path: string, comma: boolean): string[] {
  const out: string[] = [];
  const visit = (v: QueryValue, p: string) => {
    if (typeof v === "string") {
      for (const s of comma ? v.split(",") : [v]) if (s.trim() !== "" || !comma) out.push(s.trim());
    } else {
      for (const [k, child] of Object.entries(v)) {
        if (typeof child === "object")
          throw new FilterError(`${p}.${k}`, "InvalidType", "This value should be a scalar.");
        visit(child, `${p}.${k}`);
      }
    }
  };
  visit(value, path);
  return out;
}

export function parseIntStrict(text: string, path: string): number {
  if (!/^-?\d+$/.test(text.trim()))
    throw new FilterError(path, "InvalidType", "This value should be of type int.");
  return Number(text);
}

export function readInts(value: QueryValue, path: string, comma: boolean): number[] {
  return readStrings(value, path, comma).map((s) => parseIntStrict(s, path));
}

/** `with=a,b` is one comma-separated string [DOC]; `with[]=a` is accepted too. */
export function readWith(query: QueryObject): Set<string> {
  const value = query["with"];
  if (value === undefined) return new Set();
  try {
    return new Set(readStrings(value, "with", true).filter((s) => s !== ""));
  } catch {
    return new Set();
  }
}

export type SortDirection = "asc" | "desc";

/**
 * `order[field]=asc|desc` [DOC] (§3.5). Only the fields the endpoint documents are honoured; anything
 * else is ignored so a client cannot come to rely on an undocumented order [BELIEF].
 */
export function readOrder(
  query: QueryObject,
  allowed: readonly string[],
): { field: string; dir: SortDirection } | null {
  const order = query["order"];
  if (typeof order !== "object") return null;
  for (const [key, value] of Object.entries(order)) {
    if (!allowed.includes(key) || typeof value !== "string") continue;
    const dir = value.toLowerCase();
    if (dir === "asc" || dir === "desc") return { field: key, dir };
  }
  return null;
}
