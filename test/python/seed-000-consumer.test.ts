/**
 * Seed 000's adoption path end to end (issue 15): the seed's Rust crate
 * (`crates/aurora-schema/src/permission.rs`, test/fixtures/seed-000/permission.rs: `Resource` and
 * `Action` enums named by serde renames and `as_str`, plus the pairs array) is imported with
 * `permgen import`, a Python target with `fastapi: true` is generated at the seed's mirror path
 * `packages/backend/aurorasoc/core/permission_taxonomy.py`, and a FastAPI consumer written as the
 * seed says its consumers are (test/fixtures/seed-000/consumer/: `from
 * aurorasoc.core.permission_taxonomy import Resource, Action, require_permission`, routes guarded
 * with `Depends(require_permission(Resource.ALERT, Action.ACKNOWLEDGE))`, RESOURCE_ACTION_PAIRS
 * read as a frozenset) passes mypy --strict, pyright strict and its TestClient checks unchanged.
 * No `names` are needed: permgen's Python members are UPPER_SNAKE of the value, which is what the
 * seed writes (`Resource.ALERT`, `Action.ACKNOWLEDGE`). Driven through the built CLI in a temp
 * git repo.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ensureBuilt, makeRepo, runCli } from "../cli/run-cli.js";
import {
  describeWithMypy,
  runMypyStrict,
  runPyrightStrict,
  runPython,
} from "./python-tools.js";

const FIXTURE = fileURLToPath(new URL("../fixtures/seed-000/", import.meta.url));
const CRATE = "crates/aurora-schema/src/permission.rs";
const BACKEND = "packages/backend";

const CONFIG = {
  schema: "schema/permissions.ts",
  targets: [
    { language: "python", out: `${BACKEND}/aurorasoc/core/permission_taxonomy.py`, fastapi: true },
  ],
};

/** The consumer's files and the generated module, relative to packages/backend. */
const CHECKED_FILES = [
  "aurorasoc/__init__.py",
  "aurorasoc/core/__init__.py",
  "aurorasoc/api/__init__.py",
  "aurorasoc/api/alerts.py",
  "aurorasoc/core/pairs.py",
  "test_seed_000.py",
  "aurorasoc/core/permission_taxonomy.py",
];

describeWithMypy("seed 000 from its Rust crate: import, generate, its FastAPI consumers unchanged", () => {
  let dir = "";
  let backend = "";
  let mypyCache = "";
  beforeAll(() => {
    ensureBuilt();
    dir = makeRepo();
    backend = path.join(dir, BACKEND);
    mypyCache = mkdtempSync(path.join(os.tmpdir(), "permgen-mypy-seed-000-"));
    mkdirSync(path.join(dir, path.dirname(CRATE)), { recursive: true });
    cpSync(path.join(FIXTURE, "permission.rs"), path.join(dir, CRATE));
    cpSync(path.join(FIXTURE, "consumer"), dir, { recursive: true });
    const imported = runCli(["import", CRATE], dir);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    writeFileSync(path.join(dir, "permgen.config.json"), JSON.stringify(CONFIG, null, 2));
    const generated = runCli(["generate"], dir);
    expect(generated.stderr).toBe("");
    expect(generated.code).toBe(0);
  });

  afterAll(() => {
    if (mypyCache !== "") rmSync(mypyCache, { recursive: true, force: true });
  });

  test("the seed's CI drift check passes right after generate", () => {
    const check = runCli(["check"], dir);
    expect(check.stderr).toBe("");
    expect(check.code).toBe(0);
  });

  test("the TestClient checks pass: a granted request 200, an ungranted one 403", () => {
    const run = runPython(["test_seed_000.py"], backend);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("12 checks passed\n");
  });

  test("mypy --strict finds nothing in the consumers or the module", () => {
    expect(runMypyStrict(backend, CHECKED_FILES, mypyCache)).toEqual([]);
  });

  test("pyright strict finds nothing in the consumers or the module", () => {
    expect(runPyrightStrict(backend, CHECKED_FILES)).toEqual([]);
  });

  test("a pair the crate's array does not list (no cartesian product) is rejected by mypy", () => {
    writeFileSync(
      path.join(backend, "undeclared_route.py"),
      [
        "from aurorasoc.core.permission_taxonomy import Action, Resource, require_permission",
        "",
        "guard = require_permission(Resource.CASE, Action.ACKNOWLEDGE)",
        "",
      ].join("\n"),
    );
    const findings = runMypyStrict(backend, ["undeclared_route.py"], mypyCache);
    expect(findings.filter((f) => f.severity === "error").map((f) => [f.file, f.line, f.code])).toEqual([
      ["undeclared_route.py", 3, "call-overload"],
    ]);
  });
});
