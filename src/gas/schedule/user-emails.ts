/**
 * The managers' e-mails (amoCRM user id → e-mail), for addressing alerts. amo_users keeps no
 * e-mail (src/sheets/tables.ts), so they are read from GET /api/v4/users and kept in the document
 * cache for CACHE_SECONDS — not in properties (a large team's list would pass the 9 KB a value),
 * not in a cell (personal data the sheet does not need). Listing users needs an administrator's
 * token [DOC amocrm-api.md §6]: without one the map is empty and only the sales heads are mailed.
 */
import type { AmoClient } from "../../amo/client";
import { AmoForbiddenError } from "../../amo/errors";

const CACHE_KEY = "alerts_user_emails";
/** 6 h is the cache's maximum [DOC]; an e-mail change reaches alerts within that. */
const CACHE_SECONDS = 21_600;
/** After a refusal (non-admin token), ask again an hour later at most. */
const REFUSED_SECONDS = 3_600;

/**
 * The document cache; if a trigger has no document context, the user's cache (the trigger runs as
 * its creator) — never the script cache, which an add-on shares with every document and user.
 * The key names the account, so a document reconnected to another account never reads old e-mails.
 */
export function userEmails(client: () => AmoClient, accountBaseUrl: string): Map<number, string> {
  const cache = CacheService.getDocumentCache() ?? CacheService.getUserCache();
  const key = `${CACHE_KEY}:${accountBaseUrl}`.slice(0, 250);
  const cached = cache.get(key);
  if (cached !== null) {
    try {
      return new Map(JSON.parse(cached) as [number, string][]);
    } catch {
      // fall through and read again
    }
  }
  let entries: [number, string][] = [];
  let seconds = CACHE_SECONDS;
  try {
    entries = client()
      .listUsers()
      .filter((u) => typeof u.email === "string" && u.email.trim() !== "")
      .map((u) => [u.id, String(u.email).trim()]);
  } catch (e) {
    // Not an administrator: remember for a while. Anything else (network, amoCRM down): this run
    // goes without, the next one asks again.
    if (!(e instanceof AmoForbiddenError)) return new Map();
    seconds = REFUSED_SECONDS;
  }
  const json = JSON.stringify(entries);
  // 100 KB a value [DOC]: a list larger than that (thousands of users) is simply not cached.
  if (json.length < 100_000) cache.put(key, json, seconds);
  return new Map(entries);
}
