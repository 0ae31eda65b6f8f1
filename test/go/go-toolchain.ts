/**
 * Runs the Go toolchain for the Go target's tests: offline, with its caches in a temp folder,
 * in throwaway modules (`go 1.19`, standard library only).
 *
 * A test that needs Go and finds it missing fails when `CI` is set and is skipped loudly
 * otherwise (see `describeWithGo`).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe } from "vitest";

const GO_STATE = path.join(os.tmpdir(), "permgen-go-tests");

/** The environment every go command runs with: offline, local toolchain, temp caches. */
function buildGoEnv(): NodeJS.ProcessEnv {
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
  const go = spawnSync("go", ["version"], { encoding: "utf8", env: buildGoEnv() });
  const gofmt = spawnSync("gofmt", ["-l"], { encoding: "utf8", input: "package x\n" });
  return go.status === 0 && gofmt.status === 0;
}

/**
 * Declares a describe block that needs Go: when Go is missing it fails under `CI` and is skipped
 * with a warning elsewhere.
 */
export function describeWithGo(title: string, body: () => void): void {
  if (hasGo()) {
    describe(title, body);
    return;
  }
  if (process.env["CI"]) {
    describe(title, () => {
      throw new Error(
        "go and gofmt are required for this test under CI but were not found on PATH",
      );
    });
    return;
  }
  console.warn(
    `SKIPPED "${title}": go/gofmt not found on PATH (install golang-go; fails under CI)`,
  );
  describe.skip(title, body);
}

/** The result of one command. */
export interface CommandResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `go <args>` (or gofmt when `tool` says so) in a folder. */
export function runGoTool(
  tool: "go" | "gofmt",
  args: readonly string[],
  cwd: string,
): CommandResult {
  const r = spawnSync(tool, args, {
    cwd,
    encoding: "utf8",
    env: buildGoEnv(),
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Creates a throwaway Go module (`go 1.19`) holding the given files (paths relative to the
 * module root) and returns its folder.
 */
export function createGoModule(files: Readonly<Record<string, string>>): string {
  mkdirSync(GO_STATE, { recursive: true });
  const root = mkdtempSync(path.join(GO_STATE, "mod-"));
  writeFileSync(path.join(root, "go.mod"), "module example.com/permgentest\n\ngo 1.19\n");
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}

/** Removes a module made by `createGoModule`. */
export function removeGoModule(root: string): void {
  rmSync(root, { recursive: true, force: true });
}
