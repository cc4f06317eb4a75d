import { describe, expect, it } from "vitest";
import { parseCliArgs } from "../../local/amo-sandbox/cli-args";

describe("parseCliArgs", () => {
  it("has defaults", () => {
    expect(parseCliArgs([])).toEqual({ port: 0, seed: 1, scenario: "default", faults: {}, help: false });
  });

  it("reads every option in both --flag value and --flag=value forms", () => {
    expect(
      parseCliArgs([
        "--port",
        "8080",
        "--seed=7",
        "--scenario",
        "before-after",
        "--data=./rec",
        "--token",
        "T",
        "--faults",
        "5xx=0.1,seed=2",
      ]),
    ).toEqual({
      port: 8080,
      seed: 7,
      scenario: "before-after",
      dataDir: "./rec",
      token: "T",
      faults: { error5xxShare: 0.1, seed: 2 },
      help: false,
    });
    expect(parseCliArgs(["--help"]).help).toBe(true);
  });

  it.each([
    [["--port", "70000"], /--port must be an integer from 0 to 65535/],
    [["--port"], /--port needs a value/],
    [["--seed", "--port", "1"], /--seed needs a value/],
    [["--faults", "drop=5"], /drop must be a share/],
    [["--frobnicate"], /unknown argument "--frobnicate"/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
