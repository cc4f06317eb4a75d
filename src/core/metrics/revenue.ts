/** revenue: Σ price of deals won in the period (denominator = their count, for the mean deal size). */
import { defineMetric } from "./define";

export const revenue = defineMetric({
  id: "revenue",
  title: { ru: "Выручка на менеджера", en: "Revenue per manager" },
  description: {
    ru: "Сумма бюджетов сделок, выигранных в периоде; норматива нет, менеджеры сравниваются между собой.",
    en: "Sum of the budgets of deals won in the period; no target, managers are compared with each other.",
  },
  unit: "money",
  direction: "compare",
  periodBy: "won",
  threshold: () => ({}),
  value: "sum",
  facts: {
    from: "leads",
    at: "closedAt",
    manager: "responsible",
    add(lead, i, out) {
      if (lead.isWonAtNow) out.set(i, lead.price);
    },
  },
});
