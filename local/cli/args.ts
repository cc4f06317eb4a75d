/**
 * `npm start -- [options]`: what to sync and what to report. Parsed by hand (no dependency), with
 * an error that names the option for anything unknown or malformed.
 */
export interface StartOptions {
  /** A real account: subdomain (or host) and a long-lived token. */
  subdomain: string | null;
  token: string | null;
  /** Replay a recorded account (AccountData files) through the sandbox. */
  dataDir: string | null;
  seed: number;
  scenario: string;
  /** "Now" for snapshot metrics (ISO); default: the scenario's now, else the real time. */
  now: string | null;
  /** Period of the report (ISO dates or times); default: the 30 days before now. */
  from: string | null;
  to: string | null;
  json: string | null;
  xlsx: string;
  help: boolean;
}

export const USAGE = `Usage: npm start -- [options]

  (no options)            demo: a local amoCRM sandbox with the seeded 18-manager team
  --seed N                seed of the demo account (default 1)
  --scenario NAME         demo scenario: default | small
  --data DIR              replay a recorded account (JSON files, see README) through the sandbox
  --subdomain X --token T a real amoCRM / Kommo account and its long-lived token
  --now ISO               "now" for snapshot metrics (default: the demo's own now, else the clock)
  --from ISO --to ISO     the report's period (default: the 30 days before now)
  --json FILE             write every metric per manager and for the department as JSON
  --xlsx FILE             where to write the workbook (default out/kpi-board.xlsx)
  --help                  this text`;

export function parseStartArgs(argv: readonly string[]): StartOptions {
  const o: StartOptions = {
    subdomain: null,
    token: null,
    dataDir: null,
    seed: 1,
    scenario: "default",
    now: null,
    from: null,
    to: null,
    json: null,
    xlsx: "out/kpi-board.xlsx",
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === "--help" || flag === "-h") {
      o.help = true;
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) throw new Error(`${flag} needs a value`);
    i++;
    switch (flag) {
      case "--subdomain":
        o.subdomain = value;
        break;
      case "--token":
        o.token = value;
        break;
      case "--data":
        o.dataDir = value;
        break;
      case "--seed":
        if (!/^\d+$/.test(value)) throw new Error(`--seed must be a whole number, got "${value}"`);
        o.seed = Number(value);
        break;
      case "--scenario":
        o.scenario = value;
        break;
      case "--now":
      case "--from":
      case "--to":
        if (Number.isNaN(Date.parse(value)))
          throw new Error(`${flag} must be an ISO date or time, got "${value}"`);
        o[flag.slice(2) as "now" | "from" | "to"] = value;
        break;
      case "--json":
        o.json = value;
        break;
      case "--xlsx":
        o.xlsx = value;
        break;
      default:
        throw new Error(`unknown option ${flag}\n\n${USAGE}`);
    }
  }
  if ((o.subdomain === null) !== (o.token === null)) throw new Error("--subdomain and --token go together");
  if (o.subdomain !== null && o.dataDir !== null)
    throw new Error("--data and --subdomain exclude each other");
  return o;
}
