/**
 * Seed 001 without a shim: generate the matrix module from the seed's vocabulary
 * (test/fixtures/seed-001/permissions.ts) with a `names` map that gives permgen's symbols the
 * seed's own names (`Role` → `GroupName`, `ROLE_PERMISSIONS` → `GROUP_PERMISSIONS`,
 * `ALL_ROLES` → `DEFAULT_GROUPS`), at the seed's path `mimic/rbac/matrix.py`, and run the
 * seed's consumer code (test/fixtures/seed-001/consumer/, unchanged) under mypy --strict,
 * pyright strict and its behaviour checks. Driven through the built CLI in a temp git repo.
 */
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, expect, test } from "vitest";
import { ensureBuilt, makeRepo, runCli } from "../cli/run-cli.js";
import {
  describeWithMypy,
  runMypyStrict,
  runPyrightStrict,
  runPython,
} from "./python-tools.js";

const FIXTURE = fileURLToPath(new URL("../fixtures/seed-001/", import.meta.url));

const CONFIG = {
  schema: "schema/permissions.ts",
  targets: [
    {
      language: "python",
      out: "mimic/rbac/matrix.py",
      names: {
        Role: "GroupName",
        ROLE_PERMISSIONS: "GROUP_PERMISSIONS",
        ALL_ROLES: "DEFAULT_GROUPS",
      },
    },
  ],
};

const CONSUMER_FILES = [
  "mimic/__init__.py",
  "mimic/rbac/__init__.py",
  "mimic/rbac/delta_202605230001.py",
  "mimic/rbac/seeding.py",
  "test_matrix.py",
];

describeWithMypy("seed 001's consumers against the generated matrix", () => {
  let dir = "";
  beforeAll(() => {
    ensureBuilt();
    dir = makeRepo();
    mkdirSync(path.join(dir, "schema"));
    cpSync(path.join(FIXTURE, "permissions.ts"), path.join(dir, "schema", "permissions.ts"));
    cpSync(path.join(FIXTURE, "consumer"), dir, { recursive: true });
    writeFileSync(path.join(dir, "permgen.config.json"), JSON.stringify(CONFIG, null, 2));
    const result = runCli(["generate"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  test("the behaviour checks pass", () => {
    const run = runPython(["test_matrix.py"], dir);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("7 checks passed\n");
  });

  test("without names the same consumers fail: permgen's defaults are not the seed's names", () => {
    const plain = makeRepo();
    mkdirSync(path.join(plain, "schema"));
    cpSync(path.join(FIXTURE, "permissions.ts"), path.join(plain, "schema", "permissions.ts"));
    cpSync(path.join(FIXTURE, "consumer"), plain, { recursive: true });
    const config = { ...CONFIG, targets: [{ language: "python", out: "mimic/rbac/matrix.py" }] };
    writeFileSync(path.join(plain, "permgen.config.json"), JSON.stringify(config));
    expect(runCli(["generate"], plain).code).toBe(0);
    const run = runPython(["test_matrix.py"], plain);
    expect(run.stderr).toContain("ImportError: cannot import name 'GroupName'");
  });

  test("mypy --strict finds nothing in the consumers or the module", () => {
    const findings = runMypyStrict(dir, [...CONSUMER_FILES, "mimic/rbac/matrix.py"]);
    expect(findings).toEqual([]);
  });

  test("pyright strict finds nothing in the consumers or the module", () => {
    const findings = runPyrightStrict(dir, [...CONSUMER_FILES, "mimic/rbac/matrix.py"]);
    expect(findings).toEqual([]);
  });
});

/**
 * The whole adoption path of seed 001, as its team would take it: `permgen import` on the seed's
 * own hand-written matrix.py (no schema typed by anyone), then `generate --force` replacing that
 * very file with the generated module under the seed's names; the consumers, unchanged, still
 * pass their behaviour checks and mypy --strict.
 */
describeWithMypy("seed 001 from its own matrix.py: import, then generate over it", () => {
  let dir = "";
  beforeAll(() => {
    ensureBuilt();
    dir = makeRepo();
    cpSync(path.join(FIXTURE, "consumer"), dir, { recursive: true });
    cpSync(path.join(FIXTURE, "matrix.py"), path.join(dir, "mimic", "rbac", "matrix.py"));
    const imported = runCli(["import", "mimic/rbac/matrix.py"], dir);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    writeFileSync(path.join(dir, "permgen.config.json"), JSON.stringify(CONFIG, null, 2));
    // The hand-written matrix.py has no permgen header: only --force replaces it.
    expect(runCli(["generate"], dir).code).toBe(2);
    const result = runCli(["generate", "--force"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  test("the behaviour checks pass on the module generated from the imported schema", () => {
    const run = runPython(["test_matrix.py"], dir);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("7 checks passed\n");
  });

  test("mypy --strict finds nothing in the consumers or the module", () => {
    const findings = runMypyStrict(dir, [...CONSUMER_FILES, "mimic/rbac/matrix.py"]);
    expect(findings).toEqual([]);
  });
});
