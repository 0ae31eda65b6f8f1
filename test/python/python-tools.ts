/**
 * Runs the real Python tools for the Python target's tests: Debian's `/usr/bin/python3` (the
 * one that sees python3-fastapi and python3-httpx), pyright from node_modules and Debian's
 * mypy (run as `/usr/bin/python3 -m mypy`, so it sees the same packages), in throwaway folders.
 *
 * A test that needs a tool and finds it missing fails when `CI` is set and is skipped loudly
 * otherwise (see `describeWithPython`, `describeWithPyright`, `describeWithMypy`).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  describeWithTool,
  runCommand,
  writeTempFiles as writeTempTree,
  type CommandResult,
} from "../helpers/tools.js";

export { runCommand, type CommandResult } from "../helpers/tools.js";

/** The interpreter the tests run: Debian's, where python3-fastapi is installed. */
export const PYTHON = "/usr/bin/python3";

/** pyright as installed by `npm ci` (a devDependency). */
export const PYRIGHT = fileURLToPath(new URL("../../node_modules/.bin/pyright", import.meta.url));

/** Folder of the Python scripts the tests run. */
export const SCRIPTS = fileURLToPath(new URL("./scripts/", import.meta.url));

/** Runs `/usr/bin/python3` with `args` (isolated from the user's site and environment). */
export function runPython(args: readonly string[], cwd?: string): CommandResult {
  const env = {
    PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    LC_ALL: "C.UTF-8",
  };
  return runCommand(PYTHON, args, cwd === undefined ? { env } : { cwd, env });
}

/** Tells whether `/usr/bin/python3` is 3.11+ and imports fastapi and httpx. */
export function hasPythonWithFastApi(): boolean {
  const probe = runPython([
    "-c",
    "import sys, fastapi, httpx; from fastapi.testclient import TestClient; " +
      "sys.exit(0 if sys.version_info >= (3, 11) else 1)",
  ]);
  return probe.status === 0;
}

/** Tells whether pyright runs. */
export function hasPyright(): boolean {
  return runCommand(PYRIGHT, ["--version"]).status === 0;
}

/**
 * Declares a describe block that runs `/usr/bin/python3` with FastAPI: when it is missing the
 * block fails under `CI` and is skipped with a loud warning elsewhere.
 */
export function describeWithPython(title: string, body: () => void): void {
  describeWithTool(
    title,
    hasPythonWithFastApi(),
    "/usr/bin/python3 (3.11+) with python3-fastapi and python3-httpx",
    body,
  );
}

/**
 * Declares a describe block that runs pyright against `/usr/bin/python3`'s packages: when
 * either is missing the block fails under `CI` and is skipped with a loud warning elsewhere.
 */
export function describeWithPyright(title: string, body: () => void): void {
  describeWithTool(
    title,
    hasPyright() && hasPythonWithFastApi(),
    "pyright (node_modules/.bin) and /usr/bin/python3 with python3-fastapi",
    body,
  );
}

/** Tells whether mypy runs under `/usr/bin/python3` (Debian's python3-mypy, package mypy). */
export function hasMypy(): boolean {
  return runPython(["-m", "mypy", "--version"]).status === 0;
}

/**
 * Declares a describe block that runs mypy under `/usr/bin/python3` with its packages: when
 * either is missing the block fails under `CI` and is skipped with a loud warning elsewhere.
 */
export function describeWithMypy(title: string, body: () => void): void {
  describeWithTool(
    title,
    hasMypy() && hasPythonWithFastApi(),
    "mypy (Debian package mypy) and /usr/bin/python3 with python3-fastapi",
    body,
  );
}

/** Writes `files` (relative name → content) into a new temp folder and returns its path. */
export function writeTempFiles(files: Readonly<Record<string, string>>): string {
  return writeTempTree("permgen-python-", files);
}

/** One pyright finding, 1-based line. */
export interface PyrightFinding {
  readonly file: string;
  readonly line: number;
  readonly severity: string;
  readonly rule: string | undefined;
  readonly message: string;
}

/**
 * Runs pyright in strict mode for Python 3.11 on `files` in `dir` (a pyrightconfig.json with
 * `typeCheckingMode: "strict"` is written there), resolving imports with `/usr/bin/python3`'s
 * packages, and returns every finding.
 */
export function runPyrightStrict(dir: string, files: readonly string[]): PyrightFinding[] {
  writeFileSync(
    path.join(dir, "pyrightconfig.json"),
    `${JSON.stringify({ typeCheckingMode: "strict", pythonVersion: "3.11" })}\n`,
  );
  const result = runCommand(
    PYRIGHT,
    ["--pythonpath", PYTHON, "--pythonversion", "3.11", "--outputjson", ...files],
    { cwd: dir },
  );
  let parsed: { generalDiagnostics?: unknown };
  try {
    parsed = JSON.parse(result.stdout) as { generalDiagnostics?: unknown };
  } catch {
    throw new Error(`pyright did not print JSON (exit ${result.status}):\n${result.stderr}`);
  }
  const raw = (parsed.generalDiagnostics ?? []) as {
    file: string;
    severity: string;
    message: string;
    rule?: string;
    range: { start: { line: number } };
  }[];
  return raw.map((d) => ({
    file: path.basename(d.file),
    line: d.range.start.line + 1,
    severity: d.severity,
    rule: d.rule,
    message: d.message,
  }));
}

/** One mypy finding, 1-based line; `code` is the error code (`call-overload`, …), if any. */
export interface MypyFinding {
  readonly file: string;
  readonly line: number;
  readonly severity: string;
  readonly code: string | undefined;
  readonly message: string;
}

/** A line of mypy's default output: `file:line: severity: message  [code]`. */
const MYPY_LINE = /^(.+?):(\d+): (error|warning|note): (.*?)(?: {2}\[([a-z0-9-]+)\])?$/;

/**
 * Runs mypy in strict mode for Python 3.11 on `files` in `dir`, under `/usr/bin/python3` (so
 * imports resolve to its packages, fastapi included), and returns every finding. No config
 * file is read; the cache goes to `cacheDir` (share one across a test file's runs: without it
 * every run analyses fastapi, starlette and pydantic again) and is not written when it is
 * omitted. Throws when mypy crashes or fails without a finding it could parse.
 */
export function runMypyStrict(
  dir: string,
  files: readonly string[],
  cacheDir?: string,
): MypyFinding[] {
  const result = runPython(
    [
      "-m",
      "mypy",
      "--strict",
      "--python-version",
      "3.11",
      "--config-file",
      "",
      "--cache-dir",
      cacheDir ?? "/dev/null",
      "--show-error-codes",
      "--no-pretty",
      "--no-color-output",
      "--no-error-summary",
      ...files,
    ],
    dir,
  );
  const findings: MypyFinding[] = [];
  for (const line of result.stdout.split("\n")) {
    const match = MYPY_LINE.exec(line);
    if (match === null) continue;
    findings.push({
      file: path.basename(match[1] ?? ""),
      line: Number(match[2]),
      severity: match[3] ?? "",
      code: match[5],
      message: match[4] ?? "",
    });
  }
  // mypy exits 0 when clean, 1 when it reports errors, 2 on a crash or bad usage.
  const clean = result.status === 0;
  const failed = result.status === 1 && findings.some((f) => f.severity === "error");
  if (!clean && !failed) {
    throw new Error(`mypy failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return findings;
}
