/**
 * The stage directory as the metrics need it: for any (pipeline, status) its key, its order in
 * the pipeline, whether stage conversion counts it, and its control period for stale_share.
 * Built once per enrichment; unknown (pipeline, status) pairs get an entry on first use so a
 * status missing from the directory never breaks a lead.
 */
import { LOST_STATUS_ID, type Stage, type StageKind, stageKey, WON_STATUS_ID } from "../model";
import type { Settings } from "../settings";

const DAY_MS = 86_400_000;

export interface StageInfo {
  /** Dense number of this stage in its StageIndex (0, 1, 2, ...): indexes tables and arrays. */
  ordinal: number;
  key: string;
  pipelineId: number;
  statusId: number;
  /** The directory's stage, or null when the status is not in the directory. */
  kind: StageKind | null;
  /**
   * Order inside the pipeline for "a later stage": the unsorted stage ranks before every other
   * (docs/metrics.md: unsorted first), the rest by `sort`. Unknown stages rank nowhere (NaN).
   */
  rank: number;
  /** Stage conversion counts entries into it: a known open or unsorted stage. */
  isConversionStage: boolean;
  /** Control period (stale_share) in milliseconds of calendar time. */
  controlMs: number;
}

export class StageIndex {
  private readonly byPipeline = new Map<number, Map<number, StageInfo>>();
  /** Every stage by ordinal. */
  readonly all: StageInfo[] = [];

  constructor(
    stages: readonly Stage[],
    private readonly settings: Pick<Settings, "controlPeriodDays" | "defaultControlPeriodDays">,
  ) {
    for (const s of stages) {
      this.put({
        ordinal: this.all.length,
        key: stageKey(s.pipelineId, s.statusId),
        pipelineId: s.pipelineId,
        statusId: s.statusId,
        kind: s.kind,
        rank: s.kind === "unsorted" ? -Number.MAX_VALUE : s.sort,
        isConversionStage:
          (s.kind === "open" || s.kind === "unsorted") &&
          s.statusId !== WON_STATUS_ID &&
          s.statusId !== LOST_STATUS_ID,
        controlMs: this.controlMs(s.pipelineId, s.statusId),
      });
    }
  }

  get(pipelineId: number, statusId: number): StageInfo {
    const found = this.byPipeline.get(pipelineId)?.get(statusId);
    if (found) return found;
    const info: StageInfo = {
      ordinal: this.all.length,
      key: stageKey(pipelineId, statusId),
      pipelineId,
      statusId,
      kind: null,
      rank: Number.NaN,
      isConversionStage: false,
      controlMs: this.controlMs(pipelineId, statusId),
    };
    this.put(info);
    return info;
  }

  /** Stage ordinals in display order: by pipeline id, then the pipeline's own order. */
  compareOrdinals = (a: number, b: number): number => {
    const sa = this.all[a]!;
    const sb = this.all[b]!;
    if (sa.pipelineId !== sb.pipelineId) return sa.pipelineId - sb.pipelineId;
    // Unknown stages (rank NaN) after the known ones.
    const ra = Number.isNaN(sa.rank) ? Number.MAX_VALUE : sa.rank;
    const rb = Number.isNaN(sb.rank) ? Number.MAX_VALUE : sb.rank;
    if (ra !== rb) return ra < rb ? -1 : 1;
    return sa.statusId - sb.statusId;
  };

  keyOf = (ordinal: number): string => this.all[ordinal]!.key;

  /** Adds a stage; a (pipeline, status) listed twice in the directory keeps its first entry. */
  private put(info: StageInfo): void {
    let statuses = this.byPipeline.get(info.pipelineId);
    if (!statuses) {
      statuses = new Map();
      this.byPipeline.set(info.pipelineId, statuses);
    }
    if (statuses.has(info.statusId)) return;
    statuses.set(info.statusId, info);
    this.all.push(info);
  }

  private controlMs(pipelineId: number, statusId: number): number {
    const days =
      this.settings.controlPeriodDays[stageKey(pipelineId, statusId)] ??
      this.settings.defaultControlPeriodDays;
    return days * DAY_MS;
  }
}
