/**
 * Runs the Rust toolchain for the Rust target's tests: `rustc` and `rustfmt` from PATH, or from
 * `$HOME/.cargo/bin` where rustup installs them (CI images often do not put it on PATH), in
 * throwaway folders.
 *
 * A test that needs rustc and finds it missing fails when `CI` is set and is skipped loudly
 * otherwise (see `describeWithRustc`). rustfmt is optional: `describeWithRustfmt` skips loudly
 * without it, and also fails under `CI`.
 */
import os from "node:os";
import path from "node:path";
import {
  describeWithTool,
  findTool,
  removeTempFiles,
  runCommand as runAnyCommand,
  writeTempFiles,
  type CommandResult,
} from "../helpers/tools.js";

export type { CommandResult } from "../helpers/tools.js";

/** Runs a command with backtraces off and a UTF-8 locale, as every Rust tool here runs. */
function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string } = {},
): CommandResult {
  const env = { ...process.env, LC_ALL: "C.UTF-8", RUST_BACKTRACE: "0" };
  return runAnyCommand(command, args, { cwd: options.cwd, env });
}

/**
 * Finds a Rust tool: the name itself when it runs from PATH, else `$HOME/.cargo/bin/<name>`
 * when that runs; undefined when neither does.
 */
function findRustTool(name: "rustc" | "rustfmt" | "rustdoc"): string | undefined {
  return findTool([name, path.join(process.env["HOME"] ?? os.homedir(), ".cargo", "bin", name)]);
}

/** The rustc to run, or undefined. */
export const RUSTC = findRustTool("rustc");
/** The rustfmt to run, or undefined. */
export const RUSTFMT = findRustTool("rustfmt");
/** The rustdoc to run (what `cargo test` runs doctests with), or undefined. */
export const RUSTDOC = findRustTool("rustdoc");

/**
 * Declares a describe block that needs rustc: when it is missing (neither on PATH nor in
 * `$HOME/.cargo/bin`) the block fails under `CI` and is skipped with a loud warning elsewhere.
 */
export function describeWithRustc(title: string, body: () => void): void {
  describeWithTool(title, RUSTC !== undefined, "rustc (PATH or $HOME/.cargo/bin)", body);
}

/** Like `describeWithRustc`, for rustfmt. */
export function describeWithRustfmt(title: string, body: () => void): void {
  describeWithTool(title, RUSTFMT !== undefined, "rustfmt (PATH or $HOME/.cargo/bin)", body);
}

/** Like `describeWithRustc`, for rustdoc. */
export function describeWithRustdoc(title: string, body: () => void): void {
  describeWithTool(title, RUSTDOC !== undefined, "rustdoc (PATH or $HOME/.cargo/bin)", body);
}

/** Runs `file`'s doctests as `cargo test` would: `rustdoc --test`, edition 2021, a library crate. */
export function runRustDoctests(dir: string, file: string): CommandResult {
  if (RUSTDOC === undefined) throw new Error("rustdoc not found");
  return runCommand(RUSTDOC, ["--edition", "2021", "--crate-type", "lib", "--test", file], { cwd: dir });
}

/** Runs rustc with `args` in `cwd`. */
export function runRustc(args: readonly string[], cwd: string): CommandResult {
  if (RUSTC === undefined) throw new Error("rustc not found");
  return runCommand(RUSTC, args, { cwd });
}

/**
 * Compiles `file` (in `dir`) as a library crate, edition 2021, every warning an error, and
 * returns the result. The output goes to a temp file in `dir`.
 */
export function compileRustLibrary(dir: string, file: string): CommandResult {
  return runRustc(
    [
      "--edition",
      "2021",
      "-D",
      "warnings",
      "--crate-type",
      "lib",
      "--emit",
      "metadata",
      "-o",
      path.join(dir, `${path.basename(file, ".rs")}.rmeta`),
      file,
    ],
    dir,
  );
}

/**
 * Compiles `file` as a test harness (`rustc --test`, edition 2021, `-D warnings`) and runs it;
 * returns the compile result, and the run result when it compiled.
 */
export function compileAndRunRustTests(
  dir: string,
  file: string,
): { compile: CommandResult; run: CommandResult | undefined } {
  const binary = path.join(dir, `${path.basename(file, ".rs")}-tests`);
  const compile = runRustc(
    ["--edition", "2021", "-D", "warnings", "--test", "-o", binary, file],
    dir,
  );
  if (compile.status !== 0) return { compile, run: undefined };
  return {
    compile,
    run: runCommand(binary, ["--test-threads", "1"], { cwd: dir }),
  };
}

/** Runs `rustfmt --check --edition 2021` on files in `dir` (no rustfmt.toml applies there). */
export function checkRustfmt(dir: string, files: readonly string[]): CommandResult {
  if (RUSTFMT === undefined) throw new Error("rustfmt not found");
  return runCommand(RUSTFMT, ["--check", "--edition", "2021", ...files], {
    cwd: dir,
  });
}

/** Writes `files` (relative name → content) into a new temp folder and returns its path. */
export function writeRustFiles(files: Readonly<Record<string, string>>): string {
  return writeTempFiles("permgen-rust-", files);
}

/** Removes a folder made by `writeRustFiles`. */
export function removeRustFiles(dir: string): void {
  removeTempFiles(dir);
}
