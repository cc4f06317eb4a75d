/**
 * The values the server writes at each sync, from the engine (the cells the custom functions
 * cannot express): the board's stale-deal columns, the Stages rows and the Sources blocks. Pure:
 * EnrichedData and the board's filter choices in, cells out.
 */
import type { WorkCalendar } from "../../core/calendar-types";
import type { EnrichedData } from "../../core/enrich";
import type { Locale } from "../../core/i18n";
import type { MetricsTable } from "../../core/metrics/aggregate";
import { computeMetricsFromEnriched } from "../../core/metrics/compute";
import type { MetricResult, SliceFilters, StageResult } from "../../core/metrics/types";
import { NONE, type Stage, stageKey } from "../../core/model";
import type { CellValue } from "../cells";
import { tt } from "./messages";

const DAY_MS = 86_400_000;

/** The board's filter cells as the user left them ("" = all; dates as "yyyy-mm-dd", `to` inclusive). */
export interface BoardFilters {
  from: string | null;
  to: string | null;
  source: string;
  segment: string;
  pipeline: string;
}

export interface Slice {
  from: number;
  to: number;
  filters: SliceFilters;
}

/** "2026-10-31" → "2026-11-01" (calendar dates, no time zone involved). */
export function nextDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** What "(none)" looks like in either language, so a user may pick it from the list. */
function dimensionValue(text: string): string {
  const t = text.trim();
  return t === tt("ru", "none") || t === tt("en", "none") ? NONE : t;
}

/**
 * The engine's slice for the board's filters: the period [from 00:00, day after `to` 00:00) in the
 * calendar's zone; a pipeline by id or by name (case-insensitive); an unknown pipeline selects
 * nothing (as an empty board, not an error: the drop-down offers only known names).
 */
export function sliceOf(f: BoardFilters, calendar: WorkCalendar, stages: readonly Stage[]): Slice {
  const filters: SliceFilters = {};
  if (f.source.trim()) filters.sources = [dimensionValue(f.source)];
  if (f.segment.trim()) filters.segments = [dimensionValue(f.segment)];
  const p = f.pipeline.trim();
  if (p) {
    const byId = /^\d+$/.test(p) ? [Number(p)] : [];
    const lower = p.toLowerCase();
    const byName = [
      ...new Set(stages.filter((s) => s.pipelineName.toLowerCase() === lower).map((s) => s.pipelineId)),
    ];
    const ids = byName.length > 0 ? byName : byId;
    filters.pipelineIds = ids.length > 0 ? ids : [-1];
  }
  return {
    from: f.from ? calendar.startOfLocalDate(f.from) : Number.NEGATIVE_INFINITY,
    to: f.to ? calendar.startOfLocalDate(nextDate(f.to)) : Number.POSITIVE_INFINITY,
    filters,
  };
}

function stageNamer(stages: readonly Stage[]): (key: string) => { pipeline: string; stage: string } {
  const byKey = new Map(stages.map((s) => [stageKey(s.pipelineId, s.statusId), s]));
  return (key) => {
    const s = byKey.get(key);
    return s ? { pipeline: s.pipelineName, stage: s.name } : { pipeline: "", stage: key };
  };
}

/**
 * The worst stage: the most stale deals (a stage with 1 deal of 1 stale is noise next to 12 of
 * 30), ties broken by the higher share, then by pipeline order.
 */
export function worstStage(byStage: Record<string, StageResult> | undefined): string | null {
  let best: { key: string; share: number; stale: number } | null = null;
  for (const [key, s] of Object.entries(byStage ?? {})) {
    if (s.numerator <= 0 || s.value === null) continue;
    if (!best || s.numerator > best.stale || (s.numerator === best.stale && s.value > best.share))
      best = { key, share: s.value, stale: s.numerator };
  }
  return best?.key ?? null;
}

function staleCells(
  r: MetricResult | undefined,
  name: (key: string) => { stage: string },
  locale: Locale,
): CellValue[] {
  if (!r || r.denominator === 0) return ["", "", ""];
  const key = worstStage(r.byStage);
  const s = key ? r.byStage![key]! : null;
  const worst = s
    ? tt(locale, "stage.worst", { stage: name(key!).stage, stale: s.numerator, open: s.denominator })
    : "";
  return [r.numerator, r.value ?? "", worst];
}

/**
 * The board's column 5 (stale deals: count, share, worst stage) for each row: a manager id, or
 * null for the department. Stale is a snapshot (the period does not apply); the source, segment
 * and pipeline filters do.
 */
export function boardStaleCells(
  data: EnrichedData,
  rows: readonly (number | null)[],
  slice: Slice,
  stages: readonly Stage[],
  locale: Locale,
): CellValue[][] {
  const table = computeMetricsFromEnriched(data, {
    from: Number.NEGATIVE_INFINITY,
    to: Number.POSITIVE_INFINITY,
    filters: slice.filters,
    groupBy: "manager",
    metrics: ["stale_share"],
  });
  const byManager = new Map(table.rows.map((r) => [r.key, r.metrics.stale_share]));
  const name = stageNamer(stages);
  return rows.map((id) => staleCells(byManager.get(id), name, locale));
}

/** Stages rows: pipeline, stage, entered, moved on, conversion, control days, open, stale, stale share. */
export function stageRows(data: EnrichedData, slice: Slice, stages: readonly Stage[]): CellValue[][] {
  const table = computeMetricsFromEnriched(data, {
    from: slice.from,
    to: slice.to,
    filters: slice.filters,
    metrics: ["stage_conversion", "stale_share"],
  });
  const dept = table.rows[0]!.metrics;
  const conv = dept.stage_conversion?.byStage ?? {};
  const stale = dept.stale_share?.byStage ?? {};
  const name = stageNamer(stages);
  const chosen = slice.filters.pipelineIds ? new Set(slice.filters.pipelineIds) : null;
  const infos = data.stages.all
    .filter((s) => s.isConversionStage || s.key in conv || s.key in stale)
    .filter((s) => chosen === null || chosen.has(s.pipelineId))
    .map((s) => s.ordinal)
    .sort(data.stages.compareOrdinals)
    .map((o) => data.stages.all[o]!);
  return infos.map((s) => {
    const c = conv[s.key];
    const st = stale[s.key];
    const n = name(s.key);
    return [
      n.pipeline,
      n.stage,
      c?.denominator ?? 0,
      c?.numerator ?? 0,
      c?.value ?? "",
      s.controlMs / DAY_MS,
      st?.denominator ?? 0,
      st?.numerator ?? 0,
      st?.value ?? "",
    ];
  });
}

function keyText(key: string | number | null, locale: Locale): string {
  if (key === null) return "";
  return key === NONE ? tt(locale, "none") : String(key);
}

function sourceRow(
  label: string,
  r: Partial<Record<string, MetricResult>>,
  groupRate: number | null,
): CellValue[] {
  const w = r["win_rate"];
  const won = w?.numerator ?? 0;
  const closed = w?.denominator ?? 0;
  return [label, won, closed - won, w?.value ?? "", r["revenue"]?.value ?? 0, groupRate ?? ""];
}

/**
 * Sources blocks, one per segment: a title row, one row per source (source, won, lost, win rate,
 * revenue, the segment's win rate), the segment's total, an empty row.
 */
export function sourceRows(data: EnrichedData, slice: Slice, locale: Locale): CellValue[][] {
  const query = { from: slice.from, to: slice.to, metrics: ["win_rate", "revenue"] as const };
  const bySegment: MetricsTable = computeMetricsFromEnriched(data, {
    ...query,
    metrics: [...query.metrics],
    filters: slice.filters,
    groupBy: "segment",
  });
  const out: CellValue[][] = [];
  for (const seg of bySegment.rows.slice(1)) {
    const filters = { ...slice.filters, segments: [seg.key as string] };
    const t = computeMetricsFromEnriched(data, {
      ...query,
      metrics: [...query.metrics],
      filters,
      groupBy: "source",
    });
    const total = t.rows[0]!.metrics;
    const rate = total.win_rate?.value ?? null;
    out.push([tt(locale, "sources.segment", { segment: keyText(seg.key, locale) }), "", "", "", "", ""]);
    for (const row of t.rows.slice(1)) out.push(sourceRow(keyText(row.key, locale), row.metrics, rate));
    out.push(sourceRow(tt(locale, "sources.total"), total, rate));
    out.push(["", "", "", "", "", ""]);
  }
  return out;
}
