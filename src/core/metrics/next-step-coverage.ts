/** next_step_coverage (snapshot): open deals with at least one open task ÷ open deals. */
import { defineMetric } from "./define";

export const nextStepCoverage = defineMetric({
  id: "next_step_coverage",
  title: { ru: "Покрытие «следующим шагом»", en: "Next-step coverage" },
  description: {
    ru: "Открытые сделки хотя бы с одной незавершённой задачей ÷ открытые сделки, на момент расчёта (срез).",
    en: "Open deals with at least one open task ÷ open deals, at the time of calculation (snapshot).",
  },
  unit: "share",
  direction: "higher_better",
  periodBy: "snapshot",
  threshold: (s) => ({ min: s.thresholds.nextStepCoverage }),
  value: "ratio",
  facts: {
    from: "leads",
    at: "snapshot",
    manager: "responsible",
    add(lead, i, out) {
      if (lead.isOpenAtNow) out.set(i, lead.hasNextStep ? 1 : 0);
    },
  },
});
