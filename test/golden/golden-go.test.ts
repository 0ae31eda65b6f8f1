// checklist: go checker
/**
 * Every golden Go output (`test/golden/<case>/expected/**\/*.go`) is gofmt-clean and passes
 * go vet. The outputs all declare `package golden`, so each gets its own package folder in one
 * throwaway module (one gofmt run and one go vet run for all of them).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createGoModule, describeWithGo, removeGoModule, runGoTool } from "../go/go-toolchain.js";
import type { CommandResult } from "../helpers/tools.js";
import { describeGoldenChecker, listCasesFor, listExpectedFiles } from "./golden-files.js";

const files = listExpectedFiles(".go");

/** The golden file's path inside the module: one package folder per golden file. */
function modulePath(rel: string): string {
  return path.posix.join(rel.replace(/\.go$/, "").replace(/[^a-z0-9/]/gi, "_"), path.basename(rel));
}

describeGoldenChecker("golden Go outputs", describeWithGo, () => {
  let root = "";
  let gofmt: CommandResult;
  let vet: CommandResult;

  beforeAll(() => {
    root = createGoModule(
      Object.fromEntries(files.map((f) => [modulePath(f.rel), readFileSync(f.file, "utf8")])),
    );
    gofmt = runGoTool("gofmt", ["-l", ...files.map((f) => modulePath(f.rel))], root);
    vet = runGoTool("go", ["vet", "./..."], root);
  });

  afterAll(() => {
    if (root !== "") removeGoModule(root);
  });

  it("every golden case has a Go output", () => {
    const withGo = new Set(files.map((f) => f.caseName));
    expect(listCasesFor("go").filter((c) => !withGo.has(c))).toEqual([]);
  });

  it("are gofmt-clean", () => {
    expect(gofmt.stderr).toBe("");
    expect(gofmt.stdout).toBe("");
    expect(gofmt.status).toBe(0);
  });

  it("pass go vet", () => {
    expect(vet.stderr).toBe("");
    expect(vet.status).toBe(0);
  });
});
