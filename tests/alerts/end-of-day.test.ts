/** The end-of-day check: once per working day after endOfDayAt, outside quiet hours; the deals listed. */
import { describe, expect, it } from "vitest";
import { composeEndOfDayMails } from "../../src/core/alerts/compose";
import { dealsWithoutNextStep, endOfDayDue } from "../../src/core/alerts/end-of-day";
import type { AlertLead } from "../../src/core/alerts/types";
import { createCalendar } from "../../src/core/calendar";
import { alertsSchema, calendarSchema } from "../../src/core/settings";

const cal = createCalendar(calendarSchema.parse({ timezone: "Europe/Moscow", holidays: ["2026-11-04"] }));
const alerts = alertsSchema.parse({ enabled: true, salesHeadEmails: ["head@example.com"] });
const at = (iso: string) => Date.parse(iso);

describe("endOfDayDue", () => {
  it("from 18:00 local on a working day, once", () => {
    expect(endOfDayDue(at("2026-10-12T14:59:00Z"), alerts, cal, null)).toEqual({
      due: false,
      date: "2026-10-12",
    }); // 17:59
    expect(endOfDayDue(at("2026-10-12T15:00:00Z"), alerts, cal, null)).toEqual({
      due: true,
      date: "2026-10-12",
    }); // 18:00
    expect(endOfDayDue(at("2026-10-12T16:00:00Z"), alerts, cal, "2026-10-12").due).toBe(false); // already done
    expect(endOfDayDue(at("2026-10-13T15:00:00Z"), alerts, cal, "2026-10-12").due).toBe(true); // next day
  });

  it("not on weekends or holidays, not in quiet hours, not when switched off", () => {
    expect(endOfDayDue(at("2026-10-17T15:30:00Z"), alerts, cal, null).due).toBe(false); // Saturday
    expect(endOfDayDue(at("2026-11-04T15:30:00Z"), alerts, cal, null).due).toBe(false); // holiday
    expect(endOfDayDue(at("2026-10-12T17:30:00Z"), alerts, cal, null).due).toBe(false); // 20:30, quiet
    expect(endOfDayDue(at("2026-10-12T15:30:00Z"), { ...alerts, endOfDayCheck: false }, cal, null).due).toBe(
      false,
    );
  });
});

describe("the list", () => {
  const base = (id: number, p: Partial<AlertLead>): AlertLead => ({
    leadId: id,
    name: `D${id}`,
    url: null,
    responsibleId: 1,
    manager: "Анна",
    pipelineId: 1,
    statusKind: "open",
    closedAt: null,
    leadClass: "warm",
    firstResponseAt: null,
    answered: true,
    slaDeadline: 0,
    hasNextStep: false,
    ...p,
  });
  const now = at("2026-10-12T15:00:00Z");
  const deals = [
    base(1, {}),
    base(2, { hasNextStep: true }),
    base(3, { statusKind: "won", closedAt: now - 1000 }),
    base(4, { hasNextStep: null }), // outside the analysed pipelines
    base(5, { responsibleId: 2, manager: "Борис" }),
  ];

  it("open deals without a next step only", () => {
    expect(dealsWithoutNextStep(deals, now).map((d) => d.leadId)).toEqual([1, 5]);
  });

  it("heads get all, each manager theirs", () => {
    const mails = composeEndOfDayMails(
      dealsWithoutNextStep(deals, now),
      {
        locale: "en",
        timezone: "Europe/Moscow",
        emails: new Map([[2, "boris@example.com"]]),
        salesHeadEmails: ["head@example.com"],
        notifyManagers: true,
      },
      { dataAt: now, remainingRecipients: 100 },
    );
    expect(mails.map((m) => [m.to, m.subject])).toEqual([
      [["head@example.com"], "End of day: 2 open deals without a next step"],
      [["boris@example.com"], "End of day: 1 open deals without a next step"],
    ]);
    expect(mails[1]!.body).toContain("• D5 — Борис");
    expect(mails[1]!.body).not.toContain("D1 ");
  });
});
