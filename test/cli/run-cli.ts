/**
 * Helpers for end-to-end tests: build the CLI when dist/ is stale, make throw-away git
 * repositories from fixtures, run `node bin/permgen.js` in them, snapshot their files.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../..",
);
export const BIN = path.join(ROOT, "bin", "permgen.js");
export const FIXTURES = path.join(ROOT, "test", "cli", "fixtures");

/** What one CLI run printed and returned. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Builds src/ into dist/ with `npm run build` unless every dist/*.js is newer than its source,
 * then asserts the entry points exist, so tests always spawn the code under test.
 */
export function ensureBuilt(): void {
  if (isStale(path.join(ROOT, "src"))) {
    const result = spawnSync("npm", ["run", "build"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    if (result.status !== 0) {
      throw new Error(
        `npm run build failed:\n${result.stdout}\n${result.stderr}`,
      );
    }
  }
  for (const entry of ["dist/cli/main.js", "dist/index.js"]) {
    if (!fs.existsSync(path.join(ROOT, entry)))
      throw new Error(`${entry} missing after build`);
  }
}

function isStale(dir: string): boolean {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (isStale(file)) return true;
    } else if (entry.name.endsWith(".ts")) {
      const built = path
        .join(ROOT, "dist", path.relative(path.join(ROOT, "src"), file))
        .replace(/\.ts$/, ".js");
      if (
        !fs.existsSync(built) ||
        fs.statSync(built).mtimeMs < fs.statSync(file).mtimeMs
      )
        return true;
    }
  }
  return false;
}

/** Creates an empty git repository in a fresh temp folder and returns its path. */
export function makeRepo(): string {
  const dir = fs.realpathSync(
    fs.mkdtempSync(path.join(os.tmpdir(), "permgen-cli-")),
  );
  execFileSync("git", ["init", "-q"], { cwd: dir });
  return dir;
}

/**
 * Commits everything in the repository at `dir` (identity given here, so no global git config
 * is needed): generated migrations are then history, not "not committed yet" (CONTRACT §8).
 */
export function commitAll(dir: string, message = "permgen output"): void {
  execFileSync("git", ["add", "-A"], { cwd: dir });
  execFileSync(
    "git",
    ["-c", "user.name=permgen", "-c", "user.email=dev@permgen.local", "commit", "-q", "--no-gpg-sign", "-m", message],
    { cwd: dir },
  );
}

/** Copies a fixture folder (under test/cli/fixtures/) into `dir`. */
export function copyFixture(name: string, dir: string): void {
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
}

/** Runs the built CLI in `cwd`, outside GitHub Actions unless `env` says otherwise. */
export function runCli(
  args: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string>> = {},
  nodeArgs: readonly string[] = [],
): CliRun {
  const baseEnv = { ...process.env };
  delete baseEnv["GITHUB_ACTIONS"];
  const result = spawnSync(process.execPath, [...nodeArgs, BIN, ...args], {
    cwd,
    env: { ...baseEnv, ...env },
    encoding: "utf8",
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under `dir` (except .git) with its content, by `/`-separated relative path. */
export function snapshotTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string): void => {
    for (const entry of fs
      .readdirSync(current, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name === ".git" || entry.name === "node_modules") continue;
      const file = path.join(current, entry.name);
      if (entry.isDirectory()) walk(file);
      else
        files[path.relative(dir, file).split(path.sep).join("/")] =
          fs.readFileSync(file, "utf8");
    }
  };
  walk(dir);
  return files;
}

/** Replaces the run time in a summary line (`in 412 ms`) so output can be compared exactly. */
export function maskTiming(text: string): string {
  return text.replace(/ in \d+ ms$/m, " in N ms");
}
