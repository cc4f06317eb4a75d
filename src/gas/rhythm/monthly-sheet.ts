/**
 * "Итоги месяца": the department month over month, managers this month vs last, loss reasons and
 * their change, deals lost without a reason (with links), and the settings in force.
 */
import type { Locale } from "../../core/i18n";
import { METRICS } from "../../core/metrics/registry";
import type { Lead, LossReason, Stage } from "../../core/model";
import type { MonthlyReview, SettingEntry } from "../../core/rhythm";
import { type Cell, COLORS, dateCell, FORMAT, Grid, linkCell, numberCell, text } from "./grid";
import { tr } from "./messages";
import { changeCell, dayText, metricCell, metricTitle, type Names } from "./sheets";

export const MAX_LOST_LISTED = 200;

export function monthlyGrid(
  review: MonthlyReview,
  locale: Locale,
  names: Names,
  dirs: { lossReasons: readonly LossReason[]; stages: readonly Stage[] },
  leadById: (id: number) => Lead | undefined,
  accountBaseUrl: string | null,
  today: string,
): Grid {
  const g = new Grid();
  const n = review.months.length;
  const month = review.months[n - 1]!;
  const prev = review.months[n - 2]!;
  g.add([text(tr(locale, "monthly.title", { month, today: dayText(today), prev }))], { bold: true });

  g.blank();
  g.add([text(tr(locale, "monthly.mom"))], { bold: true });
  g.add([text(tr(locale, "common.metric")), ...review.months.map(text), text(tr(locale, "monthly.change"))], {
    bold: true,
    background: COLORS.header,
  });
  for (const m of METRICS) {
    const values = review.department.map((row) => row.metrics[m.id]);
    const last = values[n - 1]?.value ?? null;
    const before = values[n - 2]?.value ?? null;
    g.add([
      text(metricTitle(m.id, locale)),
      ...values.map((v) => metricCell(m.id, v)),
      changeCell(m.id, last !== null && before !== null ? last - before : null),
    ]);
  }

  g.blank();
  g.add([text(tr(locale, "monthly.managers"))], { bold: true });
  const header: Cell[] = [text(tr(locale, "common.manager"))];
  for (const m of METRICS) {
    header.push(text(tr(locale, "monthly.cur", { metric: metricTitle(m.id, locale), month })));
    header.push(text(tr(locale, "monthly.cur", { metric: metricTitle(m.id, locale), month: prev })));
  }
  g.add(header, { bold: true, background: COLORS.header });
  const managers = [...review.byManager].sort((a, b) =>
    names.user(a.managerId).localeCompare(names.user(b.managerId)),
  );
  for (const row of managers) {
    const cells: Cell[] = [text(names.user(row.managerId))];
    for (const m of METRICS) {
      cells.push(metricCell(m.id, row.current[m.id]));
      cells.push(metricCell(m.id, row.previous[m.id]));
    }
    g.add(cells);
  }

  g.blank();
  g.add([text(tr(locale, "monthly.lossReasons"))], { bold: true });
  g.add(
    [
      text(tr(locale, "monthly.reason")),
      text(tr(locale, "monthly.deals", { month: prev })),
      text(tr(locale, "monthly.share", { month: prev })),
      text(tr(locale, "monthly.deals", { month })),
      text(tr(locale, "monthly.share", { month })),
      text(tr(locale, "monthly.change")),
    ],
    { bold: true, background: COLORS.header },
  );
  const reasonName = new Map(dirs.lossReasons.map((r) => [r.id, r.name]));
  for (const r of review.lossReasons) {
    g.add([
      text(
        r.reasonId === null
          ? tr(locale, "monthly.noReason")
          : (reasonName.get(r.reasonId) ?? `#${r.reasonId}`),
      ),
      numberCell(r.previous, FORMAT.integer),
      numberCell(r.previousShare, FORMAT.share),
      numberCell(r.current, FORMAT.integer),
      numberCell(r.currentShare, FORMAT.share),
      numberCell(r.change, "+0;-0;0"),
    ]);
  }

  g.blank();
  const lost = review.lostWithoutReason;
  g.add([text(tr(locale, "monthly.lostWithoutReason", { prev, month, n: lost.length }))], { bold: true });
  g.add(
    ["common.deal", "common.name", "common.manager", "common.closed"].map((k) =>
      text(tr(locale, k as "common.deal")),
    ),
    { bold: true, background: COLORS.header },
  );
  for (const id of lost.slice(0, MAX_LOST_LISTED)) {
    const lead = leadById(id);
    g.add([
      linkCell(accountBaseUrl, id),
      text(lead?.name ?? ""),
      text(lead ? names.user(lead.responsibleUserId) : ""),
      dateCell(lead?.closedAt ?? null),
    ]);
  }
  if (lost.length > MAX_LOST_LISTED)
    g.add([text(tr(locale, "common.more", { n: lost.length - MAX_LOST_LISTED }))]);

  g.blank();
  g.add([text(tr(locale, "monthly.settings"))], { bold: true });
  g.add([text(tr(locale, "monthly.setting")), text(tr(locale, "monthly.value"))], {
    bold: true,
    background: COLORS.header,
  });
  for (const e of review.settings) g.add([text(settingLabel(e, locale, dirs.stages)), settingValue(e)]);
  return g;
}

const LABELS: Record<string, { ru: string; en: string }> = {
  "sla.hotMinutes": { ru: "SLA горячего лида, раб. минут", en: "Hot lead SLA, business minutes" },
  "sla.warmMinutes": { ru: "SLA тёплого лида, раб. минут", en: "Warm lead SLA, business minutes" },
  "sla.coldNextWorkingDays": {
    ru: "SLA холодного лида: до конца N-го рабочего дня",
    en: "Cold lead SLA: by the end of working day N",
  },
  "thresholds.firstResponseMinutes": {
    ru: "Порог: среднее время первого ответа, мин",
    en: "Threshold: mean first response, min",
  },
  "thresholds.slaShare": { ru: "Порог: доля в SLA", en: "Threshold: SLA share" },
  "thresholds.nextStepCoverage": {
    ru: "Порог: покрытие следующим шагом",
    en: "Threshold: next-step coverage",
  },
  "thresholds.overdueShare": { ru: "Порог: просроченные задачи", en: "Threshold: overdue tasks" },
  "thresholds.touchesPerWonMin": { ru: "Касаний на успешную сделку, от", en: "Touches per won deal, from" },
  "thresholds.touchesPerWonMax": { ru: "Касаний на успешную сделку, до", en: "Touches per won deal, to" },
  "thresholds.staleShare": { ru: "Порог: доля зависших", en: "Threshold: stale share" },
  "thresholds.winRateGapPp": {
    ru: "Конверсия: допуск ниже отдела, п.п.",
    en: "Win rate: allowed gap below department, pp",
  },
  "thresholds.stageConversionGapPp": {
    ru: "Конверсия по этапам: допуск, п.п.",
    en: "Stage conversion: allowed gap, pp",
  },
  defaultControlPeriodDays: {
    ru: "Контрольный срок этапа по умолчанию, дней",
    en: "Default control period, days",
  },
  "calendar.timezone": { ru: "Часовой пояс", en: "Time zone" },
  "calendar.workingDays": { ru: "Рабочие дни (1 = пн)", en: "Working days (1 = Mon)" },
  "calendar.hours": { ru: "Рабочие часы", en: "Working hours" },
  "calendar.holidays": { ru: "Праздничных дней в календаре", en: "Holidays in the calendar" },
  pipelineIds: { ru: "Воронки (пусто = все)", en: "Pipelines (empty = all)" },
  maxLossReasons: { ru: "Причин отказа, не больше", en: "Loss reasons, at most" },
  junkStageWords: { ru: "Слова «мусорных» этапов", en: "Junk stage words" },
};

function settingLabel(e: SettingEntry, locale: Locale, stages: readonly Stage[]): string {
  const known = LABELS[e.key];
  if (known) return known[locale];
  const m = /^controlPeriodDays\.(\d+):(\d+)$/.exec(e.key);
  if (m) {
    const s = stages.find((x) => x.pipelineId === Number(m[1]) && x.statusId === Number(m[2]));
    const stage = s ? `${s.pipelineName} / ${s.name}` : `${m[1]}:${m[2]}`;
    return locale === "ru" ? `Контрольный срок: ${stage}, дней` : `Control period: ${stage}, days`;
  }
  return e.key;
}

const SHARE_SETTINGS = new Set([
  "thresholds.slaShare",
  "thresholds.nextStepCoverage",
  "thresholds.overdueShare",
  "thresholds.staleShare",
]);

function settingValue(e: SettingEntry): Cell {
  if (typeof e.value === "number")
    return numberCell(e.value, SHARE_SETTINGS.has(e.key) ? FORMAT.share : undefined);
  return text(String(e.value));
}
