/**
 * Data hygiene (kpi.md "Data hygiene the method asks for"): the deals whose data the metrics cannot
 * slice or trust, each list newest first, over the deals in the analysis (in the chosen pipelines,
 * not deleted, created by now):
 * no source, no segment, no contact, no responsible user (0 or not in the users directory),
 * open without a budget, open without a next step, lost without a reason; the loss-reason
 * directory against maxLossReasons; and "junk" stages — stages whose name contains one of
 * settings.junkStageWords (case-insensitive) — with the open deals sitting in them.
 */
import type { EnrichedData, EnrichedLead } from "../enrich";
import type { LossReason, Stage, User } from "../model";
import type { Settings } from "../settings";

export interface HygieneDirectories {
  stages: readonly Stage[];
  lossReasons: readonly LossReason[];
  /** When given, a responsible user missing from it counts as "no responsible". */
  users?: readonly User[];
}

export const HYGIENE_LISTS = [
  "noSource",
  "noSegment",
  "noContact",
  "noResponsible",
  "openWithoutBudget",
  "openWithoutNextStep",
  "lostWithoutReason",
] as const;
export type HygieneList = (typeof HYGIENE_LISTS)[number];

export interface JunkStage {
  pipelineId: number;
  statusId: number;
  pipelineName: string;
  name: string;
  /** The junk word it matched. */
  word: string;
  /** Open deals in it now, newest first. */
  leadIds: number[];
}

export interface Hygiene {
  /** Deals in the analysis. */
  leads: number;
  lists: Record<HygieneList, number[]>;
  lossReasons: { count: number; max: number; tooMany: boolean };
  junkStages: JunkStage[];
}

const TESTS: Record<HygieneList, (l: EnrichedLead, users: ReadonlySet<number> | null) => boolean> = {
  noSource: (l) => l.source === null || l.source.trim() === "",
  noSegment: (l) => l.segment === null || l.segment.trim() === "",
  noContact: (l) => l.contactIds.length === 0,
  noResponsible: (l, users) =>
    l.responsibleUserId === 0 || (users !== null && !users.has(l.responsibleUserId)),
  openWithoutBudget: (l) => l.isOpenAtNow && !(l.price > 0),
  openWithoutNextStep: (l) => l.isOpenAtNow && !l.hasNextStep,
  lostWithoutReason: (l) => l.isLostAtNow && l.lossReasonId === null,
};

export function hygiene(data: EnrichedData, settings: Settings, dirs: HygieneDirectories): Hygiene {
  const users = dirs.users && dirs.users.length > 0 ? new Set(dirs.users.map((u) => u.id)) : null;
  const newestFirst = [...data.leads].sort((a, b) => b.createdAt - a.createdAt || a.id - b.id);
  const lists = Object.fromEntries(
    HYGIENE_LISTS.map((k) => [k, newestFirst.filter((l) => TESTS[k](l, users)).map((l) => l.id)]),
  ) as Record<HygieneList, number[]>;

  const words = settings.junkStageWords.map((w) => w.trim().toLowerCase()).filter((w) => w !== "");
  const junkStages: JunkStage[] = [];
  for (const s of dirs.stages) {
    if (s.kind === "won" || s.kind === "lost") continue;
    const name = s.name.toLowerCase();
    const word = words.find((w) => name.includes(w));
    if (word === undefined) continue;
    junkStages.push({
      pipelineId: s.pipelineId,
      statusId: s.statusId,
      pipelineName: s.pipelineName,
      name: s.name,
      word,
      leadIds: newestFirst
        .filter((l) => l.isOpenAtNow && l.stagePipelineId === s.pipelineId && l.stageStatusId === s.statusId)
        .map((l) => l.id),
    });
  }
  const count = new Set(dirs.lossReasons.map((r) => r.id)).size;
  return {
    leads: data.leads.length,
    lists,
    lossReasons: { count, max: settings.maxLossReasons, tooMany: count > settings.maxLossReasons },
    junkStages,
  };
}
