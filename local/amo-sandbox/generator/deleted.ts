/**
 * Leads that end in the trash: spam from forms and chats (deleted within hours, never touched) and
 * duplicates (touched and given a task before someone noticed the double). Everything on them —
 * touches, tasks, stage moves — must be excluded by the engine (docs/metrics.md "Scope").
 */
import { DAY, HOUR, MINUTE } from "./calendar";
import { P1 } from "./dictionaries";
import { arrivalNoise } from "./journey";
import type { LeadPlan } from "./plan-types";
import type { Rng } from "./prng";
import { stageTask } from "./tasks";
import { timeWithin } from "./timing";
import type { World } from "./world";

export function planDeletedLead(world: World, lead: LeadPlan, rng: Rng): void {
  const c = lead.createdAt;
  arrivalNoise(lead, rng);
  if (lead.kind === "junk") {
    const at = timeWithin(world, c + 20 * MINUTE, c + 30 * HOUR, rng) ?? c + HOUR;
    lead.deleteAt = Math.min(at, world.now - HOUR);
    lead.deletedBy = lead.managerAtCreation;
    return;
  }
  const t1 = lead.firstTouchAt ?? c + 10 * MINUTE;
  lead.touches.push({
    at: t1,
    kind: "call_out",
    userId: lead.managerAtCreation,
    answered: rng.chance(0.7),
    onContact: false,
  });
  if (lead.startStatus === P1.unsorted && rng.chance(0.5)) {
    lead.moves.push({
      at: t1 + 5 * MINUTE,
      fromPipeline: P1.id,
      fromStatus: P1.unsorted,
      toPipeline: P1.id,
      toStatus: P1.firstContact,
      by: lead.managerAtCreation,
    });
  }
  const deleteAt = Math.min(timeWithin(world, t1 + HOUR, t1 + 2 * DAY, rng) ?? t1 + HOUR, world.now - HOUR);
  // The next step set before the double was found: still open when the lead went to the trash.
  lead.tasks.push(
    stageTask(world, lead, "Перезвонить клиенту", t1 + 10 * MINUTE, world.now + 365 * DAY, rng),
  );
  lead.deleteAt = deleteAt;
  lead.deletedBy = lead.managerAtCreation;
}
