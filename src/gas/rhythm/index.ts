/**
 * The management-rhythm sheets, written after every sync from the enriched data of the whole
 * account (the sync's afterEnrichment hook): "Стендап", "1:1", "Итоги месяца", "История",
 * "Гигиена данных" (English names with settings.locale = "en"). Each sheet but History is
 * rebuilt whole; History keeps its rows across days (history-sheet.ts).
 */
import { createCalendar } from "../../core/calendar";
import type { WorkCalendar } from "../../core/calendar-types";
import type { EnrichedData } from "../../core/enrich";
import type { Lead, LossReason, Stage, User } from "../../core/model";
import { hygiene, monthlyReview, oneOnOneAll, pickStandup } from "../../core/rhythm";
import type { Settings } from "../../core/settings";
import { writeHistorySheet } from "./history-sheet";
import { hygieneGrid } from "./hygiene-sheet";
import { monthlyGrid } from "./monthly-sheet";
import { oneOnOneGrid } from "./one-on-one-sheet";
import { Names, rhythmSheet } from "./sheets";
import { standupGrid } from "./standup-sheet";

export interface RhythmContext {
  /** Default: SpreadsheetApp.getActiveSpreadsheet(). */
  spreadsheet?: GoogleAppsScript.Spreadsheet.Spreadsheet;
  /** The account's directories (names of users, stages, loss reasons). */
  directories: { users: readonly User[]; stages: readonly Stage[]; lossReasons: readonly LossReason[] };
  /** The normalised account address ("https://<sub>.amocrm.ru"); null = no links. */
  accountBaseUrl: string | null;
  /** Default: built from settings.calendar. */
  calendar?: WorkCalendar;
  /** Stand-up size, 3–5 (default 5). */
  standupSize?: number;
  /** History backfill limit in days (default 366). */
  historyBackfillDays?: number;
}

export interface RhythmWriteResult {
  sheets: string[];
  standupDeals: number[];
  oneOnOneManagers: number;
  historyDaysWritten: number;
  /** Backfill days History left out to stay within the spreadsheet's cells (history-sheet.ts). */
  historyDaysSkipped: number;
  historyRows: number;
  charts: number;
}

export function writeRhythmSheets(
  data: EnrichedData,
  settings: Settings,
  now: number,
  ctx: RhythmContext,
): RhythmWriteResult {
  const size = ctx.standupSize ?? 5;
  if (!Number.isInteger(size) || size < 3 || size > 5) {
    throw new Error(`rhythm sheets: standupSize must be 3, 4 or 5, got ${size}`);
  }
  const ss = ctx.spreadsheet ?? SpreadsheetApp.getActiveSpreadsheet();
  const locale = settings.locale;
  const calendar = ctx.calendar ?? createCalendar(settings.calendar);
  const names = new Names(ctx.directories.users);
  const byId = new Map<number, Lead>(data.leads.map((l) => [l.id, l]));
  const leadById = (id: number) => byId.get(id);
  const base = ctx.accountBaseUrl;
  const written: string[] = [];
  const put = (key: Parameters<typeof rhythmSheet>[1]) => {
    const sheet = rhythmSheet(ss, key, locale);
    written.push(sheet.getName());
    return sheet;
  };

  const cards = pickStandup(data, settings, now, size, { accountBaseUrl: base, calendar });
  standupGrid(cards, locale, calendar, now, names, base).writeTo(put("sheet.standup"));

  const ones = oneOnOneAll(data, settings, now, { calendar });
  oneOnOneGrid(ones, locale, names, leadById, base).writeTo(put("sheet.oneOnOne"));

  const review = monthlyReview(data, settings, now, { calendar });
  monthlyGrid(review, locale, names, ctx.directories, leadById, base, calendar.localDate(now)).writeTo(
    put("sheet.monthly"),
  );

  const history = writeHistorySheet(
    put("sheet.history"),
    put("sheet.historyCharts"),
    data,
    settings,
    calendar,
    locale,
    names,
    ctx.historyBackfillDays,
  );

  const h = hygiene(data, settings, ctx.directories);
  hygieneGrid(h, locale, names, settings.junkStageWords, leadById, base).writeTo(put("sheet.hygiene"));

  return {
    sheets: written,
    standupDeals: cards.map((c) => c.leadId),
    oneOnOneManagers: ones.length,
    historyDaysWritten: history.daysWritten.length,
    historyDaysSkipped: history.daysSkipped,
    historyRows: history.rows,
    charts: history.charts,
  };
}
