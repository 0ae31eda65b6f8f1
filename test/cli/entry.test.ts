/**
 * The quick dispatch of bin/permgen.js (src/cli/entry.ts): for every argument list it takes
 * itself, commander (main.ts) must run the same command with the same flags — and must not
 * reject it. Checked with the commands module mocked, so both sides' flags are compared.
 */
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { parseQuickInvocation } from "../../src/cli/entry.js";
import { main } from "../../src/cli/main.js";
import type { CliContext } from "../../src/cli/main.js";

const calls = vi.hoisted(() => ({ list: [] as { command: string; flags: unknown }[] }));

vi.mock("../../src/cli/commands.js", () => ({
  runCheck: vi.fn(async (flags: unknown) => {
    calls.list.push({ command: "check", flags: { ...(flags as object) } });
    return 0;
  }),
  runGenerate: vi.fn(async (flags: unknown) => {
    calls.list.push({ command: "generate", flags: { ...(flags as object) } });
    return 0;
  }),
  runValidate: vi.fn(async () => 0),
}));

const quiet: CliContext = { cwd: "/nowhere", env: {}, stdout: () => {}, stderr: () => {} };

/** What commander runs for `argv`: the command and flags, or undefined when it runs neither. */
async function viaCommander(argv: string[]): Promise<{ command: string; flags: unknown } | undefined> {
  calls.list.length = 0;
  await main(argv, quiet);
  return calls.list[0];
}

const TOKENS = [
  "check", "generate", "validate", "--config", "--config=x.json", "--config=", "x.json",
  "my config.json", "-", "--format", "--format=json", "--format=text", "json", "text", "xml",
  "--debug", "--no-cache", "--cache", "--force", "--watch", "--help", "-h", "--version", "-V",
  "--", "--debug=1", "--conf", "extra",
];

describe("parseQuickInvocation", () => {
  it("takes the common forms, with commander's flags", async () => {
    const cases: string[][] = [
      ["check"],
      ["generate"],
      ["check", "--config", "sub/permgen.config.json"],
      ["check", "--config=sub/permgen.config.json", "--format", "json"],
      ["check", "--no-cache", "--debug", "--format=text"],
      ["generate", "--force", "--config", "a b.json", "--no-cache"],
    ];
    for (const argv of cases) {
      const quick = parseQuickInvocation(argv);
      expect(quick, argv.join(" ")).toBeDefined();
      expect(await viaCommander(argv)).toEqual(quick);
    }
  });

  it("leaves everything else to commander", () => {
    for (const argv of [
      [], ["validate"], ["check", "--watch"], ["generate", "--watch"], ["check", "--force"],
      ["check", "--help"], ["check", "-h"], ["check", "--version"], ["check", "extra"],
      ["check", "--config"], ["check", "--config", "--debug"], ["check", "--config="],
      ["check", "--format", "xml"], ["check", "--debug", "--debug"], ["check", "--debug=1"],
      ["check", "--config", "a", "--config", "b"], ["generate", "--format", "json"], ["check", "--"],
    ]) {
      expect(parseQuickInvocation(argv), argv.join(" ")).toBeUndefined();
    }
  });

  it("agrees with commander on random argument lists", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("check", "generate"),
        fc.array(fc.constantFrom(...TOKENS), { maxLength: 5 }),
        async (command, rest) => {
        const argv = [command, ...rest];
        const quick = parseQuickInvocation(argv);
        if (quick === undefined) return;
        expect(await viaCommander(argv)).toEqual(quick);
      }),
      { numRuns: 600 },
    );
  });
});
