/**
 * Which lead an event on a contact belongs to. Calls and chats often land on the contact card
 * rather than the deal [DOC calls-api: "else to the contact/company card itself"], so they are
 * given to the contact's lead that was open at the time: created at or before it and not closed
 * before it; the most recently created when several; none when no such lead is known.
 * Deleted leads are never chosen (their touches would be excluded anyway).
 */
import type { Lead } from "../../core/model";

export type LeadLink = Pick<Lead, "id" | "contactIds" | "createdAt" | "closedAt" | "isDeleted">;

export class ContactAttribution {
  private readonly byContact = new Map<number, LeadLink[]>();

  constructor(leads: Iterable<LeadLink>) {
    for (const l of leads) {
      if (l.isDeleted) continue;
      for (const c of l.contactIds) {
        const list = this.byContact.get(c);
        if (list) list.push(l);
        else this.byContact.set(c, [l]);
      }
    }
  }

  /** The lead id for an event on `contactId` at `at` (epoch ms), or null. */
  leadFor(contactId: number, at: number): number | null {
    let best: LeadLink | null = null;
    for (const l of this.byContact.get(contactId) ?? []) {
      if (l.createdAt > at) continue;
      if (l.closedAt !== null && l.closedAt < at) continue;
      if (!best || l.createdAt > best.createdAt || (l.createdAt === best.createdAt && l.id > best.id))
        best = l;
    }
    return best?.id ?? null;
  }
}
