// checklist: rust checker
/**
 * Every golden Rust output (`test/golden/<case>/expected/**\/*.rs`) compiles as a library crate
 * with `rustc --edition 2021 -D warnings --crate-type lib`: one rustc run per file.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  compileRustLibrary,
  describeWithRustc,
  removeRustFiles,
  writeRustFiles,
} from "../rust/rust-toolchain.js";
import { describeGoldenChecker, listCasesFor, listExpectedFiles } from "./golden-files.js";

const files = listExpectedFiles(".rs");

/** A flat, unique crate file name per golden file (crate names allow no `-`). */
function flatName(rel: string): string {
  return `${rel.replace(/\.rs$/, "").replace(/[^a-z0-9]/gi, "_")}.rs`;
}

describeGoldenChecker("golden Rust outputs", describeWithRustc, () => {
  let dir = "";

  beforeAll(() => {
    dir = writeRustFiles(
      Object.fromEntries(files.map((f) => [flatName(f.rel), readFileSync(f.file, "utf8")])),
    );
  });

  afterAll(() => {
    if (dir !== "") removeRustFiles(dir);
  });

  it("every golden case has a Rust output", () => {
    const withRust = new Set(files.map((f) => f.caseName));
    expect(listCasesFor("rust").filter((c) => !withRust.has(c))).toEqual([]);
  });

  it.each(files.map((f) => f.rel))("%s compiles with rustc -D warnings", (rel) => {
    const result = compileRustLibrary(dir, path.join(dir, flatName(rel)));
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
