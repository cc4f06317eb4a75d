/**
 * Phase 4: contacts. Every lead has one main contact. A repeat deal reuses the contact of an earlier
 * won deal, or a customer from before the scenario (created in 2025). The rule that keeps contact
 * touches unambiguous: the leads of one contact never overlap in time — a contact's next lead is
 * created only after its previous lead closed — so a touch on a contact at instant t belongs to the
 * one lead of that contact open at t.
 */
import { DAY, MINUTE } from "./calendar";
import { mobilePhone, personEmail, personName } from "./names";
import type { ContactPlan, LeadPlan } from "./plan-types";
import type { Rng } from "./prng";
import type { World } from "./world";

function newContact(
  world: World,
  rng: Rng,
  createdAt: number,
  createdBy: number,
  responsible: number,
): ContactPlan {
  const { first, last } = personName(rng);
  const c: ContactPlan = {
    idx: world.contacts.length,
    createdAt,
    createdBy,
    responsible,
    firstName: first,
    lastName: last,
    phone: mobilePhone(rng),
    email: rng.chance(0.55) ? personEmail(rng, first, last) : null,
    leadIdxs: [],
    id: 0,
  };
  world.contacts.push(c);
  return c;
}

/** A customer who bought before the scenario started: created some time in the past year. */
function legacyContact(world: World, lead: LeadPlan, rng: Rng): ContactPlan {
  const from = world.start - 400 * DAY;
  const to = world.start - 20 * DAY;
  const t = world.cal.nextWorkingMoment(from + Math.floor(rng.range(0, to - from) / MINUTE) * MINUTE);
  return newContact(world, rng, t, lead.managerAtCreation, lead.managerAtCreation);
}

export function planContacts(world: World, rng: Rng): void {
  /** Contacts whose latest lead was won and closed, with that closing time. */
  const customers: { contact: ContactPlan; freeFrom: number }[] = [];
  for (const lead of world.leads) {
    let contact: ContactPlan;
    if (lead.kind === "repeat") {
      const ok = customers.filter((c) => c.freeFrom < lead.createdAt - 3 * DAY);
      const chosen = ok.length > 0 ? rng.pick(ok) : null;
      if (chosen) {
        customers.splice(customers.indexOf(chosen), 1);
        contact = chosen.contact;
      } else {
        contact = legacyContact(world, lead, rng);
      }
    } else {
      contact = newContact(world, rng, lead.createdAt, lead.createdBy, lead.managerAtCreation);
    }
    contact.leadIdxs.push(lead.idx);
    lead.contactIdx = contact.idx;
    if (lead.outcome === "won" && lead.closeAt !== null && lead.closeAt <= world.now) {
      customers.push({ contact, freeFrom: lead.closeAt });
    }
  }
}

/**
 * The open interval of a lead for contact-touch mapping: (createdAt, closedAt or now). Touches on a
 * contact are planned strictly inside it.
 */
export function contactWindow(world: World, lead: LeadPlan): [number, number] {
  const end = lead.closeAt !== null && lead.closeAt <= world.now ? lead.closeAt : world.now;
  return [lead.createdAt, end];
}
