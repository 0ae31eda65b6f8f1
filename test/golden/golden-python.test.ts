// checklist: python checker
/**
 * Every golden Python output (`test/golden/<case>/expected/**\/*.py`) passes pyright in strict
 * mode (Python 3.11, `/usr/bin/python3`'s packages, so the FastAPI import resolves) with zero
 * findings: one pyright run over all of them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { removeTempFiles } from "../helpers/tools.js";
import { describeWithPyright, runPyrightStrict, writeTempFiles } from "../python/python-tools.js";
import {
  describeGoldenChecker,
  listExpectedFiles,
  listCasesFor,
  type GoldenFile,
} from "./golden-files.js";

const files = listExpectedFiles(".py");

/** A flat, unique module name per golden file, so one folder holds them all. */
function flatName(golden: GoldenFile): string {
  return `${golden.caseName.replace(/-/g, "_")}__${path.basename(golden.file)}`;
}

describeGoldenChecker("golden Python outputs", describeWithPyright, () => {
  it("every golden case has a Python output", () => {
    const withPython = new Set(files.map((f) => f.caseName));
    expect(listCasesFor("python").filter((c) => !withPython.has(c))).toEqual([]);
  });

  it("pass pyright strict with zero findings", () => {
    const byFlatName = new Map(files.map((f) => [flatName(f), f]));
    const dir = writeTempFiles(
      Object.fromEntries(files.map((f) => [flatName(f), readFileSync(f.file, "utf8")])),
    );
    try {
      const findings = runPyrightStrict(dir, [...byFlatName.keys()]).map((finding) => ({
        ...finding,
        file: byFlatName.get(finding.file)?.rel ?? finding.file,
      }));
      expect(findings).toEqual([]);
    } finally {
      removeTempFiles(dir);
    }
  });
});
