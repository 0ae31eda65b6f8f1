/**
 * The error cases through the command line. Two kinds of `test/errors/<case>/`:
 *
 * - a schema case (`permissions.ts`): a repository generated from a valid schema gets the case's
 *   schema, and `permgen generate` must print exactly the case's `expected.txt` plus the count
 *   line on stderr, exit 2, and leave every file — the previous output and the lock included —
 *   byte for byte as it was;
 * - a repository case (`repo/`, for what a schema cannot break: the config, the output paths and
 *   files, the lock): `repo/` is copied into a fresh git repository, `case.json` (optional) may
 *   plant what git cannot carry (`{ "setup": [{ "mkdir": path } | { "fifo": path }] }`), commit
 *   what is there and then delete a path (`{ "commit": message }`, `{ "remove": path }`: how a
 *   case gives `permgen diff` a ref that differs from the working tree), and pick
 *   the arguments and exit code (`"args"`, default `["generate"]`; `"exit"`, default 2); the run
 *   must print exactly `expected.txt` plus the count line and change nothing at all — no file,
 *   folder, link or FIFO appears, disappears or changes.
 *
 * Every code in src/diagnostics/codes.ts must have a case named after it whose expected output
 * reports it, unless UNTESTABLE_CODES says why it cannot be triggered from outside.
 *
 * The cases run through `main()` in-process (the CLI's whole code path, one ts-morph load); a
 * few also run through the built binary, so the spawned path is covered too.
 * `PERMGEN_UPDATE_ERRORS=1 npx vitest run test/errors` rewrites the repository cases' expected
 * files; review the diff before committing.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { main } from "../../src/cli/main.js";
import { Codes } from "../../src/diagnostics/codes.js";
import { commitAll, ensureBuilt, makeRepo, runCli, snapshotTree } from "../cli/run-cli.js";
import { REFERENCE_SCHEMA } from "../helpers/reference-schema.js";

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const UPDATE = process.env["PERMGEN_UPDATE_ERRORS"] === "1";
const ALL_CASES = fs
  .readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const SCHEMA_CASES = ALL_CASES.filter((name) => fs.existsSync(path.join(ROOT, name, "permissions.ts")));
const REPO_CASES = ALL_CASES.filter((name) => fs.existsSync(path.join(ROOT, name, "repo")));
const CONFIG = {
  schema: "permissions.ts",
  targets: [
    { language: "typescript", out: "generated/permissions.ts" },
    { language: "python", out: "generated/permissions.py" },
  ],
};

/**
 * Codes no input from outside can produce, and why. Each is still raised by the code that
 * guards against it; a case replaces the entry as soon as one can be written.
 */
const UNTESTABLE_CODES: Readonly<Record<string, string>> = {};

const repos: string[] = [];

afterAll(() => {
  for (const dir of repos) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI in-process in `cwd` and collects what it printed. */
async function runMain(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    cwd,
    env: {},
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

/** A git repository generated from the reference schema, whose schema is then replaced. */
async function makeGeneratedRepo(schema: string): Promise<string> {
  const dir = makeRepo();
  repos.push(dir);
  fs.writeFileSync(path.join(dir, "permgen.config.json"), JSON.stringify(CONFIG, null, 2));
  fs.writeFileSync(path.join(dir, "permissions.ts"), REFERENCE_SCHEMA);
  const first = await runMain(["generate"], dir);
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  fs.writeFileSync(path.join(dir, "permissions.ts"), schema);
  return dir;
}

/** The case's expected diagnostics, as written in its `expected.txt`. */
function readExpected(caseName: string): string {
  return fs.readFileSync(path.join(ROOT, caseName, "expected.txt"), "utf8");
}

/** Diagnostics followed by the count line, as the CLI ends its error output. */
function withCount(lines: string): string {
  const count = lines.split("\n").filter((line) => line !== "").length;
  return `${lines}${count} ${count === 1 ? "error" : "errors"}\n`;
}

/** A repository case's `case.json`. */
interface RepoCase {
  readonly args?: readonly string[];
  readonly exit?: number;
  readonly setup?: readonly (
    | { readonly mkdir: string }
    | { readonly fifo: string }
    | { readonly commit: string }
    | { readonly remove: string }
  )[];
}

function readRepoCase(caseName: string): RepoCase {
  const file = path.join(ROOT, caseName, "case.json");
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as RepoCase) : {};
}

/** A fresh git repository holding the case's `repo/`, with its setup applied. */
function makeCaseRepo(caseName: string, spec: RepoCase): string {
  const dir = makeRepo();
  repos.push(dir);
  fs.cpSync(path.join(ROOT, caseName, "repo"), dir, { recursive: true });
  for (const step of spec.setup ?? []) {
    if ("mkdir" in step) fs.mkdirSync(path.join(dir, step.mkdir), { recursive: true });
    else if ("commit" in step) commitAll(dir, step.commit);
    else if ("remove" in step) fs.rmSync(path.join(dir, step.remove), { recursive: true });
    else expect(spawnSync("mkfifo", [path.join(dir, step.fifo)]).status).toBe(0);
  }
  return dir;
}

/**
 * Every entry under `dir` except .git: regular files with their content, and folders, links and
 * FIFOs by kind (a FIFO is never opened: reading it would block), so a created folder counts.
 */
function snapshotEntries(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      if (entry.name === ".git") continue;
      const file = path.join(current, entry.name);
      const rel = path.relative(dir, file).split(path.sep).join("/");
      if (entry.isSymbolicLink()) entries[rel] = `link -> ${fs.readlinkSync(file)}`;
      else if (entry.isDirectory()) {
        entries[`${rel}/`] = "folder";
        walk(file);
      } else if (entry.isFile()) entries[rel] = fs.readFileSync(file, "utf8");
      else entries[rel] = "special";
    }
  };
  walk(dir);
  return entries;
}

/** Runs a repository case in-process and checks its whole outcome. */
async function runRepoCase(caseName: string, run: (args: string[], dir: string) => Promise<unknown>): Promise<void> {
  const spec = readRepoCase(caseName);
  const dir = makeCaseRepo(caseName, spec);
  const before = snapshotEntries(dir);
  const result = (await run([...(spec.args ?? ["generate"])], dir)) as { code: number; stdout: string; stderr: string };
  if (UPDATE) {
    fs.writeFileSync(path.join(ROOT, caseName, "expected.txt"), result.stderr.replace(/^\d+ errors?\n$/m, ""));
  }
  const expected = readExpected(caseName);
  expect(expected, `${caseName}/expected.txt is empty`).not.toBe("");
  expect(result).toEqual({ code: spec.exit ?? 2, stdout: "", stderr: withCount(expected) });
  expect(snapshotEntries(dir)).toEqual(before);
}

describe("error cases through the CLI", () => {
  test.each(SCHEMA_CASES)("%s: exact stderr, exit 2, nothing written", async (caseName) => {
    const dir = await makeGeneratedRepo(fs.readFileSync(path.join(ROOT, caseName, "permissions.ts"), "utf8"));
    const before = snapshotTree(dir);
    expect(Object.keys(before)).toEqual([
      "generated/permissions.py",
      "generated/permissions.ts",
      "permgen.config.json",
      "permgen.lock.json",
      "permissions.ts",
    ]);
    const run = await runMain(["generate"], dir);
    expect(run).toEqual({ code: 2, stdout: "", stderr: withCount(readExpected(caseName)) });
    expect(snapshotTree(dir)).toEqual(before);
  });

  test.each(REPO_CASES)("%s: exact stderr, exit as the contract says, nothing written", async (caseName) => {
    await runRepoCase(caseName, runMain);
  });

  test("every case is a schema case or a repository case, not both and not neither", () => {
    const both = SCHEMA_CASES.filter((name) => REPO_CASES.includes(name));
    const neither = ALL_CASES.filter((name) => !SCHEMA_CASES.includes(name) && !REPO_CASES.includes(name));
    expect({ both, neither }).toEqual({ both: [], neither: [] });
  });

  test("every diagnostic code has a case named after it that reports it, or a reason it has none", () => {
    const missing = Object.values(Codes).flatMap((code) => {
      const reported = ALL_CASES.some(
        (name) => name.startsWith(`${code.toLowerCase()}-`) && readExpected(name).includes(` error ${code}: `),
      );
      if (reported && UNTESTABLE_CODES[code] !== undefined) return [`${code}: has a case and an exception`];
      return reported || UNTESTABLE_CODES[code] !== undefined ? [] : [`${code}: no case reports it`];
    });
    expect(missing).toEqual([]);
  });

  describe("through the built binary", () => {
    beforeAll(() => {
      ensureBuilt();
    });

    test("many-errors: exact stderr, exit 2, nothing written", async () => {
      const dir = await makeGeneratedRepo(fs.readFileSync(path.join(ROOT, "many-errors", "permissions.ts"), "utf8"));
      const before = snapshotTree(dir);
      const run = runCli(["generate"], dir);
      expect(run).toEqual({ code: 2, stdout: "", stderr: withCount(readExpected("many-errors")) });
      expect(snapshotTree(dir)).toEqual(before);
      expect(runCli(["check"], dir).code).toBe(2);
      expect(snapshotTree(dir)).toEqual(before);
    });

    // One case per stage that reads from disk: the config, the output paths, the lock.
    test.each(["pg0503-config-invalid", "pg0602-foreign-file", "pg0711-lock-not-regular"])(
      "%s: exact stderr, exit 2, nothing written",
      async (caseName) => {
        await runRepoCase(caseName, async (args, dir) => runCli(args, dir));
      },
    );
  });
});
