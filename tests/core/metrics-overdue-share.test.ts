import { describe, expect, it } from "vitest";
import { dataset, lead, P1, P2, settings, task, utc } from "./fixtures/dataset";
import { dept, rows } from "./fixtures/run";

const now = utc("2026-03-10T12:00");
const period = { from: utc("2026-03-02T00:00"), to: utc("2026-03-11T00:00") };
const created = utc("2026-03-01T10:00");

const ds = dataset({
  leads: [
    lead({ id: 1, createdAt: created, source: "ads" }),
    lead({ id: 2, createdAt: created, source: "web", responsibleUserId: 2 }),
    lead({ id: 3, createdAt: created, isDeleted: true }),
    lead({ id: 4, createdAt: created, pipelineId: P2, statusId: 21 }),
  ],
  tasks: [
    // completed an hour before the deadline → on time
    task({
      id: 1,
      leadId: 1,
      dueAt: utc("2026-03-03T10:00"),
      isCompleted: true,
      completedAt: utc("2026-03-03T09:00"),
    }),
    // completed an hour late → overdue
    task({
      id: 2,
      leadId: 1,
      dueAt: utc("2026-03-03T10:00"),
      isCompleted: true,
      completedAt: utc("2026-03-03T11:00"),
    }),
    // still open, deadline passed → overdue (attributed to the task's responsible, 2)
    task({ id: 3, leadId: 1, dueAt: utc("2026-03-04T10:00"), responsibleUserId: 2 }),
    // completed exactly at the deadline → on time
    task({
      id: 4,
      leadId: 2,
      dueAt: utc("2026-03-05T10:00"),
      isCompleted: true,
      completedAt: utc("2026-03-05T10:00"),
    }),
    // open, deadline ahead of now → pending, excluded
    task({ id: 5, leadId: 2, dueAt: utc("2026-03-10T15:00") }),
    // not attached to a lead: counts for its user with source "(none)"; open past due → overdue
    task({ id: 6, leadId: null, dueAt: utc("2026-03-06T10:00"), responsibleUserId: 2 }),
    // deleted lead → excluded
    task({ id: 7, leadId: 3, dueAt: utc("2026-03-06T10:00") }),
    // due before the period → excluded
    task({ id: 8, leadId: 1, dueAt: utc("2026-03-01T10:00") }),
    // completed only after now → open at now, past due → overdue
    task({
      id: 9,
      leadId: 2,
      dueAt: utc("2026-03-06T10:00"),
      isCompleted: true,
      completedAt: utc("2026-03-11T10:00"),
    }),
    // created after now → not seen
    task({ id: 10, leadId: 1, dueAt: utc("2026-03-05T10:00"), createdAt: utc("2026-03-11T00:00") }),
    // completed before now and before its (future) deadline → on time, not pending
    task({
      id: 11,
      leadId: 2,
      dueAt: utc("2026-03-10T13:00"),
      isCompleted: true,
      completedAt: utc("2026-03-10T11:00"),
    }),
    // lead in a pipeline outside the analysed ones → excluded
    task({ id: 12, leadId: 4, dueAt: utc("2026-03-06T10:00") }),
    // attached to a lead the dataset does not hold → excluded
    task({ id: 13, leadId: 999, dueAt: utc("2026-03-06T10:00") }),
  ],
});
const s = settings((x) => {
  x.pipelineIds = [P1];
});

describe("overdue_share", () => {
  it("overdue ÷ tasks due in the period, pending excluded", () => {
    const r = dept("overdue_share", { ds, s, now, ...period });
    // counted: 1, 2, 3, 4, 6, 9, 11 (7); overdue: 2, 3, 6, 9 (4) → 4 / 7
    expect(r.numerator).toBe(4);
    expect(r.denominator).toBe(7);
    expect(r.value).toBeCloseTo(4 / 7, 12);
    // grouped by lead: the task without a lead first, then lead 1's, then lead 2's
    expect(r.taskIds).toEqual([6, 1, 2, 3, 4, 9, 11]);
    expect(r.leadIds).toEqual([1, 2]);
    expect(r.pendingTaskIds).toEqual([5]);
  });

  it("a pipeline filter drops tasks without a lead", () => {
    const r = dept("overdue_share", { ds, s, now, ...period, filters: { pipelineIds: [P1] } });
    // without task 6: 3 / 6
    expect(r).toMatchObject({ numerator: 3, denominator: 6, value: 0.5 });
  });

  it("tasks without a lead are sliced as (none)", () => {
    const bySource = rows("overdue_share", { ds, s, now, ...period }, "source");
    // ads (lead 1): 1, 2, 3 → 2 / 3; web (lead 2): 4, 9, 11 → 1 / 3; (none): 6 → 1 / 1
    expect(bySource.get("ads")).toMatchObject({ numerator: 2, denominator: 3 });
    expect(bySource.get("web")).toMatchObject({ numerator: 1, denominator: 3, pendingTaskIds: [5] });
    expect(bySource.get("(none)")).toMatchObject({ numerator: 1, denominator: 1, leadIds: [], taskIds: [6] });
    expect([...bySource.keys()]).toEqual([null, "ads", "web", "(none)"]);
    const byManager = rows("overdue_share", { ds, s, now, ...period }, "manager");
    // manager 1: 1, 2, 4, 9, 11 → overdue 2, 9; manager 2: 3, 6 → both overdue
    expect(byManager.get(1)).toMatchObject({ numerator: 2, denominator: 5 });
    expect(byManager.get(2)).toMatchObject({ numerator: 2, denominator: 2, value: 1 });
  });

  it("class and pipeline: tasks without a lead are (none), and a class filter drops them", () => {
    const byPipeline = rows("overdue_share", { ds, s, now, ...period }, "pipeline");
    expect([...byPipeline.keys()]).toEqual([null, P1, "(none)"]);
    expect(byPipeline.get("(none)")).toMatchObject({ numerator: 1, denominator: 1, taskIds: [6] });
    // Both leads are hot (fixture channel "call"): 6 tasks, 3 overdue.
    const hot = dept("overdue_share", { ds, s, now, ...period, filters: { leadClasses: ["hot"] } });
    expect(hot).toMatchObject({ numerator: 3, denominator: 6 });
  });

  it("only pending tasks → no data", () => {
    const r = dept("overdue_share", {
      ds,
      s,
      now,
      from: utc("2026-03-10T14:00"),
      to: utc("2026-03-11T00:00"),
    });
    expect(r).toMatchObject({ value: null, numerator: 0, denominator: 0, taskIds: [], pendingTaskIds: [5] });
  });
});
