/** first_response: mean (and median) business minutes from lead creation to the first touch. */
import { defineMetric } from "./define";
import { FLAG_CENSORED, FLAG_NONE } from "./facts";

export const firstResponse = defineMetric({
  id: "first_response",
  title: { ru: "Время первого ответа", en: "First response time" },
  description: {
    ru:
      "Рабочие минуты от создания лида до первого касания менеджера, среднее и медиана по лидам, " +
      "созданным в периоде. Лид без ответа учитывается со временем ожидания на сейчас (или до закрытия) и выводится списком.",
    en:
      "Business minutes from lead creation to a user's first touch, mean and median over leads " +
      "created in the period. An unanswered lead counts with its waiting time so far (or until closed) and is listed.",
  },
  unit: "minutes",
  direction: "lower_better",
  periodBy: "created",
  threshold: (s) => ({ max: s.thresholds.firstResponseMinutes }),
  value: "ratio",
  median: true,
  facts: {
    from: "leads",
    at: "createdAt",
    // Attributed to the manager responsible when the lead was created (docs/metrics.md).
    manager: "responsibleAtCreation",
    add(lead, i, out) {
      // num = the lead's minutes (also its sample for the median); unanswered leads are censored.
      out.set(i, lead.firstResponseMinutes, lead.answered ? FLAG_NONE : FLAG_CENSORED);
    },
  },
});
