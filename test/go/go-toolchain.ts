/**
 * Runs the Go toolchain for the Go target's tests: offline, with its caches in a temp folder,
 * in throwaway modules (`go 1.19`, standard library only).
 *
 * A test that needs Go and finds it missing fails when `CI` is set and is skipped loudly
 * otherwise (see `describeWithGo`).
 */
import os from "node:os";
import path from "node:path";
import {
  describeWithTool,
  removeTempFiles,
  runCommand,
  writeTempFiles,
  type CommandResult,
} from "../helpers/tools.js";

export type { CommandResult } from "../helpers/tools.js";

const GO_STATE = path.join(os.tmpdir(), "permgen-go-tests");

/** The environment every go command runs with: offline, local toolchain, temp caches. */
export function buildGoEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOFLAGS: "-mod=mod",
    GOTOOLCHAIN: "local",
    GOPROXY: "off",
    GOCACHE: path.join(GO_STATE, "cache"),
    GOPATH: path.join(GO_STATE, "path"),
    CGO_ENABLED: "0",
  };
}

/** Tells whether `go` and `gofmt` run on this machine. */
export function hasGo(): boolean {
  const go = runCommand("go", ["version"], { env: buildGoEnv() });
  const gofmt = runCommand("gofmt", ["-l"], { input: "package x\n" });
  return go.status === 0 && gofmt.status === 0;
}

/**
 * Declares a describe block that needs Go: when Go is missing it fails under `CI` and is skipped
 * with a loud warning elsewhere.
 */
export function describeWithGo(title: string, body: () => void): void {
  describeWithTool(title, hasGo(), "go and gofmt (PATH; install golang-go)", body);
}

/** Runs `go <args>` (or gofmt when `tool` says so) in a folder. */
export function runGoTool(
  tool: "go" | "gofmt",
  args: readonly string[],
  cwd: string,
): CommandResult {
  return runCommand(tool, args, { cwd, env: buildGoEnv() });
}

/**
 * Creates a throwaway Go module (`go 1.19`) holding the given files (paths relative to the
 * module root) and returns its folder.
 */
export function createGoModule(files: Readonly<Record<string, string>>): string {
  const goMod = "module example.com/permgentest\n\ngo 1.19\n";
  return writeTempFiles("mod-", { "go.mod": goMod, ...files }, GO_STATE);
}

/** Removes a module made by `createGoModule`. */
export function removeGoModule(root: string): void {
  removeTempFiles(root);
}
