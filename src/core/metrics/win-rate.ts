/** win_rate: won ÷ (won + lost) among deals closed in the period. */
import { defineMetric } from "./define";

export const winRate = defineMetric({
  id: "win_rate",
  title: { ru: "Конверсия в успешную сделку", en: "Win rate" },
  description: {
    ru: "Выигранные ÷ (выигранные + проигранные) среди сделок, закрытых в периоде; сравнивается с отделом и по месяцам.",
    en: "Won ÷ (won + lost) among deals closed in the period; compared with the department and month over month.",
  },
  unit: "share",
  direction: "higher_better",
  periodBy: "closed",
  threshold: (s) => ({ vsDepartment: true, gapPp: s.thresholds.winRateGapPp }),
  value: "ratio",
  facts: {
    from: "leads",
    at: "closedAt",
    manager: "responsible",
    add(lead, i, out) {
      if (lead.isWonAtNow || lead.isLostAtNow) out.set(i, lead.isWonAtNow ? 1 : 0);
    },
  },
});
