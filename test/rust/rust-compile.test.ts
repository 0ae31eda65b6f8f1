/**
 * The generated Rust compiles with `rustc --edition 2021 -D warnings --crate-type lib` for
 * every test schema, is rustfmt-clean, works through `include!`, and behaves: a Rust test
 * program per schema (`rustc --test`) checks it against the model.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { renderRustFile } from "../../src/targets/rust/emit-rust.js";
import { modelFromSource } from "../helpers/model.js";
import { RUST_CASES } from "./rust-schemas.js";
import { renderIncludeCrate, renderRustTestProgram } from "./rust-test-program.js";
import {
  checkRustfmt,
  compileAndRunRustTests,
  compileRustLibrary,
  describeWithRustc,
  describeWithRustdoc,
  describeWithRustfmt,
  removeRustFiles,
  runRustDoctests,
  writeRustFiles,
  type CommandResult,
} from "./rust-toolchain.js";

/** Every case's generated file, its test program, the golden file and the include! crate. */
function buildFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const c of RUST_CASES) {
    const model = modelFromSource(c.source, c.lock === undefined ? {} : { lock: c.lock });
    files[`${c.name}.rs`] = renderRustFile(model);
    files[`${c.name}_test.rs`] = renderRustTestProgram(model, `${c.name}.rs`, c.retiredIds ?? []);
  }
  files["include_crate.rs"] = renderIncludeCrate("reference.rs");
  return files;
}

const GENERATED = RUST_CASES.map((c) => `${c.name}.rs`);

describeWithRustc("generated Rust under rustc", () => {
  let dir = "";
  const libraries = new Map<string, CommandResult>();
  const programs = new Map<string, { compile: CommandResult; run: CommandResult | undefined }>();

  beforeAll(() => {
    dir = writeRustFiles(buildFiles());
    for (const file of [...GENERATED, "include_crate.rs"]) {
      libraries.set(file, compileRustLibrary(dir, path.join(dir, file)));
    }
    for (const c of RUST_CASES) {
      programs.set(c.name, compileAndRunRustTests(dir, path.join(dir, `${c.name}_test.rs`)));
    }
  });

  afterAll(() => {
    if (dir !== "") removeRustFiles(dir);
  });

  test.each(GENERATED)("%s compiles as a library with -D warnings", (file) => {
    const result = libraries.get(file);
    expect(result?.stderr).toBe("");
    expect(result?.status).toBe(0);
  });

  test("the file compiles when include!d into a module that has its own imports", () => {
    const result = libraries.get("include_crate.rs");
    expect(result?.stderr).toBe("");
    expect(result?.status).toBe(0);
  });

  test.each(RUST_CASES.map((c) => c.name))(
    "the Rust test program passes for the %s schema",
    (name) => {
      const program = programs.get(name);
      expect(program?.compile.stderr).toBe("");
      expect(program?.compile.status).toBe(0);
      expect(program?.run?.stdout).toMatch(/test result: ok\. [1-9]\d* passed; 0 failed/);
      expect(program?.run?.status).toBe(0);
    },
  );
});

describeWithRustdoc("generated Rust under rustdoc --test (what cargo test runs)", () => {
  // A schema's code examples are not Rust: every fence opens as `text`, so no doctest runs.
  test.each(GENERATED)("%s has no doctest that fails", (file) => {
    const dir = writeRustFiles({ [file]: buildFiles()[file] ?? "" });
    try {
      const result = runRustDoctests(dir, path.join(dir, file));
      expect(result.stdout + result.stderr).not.toMatch(/FAILED|error/);
      expect(result.status).toBe(0);
    } finally {
      removeRustFiles(dir);
    }
  });
});

describeWithRustfmt("generated Rust under rustfmt", () => {
  let dir = "";
  let result: CommandResult;

  beforeAll(() => {
    const files = buildFiles();
    dir = writeRustFiles(Object.fromEntries(GENERATED.map((f) => [f, files[f] ?? ""])));
    result = checkRustfmt(dir, GENERATED);
  });

  afterAll(() => {
    if (dir !== "") removeRustFiles(dir);
  });

  test("every generated file is rustfmt-clean (rustfmt --check --edition 2021)", () => {
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});

describe("test programs", () => {
  test("expect the model's values, not the emitter's", () => {
    const model = modelFromSource(RUST_CASES[0]?.source ?? "");
    const program = renderRustTestProgram(model, "x.rs", []);
    expect(program).toContain(`const DIGEST: &str = "${model.digest}";`);
    expect(program).toContain('("soc.alert.read", "alert", "read", 0)');
  });
});
