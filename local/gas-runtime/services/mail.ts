/**
 * MailApp: messages land in runtime.mail.outbox. Limits [doc]: 100 recipients per day (consumer),
 * 50 per message, 200 KB body; over the daily quota Apps Script throws "Service invoked too many
 * times for one day: email." [seen].
 */
import { type DailyCounter, dailyCounter, type RuntimeEnv } from "../env";
import { fail, MSG } from "../errors";
import { type ExtraMembers, type NoExtraMembers, str } from "../facade";
import { FAKE, meta } from "../realm";

type GMail = GoogleAppsScript.Mail.MailApp;
type Params = GoogleAppsScript.Mail.MailAdvancedParameters;
const MAIL = meta("mail", "MailApp");

export interface SentMail {
  to: string;
  cc?: string;
  bcc?: string;
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply?: boolean;
  attachments?: { name: string | null; contentType: string | null; size: number }[];
  at: number;
}

const EMAIL = /^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$/;

function addresses(list: string | undefined): string[] {
  return (list ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

export class FakeMailApp implements Pick<GMail, "getRemainingDailyQuota" | "sendEmail"> {
  readonly [FAKE] = MAIL;
  private readonly daily: DailyCounter;

  constructor(
    private readonly env: RuntimeEnv,
    private readonly outbox: SentMail[],
  ) {
    this.daily = dailyCounter(() => env.limits.emailRecipientsPerDay, "email");
  }

  getRemainingDailyQuota(): number {
    return this.daily.remaining(this.env.clock.now());
  }

  /** sendEmail(message) | (to, subject, body) | (to, subject, body, options) | (to, replyTo, subject, body). */
  sendEmail(a: unknown, b?: unknown, c?: unknown, d?: unknown): void {
    let m: Params;
    if (typeof a === "object" && a !== null) m = a as Params;
    else if (typeof d === "string") m = { to: str(a), replyTo: str(b), subject: str(c), body: d };
    else m = { ...((d as Params | undefined) ?? {}), to: str(a), subject: str(b), body: str(c) };

    const recipients = [...addresses(m.to), ...addresses(m.cc), ...addresses(m.bcc)];
    if (recipients.length === 0) fail(MSG.invalidEmail(str(m.to)));
    for (const r of recipients) if (!EMAIL.test(r.replace(/^.*<(.+)>$/, "$1"))) fail(MSG.invalidEmail(r));
    if (recipients.length > this.env.limits.emailRecipientsPerMessage) fail(MSG.tooManyRecipients);
    const size = Buffer.byteLength(str(m.body)) + Buffer.byteLength(str(m.htmlBody));
    if (size > this.env.limits.emailBodyBytes) fail(MSG.bodyTooLarge);
    this.daily.take(recipients.length, this.env.clock.now());
    this.env.quota.emailRecipients += recipients.length;

    const sent: SentMail = {
      to: str(m.to),
      subject: str(m.subject),
      body: str(m.body),
      at: this.env.clock.now(),
    };
    if (m.cc) sent.cc = m.cc;
    if (m.bcc) sent.bcc = m.bcc;
    if (m.htmlBody !== undefined) sent.htmlBody = m.htmlBody;
    if (m.name !== undefined) sent.name = m.name;
    if (m.replyTo !== undefined) sent.replyTo = m.replyTo;
    if (m.noReply !== undefined) sent.noReply = m.noReply;
    if (m.attachments) {
      sent.attachments = (m.attachments as unknown as GoogleAppsScript.Base.Blob[]).map((blob) => ({
        name: blob.getName(),
        contentType: blob.getContentType(),
        size: blob.getBytes().length,
      }));
    }
    this.outbox.push(sent);
  }
}

export type _FakeMailAppCheck = NoExtraMembers<ExtraMembers<FakeMailApp, GMail>>;
