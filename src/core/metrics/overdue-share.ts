/** overdue_share: tasks due in the period and done late or still open past due ÷ those tasks. */
import { TASK_OVERDUE, TASK_PENDING } from "../enrich";
import { defineMetric } from "./define";
import { FLAG_NONE, FLAG_PENDING } from "./facts";

export const overdueShare = defineMetric({
  id: "overdue_share",
  title: { ru: "Просроченные задачи", en: "Overdue tasks" },
  description: {
    ru:
      "Задачи со сроком в периоде, выполненные после срока или не выполненные к сроку, ÷ задачи со сроком в периоде. " +
      "Открытые задачи с ещё не наступившим сроком не учитываются.",
    en:
      "Tasks due in the period that were completed after their deadline or are still open past it ÷ tasks due in the period. " +
      "Open tasks whose deadline is still ahead are excluded.",
  },
  unit: "share",
  direction: "lower_better",
  periodBy: "due",
  threshold: (s) => ({ max: s.thresholds.overdueShare }),
  value: "ratio",
  tasks: true,
  pending: true,
  facts: {
    from: "tasks",
    add(tasks, r, out) {
      // A task counts for its own responsible user; one without a lead has every dimension "(none)".
      const status = tasks.dueStatus[r]!;
      out.add(
        tasks.id[r]!,
        tasks.lead[r]!,
        tasks.responsibleUserId[r]!,
        tasks.dueAt[r]!,
        status === TASK_OVERDUE ? 1 : 0,
        status === TASK_PENDING ? FLAG_PENDING : FLAG_NONE,
      );
    },
  },
});
