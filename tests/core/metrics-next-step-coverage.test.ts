import { describe, expect, it } from "vitest";
import { dataset, lead, P1, P2, settings, task, utc } from "./fixtures/dataset";
import { dept, rows } from "./fixtures/run";

const now = utc("2026-03-10T12:00");
const created = utc("2026-03-02T10:00");

const ds = dataset({
  leads: [
    lead({ id: 1, createdAt: created }), // open task → covered
    lead({ id: 2, createdAt: created }), // its only task was completed → not covered
    lead({ id: 3, createdAt: created }), // task completed after now → still open at now → covered
    lead({ id: 4, createdAt: created, responsibleUserId: 2 }), // overdue open task → still a next step
    lead({ id: 5, createdAt: created, responsibleUserId: 2 }), // task created after now → not covered
    lead({ id: 6, createdAt: created, statusId: 142, closedAt: utc("2026-03-05T10:00") }), // won: not open
    // lost only after now → open at now; no task → not covered
    lead({
      id: 7,
      createdAt: created,
      statusId: 143,
      closedAt: utc("2026-03-12T10:00"),
      responsibleUserId: 2,
    }),
    lead({ id: 8, createdAt: created, isDeleted: true }), // deleted
    lead({ id: 9, createdAt: created, pipelineId: P2, statusId: 21 }), // pipeline not analysed
  ],
  tasks: [
    task({ id: 101, leadId: 1, dueAt: utc("2026-03-12T10:00"), createdAt: utc("2026-03-03T10:00") }),
    task({
      id: 102,
      leadId: 2,
      dueAt: utc("2026-03-06T10:00"),
      isCompleted: true,
      completedAt: utc("2026-03-05T10:00"),
    }),
    task({
      id: 103,
      leadId: 3,
      createdAt: utc("2026-03-03T10:00"),
      dueAt: utc("2026-03-12T10:00"),
      isCompleted: true,
      completedAt: utc("2026-03-11T10:00"),
    }),
    task({ id: 104, leadId: 4, dueAt: utc("2026-03-04T10:00") }),
    task({ id: 105, leadId: 5, dueAt: utc("2026-03-13T10:00"), createdAt: utc("2026-03-11T10:00") }),
    task({ id: 106, leadId: 6, dueAt: utc("2026-03-13T10:00") }),
    task({ id: 108, leadId: 8, dueAt: utc("2026-03-13T10:00") }),
    task({ id: 109, leadId: 9, dueAt: utc("2026-03-13T10:00") }),
    task({ id: 110, leadId: null, dueAt: utc("2026-03-13T10:00") }), // on a contact: no lead covered
  ],
});
const s = settings((x) => {
  x.pipelineIds = [P1];
});

describe("next_step_coverage", () => {
  it("open deals with an open task ÷ open deals, at now", () => {
    const r = dept("next_step_coverage", {
      ds,
      s,
      now,
      from: utc("2026-03-02T00:00"),
      to: utc("2026-03-09T00:00"),
    });
    // open: 1, 2, 3, 4, 5, 7; covered: 1, 3, 4 → 3 / 6
    expect(r).toMatchObject({ numerator: 3, denominator: 6, value: 0.5, leadIds: [1, 2, 3, 4, 5, 7] });
  });

  it("is a snapshot: the period does not matter", () => {
    const r = dept("next_step_coverage", {
      ds,
      s,
      now,
      from: utc("2020-01-01T00:00"),
      to: utc("2020-01-02T00:00"),
    });
    expect(r).toMatchObject({ numerator: 3, denominator: 6 });
  });

  it("per current responsible", () => {
    const m = rows("next_step_coverage", { ds, s, now, from: 0, to: 1 }, "manager");
    // manager 1: 1, 2, 3 → 2 covered; manager 2: 4, 5, 7 → 1 covered
    expect(m.get(1)).toMatchObject({ numerator: 2, denominator: 3, leadIds: [1, 2, 3] });
    expect(m.get(2)).toMatchObject({ numerator: 1, denominator: 3, leadIds: [4, 5, 7] });
  });

  it("no open deals → no data", () => {
    const r = dept("next_step_coverage", {
      ds: dataset({ leads: [ds.leads[5]!] }),
      s,
      now,
      from: 0,
      to: now,
    });
    expect(r).toMatchObject({ value: null, numerator: 0, denominator: 0, leadIds: [] });
  });

  it("a lead created after now does not exist yet", () => {
    const r = dept("next_step_coverage", {
      ds: dataset({ leads: [lead({ id: 1, createdAt: utc("2026-03-11T00:00") })] }),
      s,
      now,
      from: 0,
      to: now,
    });
    expect(r.denominator).toBe(0);
  });
});
