/**
 * Test helper: what every test that runs a real tool (python3, pyright, go, rustc, sqlite3)
 * shares — running a command, finding a tool, writing throwaway files, and the rule for a tool
 * that is missing: the block fails when `CI` is set and is skipped with a loud warning otherwise.
 *
 * Each language keeps its own specifics (which binary, which environment, which flags) in its
 * own file: test/python/python-tools.ts, test/go/go-toolchain.ts, test/rust/rust-toolchain.ts,
 * test/sql/sql-engines.ts.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe } from "vitest";

/** The result of one command. */
export interface CommandResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of `runCommand`; `env` defaults to this process's environment. */
export interface RunOptions {
  readonly cwd?: string | undefined;
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly input?: string | undefined;
}

/**
 * Runs a command to completion, capturing its output as UTF-8. A command that cannot start
 * (not installed) gives a null status and the spawn error appended to stderr.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): CommandResult {
  const result = spawnSync(command, args, {
    encoding: "utf8",
    cwd: options.cwd,
    env: options.env ?? process.env,
    input: options.input,
    maxBuffer: 256 * 1024 * 1024,
  });
  return {
    status: result.status,
    stdout: result.stdout ?? "",
    stderr: (result.stderr ?? "") + (result.error ? String(result.error) : ""),
  };
}

/**
 * Finds a tool: the first candidate (a bare name looked up on PATH, or a path that exists) that
 * exits 0 when run with `probeArgs` (default `--version`); undefined when none does.
 */
export function findTool(
  candidates: readonly string[],
  probeArgs: readonly string[] = ["--version"],
): string | undefined {
  for (const candidate of candidates) {
    if (candidate.includes(path.sep) && !existsSync(candidate)) continue;
    if (runCommand(candidate, probeArgs).status === 0) return candidate;
  }
  return undefined;
}

/**
 * Declares a describe block that needs a tool. When `available` is false the block fails under
 * `CI` (saying that `missing` is required) and is skipped elsewhere with a loud warning, so a
 * local run never passes silently without it.
 */
export function describeWithTool(
  title: string,
  available: boolean,
  missing: string,
  body: () => void,
): void {
  if (available) {
    describe(title, body);
    return;
  }
  if (process.env["CI"]) {
    describe(title, () => {
      throw new Error(`${missing} is required for this test under CI but was not found`);
    });
    return;
  }
  console.warn(`\n!!! SKIPPED "${title}": ${missing} not found (it fails under CI) !!!\n`);
  describe.skip(title, body);
}

/**
 * Writes `files` (path relative to the folder → content; sub-folders are created) into a new
 * folder made with `mkdtemp` under `parent` (default the OS temp folder), named `prefix` plus a
 * random suffix, and returns its path.
 */
export function writeTempFiles(
  prefix: string,
  files: Readonly<Record<string, string>>,
  parent: string = os.tmpdir(),
): string {
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, prefix));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

/** Removes a folder made by `writeTempFiles`, whatever it holds by now. */
export function removeTempFiles(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
