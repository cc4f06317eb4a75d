/**
 * The amoCRM / Kommo account address a user types, checked and normalised: "mycompany",
 * "mycompany.amocrm.ru", "https://mycompany.kommo.com/leads/…" → "https://mycompany.amocrm.ru".
 * Only the hosts the manifest's urlFetchWhitelist allows are accepted, plus the local sandbox on
 * loopback (http://127.0.0.1:PORT), which real Apps Script would refuse anyway.
 */
const ACCOUNT_HOST = /^([a-z0-9][a-z0-9-]{0,62})\.(amocrm\.ru|amocrm\.com|kommo\.com)$/;
const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?\/?$/;

export type AccountUrlResult = { ok: true; baseUrl: string } | { ok: false; error: string };

export function normalizeAccountUrl(input: string): AccountUrlResult {
  const text = input.trim().toLowerCase();
  if (text === "") return { ok: false, error: "empty" };
  if (LOOPBACK.test(text)) return { ok: true, baseUrl: text.replace(/\/$/, "") };
  let host = text.replace(/^https?:\/\//, "").split(/[/?#]/)[0]!;
  if (/^[a-z0-9][a-z0-9-]*$/.test(host)) host = `${host}.amocrm.ru`;
  if (!ACCOUNT_HOST.test(host)) return { ok: false, error: "not_amocrm" };
  return { ok: true, baseUrl: `https://${host}` };
}
