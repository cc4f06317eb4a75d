/**
 * Where the add-on keeps things in Apps Script (architecture.md): secrets and the connection in
 * the user properties of the person who connected (never in cells, logs or error texts); the sync
 * state and the settings in document properties (they belong to the spreadsheet).
 */
import type { StoredTokens, TokenStore } from "../amo/ports";
import type { KeyValueStore } from "../sync/ports";

function store(props: GoogleAppsScript.Properties.Properties): KeyValueStore {
  return {
    get: (k) => props.getProperty(k),
    set: (k, v) => {
      props.setProperty(k, v);
    },
    delete: (k) => {
      props.deleteProperty(k);
    },
  };
}

export const documentStore = (): KeyValueStore => store(PropertiesService.getDocumentProperties());
export const userStore = (): KeyValueStore => store(PropertiesService.getUserProperties());

const TOKENS_KEY = "amo_oauth_tokens";

/** OAuth tokens as one JSON value in the user's properties (≈ 2 KB: two JWT-sized strings). */
export function userTokenStore(): TokenStore {
  const s = userStore();
  return {
    load: () => {
      const text = s.get(TOKENS_KEY);
      return text ? (JSON.parse(text) as StoredTokens) : null;
    },
    save: (t) => s.set(TOKENS_KEY, JSON.stringify(t)),
    clear: () => s.delete(TOKENS_KEY),
  };
}

export const SECRET_KEYS = {
  longLivedToken: "amo_long_lived_token",
  clientSecret: "amo_oauth_client_secret",
  tokens: TOKENS_KEY,
};
