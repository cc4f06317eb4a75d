/**
 * The one door from the add-on's source into the local tooling: the seeded account generator and
 * the sandbox's API routes (local/amo-sandbox), re-exported for "try with demo data".
 *
 * Why import from local/ at all: the demo must be the same team the sandbox serves and the tests
 * check against (same seed → same JSON), and both modules are pure TypeScript by design (es2022 +
 * Intl, no Node API; the generator's header says so, and `npx tsc -p tsconfig.json` compiles them
 * under the Apps Script types only). Importing them here puts ~100 KB of minified code into
 * build/Code.js (docs/sidebar.md has the measurement); nothing else of local/ may be imported
 * under src/, and nothing runs at load time (the bundle test proves it for the whole bundle).
 */

export type { AccountData } from "../../local/amo-sandbox/account-data";
export { generateAccount, SCENARIOS } from "../../local/amo-sandbox/generator/index";
export { PageCursors } from "../../local/amo-sandbox/page-cursors";
export { parseQuery } from "../../local/amo-sandbox/query";
export type { RequestContext } from "../../local/amo-sandbox/routes/context";
export { apiRoutes } from "../../local/amo-sandbox/routes/index";
export { AccountStore } from "../../local/amo-sandbox/store";
