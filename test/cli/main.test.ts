/**
 * main() in-process: the top-level catch (exit 3) with the pipeline mocked to fail, since no
 * honest input makes the real pipeline throw; and the exit codes of commander's own paths.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import type { CliContext } from "../../src/cli/main.js";

const failure = vi.hoisted(() => ({ error: new Error("boom") as unknown }));

vi.mock("../../src/index.js", () => ({
  generate: vi.fn(async () => {
    throw failure.error;
  }),
  check: vi.fn(async () => {
    throw failure.error;
  }),
  validate: vi.fn(async () => {
    throw failure.error;
  }),
}));

interface Captured extends CliContext {
  readonly out: string[];
  readonly err: string[];
}

function capture(): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd: "/nowhere",
    env: {},
    out,
    err,
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
  };
}

describe("the top-level catch", () => {
  beforeEach(() => {
    failure.error = new Error("boom");
  });

  it("maps a pipeline throw to exit 3 with a report request and no stack", async () => {
    const context = capture();
    expect(await main(["generate"], context)).toBe(3);
    expect(context.err.join("")).toBe(
      "permgen: internal error: boom\nplease report this at https://github.com/permgen/permgen/issues\n",
    );
    expect(context.out.join("")).toBe("");
  });

  it("prints the stack under --debug", async () => {
    const error = new Error("kaput");
    error.stack = "Error: kaput\n    at somewhere (file.ts:1:1)";
    failure.error = error;
    const context = capture();
    expect(await main(["check", "--debug"], context)).toBe(3);
    expect(context.err.join("")).toBe(
      "permgen: internal error: kaput\n" +
        "please report this at https://github.com/permgen/permgen/issues\n" +
        "Error: kaput\n    at somewhere (file.ts:1:1)\n",
    );
  });

  it("reports a thrown non-Error value too", async () => {
    failure.error = "not an error";
    const context = capture();
    expect(await main(["validate", "--format", "json"], context)).toBe(3);
    expect(context.err.join("")).toBe(
      "permgen: internal error: not an error\nplease report this at https://github.com/permgen/permgen/issues\n",
    );
  });
});

describe("commander's own paths", () => {
  it("exits 2 on an unknown flag, naming it", async () => {
    const context = capture();
    expect(await main(["check", "--bogus"], context)).toBe(2);
    expect(context.err.join("")).toBe(
      "error: unknown option '--bogus'\n(run `permgen --help` for usage)\n",
    );
  });

  it("exits 2 on an unknown command and on a bad --format", async () => {
    const context = capture();
    expect(await main(["frobnicate"], context)).toBe(2);
    expect(await main(["validate", "--format", "xml"], context)).toBe(2);
    expect(context.err.join("")).toBe(
      "error: unknown command 'frobnicate'\n(run `permgen --help` for usage)\n" +
        "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json.\n" +
        "(run `permgen --help` for usage)\n",
    );
  });

  it("prints help on stdout and exits 0 with no arguments, as with --help", async () => {
    const bare = capture();
    const help = capture();
    expect(await main([], bare)).toBe(0);
    expect(await main(["--help"], help)).toBe(0);
    expect(bare.out.join("")).toBe(help.out.join(""));
    expect(bare.out.join("")).toMatch(
      /^Usage: permgen \[options\] \[command\]\n/,
    );
    expect(bare.err.join("")).toBe("");
  });
});
