/**
 * A generator scenario as the tests (and benches) need it: the raw API objects and the planted
 * truth (the independent side), and the engine's dataset and enriched data (the side under test,
 * mapped by the add-on's own mapping as a full pull would), built once per seed and scenario.
 */
import type { AccountData } from "../../local/amo-sandbox/account-data";
import { generateAccount, type PlantedTruth } from "../../local/amo-sandbox/generator/index";
import { mapAccountData } from "../../src/amo/mapping";
import type { ApiLossReason, ApiPipeline, ApiUser } from "../../src/amo/schemas/dictionaries";
import type { ApiLead, ApiTask } from "../../src/amo/schemas/entities";
import type { ApiEvent, ApiNote } from "../../src/amo/schemas/events";
import { createCalendar } from "../../src/core/calendar";
import type { WorkCalendar } from "../../src/core/calendar-types";
import { type EnrichedData, enrichDataset } from "../../src/core/enrich";
import type { Dataset } from "../../src/core/model";
import type { Settings } from "../../src/core/settings";
import { truthSettings } from "./truth";

export interface Generated {
  raw: AccountData;
  truth: PlantedTruth;
  now: number;
  settings: Settings;
  calendar: WorkCalendar;
  dataset: Dataset;
  data: EnrichedData;
}

const cache = new Map<string, Generated>();

/** The generator's API objects as a Dataset, mapped by the add-on's own mapping (a full pull's). */
export function datasetOf(
  raw: AccountData,
  fields: Pick<Settings, "sourceFieldId" | "segmentFieldId" | "channelFieldId">,
): Dataset {
  return mapAccountData(
    {
      leads: raw.leads as unknown as ApiLead[],
      events: raw.events as unknown as ApiEvent[],
      tasks: raw.tasks as unknown as ApiTask[],
      notes: [...raw.leads_notes, ...raw.contacts_notes] as unknown as ApiNote[],
      users: raw.users as unknown as ApiUser[],
      pipelines: raw.pipelines as unknown as ApiPipeline[],
      lossReasons: raw.loss_reasons as unknown as ApiLossReason[],
    },
    {
      sourceFieldId: fields.sourceFieldId,
      segmentFieldId: fields.segmentFieldId,
      channelFieldId: fields.channelFieldId,
    },
  );
}

export function generated(seed = 5, scenario = "default"): Generated {
  const key = `${seed}/${scenario}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const { data: raw, truth } = generateAccount({ seed, scenario });
  const settings = truthSettings(truth);
  const calendar = createCalendar(settings.calendar);
  const now = truth.nowUnix * 1000;
  const dataset = datasetOf(raw, settings);
  const data = enrichDataset(dataset, settings, calendar, now);
  const g = { raw, truth, now, settings, calendar, dataset, data };
  cache.set(key, g);
  return g;
}
