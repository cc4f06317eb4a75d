/**
 * Arguments of `npm run sandbox -- [--port N] [--seed N] [--scenario NAME] [--data DIR] [--token T]
 * [--faults SPEC]`. Pure, so it is tested without starting anything.
 */
import { type FaultSpec, parseFaultSpec } from "./faults";

export interface CliArgs {
  port: number;
  seed: number;
  scenario: string;
  dataDir?: string;
  token?: string;
  faults: FaultSpec;
  help: boolean;
}

export const USAGE = `usage: npm run sandbox -- [options]
  --port N         listen on 127.0.0.1:N (default 0 = a free port)
  --seed N         seed of the generated account (default 1)
  --scenario NAME  scenario of the generated account (default "default")
  --data DIR       serve a recorded account (the files of ACCOUNT_FILES) instead of generating one
  --token T        use T as the long-lived token (default: a fresh one, printed)
  --faults SPEC    e.g. "5xx=0.05,latency=20-80,malformed=0.01,drop=0.01,seed=3"
  --help           this text`;

function integer(flag: string, value: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new Error(`${flag} must be an integer from ${min} to ${max}, got "${value}"`);
  }
  return Number(value);
}

/** Accepts `--flag value` and `--flag=value`; throws with a message fit for the terminal. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { port: 0, seed: 1, scenario: "default", faults: {}, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") {
      args.help = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq > 0 && arg.startsWith("--") ? arg.slice(0, eq) : arg;
    let value: string | undefined = eq > 0 && arg.startsWith("--") ? arg.slice(eq + 1) : undefined;
    const take = (): string => {
      if (value !== undefined) return value;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) throw new Error(`${flag} needs a value`);
      i++;
      value = next;
      return next;
    };
    switch (flag) {
      case "--port":
        args.port = integer(flag, take(), 0, 65535);
        break;
      case "--seed":
        args.seed = integer(flag, take(), -(2 ** 31), 2 ** 32 - 1);
        break;
      case "--scenario":
        args.scenario = take();
        break;
      case "--data":
        args.dataDir = take();
        break;
      case "--token":
        args.token = take();
        break;
      case "--faults":
        args.faults = parseFaultSpec(take());
        break;
      default:
        throw new Error(`unknown argument "${arg}"\n${USAGE}`);
    }
  }
  return args;
}
