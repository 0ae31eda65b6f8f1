// checklist: rust replay
/**
 * The behaviour table replayed against the generated Rust. The rows become Rust literals in a
 * generated program (no JSON parser in the standard library): each row's granted keys are parsed
 * with `Permission::from_str` (unknown keys grant nothing), its roles with `Role::from_str` and
 * expanded with `Role::permissions`, its resource and action with `from_str` (unknown ones are
 * denied); it prints `row <i> <true|false>` from `require_permission` and panics when
 * `has_permission` disagrees.
 */
import path from "node:path";
import { renderRustFile } from "../../src/targets/rust/emit-rust.js";
import { parseRowAnswers, TABLE_ROWS, TABLE_SCHEMA, type Replay, type Row } from "../behaviour/table.js";
import { modelFromSource } from "../helpers/model.js";
import { runCommand } from "../helpers/tools.js";
import { describeWithRustc, removeRustFiles, runRustc, writeRustFiles } from "./rust-toolchain.js";

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

/**
 * Renders the replay test program with the rows as Rust literals (a `permissions.rs` beside it);
 * also used by test/modules/modules-behaviour.test.ts on the modules golden.
 */
export function renderBehaviourProgram(rows: readonly Row[]): string {
  const literals = rows.map(
    (r) =>
      `    Row { granted: ${optionalStrs(r.granted)}, roles: ${optionalStrs(r.roles)}, resource: ${lit(r.resource)}, action: ${lit(r.action)} },`,
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

fn main() {
    for (i, row) in ROWS.iter().enumerate() {
        println!("row {i} {}", answer(row));
    }
}
`;
}

export const rustReplay: Replay = {
  language: "rust",
  engine: "rustc",
  describeWith: describeWithRustc,
  async run() {
    const model = modelFromSource(TABLE_SCHEMA, { schemaPath: "test/behaviour/permissions.ts" });
    const dir = writeRustFiles({
      "permissions.rs": renderRustFile(model),
      "replay.rs": renderBehaviourProgram(TABLE_ROWS),
    });
    try {
      const binary = path.join(dir, "replay");
      const compile = runRustc(
        ["--edition", "2021", "-D", "warnings", "-o", binary, path.join(dir, "replay.rs")],
        dir,
      );
      if (compile.status !== 0) throw new Error(`rustc failed:\n${compile.stderr}`);
      const run = runCommand(binary, [], { cwd: dir });
      if (run.status !== 0 || run.stderr !== "") {
        throw new Error(`the replay failed (${run.status}):\n${run.stderr}`);
      }
      return { language: "rust", engine: "rustc", answers: parseRowAnswers(run.stdout) };
    } finally {
      removeRustFiles(dir);
    }
  },
};
