/**
 * What the formula sheets need from the raw sheets: the dataset (read through the same port the
 * sync uses), enriched once with the stored settings, the managers for the board's rows and the
 * drop-down lists.
 */
import { createCalendar } from "../../core/calendar";
import type { WorkCalendar } from "../../core/calendar-types";
import { type EnrichedData, enrichDataset } from "../../core/enrich";
import { type Dataset, NONE } from "../../core/model";
import type { Settings } from "../../core/settings";
import { datasetFromSheets } from "../../sheets/rows";
import type { BoardManager } from "../../sheets/templates/board";
import { tt } from "../../sheets/templates/messages";
import { GasSheetPort } from "../sheet-port";

export interface BoardData {
  dataset: Dataset;
  data: EnrichedData;
  calendar: WorkCalendar;
}

export function readBoardData(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  now: number,
): BoardData {
  // The SpreadsheetApp path: reads only, so the advanced service is not needed.
  const dataset = datasetFromSheets(new GasSheetPort(ss, { path: "entered" }), settings.locale);
  const calendar = createCalendar(settings.calendar);
  return { dataset, data: enrichDataset(dataset, settings, calendar, now), calendar };
}

/** Managers responsible for an analysed deal (now or at its creation), by name. */
export function boardManagers(b: BoardData): BoardManager[] {
  const ids = new Set<number>();
  for (const l of b.data.leads) {
    ids.add(l.responsibleUserId);
    if (l.responsibleAtCreationId !== null) ids.add(l.responsibleAtCreationId);
  }
  const names = new Map(b.dataset.users.map((u) => [u.id, u.name]));
  return [...ids]
    .map((id) => ({ id, name: names.get(id) ?? `#${id}` }))
    .sort((a, b) => a.name.localeCompare(b.name, "ru") || a.id - b.id);
}

function distinct(values: Iterable<string | null>, locale: Settings["locale"]): string[] {
  let none = false;
  const set = new Set<string>();
  for (const v of values) {
    if (v === null || v === "" || v === NONE) none = true;
    else set.add(v);
  }
  const out = [...set].sort((a, b) => a.localeCompare(b, "ru"));
  if (none) out.push(tt(locale, "none"));
  return out;
}

export function boardLists(b: BoardData, locale: Settings["locale"]) {
  const leads = b.data.leads;
  const pipelines = new Set(leads.map((l) => l.pipelineId));
  return {
    sources: distinct(
      leads.map((l) => l.source),
      locale,
    ),
    segments: distinct(
      leads.map((l) => l.segment),
      locale,
    ),
    pipelines: [
      ...new Set(b.dataset.stages.filter((s) => pipelines.has(s.pipelineId)).map((s) => s.pipelineName)),
    ].sort((a, b) => a.localeCompare(b, "ru")),
  };
}
