/**
 * A deterministic synthetic amoCRM account for benchmarks: N leads over the year before `now`,
 * about 10 touches, 5 stage moves and 2 tasks per lead, 18 managers, 6 sources, 4 segments and two
 * pipelines. Same seed → same data. Objects carry only the model's fields (no extras), ids are
 * short strings, so 1M leads with 10M touches fit in a few GB of heap.
 */
import { mulberry32 } from "../local/mulberry32";
import type { Dataset, Lead, Stage, StageMove, Task, Touch, TouchChannel, User } from "../src/core/model";

export const SYNTHETIC_NOW = Date.UTC(2026, 2, 20, 12, 0); // 2026-03-20T12:00Z
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

export const MANAGER_COUNT = 18;
const SOURCES = ["site", "ads", "partner", "referral", "exhibition", null];
const SEGMENTS = ["smb", "mid", "enterprise", null];
const CHANNELS = ["call", "chat", "widget", "form", "email", "social", null];
const TOUCH_CHANNELS: TouchChannel[] = ["call", "call", "call", "email", "email", "chat", "sms", "meeting"];

/** Pipeline 1: unsorted + 5 open stages; pipeline 2: 3 open stages. Both with won / lost. */
export const SYNTHETIC_STAGES: Stage[] = [
  ...pipeline(1001, "Sales", [
    [100, "Unsorted", "unsorted"],
    [101, "Qualification", "open"],
    [102, "Needs", "open"],
    [103, "Proposal", "open"],
    [104, "Negotiation", "open"],
    [105, "Contract", "open"],
  ]),
  ...pipeline(1002, "Partners", [
    [201, "New", "open"],
    [202, "Talks", "open"],
    [203, "Agreement", "open"],
  ]),
];

function pipeline(id: number, name: string, open: [number, string, "open" | "unsorted"][]): Stage[] {
  return [
    ...open.map(([statusId, stage, kind], k) => ({
      pipelineId: id,
      statusId,
      pipelineName: name,
      name: stage,
      sort: (k + 1) * 10,
      kind,
    })),
    { pipelineId: id, statusId: 142, pipelineName: name, name: "Won", sort: 10000, kind: "won" },
    { pipelineId: id, statusId: 143, pipelineName: name, name: "Lost", sort: 11000, kind: "lost" },
  ];
}

const OPEN_STATUSES: Record<number, number[]> = {
  1001: [100, 101, 102, 103, 104, 105],
  1002: [201, 202, 203],
};

const rng = mulberry32;

export function syntheticDataset(n: number, seed = 42, now = SYNTHETIC_NOW): Dataset {
  const r = rng(seed);
  const int = (max: number) => Math.floor(r() * max);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;

  const leads: Lead[] = new Array(n);
  const stageMoves: StageMove[] = [];
  const touches: Touch[] = [];
  const tasks: Task[] = [];
  let moveSeq = 0;
  let touchSeq = 0;
  let taskSeq = 0;

  for (let i = 0; i < n; i++) {
    const id = 10_000_000 + i;
    // Created during working hours mostly (08:00–20:00 UTC), spread over the past year.
    const createdAt = now - (1 + int(364)) * DAY + (5 + int(12)) * HOUR + int(60) * MINUTE;
    const manager = 1 + int(MANAGER_COUNT);
    let pipelineId = r() < 0.7 ? 1001 : 1002;
    const stages = OPEN_STATUSES[pipelineId]!;
    let statusId = stages[0]!;
    let at = createdAt;
    // About five moves: mostly forward, sometimes back, rarely into the other pipeline; then maybe closed.
    const moves = 3 + int(5);
    let pos = 0;
    let closedAt: number | null = null;
    for (let k = 0; k < moves && at < now; k++) {
      at += int(4 * DAY);
      if (at > now) break;
      let toPipeline = pipelineId;
      let toStatus: number;
      const roll = r();
      const open = OPEN_STATUSES[toPipeline]!;
      if (k === moves - 1 && roll < 0.55) {
        toStatus = roll < 0.25 ? 142 : 143;
      } else if (roll < 0.03) {
        toPipeline = pipelineId === 1001 ? 1002 : 1001;
        pos = 0;
        toStatus = OPEN_STATUSES[toPipeline]![0]!;
      } else if (roll < 0.15 && pos > 0) {
        toStatus = open[--pos]!;
      } else {
        pos = Math.min(pos + 1 + (r() < 0.1 ? 1 : 0), open.length - 1);
        toStatus = open[pos]!;
      }
      stageMoves.push({
        id: `m${++moveSeq}`,
        leadId: id,
        at,
        fromPipelineId: pipelineId,
        fromStatusId: statusId,
        toPipelineId: toPipeline,
        toStatusId: toStatus,
        byUserId: r() < 0.1 ? 0 : manager,
      });
      pipelineId = toPipeline;
      statusId = toStatus;
      if (toStatus === 142 || toStatus === 143) {
        closedAt = at;
        break;
      }
    }

    leads[i] = {
      id,
      name: `Deal ${i}`,
      price: 1000 * (1 + int(200)),
      pipelineId,
      statusId,
      responsibleUserId: manager,
      responsibleAtCreationId: r() < 0.1 ? 1 + int(MANAGER_COUNT) : null,
      createdAt,
      updatedAt: at,
      closedAt,
      isDeleted: r() < 0.01,
      source: pick(SOURCES),
      segment: pick(SEGMENTS),
      channel: pick(CHANNELS),
      lossReasonId: statusId === 143 ? 1 + int(8) : null,
      contactIds: [],
    };

    // About ten touches, the first within hours, the rest over the next month.
    const touchCount = 5 + int(11);
    let t = createdAt + int(6 * HOUR) - HOUR;
    for (let k = 0; k < touchCount; k++) {
      touches.push({
        id: `t${++touchSeq}`,
        leadId: id,
        at: t,
        userId: r() < 0.05 ? 0 : manager,
        channel: pick(TOUCH_CHANNELS),
        direction: r() < 0.7 ? "out" : "in",
        completed: r() < 0.6,
      });
      t += int(3 * DAY);
    }

    // About two tasks, a few not attached to a lead.
    const taskCount = int(5);
    for (let k = 0; k < taskCount; k++) {
      const created = createdAt + int(20 * DAY);
      const dueAt = created + int(5 * DAY);
      const done = r() < 0.7;
      const completedAt = done ? created + int(7 * DAY) : null;
      tasks.push({
        id: ++taskSeq,
        leadId: r() < 0.05 ? null : id,
        responsibleUserId: manager,
        typeId: 1,
        text: "",
        createdAt: created,
        dueAt,
        isCompleted: done && completedAt! <= now,
        completedAt: done && completedAt! <= now ? completedAt : null,
      });
    }
  }

  const users: User[] = Array.from({ length: MANAGER_COUNT }, (_, k) => ({
    id: k + 1,
    name: `Manager ${k + 1}`,
    isActive: true,
    groupId: null,
  }));
  return {
    leads,
    stageMoves,
    tasks,
    touches,
    users,
    stages: SYNTHETIC_STAGES,
    lossReasons: Array.from({ length: 8 }, (_, k) => ({ id: k + 1, name: `Reason ${k + 1}` })),
  };
}
