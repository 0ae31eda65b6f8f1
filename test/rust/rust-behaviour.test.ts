/**
 * Replays the shared behaviour table (test/behaviour/table.json over test/behaviour/permissions.ts)
 * against the generated Rust, so the Rust target cannot disagree with the other languages. The
 * rows become Rust literals in a generated test (no JSON parser in the standard library): each
 * row's granted keys are parsed with `Permission::from_str` (unknown keys grant nothing), its
 * roles with `Role::from_str` and expanded with `Role::permissions`, its resource and action
 * with `from_str` (unknown ones are denied), then `require_permission` and `has_permission`
 * must both give the row's `allowed`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { renderRustFile } from "../../src/targets/rust/emit-rust.js";
import { modelFromSource } from "../helpers/model.js";
import {
  compileAndRunRustTests,
  describeWithRustc,
  removeRustFiles,
  writeRustFiles,
  type CommandResult,
} from "./rust-toolchain.js";

const TABLE = fileURLToPath(new URL("../behaviour/table.json", import.meta.url));
const SCHEMA = fileURLToPath(new URL("../behaviour/permissions.ts", import.meta.url));

/** One row of the table. */
interface Row {
  readonly granted: readonly string[] | null;
  readonly roles?: readonly string[];
  readonly resource: string;
  readonly action: string;
  readonly allowed: boolean;
}

/** A Rust string literal: JSON's escapes are Rust's for the characters the table uses. */
function lit(text: string): string {
  if (/[^\x20-\x7e]/.test(text)) throw new Error(`non-ASCII table value ${JSON.stringify(text)}`);
  return JSON.stringify(text);
}

/** A `Option<&[&str]>` literal. */
function optionalStrs(values: readonly string[] | null | undefined): string {
  return values === null || values === undefined
    ? "None"
    : `Some(&[${values.map(lit).join(", ")}])`;
}

/** Renders the replay test program with the rows as Rust literals. */
function renderBehaviourProgram(rows: readonly Row[]): string {
  const literals = rows.map(
    (r) =>
      `    Row { granted: ${optionalStrs(r.granted)}, roles: ${optionalStrs(r.roles)}, resource: ${lit(r.resource)}, action: ${lit(r.action)}, allowed: ${r.allowed} },`,
  );
  return `#![allow(deprecated)]

#[allow(dead_code)]
mod permissions;

use permissions::*;

struct Row {
    granted: Option<&'static [&'static str]>,
    roles: Option<&'static [&'static str]>,
    resource: &'static str,
    action: &'static str,
    allowed: bool,
}

const ROWS: &[Row] = &[
${literals.join("\n")}
];

fn answer(row: &Row) -> bool {
    let mut granted: Vec<Permission> = Vec::new();
    for key in row.granted.unwrap_or(&[]) {
        if let Ok(permission) = key.parse::<Permission>() {
            granted.push(permission);
        }
    }
    for name in row.roles.unwrap_or(&[]) {
        if let Ok(role) = name.parse::<Role>() {
            granted.extend_from_slice(role.permissions());
        }
    }
    let (Ok(resource), Ok(action)) = (row.resource.parse::<Resource>(), row.action.parse::<Action>()) else {
        return false;
    };
    let required = require_permission(&granted, resource, action).is_ok();
    assert_eq!(required, has_permission(granted.iter(), resource, action));
    required
}

#[test]
fn behaviour_table() {
    let mismatches: Vec<String> = ROWS
        .iter()
        .enumerate()
        .filter(|(_, row)| answer(row) != row.allowed)
        .map(|(i, row)| format!("row {i}: {} {} should be allowed={}", row.resource, row.action, row.allowed))
        .collect();
    assert!(mismatches.is_empty(), "{mismatches:#?}");
    println!("replayed {} rows", ROWS.len());
}
`;
}

describeWithRustc("the shared behaviour table against the Rust target", () => {
  let dir = "";
  let rows: readonly Row[] = [];
  let result: { compile: CommandResult; run: CommandResult | undefined };

  beforeAll(() => {
    rows = (JSON.parse(readFileSync(TABLE, "utf8")) as { rows: readonly Row[] }).rows;
    const model = modelFromSource(readFileSync(SCHEMA, "utf8"), {
      schemaPath: "test/behaviour/permissions.ts",
    });
    dir = writeRustFiles({
      "permissions.rs": renderRustFile(model),
      "replay.rs": renderBehaviourProgram(rows),
    });
    result = compileAndRunRustTests(dir, path.join(dir, "replay.rs"));
  });

  afterAll(() => {
    if (dir !== "") removeRustFiles(dir);
  });

  test("every row of the table gets the same verdict from require_permission and has_permission", () => {
    expect(rows.length).toBeGreaterThan(0);
    expect(result.compile.stderr).toBe("");
    expect(result.compile.status).toBe(0);
    expect(result.run?.stdout).toContain("test behaviour_table ... ok");
    expect(result.run?.status).toBe(0);
  });

  test("a wrong verdict in the table would be caught", () => {
    const flipped = rows.map((r, i) => (i === 0 ? { ...r, allowed: !r.allowed } : r));
    const flippedDir = writeRustFiles({
      "permissions.rs": readFileSync(path.join(dir, "permissions.rs"), "utf8"),
      "replay.rs": renderBehaviourProgram(flipped),
    });
    try {
      const run = compileAndRunRustTests(flippedDir, path.join(flippedDir, "replay.rs"));
      expect(run.compile.status).toBe(0);
      expect(run.run?.status).not.toBe(0);
      expect(run.run?.stdout).toContain("row 0: alert read should be allowed=false");
    } finally {
      removeRustFiles(flippedDir);
    }
  });
});
