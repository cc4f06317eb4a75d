/** touches_per_won: counted touches from creation to the win, averaged over deals won in the period. */
import { defineMetric } from "./define";

export const touchesPerWon = defineMetric({
  id: "touches_per_won",
  title: { ru: "Касаний на успешную сделку", en: "Touches per won deal" },
  description: {
    ru: "Для сделок, выигранных в периоде: среднее число касаний менеджеров от создания сделки до победы.",
    en: "For deals won in the period: the mean number of users' touches from the deal's creation to the win.",
  },
  unit: "count",
  direction: "range",
  periodBy: "won",
  threshold: (s) => ({ min: s.thresholds.touchesPerWonMin, max: s.thresholds.touchesPerWonMax }),
  value: "ratio",
  facts: {
    from: "leads",
    at: "closedAt",
    manager: "responsible",
    add(lead, i, out) {
      if (lead.isWonAtNow) out.set(i, lead.touchesToWin ?? 0);
    },
  },
});
