/**
 * What `permgen generate` writes for the modules-three fixture (issue 12) passes each
 * language's strictest checker, as the golden outputs do: tsc strict, pyright strict, go vet
 * and gofmt, rustc -D warnings. The outputs are flat today (module-qualified names in the
 * global enums); the per-language grouping and the behaviour-table replay are the outputs
 * branch's golden case.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "../cli/run-cli.js";
import { createGoModule, describeWithGo, removeGoModule, runGoTool } from "../go/go-toolchain.js";
import { removeTempFiles } from "../helpers/tools.js";
import { describeWithPyright, runPyrightStrict, writeTempFiles } from "../python/python-tools.js";
import { compileRustLibrary, describeWithRustc } from "../rust/rust-toolchain.js";
import { compileFiles } from "../typescript/compile.js";
import { makeModulesRepo } from "./modules-repo.js";

let dir = "";

beforeAll(() => {
  ensureBuilt();
  dir = makeModulesRepo();
  const run = runCli(["generate"], dir);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
});

afterAll(() => {
  if (dir !== "") fs.rmSync(dir, { recursive: true, force: true });
});

function output(file: string): string {
  return fs.readFileSync(path.join(dir, "generated", file), "utf8");
}

describe("the modules-three outputs", () => {
  it("TypeScript passes tsc strict, and an undeclared pair of a module is a compile error", () => {
    const consumer = [
      'import { Action, Resource, requirePermission } from "./permissions.js";',
      "export const ok = requirePermission(Resource.LabResultsResult, Action.Sign);",
      "// @ts-expect-error billing.invoice has no sign",
      "export const bad = requirePermission(Resource.BillingInvoice, Action.Sign);",
      "",
    ].join("\n");
    expect(compileFiles({ "permissions.ts": output("ts/permissions.ts"), "consumer.ts": consumer })).toEqual([]);
  });
});

describeWithPyright("the modules-three Python output", () => {
  it("passes pyright strict with zero findings", () => {
    const tmp = writeTempFiles({ "permissions.py": output("python/permissions.py") });
    try {
      expect(runPyrightStrict(tmp, ["permissions.py"])).toEqual([]);
    } finally {
      removeTempFiles(tmp);
    }
  });
});

describeWithGo("the modules-three Go output", () => {
  it("is gofmt-clean and passes go vet", () => {
    const root = createGoModule({ "perm/permissions.go": output("go/perm/permissions.go") });
    try {
      const gofmt = runGoTool("gofmt", ["-l", "perm/permissions.go"], root);
      expect(gofmt.stdout).toBe("");
      const vet = runGoTool("go", ["vet", "./..."], root);
      expect(vet.stderr).toBe("");
      expect(vet.status).toBe(0);
    } finally {
      removeGoModule(root);
    }
  });
});

describeWithRustc("the modules-three Rust output", () => {
  it("compiles with rustc -D warnings", () => {
    const tmp = writeTempFiles({ "permissions.rs": output("rust/permissions.rs") });
    try {
      const result = compileRustLibrary(tmp, path.join(tmp, "permissions.rs"));
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
    } finally {
      removeTempFiles(tmp);
    }
  });
});
