/**
 * Confirming the write-back: create one "next step" task in amoCRM for each chosen deal — exactly
 * those, and only while each is still an open deal without a next step.
 *
 * 1. Off unless `writeBack.enabled` (refuses with a clear error).
 * 2. Each id must be in the preview's list (amo_leads: open, analysed pipeline, no open task).
 * 3. Re-checked in amoCRM now: a deal that got an open task since the last sync is skipped.
 * 4. Created in batches (AmoClient.createTasks, ≤ 50 per request [DOC Kommo limitations]). A batch
 *    refused as invalid (400: amoCRM adds none of it [BELIEF, sandbox all-or-nothing]) is retried
 *    one task at a time, so one bad item fails alone. A batch that failed without an answer may
 *    have been created (a POST is not retried [DOC amocrm-api.md]): reported as uncertain.
 * Failures are reported by lead id; the new tasks reach amo_tasks with the next sync.
 */
import type { AmoClient, NewTask } from "../../amo/client";
import { AmoHttpError, AmoRequestFailedError } from "../../amo/errors";
import type { AlertLead } from "../../core/alerts/types";
import { loadSettings } from "../addon-settings";
import { clientFor, loadConnection } from "../connection";
import { tSchedule } from "../schedule/messages";
import { writeBackCandidates } from "./preview";

export interface WriteBackResult {
  created: number;
  failed: { leadId: number; error: string }[];
}

const BATCH = 50;
const MAX_IDS = 1000;
const HOUR_MS = 3_600_000;

export function parseLeadIds(input: unknown, locale: "ru" | "en"): number[] {
  const ok =
    Array.isArray(input) &&
    input.length <= MAX_IDS &&
    input.every((v) => typeof v === "number" && Number.isInteger(v) && v > 0);
  if (!ok) {
    const got = Array.isArray(input) ? `${input.length} item(s)` : typeof input;
    throw new Error(tSchedule(locale, "error.leadIds", { got }));
  }
  return [...new Set(input as number[])];
}

function errorText(e: unknown): string {
  if (e instanceof AmoRequestFailedError && e.uncertain)
    return `${e.message} (the task may have been created: check the deal in amoCRM)`;
  return e instanceof Error ? e.message : String(e);
}

export function confirmWriteBack(leadIdsInput: unknown): WriteBackResult {
  const settings = loadSettings();
  const locale = settings.locale;
  if (!settings.writeBack.enabled) throw new Error(tSchedule(locale, "error.writeBackOff"));
  const leadIds = parseLeadIds(leadIdsInput, locale);
  const connection = loadConnection();
  if (!connection) throw new Error(tSchedule(locale, "error.notConnected"));
  const result: WriteBackResult = { created: 0, failed: [] };
  if (leadIds.length === 0) return result;

  const candidates = new Map(writeBackCandidates().map((l) => [l.leadId, l]));
  const chosen: AlertLead[] = [];
  for (const id of leadIds) {
    const lead = candidates.get(id);
    if (lead) chosen.push(lead);
    else result.failed.push({ leadId: id, error: tSchedule(locale, "writeBack.notCandidate") });
  }
  if (chosen.length === 0) return result;

  const client = clientFor(connection);
  const openTask = new Map<number, number>();
  for (const t of client.listOpenLeadTasks(chosen.map((l) => l.leadId))) {
    if (typeof t.entity_id === "number" && !openTask.has(t.entity_id)) openTask.set(t.entity_id, t.id);
  }
  const toCreate: AlertLead[] = [];
  for (const lead of chosen) {
    const taskId = openTask.get(lead.leadId);
    if (taskId === undefined) toCreate.push(lead);
    else
      result.failed.push({
        leadId: lead.leadId,
        error: tSchedule(locale, "writeBack.hasTaskNow", { taskId: String(taskId) }),
      });
  }

  const due = Date.now() + settings.writeBack.dueInHours * HOUR_MS;
  const task = (lead: AlertLead): NewTask => ({
    text: settings.writeBack.taskText,
    completeTill: due,
    entityId: lead.leadId,
    entityType: "leads",
    taskTypeId: 1,
    ...(lead.responsibleId !== null ? { responsibleUserId: lead.responsibleId } : {}),
  });
  for (let start = 0; start < toCreate.length; start += BATCH) {
    createBatch(client, toCreate.slice(start, start + BATCH), task, result);
  }
  return result;
}

function createBatch(
  client: AmoClient,
  leads: readonly AlertLead[],
  task: (l: AlertLead) => NewTask,
  result: WriteBackResult,
): void {
  try {
    result.created += client.createTasks(leads.map(task)).length;
  } catch (e) {
    if (e instanceof AmoHttpError && e.status === 400 && leads.length > 1) {
      for (const lead of leads) createBatch(client, [lead], task, result);
      return;
    }
    for (const lead of leads) result.failed.push({ leadId: lead.leadId, error: errorText(e) });
  }
}
