/**
 * The filter forms the list endpoints share, compiled into predicates over stored API objects.
 * Endpoint-specific filters (lead statuses, event entity rules, ...) live with their endpoint.
 */
import type { ApiObject } from "./account-data";
import { FilterError, parseIntStrict, type QueryValue, readInts, readStrings } from "./query";

export type Predicate = (item: ApiObject) => boolean;

export interface Range {
  from?: number;
  to?: number;
}

/**
 * How a bare timestamp (`filter[updated_at]=TS`) is read:
 * - "after": docs of tasks/notes/events say it means "changed after TS" [DOC] (kept inclusive, >=, so
 *   an incremental sync with that cursor never loses a row [BELIEF]);
 * - "nothing": on leads the scalar form answered 204 while `{from,to}` worked [ISSUE] #358.
 */
export type ScalarRange = "after" | "nothing";

export type FieldRule =
  | { kind: "ints"; field?: string; comma?: boolean }
  | { kind: "strings"; field?: string; comma?: boolean }
  | { kind: "range"; field?: string; scalar: ScalarRange; comma?: boolean }
  | { kind: "bool"; field?: string };

/** The compiled filter; `nothing` means the request matches no object by construction (→ 204). */
export interface CompiledFilter {
  tests: Predicate[];
  nothing: boolean;
}

export function numberField(item: ApiObject, key: string): number | null {
  const v = item[key];
  return typeof v === "number" ? v : null;
}

/** `{from,to}` (either may be absent), a bare int, or with `comma` the legacy `from,to` [SDK]. */
export function readRange(value: QueryValue, path: string, comma: boolean): Range | "scalar" {
  if (typeof value === "string") {
    if (comma && value.includes(",")) {
      const [from, to] = value.split(",", 2).map((s) => s.trim());
      const range: Range = {};
      if (from) range.from = parseIntStrict(from, `${path}.from`);
      if (to) range.to = parseIntStrict(to, `${path}.to`);
      return range;
    }
    parseIntStrict(value, path);
    return "scalar";
  }
  const range: Range = {};
  for (const end of ["from", "to"] as const) {
    const v = value[end];
    if (v === undefined) continue;
    if (typeof v !== "string")
      throw new FilterError(`${path}.${end}`, "InvalidType", "This value should be of type int.");
    range[end] = parseIntStrict(v, `${path}.${end}`);
  }
  return range;
}

/** Both ends inclusive [BELIEF]; a null field (open lead's closed_at) never matches. */
export function inRange(v: number | null, range: Range): boolean {
  if (v === null) return false;
  return (range.from === undefined || v >= range.from) && (range.to === undefined || v <= range.to);
}

function readBool(value: QueryValue, path: string): boolean[] {
  return readStrings(value, path, false).map((s) => {
    if (s === "1" || s === "true") return true;
    if (s === "0" || s === "false") return false;
    throw new FilterError(path, "InvalidType", "This value should be of type bool (1 or 0).");
  });
}

/** Compiles the filters named in `rules`; unknown filter keys are ignored [BELIEF]. */
export function compileFilters(
  filter: QueryValue | undefined,
  rules: Record<string, FieldRule>,
): CompiledFilter {
  const compiled: CompiledFilter = { tests: [], nothing: false };
  if (typeof filter !== "object") return compiled;
  for (const [key, rule] of Object.entries(rules)) {
    const value = filter[key];
    if (value === undefined) continue;
    const path = `filter.${key}`;
    const name = rule.field ?? key;
    switch (rule.kind) {
      case "ints": {
        const wanted = new Set(readInts(value, path, rule.comma ?? false));
        compiled.tests.push((item) => wanted.has(numberField(item, name) ?? Number.NaN));
        break;
      }
      case "strings": {
        const wanted = new Set(readStrings(value, path, rule.comma ?? false));
        compiled.tests.push((item) => wanted.has(String(item[name])));
        break;
      }
      case "range": {
        const range = readRange(value, path, rule.comma ?? false);
        if (range === "scalar") {
          if (rule.scalar === "nothing") compiled.nothing = true;
          else {
            const from = Number(value);
            compiled.tests.push((item) => inRange(numberField(item, name), { from }));
          }
        } else {
          compiled.tests.push((item) => inRange(numberField(item, name), range));
        }
        break;
      }
      case "bool": {
        const wanted = new Set(readBool(value, path));
        compiled.tests.push((item) => wanted.has(item[name] === true));
        break;
      }
    }
  }
  return compiled;
}

export function allOf(tests: Predicate[]): Predicate {
  return (item) => tests.every((t) => t(item));
}
