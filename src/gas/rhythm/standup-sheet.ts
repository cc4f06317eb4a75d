/** "Стендап": the day's 3–5 deal cards, their reasons, and the score formula under them. */
import type { WorkCalendar } from "../../core/calendar-types";
import type { Locale } from "../../core/i18n";
import {
  FRESH_WORKING_DAYS,
  POINTS,
  STALE_CAP,
  type StandupCard,
  type StandupReason,
} from "../../core/rhythm";
import { COLORS, FORMAT, Grid, linkCell, numberCell, text } from "./grid";
import { tr } from "./messages";
import { dateTimeText, type Names, shortDate } from "./sheets";

export function standupGrid(
  cards: readonly StandupCard[],
  locale: Locale,
  calendar: WorkCalendar,
  now: number,
  names: Names,
  accountBaseUrl: string | null,
): Grid {
  const g = new Grid();
  g.add([text(tr(locale, "standup.title", { at: dateTimeText(calendar, now), n: cards.length }))], {
    bold: true,
  });
  g.blank();
  const header = [
    "standup.rank",
    "common.deal",
    "common.name",
    "common.manager",
    "common.budget",
    "standup.score",
    "standup.reasons",
  ] as const;
  g.add(
    header.map((k) => text(tr(locale, k))),
    { bold: true, background: COLORS.header },
  );
  if (cards.length === 0) g.add([text(tr(locale, "standup.empty"))]);
  cards.forEach((c, i) => {
    g.add([
      numberCell(i + 1, FORMAT.integer),
      linkCell(accountBaseUrl, c.leadId),
      text(c.name),
      text(names.user(c.managerId)),
      numberCell(c.price, FORMAT.money),
      numberCell(Math.round(c.score * 10) / 10, "0.0"),
      text(c.reasons.map((r) => reasonText(r, locale, calendar)).join("; ")),
    ]);
  });
  g.blank();
  g.add([
    text(
      tr(locale, "standup.formula", {
        fresh: FRESH_WORKING_DAYS,
        cap: STALE_CAP,
        ...POINTS,
      }),
    ),
  ]);
  return g;
}

export function reasonText(r: StandupReason, locale: Locale, calendar: WorkCalendar): string {
  switch (r.code) {
    case "sla_unanswered":
    case "sla_late":
      return tr(locale, `reason.${r.code}`, { at: dateTimeText(calendar, r.slaDeadline ?? 0) });
    case "no_next_step":
      return tr(locale, "reason.no_next_step");
    case "stale":
      return tr(locale, "reason.stale", {
        days: Math.floor(r.daysInStage ?? 0),
        control: r.controlPeriodDays ?? 0,
      });
    case "overdue_task":
      return tr(locale, "reason.overdue_task", {
        n: r.overdueTasks ?? 1,
        at: shortDate(calendar, r.oldestDueAt ?? 0),
      });
  }
}
