import { describe, expect, it } from "vitest";
import {
  enrichDataset,
  enrichLeads,
  isTaskDoneAt,
  stageEntriesOf,
  TASK_DUE_STATUSES,
} from "../../src/core/enrich";
import { calendarOf, DAY, dataset, lead, move, P1, P2, settings, task, touch, utc } from "./fixtures/dataset";

const now = utc("2026-03-10T12:00");
const s = settings((x) => {
  x.pipelineIds = [P1];
  x.controlPeriodDays = { "100:12": 3 };
});
const cal = calendarOf(s);

describe("enrichLeads", () => {
  const ds = dataset({
    leads: [
      // cold (no channel), created Monday 10:00, moved 11 → 12 → 13, won Friday
      lead({
        id: 1,
        createdAt: utc("2026-03-02T10:00"),
        channel: null,
        statusId: 142,
        closedAt: utc("2026-03-06T10:00"),
        responsibleUserId: 2,
        responsibleAtCreationId: 1,
        source: "ads",
      }),
      // hot, open, never answered, in 12 since Mar 5 via a move from pipeline 200
      lead({ id: 2, createdAt: utc("2026-03-02T10:00"), channel: "chat", statusId: 12 }),
      lead({ id: 3, createdAt: utc("2026-03-02T10:00"), isDeleted: true }),
      lead({ id: 4, createdAt: utc("2026-03-02T10:00"), pipelineId: P2, statusId: 21 }),
      lead({ id: 5, createdAt: utc("2026-03-11T10:00") }), // created after now
    ],
    touches: [
      touch(1, utc("2026-03-02T09:00")), // before creation
      touch(1, utc("2026-03-02T10:07"), { userId: 0 }), // robot
      touch(1, utc("2026-03-02T10:20"), { channel: "chat", direction: "in" }), // incoming
      touch(1, utc("2026-03-02T10:30")),
      touch(1, utc("2026-03-04T10:30"), { channel: "email" }),
      touch(1, utc("2026-03-09T10:30")), // after the win, before now
      touch(1, utc("2026-03-11T10:30")), // after now
      touch(2, utc("2026-03-11T10:30")), // after now: lead 2 stays unanswered
    ],
    stageMoves: [
      // given newest first: the engine sorts by time
      move(1, utc("2026-03-06T10:00"), [P1, 13], [P1, 142]),
      move(1, utc("2026-03-04T10:00"), [P1, 12], [P1, 13]),
      move(1, utc("2026-03-03T10:00"), [P1, 11], [P1, 12]),
      move(2, utc("2026-03-05T12:00"), [P2, 21], [P1, 12]),
    ],
    tasks: [
      task({ id: 1, leadId: 2, dueAt: utc("2026-03-09T10:00"), createdAt: utc("2026-03-05T10:00") }),
      task({ id: 2, leadId: 3, dueAt: utc("2026-03-09T10:00"), createdAt: utc("2026-03-05T10:00") }),
    ],
  });

  const data = enrichDataset(ds, s, cal, now);
  const leads = data.leads;

  it("keeps only leads in scope, with their own fields", () => {
    expect(leads.map((l) => l.id)).toEqual([1, 2]);
    expect(leads[0]).toMatchObject({
      id: 1,
      name: "Lead 1",
      source: "ads",
      sourceKey: "ads",
      segmentKey: "(none)",
    });
  });

  it("first response and SLA", () => {
    // Lead 1: first counted touch 10:30 → 30 business minutes; cold: due Tuesday 18:00 → met.
    expect(leads[0]).toMatchObject({
      leadClass: "cold",
      firstResponseUserId: 1,
      firstTouchAt: utc("2026-03-02T10:30"),
      answered: true,
      firstResponseMinutes: 30,
      slaDeadline: utc("2026-03-03T18:00"),
      slaStatus: "met",
    });
    // Lead 2: hot, unanswered by now: Mon 10:00–18:00 480 + Tue–Fri 2160 + Mon 540 + Tue 09–12 180 = 3360;
    // due Mon 10:10 → breached.
    expect(leads[1]).toMatchObject({
      leadClass: "hot",
      firstResponseUserId: 1,
      firstTouchAt: null,
      answered: false,
      firstResponseMinutes: 3360,
      slaDeadline: utc("2026-03-02T10:10"),
      slaStatus: "breached",
    });
  });

  it("touches to the win and up to now", () => {
    // Counted touches of lead 1 since creation: 10:30, Mar 4, Mar 9 (by now) → 3; to the win (Mar 6): 2.
    expect(leads[0]).toMatchObject({
      touchesTotal: 3,
      touchesToWin: 2,
      isWonAtNow: true,
      isOpenAtNow: false,
    });
    expect(leads[1]).toMatchObject({
      touchesTotal: 0,
      touchesToWin: null,
      isWonAtNow: false,
      isOpenAtNow: true,
    });
  });

  it("stage at now, time in stage and staleness", () => {
    expect(leads[0]).toMatchObject({
      stageKey: "100:142",
      stageEnteredAt: utc("2026-03-06T10:00"),
      isStale: false,
    });
    // Lead 2 entered 12 on Mar 5 12:00: 5 days by now, control period 3 days → stale.
    expect(leads[1]).toMatchObject({
      stagePipelineId: P1,
      stageStatusId: 12,
      stageKey: "100:12",
      stageEnteredAt: utc("2026-03-05T12:00"),
      daysInStage: 5,
      controlPeriodDays: 3,
      isStale: true,
      hasNextStep: true,
    });
  });

  it("stage entries of the current pipeline, with conversion", () => {
    expect(stageEntriesOf(data, 0)).toEqual([
      { stageKey: "100:11", statusId: 11, at: utc("2026-03-02T10:00"), converted: true },
      { stageKey: "100:12", statusId: 12, at: utc("2026-03-03T10:00"), converted: true },
      { stageKey: "100:13", statusId: 13, at: utc("2026-03-04T10:00"), converted: true },
    ]);
    // Lead 2 started in pipeline 200 (dropped) and entered 100:12 on Mar 5.
    expect(stageEntriesOf(data, 1)).toEqual([
      { stageKey: "100:12", statusId: 12, at: utc("2026-03-05T12:00"), converted: false },
    ]);
  });

  it("a past now reproduces the past", () => {
    // Seen on Mar 3 12:00: lead 1 is open, in 12 since 10:00, not yet won; 1 touch so far.
    const pastData = enrichDataset(ds, s, cal, utc("2026-03-03T12:00"));
    const past = pastData.leads;
    expect(enrichLeads(ds, s, cal, utc("2026-03-03T12:00"))).toEqual(past);
    expect(past.map((l) => l.id)).toEqual([1, 2]);
    expect(past[0]).toMatchObject({
      isOpenAtNow: true,
      isWonAtNow: false,
      touchesTotal: 1,
      touchesToWin: null,
      stageKey: "100:12",
      daysInStage: 2 / 24,
    });
    // Lead 2's only move is after this now: it sits in its first stage (200:21) since creation,
    // and has no entries into pipeline 100 yet.
    expect(past[1]).toMatchObject({
      stageKey: "200:21",
      stageEnteredAt: utc("2026-03-02T10:00"),
      hasNextStep: false,
    });
    expect(stageEntriesOf(pastData, 1)).toEqual([]);
    // Lead 1 by then: entered 11 at creation and 12 on Mar 3 10:00 (converted: it went on to 12).
    expect(stageEntriesOf(pastData, 0)).toEqual([
      { stageKey: "100:11", statusId: 11, at: utc("2026-03-02T10:00"), converted: true },
      { stageKey: "100:12", statusId: 12, at: utc("2026-03-03T10:00"), converted: false },
    ]);
  });
});

describe("enrichDataset tasks", () => {
  it("keeps tasks of leads in scope and tasks without a lead, with due status", () => {
    const ds = dataset({
      leads: [
        lead({ id: 1, createdAt: utc("2026-03-02T10:00"), source: "ads", channel: "form" }),
        lead({ id: 2, createdAt: utc("2026-03-02T10:00"), isDeleted: true }),
      ],
      tasks: [
        task({ id: 1, leadId: 1, dueAt: utc("2026-03-05T10:00") }),
        task({ id: 2, leadId: 2, dueAt: utc("2026-03-05T10:00") }),
        task({ id: 3, leadId: null, dueAt: utc("2026-03-11T10:00"), responsibleUserId: 3 }),
        task({ id: 4, leadId: 77, dueAt: utc("2026-03-05T10:00") }),
        task({ id: 5, leadId: 1, dueAt: utc("2026-03-12T10:00"), createdAt: now + DAY }),
        // completed without a known time: done, on time
        task({ id: 6, leadId: 1, dueAt: utc("2026-03-05T10:00"), isCompleted: true, completedAt: null }),
      ],
    });
    const data = enrichDataset(ds, s, cal, now);
    const t = data.tasks;
    // Task 2 (deleted lead), 4 (unknown lead) and 5 (created after now) are out.
    expect(
      t.items.map((x, r) => [x.id, t.lead[r], TASK_DUE_STATUSES[t.dueStatus[r]!], isTaskDoneAt(x, now)]),
    ).toEqual([
      [1, 0, "overdue", false],
      [3, -1, "pending", false],
      [6, 0, "on_time", true],
    ]);
  });
});
