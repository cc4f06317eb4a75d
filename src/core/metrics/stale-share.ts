/** stale_share (snapshot): per stage, open deals past the stage's control period ÷ open deals in it. */
import { defineMetric } from "./define";

export const staleShare = defineMetric({
  id: "stale_share",
  title: { ru: "Чистота воронки (зависшие)", en: "Pipeline hygiene (stale deals)" },
  description: {
    ru:
      "По каждому этапу: открытые сделки, находящиеся в текущем этапе дольше его контрольного срока (по умолчанию 7 дней), " +
      "÷ открытые сделки в этапе, на момент расчёта (срез).",
    en:
      "Per stage: open deals that have been in their current stage longer than its control period (default 7 days) ÷ " +
      "open deals in that stage, at the time of calculation (snapshot).",
  },
  unit: "share",
  direction: "lower_better",
  periodBy: "snapshot",
  threshold: (s) => ({ max: s.thresholds.staleShare }),
  value: "ratio",
  perStage: true,
  facts: {
    from: "leads",
    at: "snapshot",
    manager: "responsible",
    stage: "current",
    add(lead, i, out) {
      if (lead.isOpenAtNow) out.set(i, lead.isStale ? 1 : 0);
    },
  },
});
