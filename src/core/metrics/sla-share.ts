/** sla_share: leads answered within their class's norm ÷ leads answered or past their deadline. */
import { defineMetric } from "./define";
import { FLAG_PENDING } from "./facts";

export const slaShare = defineMetric({
  id: "sla_share",
  title: { ru: "Доля лидов в нормативе SLA", en: "Leads within SLA" },
  description: {
    ru:
      "Лиды, созданные в периоде и отвеченные в норматив своего класса (горячий 10 рабочих минут, тёплый 30, " +
      "холодный — до конца следующего рабочего дня), ÷ лиды, отвеченные или с истёкшим сроком. " +
      "Без ответа после срока — нарушение; без ответа до срока — ожидают и не учитываются.",
    en:
      "Leads created in the period and answered within their class's norm (hot 10 business minutes, warm 30, " +
      "cold by the end of the next working day) ÷ leads answered or past their deadline. " +
      "Unanswered past the deadline is a breach; unanswered before it is pending and excluded.",
  },
  unit: "share",
  direction: "higher_better",
  periodBy: "created",
  threshold: (s) => ({ min: s.thresholds.slaShare }),
  value: "ratio",
  pending: true,
  facts: {
    from: "leads",
    at: "createdAt",
    manager: "responsibleAtCreation",
    add(lead, i, out) {
      if (lead.slaStatus === "pending") out.set(i, 0, FLAG_PENDING);
      else out.set(i, lead.slaStatus === "met" ? 1 : 0);
    },
  },
});
