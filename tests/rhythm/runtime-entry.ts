/**
 * Test entry bundled into the local Apps Script runtime: generate a demo account (as it looked at
 * `asOf`), map and enrich it the way the sync does, and write the rhythm sheets into the runtime's
 * spreadsheet through writeRhythmSheets — the same code the add-on runs, in the same fakes.
 */
import { generateAccount } from "../../local/amo-sandbox/generator/index";
import { mapAccountData } from "../../src/amo/mapping";
import type { ApiLossReason, ApiPipeline, ApiUser } from "../../src/amo/schemas/dictionaries";
import type { ApiLead, ApiTask } from "../../src/amo/schemas/entities";
import type { ApiEvent, ApiNote } from "../../src/amo/schemas/events";
import { createCalendar } from "../../src/core/calendar";
import { enrichDataset } from "../../src/core/enrich";
import { pickStandup } from "../../src/core/rhythm";
import { defaultSettings } from "../../src/core/settings";
import { writeRhythmSheets } from "../../src/gas/rhythm";

export interface DemoOptions {
  seed: number;
  scenario: string;
  /** Epoch ms (default: the scenario's now). */
  asOf?: number;
  locale?: "ru" | "en";
  /** Rename the stand-up's first deal to this text (a CRM name that looks like a formula). */
  evilName?: string;
  accountBaseUrl?: string;
}

export function writeDemo(o: DemoOptions): unknown {
  const { data: raw, truth } = generateAccount(
    o.asOf === undefined
      ? { seed: o.seed, scenario: o.scenario }
      : { seed: o.seed, scenario: o.scenario, asOf: o.asOf },
  );
  const base = defaultSettings();
  const settings = {
    ...base,
    locale: o.locale ?? "ru",
    sourceFieldId: truth.settings.sourceFieldId,
    segmentFieldId: truth.settings.segmentFieldId,
    channelFieldId: truth.settings.channelFieldId,
    pipelineIds: truth.settings.pipelineIds,
    calendar: { ...base.calendar, ...truth.settings.calendar },
  };
  const ds = mapAccountData(
    {
      leads: raw.leads as unknown as ApiLead[],
      events: raw.events as unknown as ApiEvent[],
      tasks: raw.tasks as unknown as ApiTask[],
      notes: [...raw.leads_notes, ...raw.contacts_notes] as unknown as ApiNote[],
      users: raw.users as unknown as ApiUser[],
      pipelines: raw.pipelines as unknown as ApiPipeline[],
      lossReasons: raw.loss_reasons as unknown as ApiLossReason[],
    },
    settings,
  );
  const now = truth.nowUnix * 1000;
  const calendar = createCalendar(settings.calendar);
  const data = enrichDataset(ds, settings, calendar, now);
  let renamed: number | null = null;
  if (o.evilName !== undefined) {
    const top = pickStandup(data, settings, now, 1)[0]!;
    data.leads.find((l) => l.id === top.leadId)!.name = o.evilName;
    renamed = top.leadId;
  }
  const started = Date.now();
  const result = writeRhythmSheets(data, settings, now, {
    directories: ds,
    accountBaseUrl: o.accountBaseUrl ?? "https://demo.amocrm.ru",
    calendar,
  });
  return { ...result, now, renamed, virtualMs: Date.now() - started };
}
