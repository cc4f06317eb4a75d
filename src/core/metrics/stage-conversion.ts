/**
 * stage_conversion: per stage, deals that entered it in the period and later reached a later stage
 * (or won) ÷ deals that entered it in the period. Counted per deal: a deal re-entering a stage in
 * the period counts once, judged from its first entry in the period.
 *
 * Not additive over a split of the period: a deal entering a stage in both halves counts once in
 * the whole but once in each half (and each half judges conversion from its own first entry).
 */
import { defineMetric } from "./define";

export const stageConversion = defineMetric({
  id: "stage_conversion",
  title: { ru: "Конверсия по этапам", en: "Stage conversion" },
  description: {
    ru:
      "Для каждого этапа воронки: сделки, вошедшие в этап в периоде и затем перешедшие на любой следующий этап " +
      "(или в успешные), ÷ сделки, вошедшие в этап в периоде. Сравнивается с отделом по тому же этапу.",
    en:
      "For each pipeline stage: deals that entered it in the period and later reached any later stage (or won) ÷ " +
      "deals that entered it in the period. Compared with the department for the same stage.",
  },
  unit: "share",
  direction: "higher_better",
  periodBy: "entered_stage",
  threshold: (s) => ({ vsDepartment: true, gapPp: s.thresholds.stageConversionGapPp }),
  value: "ratio",
  perStage: true,
  // One fact per entry (StageEntryTable): num = converted; a slice counts an entry only when it is
  // the deal's first entry into that stage inside the period, so re-entries count once.
  facts: { from: "stageEntries" },
});
