/**
 * The error cases through the command line: for every `test/errors/<case>/`, a repository that
 * was generated from a valid schema gets the case's schema, and `permgen generate` must print
 * exactly the case's expected diagnostics plus the count line on stderr, exit 2, and leave every
 * file — the previous output and the lock included — byte for byte as it was.
 *
 * The cases run through `main()` in-process (the CLI's whole code path, one ts-morph load);
 * one also runs through the built binary, so the spawned path is covered too.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { main } from "../../src/cli/main.js";
import { ensureBuilt, makeRepo, runCli, snapshotTree } from "../cli/run-cli.js";
import { REFERENCE_SCHEMA } from "../helpers/reference-schema.js";

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const CASES = fs
  .readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const CONFIG = {
  schema: "permissions.ts",
  targets: [
    { language: "typescript", out: "generated/permissions.ts" },
    { language: "python", out: "generated/permissions.py" },
  ],
};
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

/** The case's expected stderr: its diagnostics, then the count line. */
function expectedStderr(caseName: string): string {
  const lines = fs.readFileSync(path.join(ROOT, caseName, "expected.txt"), "utf8");
  const count = lines.split("\n").filter((line) => line !== "").length;
  return `${lines}${count} ${count === 1 ? "error" : "errors"}\n`;
}

describe("error cases through the CLI", () => {
  test.each(CASES)("%s: exact stderr, exit 2, nothing written", async (caseName) => {
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
    expect(run).toEqual({ code: 2, stdout: "", stderr: expectedStderr(caseName) });
    expect(snapshotTree(dir)).toEqual(before);
  });

  test("a hand-broken lock (a reused id) is a positioned error: exit 2, nothing written, never repaired", async () => {
    const dir = await makeGeneratedRepo(REFERENCE_SCHEMA);
    const lockFile = path.join(dir, "permgen.lock.json");
    const lock = fs.readFileSync(lockFile, "utf8");
    // Give the second key the first key's id.
    const [[, firstId], [secondKey, secondId]] = Object.entries(
      (JSON.parse(lock) as { permissions: Record<string, number> }).permissions,
    ) as [[string, number], [string, number]];
    const broken = lock.replace(`"${secondKey}": ${secondId}`, `"${secondKey}": ${firstId}`);
    expect(broken).not.toBe(lock);
    fs.writeFileSync(lockFile, broken);
    const before = snapshotTree(dir);
    const run = await runMain(["generate"], dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^permgen\.lock\.json:\d+:\d+: error PG0703: .*\n1 error\n$/);
    expect(snapshotTree(dir)).toEqual(before);
  });

  describe("through the built binary", () => {
    beforeAll(() => {
      ensureBuilt();
    });

    test("many-errors: exact stderr, exit 2, nothing written", async () => {
      const dir = await makeGeneratedRepo(fs.readFileSync(path.join(ROOT, "many-errors", "permissions.ts"), "utf8"));
      const before = snapshotTree(dir);
      const run = runCli(["generate"], dir);
      expect(run).toEqual({ code: 2, stdout: "", stderr: expectedStderr("many-errors") });
      expect(snapshotTree(dir)).toEqual(before);
      expect(runCli(["check"], dir).code).toBe(2);
      expect(snapshotTree(dir)).toEqual(before);
    });
  });
});
