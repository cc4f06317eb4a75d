/**
 * Filter arguments (manager, source, segment, pipeline: a name or an id, or a range of them) →
 * the engine's SliceFilters, checked against the values present in `data`. A value that names
 * nothing there is an error rather than an empty result: a typo must not read as "zero".
 */
import type { Locale } from "../../core/i18n";
import type { SliceFilters } from "../../core/metrics/types";
import { normalizeHeader } from "../tables";
import { parseFilterValues } from "./args";
import { KpiArgumentError, quoteValue, tk } from "./messages";

/** What `data` holds, to resolve names: every manager id with its name when known, etc. */
export interface FilterBook {
  managerIds: ReadonlySet<number>;
  managers: ReadonlyMap<number, string>;
  pipelines: ReadonlyMap<number, string>;
  /** Source and segment values as the engine keys them ("(none)" for none). */
  sources: ReadonlySet<string>;
  segments: ReadonlySet<string>;
  /**
   * The names of these managers only (labels of a result's rows), when the book can find them
   * cheaper than `managers` (which knows every manager's).
   */
  namesOf?(ids: readonly number[]): ReadonlyMap<number, string>;
}

export interface FilterArgs {
  manager?: unknown;
  source?: unknown;
  segment?: unknown;
  pipeline?: unknown;
}

/** Names compare like headers: case, ё/е and runs of spaces do not matter. */
const norm = normalizeHeader;

function asId(v: string | number): number | null {
  if (typeof v === "number") return Number.isInteger(v) ? v : null;
  return /^\d+$/.test(v) ? Number(v) : null;
}

function byName<K>(entries: Iterable<[K, string]>, wanted: string): K[] {
  const n = norm(wanted);
  const out: K[] = [];
  for (const [k, name] of entries) if (norm(name) === n) out.push(k);
  return out;
}

export function resolveFilters(args: FilterArgs, book: FilterBook, locale: Locale): SliceFilters | undefined {
  const filters: SliceFilters = {};
  const managers = parseFilterValues(args.manager, "manager", locale);
  if (managers) {
    filters.managerIds = unique(
      managers.flatMap((v) => {
        const id = asId(v);
        if (id !== null && book.managerIds.has(id)) return [id];
        const found = typeof v === "string" ? byName(book.managers, v) : [];
        if (found.length === 0) throw unknown(locale, "err.unknownManager", v);
        return found;
      }),
    );
  }
  const pipelines = parseFilterValues(args.pipeline, "pipeline", locale);
  if (pipelines) {
    filters.pipelineIds = unique(
      pipelines.flatMap((v) => {
        const id = asId(v);
        if (id !== null && book.pipelines.has(id)) return [id];
        const found = typeof v === "string" ? byName(book.pipelines, v) : [];
        if (found.length === 0) throw unknown(locale, "err.unknownPipeline", v);
        return found;
      }),
    );
  }
  const sources = parseFilterValues(args.source, "source", locale);
  if (sources) filters.sources = textValues(sources, book.sources, locale, "err.unknownSource");
  const segments = parseFilterValues(args.segment, "segment", locale);
  if (segments) filters.segments = textValues(segments, book.segments, locale, "err.unknownSegment");
  return Object.keys(filters).length > 0 ? filters : undefined;
}

function textValues(
  wanted: (string | number)[],
  known: ReadonlySet<string>,
  locale: Locale,
  err: "err.unknownSource" | "err.unknownSegment",
): string[] {
  const entries = [...known].map((k) => [k, k] as [string, string]);
  return unique(
    wanted.flatMap((v) => {
      const found = byName(entries, String(v));
      if (found.length === 0) throw unknown(locale, err, v);
      return found;
    }),
  );
}

function unknown(
  locale: Locale,
  id: "err.unknownManager" | "err.unknownSource" | "err.unknownSegment" | "err.unknownPipeline",
  v: unknown,
): KpiArgumentError {
  return new KpiArgumentError(tk(locale, id, { value: quoteValue(v) }));
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
