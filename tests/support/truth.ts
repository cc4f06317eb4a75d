/**
 * Helpers to compare the engine's numbers with the generator's planted truth
 * (local/amo-sandbox/generator/truth-types.ts): the settings the truth holds under, month
 * boundaries in the account's timezone, and a field-by-field comparison with readable diffs.
 */
import type { PlantedTruth, Ratio } from "../../local/amo-sandbox/generator/truth-types";
import { createCalendar } from "../../src/core/calendar";
import type { WorkCalendar } from "../../src/core/calendar-types";
import type { MetricResult } from "../../src/core/metrics/types";
import { defaultSettings, type Settings } from "../../src/core/settings";

export function truthSettings(truth: PlantedTruth): Settings {
  const s = defaultSettings();
  return {
    ...s,
    sourceFieldId: truth.settings.sourceFieldId,
    segmentFieldId: truth.settings.segmentFieldId,
    channelFieldId: truth.settings.channelFieldId,
    pipelineIds: truth.settings.pipelineIds,
    calendar: { ...s.calendar, ...truth.settings.calendar },
  };
}

export function truthCalendar(truth: PlantedTruth): WorkCalendar {
  return createCalendar(truthSettings(truth).calendar);
}

/** [from, to) of a "YYYY-MM" month in the calendar's timezone. */
export function monthRange(cal: WorkCalendar, month: string): { from: number; to: number } {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return { from: cal.startOfLocalDate(`${month}-01`), to: cal.startOfLocalDate(`${next}-01`) };
}

/** Differences between an engine result and a truth ratio, as readable lines ([] when equal). */
export function diffRatio(where: string, got: MetricResult | undefined, want: Ratio, tol = 1e-9): string[] {
  const g = got ?? { numerator: 0, denominator: 0, value: null };
  const out: string[] = [];
  const near = (a: number | null, b: number | null) =>
    a === null || b === null ? a === b : Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
  if (!near(g.numerator, want.numerator)) out.push(`${where} numerator ${g.numerator} ≠ ${want.numerator}`);
  if (!near(g.denominator, want.denominator))
    out.push(`${where} denominator ${g.denominator} ≠ ${want.denominator}`);
  if (!near(g.value, want.value)) out.push(`${where} value ${g.value} ≠ ${want.value}`);
  return out;
}
