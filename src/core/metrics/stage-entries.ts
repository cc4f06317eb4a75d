/**
 * Stage entries (docs/metrics.md stage_conversion) as one columnar table for all leads, and the
 * walk over a lead's moves that fills it and finds the lead's stage at `now`.
 */
import type { Lead, StageMove } from "../model";
import { WON_STATUS_ID } from "../model";
import { filled } from "./columns";
import type { StageIndex } from "./stages";

/**
 * Every entry of every lead into a conversion stage of its current pipeline, grouped by lead in
 * lead order and in time order inside a lead. Row r describes one entry.
 */
export interface StageEntryTable {
  size: number;
  /** Index of the lead in EnrichedData.leads. */
  lead: number[];
  /** The stage's ordinal in EnrichedData.stages (StageInfo.ordinal). */
  stage: number[];
  at: number[];
  /** 1 when, after this entry and by now, the lead moved to a later stage of the pipeline or to won. */
  converted: number[];
  /**
   * The latest earlier entry of the same lead into the same stage, or -Infinity. An entry is the
   * deal's first entry into the stage within [from, to) exactly when previousAt < from.
   */
  previousAt: number[];
}

/**
 * Fills a StageEntryTable. Columns are allocated once for `capacity` rows (a lead enters at most
 * its first stage plus one stage per move) and cut to size by finish(): appending one value at a
 * time to five arrays of millions was a third of the enrichment's time at 1M leads.
 */
export class StageEntryWriter implements StageEntryTable {
  size = 0;
  lead: number[];
  stage: number[];
  at: number[];
  converted: number[];
  previousAt: number[];

  constructor(capacity: number) {
    this.lead = filled(capacity, 0);
    this.stage = filled(capacity, 0);
    this.at = filled(capacity, 0);
    this.converted = filled(capacity, 0);
    this.previousAt = filled(capacity, 0);
  }

  add(lead: number, stage: number, at: number, converted: boolean, previousAt: number): void {
    const r = this.size++;
    this.lead[r] = lead;
    this.stage[r] = stage;
    this.at[r] = at;
    this.converted[r] = converted ? 1 : 0;
    this.previousAt[r] = previousAt;
  }

  finish(): StageEntryTable {
    for (const col of [this.lead, this.stage, this.at, this.converted, this.previousAt])
      col.length = this.size;
    return this;
  }
}

/** Where a lead is at `now`: the last move at or before now, else its first stage since createdAt. */
export interface StageAtNow {
  pipelineId: number;
  statusId: number;
  enteredAt: number;
}

// Best rank reached by moves m.. (reused between leads: a lead has a handful of moves).
const bestFrom: number[] = [];

/**
 * Walk one lead's moves (sorted by time): append its entries into conversion stages of its
 * current pipeline to `out`, and write where it is at now into `at`. Moves after now are not
 * walked; the earliest move (whenever it happened) still tells the first stage.
 */
export function walkStages(
  lead: Lead,
  leadIndex: number,
  moves: readonly StageMove[],
  stages: StageIndex,
  now: number,
  out: StageEntryWriter,
  at: StageAtNow,
): void {
  let k = moves.length;
  while (k > 0 && moves[k - 1]!.at > now) k--;
  // The first stage: where the earliest move came from (or, without a "from", where it went), or
  // the current status when the lead never moved. It is entered at createdAt.
  let firstPipeline = lead.pipelineId;
  let firstStatus = lead.statusId;
  if (moves.length > 0) {
    const m0 = moves[0]!;
    const known = m0.fromPipelineId !== null && m0.fromStatusId !== null;
    firstPipeline = known ? m0.fromPipelineId! : m0.toPipelineId;
    firstStatus = known ? m0.fromStatusId! : m0.toStatusId;
  }
  if (k > 0) {
    const last = moves[k - 1]!;
    at.pipelineId = last.toPipelineId;
    at.statusId = last.toStatusId;
    at.enteredAt = last.at;
  } else {
    at.pipelineId = firstPipeline;
    at.statusId = firstStatus;
    at.enteredAt = lead.createdAt;
  }

  // Entry j is the first stage (j = 0) or the target of move j − 1; the moves after it are j … k−1.
  // bestFrom[m] = the best rank any of moves m … k−1 reached in the current pipeline: won above
  // every stage, lost and unknown stages nowhere. Entry j converted when bestFrom[j] beats its rank.
  const pipelineId = lead.pipelineId;
  while (bestFrom.length <= k) bestFrom.push(0);
  bestFrom[k] = Number.NEGATIVE_INFINITY;
  for (let m = k - 1; m >= 0; m--) {
    const move = moves[m]!;
    let rank = Number.NEGATIVE_INFINITY;
    if (move.toPipelineId === pipelineId) {
      if (move.toStatusId === WON_STATUS_ID) rank = Number.POSITIVE_INFINITY;
      else {
        const info = stages.get(move.toPipelineId, move.toStatusId);
        if (info.isConversionStage) rank = info.rank;
      }
    }
    bestFrom[m] = Math.max(bestFrom[m + 1]!, rank);
  }

  const firstRow = out.size;
  for (let j = 0; j <= k; j++) {
    const p = j === 0 ? firstPipeline : moves[j - 1]!.toPipelineId;
    if (p !== pipelineId) continue;
    const info = stages.get(p, j === 0 ? firstStatus : moves[j - 1]!.toStatusId);
    if (!info.isConversionStage) continue;
    const t = j === 0 ? lead.createdAt : moves[j - 1]!.at;
    let previousAt = Number.NEGATIVE_INFINITY;
    for (let r = firstRow; r < out.size; r++) {
      if (out.stage[r] === info.ordinal && out.at[r]! > previousAt) previousAt = out.at[r]!;
    }
    out.add(leadIndex, info.ordinal, t, bestFrom[j]! > info.rank, previousAt);
  }
}
