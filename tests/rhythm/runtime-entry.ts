/**
 * Test entry bundled into the local Apps Script runtime: generate a demo account (as it looked at
 * `asOf`), map and enrich it the way the sync does, and write the rhythm sheets into the runtime's
 * spreadsheet through writeRhythmSheets — the same code the add-on runs, in the same fakes.
 */
import { generateAccount } from "../../local/amo-sandbox/generator/index";
import { createCalendar } from "../../src/core/calendar";
import { enrichDataset } from "../../src/core/enrich";
import { pickStandup } from "../../src/core/rhythm";
import { writeRhythmSheets } from "../../src/gas/rhythm";
import { datasetOf } from "../support/generated";
import { truthSettings } from "../support/truth";

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
  const settings = { ...truthSettings(truth), locale: o.locale ?? "ru" };
  const ds = datasetOf(raw, settings);
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
