/**
 * Session: the user and their locale, and the script's time zone (the manifest's timeZone).
 * getActiveUserLocale() returns a language code such as "ru" or "en" [doc].
 */
import { createHash } from "node:crypto";
import type { RuntimeEnv } from "../env";
import { type ExtraMembers, gas, type NoExtraMembers } from "../facade";
import { FAKE, meta } from "../realm";
import { FakeUser } from "../spreadsheet/spreadsheet";

type GSession = GoogleAppsScript.Base.Session;
const SESSION = meta("session", "Session");

export class FakeSession
  implements
    Pick<
      GSession,
      | "getActiveUser"
      | "getActiveUserLocale"
      | "getEffectiveUser"
      | "getScriptTimeZone"
      | "getTemporaryActiveUserKey"
    >
{
  readonly [FAKE] = SESSION;
  constructor(private readonly env: RuntimeEnv) {}
  getActiveUser(): GoogleAppsScript.Base.User {
    return gas(new FakeUser(this.env.userEmail));
  }
  getEffectiveUser(): GoogleAppsScript.Base.User {
    return gas(new FakeUser(this.env.userEmail));
  }
  getActiveUserLocale(): string {
    return this.env.userLocale;
  }
  getScriptTimeZone(): string {
    return this.env.scriptTimeZone;
  }
  getTemporaryActiveUserKey(): string {
    return createHash("sha256").update(this.env.userEmail).digest("base64url").slice(0, 43);
  }
}

export type _FakeSessionCheck = NoExtraMembers<ExtraMembers<FakeSession, GSession>>;
