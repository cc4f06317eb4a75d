/** The settings the numbers are measured against, as flat entries a sheet can list. */
import type { Settings } from "../settings";

export interface SettingEntry {
  /** Dotted path in Settings, e.g. "sla.hotMinutes"; the sheet labels it. */
  key: string;
  value: string | number | boolean;
}

export function settingsInForce(s: Settings): SettingEntry[] {
  const t = s.thresholds;
  const list = (v: readonly (string | number)[]) => (v.length === 0 ? "" : v.join(", "));
  return [
    { key: "sla.hotMinutes", value: s.sla.hotMinutes },
    { key: "sla.warmMinutes", value: s.sla.warmMinutes },
    { key: "sla.coldNextWorkingDays", value: s.sla.coldNextWorkingDays },
    { key: "thresholds.firstResponseMinutes", value: t.firstResponseMinutes },
    { key: "thresholds.slaShare", value: t.slaShare },
    { key: "thresholds.nextStepCoverage", value: t.nextStepCoverage },
    { key: "thresholds.overdueShare", value: t.overdueShare },
    { key: "thresholds.touchesPerWonMin", value: t.touchesPerWonMin },
    { key: "thresholds.touchesPerWonMax", value: t.touchesPerWonMax },
    { key: "thresholds.staleShare", value: t.staleShare },
    { key: "thresholds.winRateGapPp", value: t.winRateGapPp },
    { key: "thresholds.stageConversionGapPp", value: t.stageConversionGapPp },
    { key: "defaultControlPeriodDays", value: s.defaultControlPeriodDays },
    ...Object.entries(s.controlPeriodDays)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([stage, days]) => ({ key: `controlPeriodDays.${stage}`, value: days })),
    { key: "calendar.timezone", value: s.calendar.timezone },
    { key: "calendar.workingDays", value: list(s.calendar.workingDays) },
    { key: "calendar.hours", value: `${s.calendar.workStart}–${s.calendar.workEnd}` },
    { key: "calendar.holidays", value: s.calendar.holidays.length },
    { key: "pipelineIds", value: list(s.pipelineIds) },
    { key: "maxLossReasons", value: s.maxLossReasons },
    { key: "junkStageWords", value: list(s.junkStageWords) },
  ];
}
