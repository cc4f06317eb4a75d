/**
 * Mails from breaches and from the end-of-day list: who gets what, and the plain-text bodies.
 *
 * Recipients: every mail goes to the sales heads; a breach also goes to the lead's responsible
 * manager (their amoCRM e-mail) when `notifyManagers` is on and the e-mail is known. One mail per
 * breach (to the manager, the heads in copy), or, in digest mode, one mail to the heads listing
 * every breach plus one per manager listing theirs (a manager who is also a head gets the heads' one).
 *
 * CRM text (deal and manager names) is untrusted: mails are plain text only (no HTML to inject
 * into), each value is put on one line and shortened, so a deal name cannot forge extra lines.
 */
import type { Locale } from "../i18n";
import type { QuietHours } from "../settings";
import { formatLocal } from "./local-time";
import { tAlerts } from "./messages";
import type { AlertLead, Breach, PlannedMail } from "./types";

export interface ComposeContext {
  locale: Locale;
  timezone: string;
  /** amoCRM user id → e-mail (from the users list). */
  emails: ReadonlyMap<number, string>;
  salesHeadEmails: readonly string[];
  notifyManagers: boolean;
}

const MAX_TEXT = 150;
/**
 * Lines per list mail: 200 lines of ≤ ~300 characters stay far below MailApp's 200 KB body limit
 * [DOC apps-script.md §3]; breaches past it stay untold and come in the next check's mail.
 */
export const MAX_LIST_LINES = 200;

/** One line, no control characters, at most MAX_TEXT characters. */
export function oneLine(text: string | null | undefined): string {
  const flat = String(text ?? "")
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 1)}…` : flat;
}

function uniqueLower(list: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const a of list) {
    const k = a.trim().toLowerCase();
    if (k === "" || seen.has(k)) continue;
    seen.add(k);
    out.push(a.trim());
  }
  return out;
}

function managerEmail(lead: AlertLead, ctx: ComposeContext): string | null {
  if (!ctx.notifyManagers || lead.responsibleId === null) return null;
  const e = ctx.emails.get(lead.responsibleId);
  return e && e.trim() !== "" ? e.trim() : null;
}

function managerName(lead: AlertLead, locale: Locale): string {
  return oneLine(lead.manager) || tAlerts(locale, "unknown.manager");
}

function className(lead: AlertLead, locale: Locale): string {
  const c = lead.leadClass;
  return c === "hot" || c === "warm" || c === "cold" ? tAlerts(locale, `class.${c}`) : oneLine(c);
}

function safeUrl(url: string | null): string | null {
  return url !== null && /^https?:\/\/\S+$/i.test(url) ? url : null;
}

function footer(locale: Locale): string {
  return `\n\n${tAlerts(locale, "footer")}`;
}

function singleMail(b: Breach, ctx: ComposeContext): PlannedMail | null {
  const l = ctx.locale;
  const heads = uniqueLower(ctx.salesHeadEmails);
  const manager = managerEmail(b.lead, ctx);
  const to = manager ? [manager] : heads;
  const cc = manager ? heads.filter((h) => h.toLowerCase() !== manager.toLowerCase()) : [];
  if (to.length === 0) return null;
  const name = oneLine(b.lead.name) || `#${b.lead.leadId}`;
  const url = safeUrl(b.lead.url);
  const lines = [
    tAlerts(l, "breach.intro"),
    "",
    tAlerts(l, "line.deal", { name }),
    tAlerts(l, "line.manager", { manager: managerName(b.lead, l) }),
    tAlerts(l, "line.class", { class: className(b.lead, l) }),
    tAlerts(l, "line.deadline", { deadline: formatLocal(b.deadline, ctx.timezone), timezone: ctx.timezone }),
  ];
  if (url) lines.push(tAlerts(l, "line.link", { url }));
  return {
    to,
    cc,
    subject: tAlerts(l, "breach.subject", { name, manager: managerName(b.lead, l) }),
    body: lines.join("\n") + footer(l),
    keys: [b.key],
  };
}

function breachLine(b: Breach, ctx: ComposeContext): string {
  const url = safeUrl(b.lead.url);
  return tAlerts(ctx.locale, "line.item", {
    name: oneLine(b.lead.name) || `#${b.lead.leadId}`,
    manager: managerName(b.lead, ctx.locale),
    class: className(b.lead, ctx.locale),
    deadline: formatLocal(b.deadline, ctx.timezone),
    link: url ? ` — ${url}` : "",
  });
}

function digestMail(
  to: string[],
  all: readonly Breach[],
  ctx: ComposeContext,
  held: QuietHours | null,
): PlannedMail {
  const l = ctx.locale;
  const breaches = all.slice(0, MAX_LIST_LINES);
  const lines = [tAlerts(l, "digest.intro"), ""];
  if (held) lines.unshift(tAlerts(l, "digest.held", { start: held.start, end: held.end }), "");
  for (const b of breaches) lines.push(breachLine(b, ctx));
  return {
    to,
    cc: [],
    subject: tAlerts(l, "digest.subject", { count: breaches.length }),
    body: lines.join("\n") + footer(l),
    keys: breaches.map((b) => b.key),
  };
}

/**
 * The heads' mail first, then one per manager (managers in order of their first breach), so that
 * when the mail quota runs short the heads are told before anyone else.
 */
function digestMails(
  breaches: readonly Breach[],
  ctx: ComposeContext,
  held: QuietHours | null,
): PlannedMail[] {
  if (breaches.length === 0) return [];
  const heads = uniqueLower(ctx.salesHeadEmails);
  const headSet = new Set(heads.map((h) => h.toLowerCase()));
  const mails: PlannedMail[] = [];
  if (heads.length > 0) mails.push(digestMail(heads, breaches, ctx, held));
  const byManager = new Map<string, Breach[]>();
  for (const b of breaches) {
    const e = managerEmail(b.lead, ctx);
    if (!e || headSet.has(e.toLowerCase())) continue;
    const k = e.toLowerCase();
    const list = byManager.get(k) ?? [];
    if (list.length === 0) byManager.set(k, list);
    list.push(b);
  }
  for (const list of byManager.values()) {
    mails.push(digestMail([managerEmail(list[0]!.lead, ctx)!], list, ctx, held));
  }
  return mails;
}

export function recipientsOf(mails: readonly PlannedMail[]): number {
  return mails.reduce((n, m) => n + m.to.length + m.cc.length, 0);
}

/**
 * The breach mails for this check. `held` = quiet hours just ended: always one digest. When the
 * mails would need more recipients than MailApp has left today, single mails become a digest,
 * and a digest that still does not fit is cut (heads first); breaches in no mail stay untold
 * and come up again at the next check.
 */
export function composeBreachMails(
  breaches: readonly Breach[],
  ctx: ComposeContext,
  opts: { digest: boolean; held: QuietHours | null; remainingRecipients: number },
): PlannedMail[] {
  if (breaches.length === 0) return [];
  if (!opts.digest && opts.held === null) {
    const single = breaches.map((b) => singleMail(b, ctx)).filter((m): m is PlannedMail => m !== null);
    if (recipientsOf(single) <= opts.remainingRecipients) return single;
  }
  return fitToQuota(digestMails(breaches, ctx, opts.held), opts.remainingRecipients);
}

export function fitToQuota(mails: readonly PlannedMail[], remaining: number): PlannedMail[] {
  const out: PlannedMail[] = [];
  let left = remaining;
  for (const m of mails) {
    const n = m.to.length + m.cc.length;
    if (n > left) continue;
    out.push(m);
    left -= n;
  }
  return out;
}

/** The end-of-day list: the heads get every deal; each manager (if notified) their own. */
export function composeEndOfDayMails(
  deals: readonly AlertLead[],
  ctx: ComposeContext,
  opts: { dataAt: number; remainingRecipients: number },
): PlannedMail[] {
  if (deals.length === 0) return [];
  const l = ctx.locale;
  const mail = (to: string[], list: readonly AlertLead[]): PlannedMail => {
    const lines = [
      tAlerts(l, "eod.intro", { at: formatLocal(opts.dataAt, ctx.timezone), timezone: ctx.timezone }),
      "",
    ];
    for (const d of list.slice(0, MAX_LIST_LINES)) {
      const url = safeUrl(d.url);
      lines.push(
        tAlerts(l, "eod.item", {
          name: oneLine(d.name) || `#${d.leadId}`,
          manager: managerName(d, l),
          link: url ? ` — ${url}` : "",
        }),
      );
    }
    if (list.length > MAX_LIST_LINES) lines.push(`… +${list.length - MAX_LIST_LINES}`);
    return {
      to,
      cc: [],
      subject: tAlerts(l, "eod.subject", { count: list.length }),
      body: lines.join("\n") + footer(l),
      keys: [],
    };
  };
  const heads = uniqueLower(ctx.salesHeadEmails);
  const headSet = new Set(heads.map((h) => h.toLowerCase()));
  const mails: PlannedMail[] = [];
  if (heads.length > 0) mails.push(mail(heads, deals));
  const byManager = new Map<string, { email: string; list: AlertLead[] }>();
  for (const d of deals) {
    const e = managerEmail(d, ctx);
    if (!e || headSet.has(e.toLowerCase())) continue;
    const entry = byManager.get(e.toLowerCase()) ?? { email: e, list: [] };
    if (entry.list.length === 0) byManager.set(e.toLowerCase(), entry);
    entry.list.push(d);
  }
  for (const { email, list } of byManager.values()) mails.push(mail([email], list));
  return fitToQuota(mails, opts.remainingRecipients);
}
