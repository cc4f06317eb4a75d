/**
 * `npm run sandbox`: serves a generated account (generator/index, by --seed and --scenario) or a
 * recorded one (--data DIR) until Ctrl-C, printing the base URL and the long-lived token.
 */
import type { AccountData } from "./account-data";
import { type CliArgs, parseCliArgs, USAGE } from "./cli-args";
import { loadAccountData } from "./data-loader";
import { createSandbox, type SandboxOptions } from "./server";

interface GeneratorModule {
  generateAccount(opts: { seed: number; scenario: string }): { data: AccountData };
}

/** The generator is imported only when needed, so `--data` works even without it. */
async function generated(args: CliArgs): Promise<AccountData> {
  let mod: GeneratorModule;
  try {
    // A computed specifier: the CLI still type-checks and runs (with --data) while the generator is absent.
    const specifier = new URL("./generator/index.ts", import.meta.url).href;
    mod = (await import(specifier)) as GeneratorModule;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `the account generator (local/amo-sandbox/generator/index.ts) could not be loaded: ${message}\n` +
        "serve a recorded account with --data DIR instead",
    );
  }
  if (typeof mod.generateAccount !== "function") {
    throw new Error("local/amo-sandbox/generator/index.ts does not export generateAccount()");
  }
  return mod.generateAccount({ seed: args.seed, scenario: args.scenario }).data;
}

async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const data = args.dataDir !== undefined ? loadAccountData(args.dataDir) : await generated(args);
  const options: SandboxOptions = { data, port: args.port, faults: args.faults };
  if (args.token !== undefined) options.longLivedToken = args.token;
  const sandbox = await createSandbox(options);
  const source =
    args.dataDir !== undefined ? `data ${args.dataDir}` : `seed ${args.seed}, scenario ${args.scenario}`;
  console.log(`amoCRM sandbox (${source}) on ${sandbox.baseUrl}`);
  console.log(`subdomain:        ${sandbox.subdomain}`);
  console.log(`long-lived token: ${sandbox.longLivedToken}`);
  console.log("Ctrl-C to stop");
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`sandbox: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
